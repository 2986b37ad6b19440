"""Partial dates (YYYY, YYYY-MM, YYYY-MM-DD) as closed day intervals, for terms of office and queries."""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


@dataclass(frozen=True)
class PartialDate:
    """A date known to day, month or year precision.

    `first` and `last` are the first and last calendar day the value can denote
    ("2024-05" → 2024-05-01 … 2024-05-31; "2024" → 2024-01-01 … 2024-12-31).
    """

    value: str
    precision: str  # day | month | year
    first: dt.date
    last: dt.date

    def __str__(self) -> str:
        return self.value


def parse_partial_date(value: object) -> PartialDate:
    """Parse YYYY, YYYY-MM or YYYY-MM-DD (a str, int year, or datetime.date).

    Raises ValueError for anything else, including impossible days ("2023-02-30").
    YAML may hand over a `datetime.date` for an unquoted day value: it is accepted.
    """
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return PartialDate(value.isoformat(), "day", value, value)
    if isinstance(value, int) and not isinstance(value, bool):
        value = f"{value:04d}"
    if not isinstance(value, str):
        raise ValueError(f"not a date: {value!r}")
    m = _DATE_RE.match(value.strip())
    if not m:
        raise ValueError(f"not a YYYY, YYYY-MM or YYYY-MM-DD date: {value!r}")
    year = int(m.group(1))
    if m.group(3):
        day = dt.date(year, int(m.group(2)), int(m.group(3)))  # raises on impossible dates
        return PartialDate(value.strip(), "day", day, day)
    if m.group(2):
        month = int(m.group(2))
        if not 1 <= month <= 12:
            raise ValueError(f"month out of range: {value!r}")
        last_day = calendar.monthrange(year, month)[1]
        return PartialDate(value.strip(), "month", dt.date(year, month, 1), dt.date(year, month, last_day))
    return PartialDate(value.strip(), "year", dt.date(year, 1, 1), dt.date(year, 12, 31))
