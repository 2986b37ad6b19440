"""Resolution: placeholders → TIMEX3 values, against the document date (a DocDate) and the text's anchors.

Never more precise than the evidence: with a month-only document date, "wczoraj" and a bare weekday resolve to
that month, unless an anchor (an anniversary that pins a day in that month, of the same weekday) fixes the day.
Placeholders (written by the rules):

    UNDEF-this-UNIT[-PLUS-n|-MINUS-n][-MM[-DD]|-SEASON]   UNIT day|week|month|year|decade|century (n may be X)
    UNDEF-year-MM[-DD] | UNDEF-year-SEASON | UNDEF-year-WXX  the document's year, shifted by the tense (WXX: a week)
    UNDEF-weekday-N-past|future|unknown|before|after       ISO weekday N (before/after: never the day itself)
    UNDEF-weekend-past|future|unknown|before|after         the weekend (YYYY-Www-WE) of that Saturday
    UNDEF-season-SEASON-past|future
    UNDEF-ref-UNIT[-PLUS-n|-MINUS-n] | UNDEF-ref-any       the last date mentioned before (else the document's)
    UNDEF-ref-sameday                                      the last day mentioned ("tego dnia"), else a day of the year
    UNDEF-year-MM-H1|H2                                    a half of a month ("w pierwszej połowie maja")
    UNDEF-yearspan-Y1-Y2|YY  UNDEF-decade-D  UNDEF-cdecade-C-D  UNDEF-century-C[-H1|-H2]
any of them may end in a T-part (T17:46, TMO …) that is kept when the day is known.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

PAST_REF, PRESENT_REF, FUTURE_REF = "PAST_REF", "PRESENT_REF", "FUTURE_REF"
SEASON_ORDER = {"WI": 0, "SP": 1, "SU": 2, "FA": 3}
SEASON_OF_MONTH = {12: "WI", 1: "WI", 2: "WI", 3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU",
                   9: "FA", 10: "FA", 11: "FA"}

_T_PART = re.compile(r"T(\d\d:\d\d|XX:XX|MO|MI|AF|EV|NI)$")
_SHIFT = r"(?:-(PLUS|MINUS)-(\d+(?:\.\d+)?|X))?"


@dataclass
class Context:
    """What a placeholder resolves against: the document date, the pinned days, the last date mentioned."""

    doc_value: str | None = None
    doc_precision: str = "unknown"
    anchors: list[dt.date] = field(default_factory=list)
    last_value: str | None = None  # the last resolved DATE/TIME value before the expression
    story_year: int | None = None  # the last year written out in the text before the expression ("w 2005 r.")
    # the days the text writes out ("12 września"), each with its offset and paragraph, and where the expression
    # being resolved is (offset, paragraph): with a month-only document date they fix the week of a weekday
    reference_days: list[tuple[int, int, dt.date]] = field(default_factory=list)
    here: tuple[int, int] | None = None

    @property
    def year(self) -> int | None:
        return int(self.doc_value[:4]) if self.doc_value else None

    @property
    def month(self) -> int | None:
        return int(self.doc_value[5:7]) if self.doc_value and self.doc_precision in ("month", "day") else None

    @property
    def day(self) -> dt.date | None:
        return dt.date.fromisoformat(self.doc_value) if self.doc_precision == "day" else None


def normalize_duration(value: str) -> str:
    """'P3TH' → 'PT3H', 'PXTM' → 'PTXM', 'P0.5Y' unchanged: TIMEX3 writes clock units after T."""
    m = re.fullmatch(r"P([\dX.]+)T([HMS])", value)
    if m:
        return f"PT{m.group(1)}{m.group(2)}"
    m = re.fullmatch(r"P(\d+)\.0([A-Z]+)", value)
    if m:
        return f"P{m.group(1)}{m.group(2)}"
    return value


def _shift_n(sign: str | None, n: str | None) -> float | None:
    if sign is None:
        return 0
    if n == "X":
        return None
    v = float(n)
    return v if sign == "PLUS" else -v


def _add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + delta
    return k // 12, k % 12 + 1


def _iso_week(d: dt.date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def _vague(shift: float | None, sign: str | None) -> str:
    return PAST_REF if sign == "MINUS" else FUTURE_REF if sign == "PLUS" else PRESENT_REF


def _this(unit: str, sign: str | None, n: str | None, tail: str | None, ctx: Context) -> str:
    shift = _shift_n(sign, n)
    if shift is None:
        return _vague(shift, sign)
    k = int(shift)
    day, year, month = ctx.day, ctx.year, ctx.month
    if unit == "day":
        if day is not None:
            return (day + dt.timedelta(days=k)).isoformat()
        if month is not None and k == 0:
            return f"{year:04d}-{month:02d}"
        return PRESENT_REF if k == 0 else PAST_REF if k < 0 else FUTURE_REF
    if unit == "week":
        if day is not None:
            return _iso_week(day + dt.timedelta(weeks=k))
        return PRESENT_REF if k == 0 else PAST_REF if k < 0 else FUTURE_REF
    if unit == "month":
        if month is not None:
            y, m = _add_months(year, month, k)
            return f"{y:04d}-{m:02d}"
        return PRESENT_REF if k == 0 else PAST_REF if k < 0 else FUTURE_REF
    if unit in ("year", "decade", "century"):
        if year is None:
            if tail and k == 0:
                return "XXXX-" + tail
            return PRESENT_REF if k == 0 else PAST_REF if k < 0 else FUTURE_REF
        if unit == "decade":
            return f"{(year // 10 + k):03d}"
        if unit == "century":
            return f"{(year // 100 + k):02d}"
        y = year + k
        return f"{y:04d}-{tail}" if tail else f"{y:04d}"
    if unit in ("hour", "minute", "second"):
        return PRESENT_REF if k == 0 else PAST_REF if k < 0 else FUTURE_REF
    return PRESENT_REF


def _year_for_month(month: int, tense: str, ctx: Context) -> int | None:
    """The year of a month named without one: the last year written out in the text before it (the story's
    year, when it is not the document's), else the document's year, a year back for a past month after the
    document's month, a year on for a future month before it."""
    year, doc_month = ctx.year, ctx.month
    if ctx.story_year is not None and ctx.story_year != year:
        return ctx.story_year
    if year is None:
        return None
    if doc_month is not None:
        if tense == "past" and month > doc_month:
            return year - 1
        if tense == "future" and month < doc_month:
            return year + 1
    return year


WEEK_REACH = 3  # a weekday is the one within this many days of the reference day


def _reference_day(ctx: Context) -> dt.date | None:
    """The day the text writes out that a weekday of a month-only dated text is read against (the reference time
    of HeidelTime's narratives): the nearest in the expression's paragraph, else the last one before it."""
    if ctx.here is None or not ctx.reference_days:
        return None
    offset, paragraph = ctx.here
    same = [r for r in ctx.reference_days if r[1] == paragraph]
    if same:
        return min(same, key=lambda r: abs(r[0] - offset))[2]
    before = [r for r in ctx.reference_days if r[0] < offset]
    return max(before, key=lambda r: r[0])[2] if before else None


def _week_of(n: int, ctx: Context) -> dt.date | None:
    """ISO weekday n within WEEK_REACH days of the reference day ("przyjął w środę … granicę przekroczył
    12 września, dzień przed spotkaniem": Wednesday the 13th), if it falls in the document's month."""
    ref = _reference_day(ctx)
    if ref is None:
        return None
    for k in range(-WEEK_REACH, WEEK_REACH + 1):
        day = ref + dt.timedelta(days=k)
        if day.isoweekday() == n:
            return day if (day.year, day.month) == (ctx.year, ctx.month) else None
    return None


def _weekday(n: int, direction: str, ctx: Context) -> str:
    day = ctx.day
    if day is None:
        # a pinned day of that weekday in the document's month fixes it; else the month is all we know
        if ctx.month is not None:
            pinned = sorted({a for a in ctx.anchors if a.year == ctx.year and a.month == ctx.month
                             and a.isoweekday() == n})
            if len(pinned) == 1:
                return pinned[0].isoformat()
            near = _week_of(n, ctx)
            if near is not None:
                return near.isoformat()
            return f"{ctx.year:04d}-{ctx.month:02d}"
        if ctx.year is not None:
            return f"{ctx.year:04d}"
        return f"XXXX-WXX-{n}"
    diff = n - day.isoweekday()
    if direction == "past":
        delta = diff if diff <= 0 else diff - 7
    elif direction == "future":
        delta = diff if diff >= 0 else diff + 7
    elif direction == "before":  # "w ubiegły wtorek" written on a Tuesday: a week ago
        delta = diff if diff < 0 else diff - 7
    elif direction == "after":  # "w przyszły wtorek" written on a Tuesday: in a week
        delta = diff if diff > 0 else diff + 7
    else:
        delta = min((diff, diff - 7, diff + 7), key=lambda d: (abs(d), d > 0))
    return (day + dt.timedelta(days=delta)).isoformat()


def _ref(unit: str, sign: str | None, n: str | None, ctx: Context) -> str:
    """Relative to the last date mentioned (a day-precise one for a day shift), else to the document date."""
    shift = _shift_n(sign, n)
    last = ctx.last_value
    if unit == "sameday":
        # "tego (samego) dnia" points back to a day named before; with none named, it is some day of the story
        # (not the document's own day, which is "dziś"): at the precision of the last month named, else of the
        # story's or the document's year
        if last and re.fullmatch(r"\d{4}-\d\d-\d\d(T.*)?", last):
            return last[:10]
        if last and re.fullmatch(r"\d{4}-\d\d", last):
            return last + "-XX"
        year = ctx.story_year if ctx.story_year is not None else ctx.year
        return f"{year:04d}-XX-XX" if year is not None else "XXXX-XX-XX"
    if unit == "any":
        return last if last else (ctx.doc_value or PAST_REF)
    base: dt.date | None = None
    if last and re.fullmatch(r"\d{4}-\d\d-\d\d", last[:10]) and re.match(r"\d{4}-\d\d-\d\d(T|$)", last):
        base = dt.date.fromisoformat(last[:10])
    elif ctx.day is not None:
        base = ctx.day
    if shift is None:
        return _vague(shift, sign)
    if base is None:
        if ctx.month is not None and shift == 0:
            return f"{ctx.year:04d}-{ctx.month:02d}"
        return "XXXX-XX-XX" if shift == 0 else (PAST_REF if shift < 0 else FUTURE_REF)
    k = int(shift)
    if unit == "day":
        return (base + dt.timedelta(days=k)).isoformat()
    if unit == "week":
        return (base + dt.timedelta(weeks=k)).isoformat()
    if unit == "month":
        y, m = _add_months(base.year, base.month, k)
        return f"{y:04d}-{m:02d}"
    if unit == "year":
        return f"{base.year + k:04d}"
    return base.isoformat()


def resolve_value(placeholder: str, ctx: Context, tense: str = "unknown") -> str:
    """The TIMEX3 value of a placeholder (a value that is not a placeholder is returned normalised)."""
    t_part = ""
    m = _T_PART.search(placeholder)
    core = placeholder
    if m and placeholder.startswith("UNDEF"):
        t_part, core = m.group(0), placeholder[: m.start()]
    value = _resolve_core(core, ctx, tense)
    if t_part:
        if re.fullmatch(r"(\d{4}|XXXX)-(\d\d|XX)-(\d\d|XX)|XXXX-WXX-\d", value):
            return value + t_part
        return value
    return normalize_duration(value) if value.startswith("P") else value


def _resolve_core(p: str, ctx: Context, tense: str) -> str:
    if not p.startswith("UNDEF-"):
        return p
    m = re.fullmatch(rf"UNDEF-this-(day|week|month|year|decade|century|hour|minute|second){_SHIFT}(?:-(.+))?", p)
    if m:
        return _this(m.group(1), m.group(2), m.group(3), m.group(4), ctx)
    m = re.fullmatch(r"UNDEF-year-(\d\d)(?:-(\d\d|H[12]))?", p)
    if m:
        month = int(m.group(1))
        y = _year_for_month(month, tense, ctx)
        ys = f"{y:04d}" if y is not None else "XXXX"
        return f"{ys}-{m.group(1)}" + (f"-{m.group(2)}" if m.group(2) else "")
    m = re.fullmatch(r"UNDEF-monthweekday-(\d\d)-([1-7])-([1-4]|last)", p)
    if m:  # "ostatnia niedziela września": the month's last (or n-th) such weekday
        month, weekday = int(m.group(1)), int(m.group(2))
        y = _year_for_month(month, tense, ctx)
        if y is None:
            return f"XXXX-{month:02d}"
        first = dt.date(y, month, 1)
        day = first + dt.timedelta(days=(weekday - first.isoweekday()) % 7)
        if m.group(3) == "last":
            while (day + dt.timedelta(days=7)).month == month:
                day += dt.timedelta(days=7)
        else:
            day += dt.timedelta(days=7 * (int(m.group(3)) - 1))
        return day.isoformat() if day.month == month else f"{y:04d}-{month:02d}"
    m = re.fullmatch(r"UNDEF-year-(SP|SU|FA|WI|WXX)", p)
    if m:  # the story's year ("17 sierpnia 2010 r. … obóz letni"), else the document's; WXX: a week of it
        y = ctx.story_year if ctx.story_year is not None else ctx.year
        return (f"{y:04d}" if y else "XXXX") + "-" + m.group(1)
    m = re.fullmatch(r"UNDEF-season-(SP|SU|FA|WI)-(past|future)", p)
    if m:
        if ctx.year is None or ctx.month is None:
            return ("XXXX-" + m.group(1)) if ctx.year is None else f"{ctx.year:04d}-{m.group(1)}"
        now = SEASON_ORDER[SEASON_OF_MONTH[ctx.month]]
        want = SEASON_ORDER[m.group(1)]
        y = ctx.year
        if m.group(2) == "past" and want >= now:
            y -= 1
        if m.group(2) == "future" and want <= now:
            y += 1
        return f"{y:04d}-{m.group(1)}"
    m = re.fullmatch(r"UNDEF-weekend-(past|future|unknown|before|after)", p)
    if m:  # the weekend of the week of that Saturday
        saturday = _weekday(6, m.group(1), ctx)
        if re.fullmatch(r"\d{4}-\d\d-\d\d", saturday):
            return _iso_week(dt.date.fromisoformat(saturday)) + "-WE"
        return "XXXX-WXX-WE" if saturday.startswith("XXXX") else saturday
    m = re.fullmatch(r"UNDEF-weekday-([1-7])-(past|future|unknown|before|after)", p)
    if m:
        return _weekday(int(m.group(1)), m.group(2), ctx)
    m = re.fullmatch(rf"UNDEF-ref-(day|week|month|year|any|sameday){_SHIFT}", p)
    if m:
        return _ref(m.group(1), m.group(2), m.group(3), ctx)
    m = re.fullmatch(r"UNDEF-yearspan-(\d{4})-(\d{4}|\d\d)", p)
    if m:
        y1, y2 = int(m.group(1)), int(m.group(2))
        if len(m.group(2)) == 2:  # "1987-94": the second year in the first one's century (or the next)
            y2 += y1 // 100 * 100 + (100 if y1 // 100 * 100 + y2 < y1 else 0)
        return f"P{y2 - y1}Y" if y2 > y1 else "PXY"
    m = re.fullmatch(r"UNDEF-century-(\d+)(?:-(H[12]))?", p)
    if m:
        return f"{int(m.group(1)) - 1:02d}" + (f"-{m.group(2)}" if m.group(2) else "")
    m = re.fullmatch(r"UNDEF-cdecade-(\d+)-(\d0)", p)
    if m:
        return f"{int(m.group(1)) - 1:02d}{m.group(2)[0]}"
    m = re.fullmatch(r"UNDEF-decade-(\d0)", p)
    if m:
        d = int(m.group(1))
        if ctx.year is None:
            return f"XX{d // 10}"
        century = ctx.year // 100
        if d > ctx.year % 100:
            century -= 1
        return f"{century:02d}{d // 10}"
    return "XXXX-XX-XX"
