"""Publication dates: ISO 8601, RFC 822 and Polish numeric forms, at their own precision."""
from __future__ import annotations

import pytest

from kronika.ingest.dates import parse_date


@pytest.mark.parametrize(
    "value, expected",
    [
        ("2025", ("2025", "year")),
        ("2023-08", ("2023-08", "month")),
        ("2025-12-04", ("2025-12-04", "day")),
        ("2025-12-04T19:56:00+01:00", ("2025-12-04", "day")),
        ("2025-12-04T23:30:00-05:00", ("2025-12-04", "day")),  # calendar day as written, not UTC
        ("2025-12-04T23:30:00.000Z", ("2025-12-04", "day")),
        ("2025-12-04 07:05", ("2025-12-04", "day")),
        ("20251204", ("2025-12-04", "day")),
        ("20251204T195600Z", ("2025-12-04", "day")),
        ("Thu, 04 Dec 2025 19:56:00 +0100", ("2025-12-04", "day")),
        ("Thu, 04 Dec 2025 23:56:00 -0800", ("2025-12-04", "day")),
        ("4 Dec 2025 08:00 GMT", ("2025-12-04", "day")),
        ("04.12.2025", ("2025-12-04", "day")),
        ("4.12.2025, 19:56", ("2025-12-04", "day")),
    ],
)
def test_accepted_forms(value, expected):
    d = parse_date(value)
    assert (d.value, d.precision) == expected


@pytest.mark.parametrize(
    "value", ["", "wczoraj", "2025-13", "2025-02-30", "31.02.2025", "2025-12T10:00", "Thu, 32 Dec 2025", 20251204, None]
)
def test_rejected(value):
    with pytest.raises(ValueError):
        parse_date(value)
