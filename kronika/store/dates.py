"""Dates of different precision as intervals of days, for storing and filtering events.

An event dated `2023-08` (precision month) happened some time in August 2023: its interval is
2023-08-01 … 2023-08-31. Date filters compare intervals: an event is on or after `since` when its interval
reaches the first day of `since`'s interval, and on or before `until` when it starts no later than the last
day of `until`'s interval. So the August event is kept by `since=2023-08-15` and by `until=2023-08-02`:
it may have happened then (the interval overlaps the range).
"""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from kronika.store.errors import InvalidQuery

_YMD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_WEEK = re.compile(r"(\d{4})-W(\d{2})")


def interval(value: str | None, precision: str | None = None) -> tuple[date, date] | None:
    """First and last day covered by a date value, or None when it is missing or not a calendar date.

    Accepts `YYYY`, `YYYY-MM`, `YYYY-MM-DD` and ISO weeks `YYYY-Www`. A day value with precision `week`
    stands for the ISO week (Monday to Sunday) that contains it. TIMEX3 values with unknown parts
    (`XXXX-08-15`) and vague ones (`PAST_REF`) have no interval.
    """
    if not value or not isinstance(value, str):
        return None
    try:
        m = _WEEK.fullmatch(value)
        if m:
            monday = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        m = _YMD.fullmatch(value)
        if not m:
            return None
        year, month, day = m.groups()
        y = int(year)
        if day:
            d = date(y, int(month), int(day))
            if precision == "week":
                monday = d - timedelta(days=d.weekday())
                return monday, monday + timedelta(days=6)
            return d, d
        if month:
            mo = int(month)
            return date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1])
        return date(y, 1, 1), date(y, 12, 31)
    except ValueError:
        return None


def event_interval(value: str | None, enddate: str | None, precision: str | None) -> tuple[date | None, date | None]:
    """(date_from, date_to) of an event: from the start of `date` to the end of `enddate` (or of `date`)."""
    start = interval(value, precision)
    if start is None:
        return None, None
    end = interval(enddate, precision) if enddate else None
    if end is None or end[1] < start[0]:
        return start
    return start[0], end[1]


def filter_bound(value: str, name: str) -> tuple[date, date]:
    """The interval of a `since`/`until` argument (YYYY, YYYY-MM or YYYY-MM-DD); InvalidQuery otherwise."""
    if not isinstance(value, str) or not _YMD.fullmatch(value.strip()):
        raise InvalidQuery(f"{name}: expected YYYY, YYYY-MM or YYYY-MM-DD, got {value!r}")
    bounds = interval(value.strip())
    if bounds is None:
        raise InvalidQuery(f"{name}: not a calendar date: {value!r}")
    return bounds
