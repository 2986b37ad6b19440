"""Date values of any precision as day intervals (kronika.store.dates)."""
from __future__ import annotations

from datetime import date

import pytest

from kronika.store import InvalidQuery
from kronika.store.dates import event_interval, filter_bound, interval


@pytest.mark.parametrize("value, precision, expected", [
    ("2023", "year", (date(2023, 1, 1), date(2023, 12, 31))),
    ("2023-08", "month", (date(2023, 8, 1), date(2023, 8, 31))),
    ("2024-02", "month", (date(2024, 2, 1), date(2024, 2, 29))),
    ("2023-08-15", "day", (date(2023, 8, 15), date(2023, 8, 15))),
    ("2023-W33", "week", (date(2023, 8, 14), date(2023, 8, 20))),
    ("2023-08-16", "week", (date(2023, 8, 14), date(2023, 8, 20))),  # the ISO week holding that day
])
def test_interval(value, precision, expected):
    assert interval(value, precision) == expected


@pytest.mark.parametrize("value", [None, "", "XXXX-08-15", "PAST_REF", "2023-13", "2023-02-30", "P3D", "2023-W60"])
def test_values_without_an_interval(value):
    assert interval(value) is None


def test_event_interval_spans_to_the_end_of_enddate():
    assert event_interval("2023-05", "2023-06", "month") == (date(2023, 5, 1), date(2023, 6, 30))
    assert event_interval("2023-12-04", "2023-12-05", "day") == (date(2023, 12, 4), date(2023, 12, 5))
    assert event_interval("2023-06", "2023-05", "month") == (date(2023, 6, 1), date(2023, 6, 30))  # backwards: ignored
    assert event_interval(None, "2023-05", "unknown") == (None, None)


def test_filter_bound():
    assert filter_bound("2023-08", "since") == (date(2023, 8, 1), date(2023, 8, 31))
    assert filter_bound(" 2023 ", "until") == (date(2023, 1, 1), date(2023, 12, 31))
    with pytest.raises(InvalidQuery, match="since"):
        filter_bound("2023-W33", "since")
    with pytest.raises(InvalidQuery, match="until"):
        filter_bound("2023-02-29", "until")
