"""The `timex` pipeline stage: recognise, resolve, write SPEC.md TIMEX dicts to doc.timexes."""
from __future__ import annotations

import re

from kronika.time.anniversaries import find_anniversaries
from kronika.time.recognizer import Candidate, recognize, token_views
from kronika.time.resolver import Context, resolve_value
from kronika.time.rules import TokenView, load_lexicon
from kronika.time.tense import FUTURE, PAST

_DAY = re.compile(r"\d{4}-\d\d-\d\d(T|$)")
CLOCK_PLACEHOLDER = "UNDEF-ref-dayT"
_DATED = re.compile(r"\d{4}(-\d\d(-\d\d)?)?(T.*)?$")
# a bare four-digit number ("Orzeł 2020", "2000-2500 lat") is a year too weak to set the story's year
WEAK_YEAR_RULES = frozenset({"year_bare"})
_EXPLICIT_YEAR = re.compile(r"(\d{4})(?:-\d\d|-(?:SP|SU|FA|WI|H[12]|Q[1-4]))*(?:T.*)?$")


def resolve_candidates(doc, candidates: list[Candidate], views: list[TokenView] | None = None) -> list[dict]:
    """TIMEX dicts for the candidates, in text order, each resolved against doc.date, the anniversaries of the
    text, the last dated expression before it (not one of a future-tense clause
    when the expression's own clause is past) (for 'dzień później', 'wtedy', a bare clock time) and the last
    year written out before it (the year of "18 sierpnia" in a story about 2005, else the document's). `views`
    are token_views(doc.tokens) when the caller has them already."""
    found = find_anniversaries(doc, views)
    anchors = [a.date for a in found]
    doc.spans["time_anchors"] = [
        {"start": a.start, "end": a.end, "event": a.event, "number": a.number, "date": a.date.isoformat()}
        for a in found
    ]
    date = getattr(doc, "date", None)
    ctx = Context(getattr(date, "value", None), getattr(date, "precision", "unknown"), anchors)
    bound_leads = load_lexicon().get("bound_lead", {})
    deadline_leads = load_lexicon().get("deadline_lead", {})
    timexes = []
    clock_day: str | None = None  # the day a later bare clock time falls on (see below)
    last_any: str | None = None
    last_not_future: str | None = None  # "ogłosiła tego samego dnia" looks past "zacznie obowiązywać 3 września"
    for c in candidates:
        ctx.last_value = last_not_future if c.tense == PAST and last_not_future else last_any
        if c.placeholder.startswith(CLOCK_PLACEHOLDER) and clock_day is not None:
            ctx.last_value = clock_day
        value = resolve_value(c.placeholder, ctx, c.tense)
        # a clock time ("o godz. 10.30", "12.00 – 13.00") falls on the last single day named before it: not on a
        # range or list of days ("w dniach 3–10 sierpnia"), nor a deadline ("zgłoszenia do 2 października"),
        # and a year or month named in between ("po roku 1989") does not move it to the document's day
        if (c.type in ("DATE", "TIME") and _DAY.match(value) and not (c.type == "DATE" and c.pair)
                and doc.text[c.start:c.end].split(None, 1)[0].lower() not in deadline_leads):
            clock_day = value[:10]
        if c.type in ("DATE", "TIME") and _DATED.match(value):
            last_any = value
            if c.tense != FUTURE:
                last_not_future = value
        if (c.type in ("DATE", "TIME") and not c.placeholder.startswith("UNDEF") and c.rule not in WEAK_YEAR_RULES
                and doc.text[c.start:c.end].split(None, 1)[0].lower() not in bound_leads):
            m = _EXPLICIT_YEAR.match(value)
            if m:  # a year written out in the text ("w 2005 r.", "16 czerwca 2005 r.") sets the story's year
                ctx.story_year = int(m.group(1))
        timexes.append(
            {"start": c.start, "end": c.end, "text": doc.text[c.start:c.end], "type": c.type, "value": value,
             "rule": c.rule}
        )
    link_ranges(doc, candidates, timexes)
    return timexes


def link_ranges(doc, candidates: list[Candidate], timexes: list[dict]) -> None:
    """Both expressions of a range ("w dniach 3–10 sierpnia", "10.30 – 13.30") get `range`: the start and end
    values and the text from the first's start to the second's end (what an event's `enddate` comes from)."""
    for k in range(len(candidates) - 1):
        if candidates[k].pair == "start" and candidates[k + 1].pair == "end":
            a, b = timexes[k], timexes[k + 1]
            link = {"start": a["value"], "end": b["value"], "text": doc.text[a["start"]:b["end"]]}
            a["range"] = b["range"] = link


class TimexStage:
    """Pipeline stage `timex`: needs tokens, sentences and morphology; assigns doc.timexes."""

    name = "timex"
    assigns = ("timexes",)

    def __call__(self, doc) -> None:
        views = token_views(doc.tokens)
        candidates = recognize(doc, views=views)
        doc.spans["timex_candidates"] = candidates
        doc.timexes = resolve_candidates(doc, candidates, views)
