"""The date of an event (SPEC.md `date`, `precision`, `enddate`, `date_text`) from the document's timexes.

Order of evidence: the time expression of the event's own clause (nearest to the trigger, not across a
clause boundary), else one framing it elsewhere in the sentence, else the frame that opens the paragraph
("W czwartkowy poranek … zabrał głos"); otherwise no date, precision 'unknown'. Never the publication date.
"""
from __future__ import annotations

import re
from typing import Any

_DAY = re.compile(r"(\d{4}-\d\d-\d\d)(T.*)?$")
_MONTH = re.compile(r"(\d{4}-\d\d)$")
_YEAR = re.compile(r"(\d{4})(-(SP|SU|FA|WI|H1|H2|Q[1-4]))?$")
_BOUNDARY = {",", ";", ":", "-", "–", "—", "(", ")", "\""}
FRAME_TOKENS = 3  # a paragraph frame starts within this many tokens of the paragraph's first sentence


def date_of_value(value: str) -> tuple[str | None, str]:
    """A SPEC.md (date, precision) from a TIMEX3 value: '2023-08-15T17:46' → ('2023-08-15', 'day');
    '2023-08' → month; '2023' and '2023-FA' → year; anything vaguer → (None, 'unknown')."""
    if m := _DAY.match(value):
        return m.group(1), "day"
    if m := _MONTH.match(value):
        return m.group(1), "month"
    if m := _YEAR.match(value):
        return m.group(1), "year"
    return None, "unknown"


def _span(trigger: Any) -> tuple[int, int]:
    if isinstance(trigger, dict):
        return int(trigger["start"]), int(trigger["end"])
    if isinstance(trigger, (tuple, list)):
        return int(trigger[0]), int(trigger[1])
    return int(trigger.start), int(trigger.end)


def _dated(doc, start: int, end: int) -> list[dict]:
    out = []
    for t in doc.timexes:
        if t["type"] in ("DATE", "TIME") and start <= t["start"] and t["end"] <= end:
            if date_of_value(t["value"])[0] is not None:
                out.append(t)
    return out


def _result(t: dict | None) -> dict:
    if t is None:
        return {"date": None, "precision": "unknown", "enddate": None, "date_text": None}
    date, precision = date_of_value(t["value"])
    return {"date": date, "precision": precision, "enddate": None, "date_text": t["text"]}


def _boundaries_between(doc, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return sum(1 for tok in doc.tokens if lo <= tok.start and tok.end <= hi and tok.text in _BOUNDARY)


def event_date(doc, sentence_index: int, trigger_span: Any) -> dict:
    """{'date', 'precision', 'enddate', 'date_text'} for the event whose trigger is at `trigger_span`
    ((start, end), a Span or a dict) in sentence `sentence_index` of `doc` (timexes already resolved).

    Guarantees: the date comes from a time expression of the text, never from doc.date; `date` is None exactly
    when `precision` is 'unknown'."""
    sentence = doc.sentences[sentence_index]
    t_start, t_end = _span(trigger_span)
    in_sentence = _dated(doc, sentence.start, sentence.end)
    if in_sentence:
        def cost(t: dict) -> tuple[int, int]:
            gap = t["start"] - t_end if t["start"] >= t_end else t_start - t["end"]
            return _boundaries_between(doc, t["end"] if t["end"] <= t_start else t_end,
                                       t_start if t["end"] <= t_start else t["start"]), max(gap, 0)

        return _result(min(in_sentence, key=cost))
    # the frame that opens the paragraph
    first = next((s for s in doc.sentences if s.paragraph == sentence.paragraph), None)
    if first is not None and first is not sentence and first.start < sentence.start:
        tokens = doc.tokens[first.token_start:first.token_end]
        if tokens:
            limit = tokens[min(FRAME_TOKENS, len(tokens)) - 1].end
            frames = [t for t in _dated(doc, first.start, first.end) if t["start"] < limit]
            if frames:
                return _result(frames[0])
    return _result(None)
