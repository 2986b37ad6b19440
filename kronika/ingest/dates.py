"""Publication dates from the forms inputs carry them in, at the precision they carry.

Accepted (`parse_date`):
- ISO 8601: `2025`, `2025-12`, `2025-12-04`, `2025-12-04T19:56:00+01:00`, `2025-12-04 19:56`,
  `2025-12-04T18:56:00.000Z`, and the basic form `20251204` / `20251204T195600Z`;
- RFC 822 / RFC 2822 (RSS): `Thu, 04 Dec 2025 19:56:00 +0100`, `4 Dec 2025 19:56 GMT`;
- the Polish numeric form `04.12.2025` (optionally followed by a time).

A timestamp with a time keeps the calendar day written in it: `2025-12-04T23:30:00-05:00` is 4 December,
not converted to UTC (the day the outlet's readers saw).
"""
from __future__ import annotations

import datetime as _dt
import re
from email.utils import parsedate_tz

from kronika.ingest.document import DocDate

_TIME = r"(?:[T ]\d{2}(?::?\d{2}(?::?\d{2}(?:[.,]\d+)?)?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?)?)?"
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?" + _TIME, re.ASCII)
_ISO_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})" + _TIME, re.ASCII)
_PL_NUMERIC = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})(?:,?\s+(?:godz\.\s*)?\d{1,2}:\d{2}(?::\d{2})?)?", re.ASCII)
_MONTH_ABBR = "jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec"
_RFC822 = re.compile(
    rf"(?:[a-z]{{3}},\s*)?\d{{1,2}}\s+(?:{_MONTH_ABBR})[a-z]*\s+\d{{2,4}}(?:\s+\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?(?:\s+\S+)?",
    re.IGNORECASE | re.ASCII,
)


def _day(y: int, m: int, d: int, original: str) -> DocDate:
    try:
        _dt.date(y, m, d)
    except ValueError as exc:
        raise ValueError(f"not a valid date: {original!r} ({exc})") from None
    return DocDate(f"{y:04d}-{m:02d}-{d:02d}", "day")


def parse_date(value: object) -> DocDate:
    """The DocDate that `value` states, at its own precision.

    Raises ValueError, with the offending value in the message, for anything not in the forms above
    (including impossible dates such as 2025-02-30).
    """
    if not isinstance(value, str):
        raise ValueError(f"not a date string: {value!r}")
    s = value.strip()
    if not s:
        raise ValueError("empty date")
    m = _ISO.fullmatch(s)
    if m:
        y, mo, d = m.groups()
        if d:
            return _day(int(y), int(mo), int(d), s)
        if mo:
            if not 1 <= int(mo) <= 12:
                raise ValueError(f"not a valid month: {s!r}")
            if len(s) > 7:  # a time after a month-only date is not ISO 8601
                raise ValueError(f"not a recognised date: {s!r}")
            return DocDate(f"{y}-{mo}", "month")
        if len(s) > 4:
            raise ValueError(f"not a recognised date: {s!r}")
        return DocDate(y, "year")
    m = _ISO_BASIC.fullmatch(s)
    if m:
        return _day(int(m.group(1)), int(m.group(2)), int(m.group(3)), s)
    m = _PL_NUMERIC.fullmatch(s)
    if m:
        return _day(int(m.group(3)), int(m.group(2)), int(m.group(1)), s)
    if _RFC822.fullmatch(s):
        parsed = parsedate_tz(s)
        if parsed is not None:
            y, mo, d = parsed[0], parsed[1], parsed[2]
            if y < 100:  # RFC 822 two-digit years (RFC 2822 §4.3)
                y += 2000 if y < 50 else 1900
            return _day(y, mo, d, s)
    raise ValueError(f"not a recognised date: {s!r}")
