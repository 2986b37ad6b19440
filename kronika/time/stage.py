"""The `timex` pipeline stage: recognise, resolve, write SPEC.md TIMEX dicts to doc.timexes."""
from __future__ import annotations

import re

from kronika.time.anniversaries import find_anniversaries
from kronika.time.recognizer import Candidate, recognize, token_views
from kronika.time.resolver import Context, resolve_value
from kronika.time.rules import TokenView

_DATED = re.compile(r"\d{4}(-\d\d(-\d\d)?)?(T.*)?$")


def resolve_candidates(doc, candidates: list[Candidate], views: list[TokenView] | None = None) -> list[dict]:
    """TIMEX dicts for the candidates, in text order, each resolved against doc.date, the anniversaries of the
    text and the last dated expression before it (for 'dzień później', 'wtedy', a bare clock time). `views`
    are token_views(doc.tokens) when the caller has them already."""
    found = find_anniversaries(doc, views)
    anchors = [a.date for a in found]
    doc.spans["time_anchors"] = [
        {"start": a.start, "end": a.end, "event": a.event, "number": a.number, "date": a.date.isoformat()}
        for a in found
    ]
    date = getattr(doc, "date", None)
    ctx = Context(getattr(date, "value", None), getattr(date, "precision", "unknown"), anchors)
    timexes = []
    for c in candidates:
        value = resolve_value(c.placeholder, ctx, c.tense)
        if c.type in ("DATE", "TIME") and _DATED.match(value):
            ctx.last_value = value
        timexes.append(
            {"start": c.start, "end": c.end, "text": doc.text[c.start:c.end], "type": c.type, "value": value,
             "rule": c.rule}
        )
    return timexes


class TimexStage:
    """Pipeline stage `timex`: needs tokens, sentences and morphology; assigns doc.timexes."""

    name = "timex"
    assigns = ("timexes",)

    def __call__(self, doc) -> None:
        views = token_views(doc.tokens)
        candidates = recognize(doc, views=views)
        doc.spans["timex_candidates"] = candidates
        doc.timexes = resolve_candidates(doc, candidates, views)
