"""The date of an event (SPEC.md `date`, `precision`, `enddate`, `date_text`) from the document's timexes.

Order of evidence:
1. a time expression of the event's own sentence: the nearest to the trigger, counting clause boundaries first;
   one inside a clause that modifies a noun ("Słowacja, która w czwartek…", "w Indiach, gdzie będzie do
   5 grudnia", "bojówki, odpowiadającej za ludobójstwo w 1994 r.") dates only that clause;
2. else the story's current time frame: the last time expression before the sentence that set the scene of a
   narrated clause ("W czwartkowy poranek … zabrał głos. … Podkreślił, że …") — not one in quoted speech, in a
   modifying clause, or in a future-tense clause ("Nowy pułap zacznie obowiązywać 3 września"), and only for a
   trigger with a verb or adjective of its own (a bare noun such as "spotkania" or "podpisaniu" names an act
   of unknown time) in a past-tense clause, within FRAME_REACH sentences, and only when the event's sentence
   has no time expression of its own ("Przez kilka tygodni Bratysława blokowała…" is not the frame's day);
   A bare noun inside a "że" clause is not dated by a time expression before that clause (the time of saying);
3. otherwise no date, precision 'unknown'. Never the publication date.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from kronika.time.rules import load_lexicon
from kronika.time.tense import FUTURE, PAST, governing_tense, verb_tense

_DAY = re.compile(r"(\d{4}-\d\d-\d\d)(T.*)?$")
_MONTH = re.compile(r"(\d{4}-\d\d)$")
_YEAR = re.compile(r"(\d{4})(-(SP|SU|FA|WI|H1|H2|Q[1-4]))?$")
_BOUNDARY = {",", ";", ":", "-", "–", "—", "(", ")", "\""}
_DASHES = ("-", "–", "—")
# parts of speech of a trigger that narrates an act (NKJP tags): verbs, participles and adjectives
_VERBAL_POS = frozenset({"fin", "praet", "bedzie", "impt", "imps", "inf", "pcon", "pant", "pact", "ppas", "winien",
                         "pred", "adj", "aglt"})
FRAME_PRECISIONS = frozenset({"day"})
FRAME_REACH = 2  # a frame dates narrated past acts in at most this many following sentences  # a frame carried past its sentence is a day ("w czwartek"), not a year


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


@lru_cache(maxsize=1)
def _modifier_words() -> tuple[frozenset[str], frozenset[str]]:
    lexicon = load_lexicon()
    return frozenset(lexicon.get("modifier_lead", {})), frozenset(lexicon.get("modifier_lead_pos", {}))


def _span(trigger: Any) -> tuple[int, int]:
    if isinstance(trigger, dict):
        return int(trigger["start"]), int(trigger["end"])
    if isinstance(trigger, (tuple, list)):
        return int(trigger[0]), int(trigger[1])
    return int(trigger.start), int(trigger.end)


_DEADLINE = re.compile(r"(?:^|\s)(?:do|until|by)\s*$", re.IGNORECASE)


def _dated(doc, start: int, end: int) -> list[dict]:
    """The dated DATE/TIME expressions in [start, end), except deadlines ("do 29 kwietnia 2026 roku"): the day
    something lasts until is not the day it happened (a range's "do" end is kept: it belongs to its start)."""
    out = []
    for t in doc.timexes:
        if t["type"] in ("DATE", "TIME") and start <= t["start"] and t["end"] <= end:
            if date_of_value(t["value"])[0] is None:
                continue
            if not t.get("range") and (_DEADLINE.search(doc.text[max(0, t["start"] - 6):t["start"]])
                                       or t["text"].lower().startswith(("do ", "until ", "by "))):
                continue
            out.append(t)
    return out


def _result(t: dict | None) -> dict:
    if t is None:
        return {"date": None, "precision": "unknown", "enddate": None, "date_text": None}
    link = t.get("range")
    if link:  # one end of a range ("w dniach 3–10 sierpnia"): the range's start, its end as `enddate`
        date, precision = date_of_value(link["start"])
        end, end_precision = date_of_value(link["end"])
        if date is not None and end is not None and end_precision == precision and end > date:
            return {"date": date, "precision": precision, "enddate": end, "date_text": link["text"]}
    date, precision = date_of_value(t["value"])
    return {"date": date, "precision": precision, "enddate": None, "date_text": t["text"]}


def _boundaries_between(doc, a: int, b: int) -> int:
    lo, hi = min(a, b), max(a, b)
    return sum(1 for tok in doc.tokens if lo <= tok.start and tok.end <= hi and tok.text in _BOUNDARY)


class _Clauses:
    """The stretches of a sentence between clause boundaries, and which of them modify a noun."""

    def __init__(self, doc, sentence):
        leads, lead_pos = _modifier_words()
        self.bounds: list[tuple[int, int, bool]] = []  # (start char, end char, modifies a noun)
        tokens = doc.tokens[sentence.token_start:sentence.token_end]
        current: list = []
        for tok in [*tokens, None]:
            if tok is None or tok.text in _BOUNDARY:
                if current:
                    words = [t for t in current if t.kind == "word"][:2]
                    modifier = False
                    for k, w in enumerate(words):
                        lemma = (w.lemma or w.text).lower() if hasattr(w, "lemma") else w.text.lower()
                        pos = (w.tag or "").split(":", 1)[0]
                        if lemma in leads or w.text.lower() in leads or (k == 0 and pos in lead_pos):
                            modifier = True
                            break
                        if pos != "prep":  # "w którym", "na której": a preposition may come first
                            break
                    self.bounds.append((current[0].start, current[-1].end, modifier))
                current = []
            else:
                current.append(tok)

    def of(self, offset: int) -> int:
        for i, (s, e, _) in enumerate(self.bounds):
            if offset < e:
                return i
        return len(self.bounds) - 1

    def modifies(self, i: int) -> bool:
        return 0 <= i < len(self.bounds) and self.bounds[i][2]


_COMPLEMENTIZERS = frozenset({"że", "iż"})


def _complement_start(doc, sentence, offset: int) -> int | None:
    """The start of the "że"/"iż" clause holding `offset`, when one opens before it in the sentence."""
    last = None
    for tok in doc.tokens[sentence.token_start:sentence.token_end]:
        if tok.start >= offset:
            break
        if tok.text.lower() in _COMPLEMENTIZERS:
            last = tok.start
    return last


def _quoted(doc, sentence, offset: int) -> bool:
    """Whether `offset` lies in quoted speech: inside „…” or "…", or in a sentence that opens with a dash before
    the dash that introduces the speaker ("- Jesteśmy gotowi - powiedział")."""
    before = doc.text[sentence.start:offset]
    if before.count("„") > before.count("”") or before.count("\"") % 2 == 1:
        return True
    text = doc.text[sentence.start:sentence.end].lstrip()
    if text.startswith(_DASHES):
        rest = doc.text[offset:sentence.end]
        return any(f" {d} " in rest for d in _DASHES)
    return False


def _verbal(doc, start: int, end: int) -> bool:
    """Whether the trigger span holds a verb, participle or adjective (a narrated act, not a bare noun)."""
    for tok in doc.tokens:
        if tok.start >= end:
            break
        if tok.end > start and tok.kind == "word":
            if (tok.tag or "").split(":", 1)[0] in _VERBAL_POS:
                return True
    return False


def _past(doc, sentence, start: int, end: int) -> bool:
    """Whether the trigger is, or is governed by, a past-tense verb."""
    a, b = _token_index(doc, start), _token_index(doc, max(end - 1, start)) + 1
    for i in range(a, b):
        if verb_tense(doc.tokens, i) == PAST:
            return True
    return governing_tense(doc.tokens, sentence.token_start, sentence.token_end, a, b) == PAST


def _token_index(doc, offset: int) -> int:
    for i, tok in enumerate(doc.tokens):
        if tok.end > offset:
            return i
    return len(doc.tokens) - 1


def _frame_of(doc, sentence_index: int) -> dict | None:
    """The scene-setting time expression of sentence `sentence_index`, if it has one (see the module docstring)."""
    sentence = doc.sentences[sentence_index]
    dated = [t for t in _dated(doc, sentence.start, sentence.end)
             if date_of_value(t["value"])[1] in FRAME_PRECISIONS]
    if not dated:
        return None
    clauses = _Clauses(doc, sentence)
    for t in dated:
        if clauses.modifies(clauses.of(t["start"])) or _quoted(doc, sentence, t["start"]):
            continue
        a, b = _token_index(doc, t["start"]), _token_index(doc, max(t["end"] - 1, t["start"])) + 1
        if governing_tense(doc.tokens, sentence.token_start, sentence.token_end, a, b) == FUTURE:
            continue
        return t
    return None


def event_date(doc, sentence_index: int, trigger_span: Any) -> dict:
    """{'date', 'precision', 'enddate', 'date_text'} for the event whose trigger is at `trigger_span`
    ((start, end), a Span or a dict) in sentence `sentence_index` of `doc` (timexes already resolved).

    Guarantees: the date comes from a time expression of the text, never from doc.date; `date` is None exactly
    when `precision` is 'unknown'. A dated result says how far its time expression is (`reach`): "clause" (no
    clause boundary between it and the trigger), "sentence", or "frame" (an earlier sentence sets the scene)."""
    sentence = doc.sentences[sentence_index]
    t_start, t_end = _span(trigger_span)
    clauses = _Clauses(doc, sentence)
    own = clauses.of(t_start)
    in_sentence = [t for t in _dated(doc, sentence.start, sentence.end)
                   if not clauses.modifies(k := clauses.of(t["start"])) or k == own]
    if not _verbal(doc, t_start, t_end):
        # a bare noun inside what is reported ("oznajmiła w czwartkowym raporcie, że … po tym, jak Putin zezwolił
        # na operację otrucia") is not dated by the time of the report
        opener = _complement_start(doc, sentence, t_start)
        if opener is not None:
            in_sentence = [t for t in in_sentence if t["start"] >= opener]
    if in_sentence:
        def cost(t: dict) -> tuple[int, int]:
            gap = t["start"] - t_end if t["start"] >= t_end else t_start - t["end"]
            return _boundaries_between(doc, t["end"] if t["end"] <= t_start else t_end,
                                       t_start if t["end"] <= t_start else t["start"]), max(gap, 0)

        best = min(in_sentence, key=cost)
        return {**_result(best), "reach": "clause" if cost(best)[0] == 0 else "sentence"}
    if not _verbal(doc, t_start, t_end):
        return _result(None)
    if any(sentence.start <= t["start"] < sentence.end for t in doc.timexes):
        return _result(None)  # the sentence has a time of its own, only not a date ("przez kilka tygodni")
    if not _past(doc, sentence, t_start, t_end):
        return _result(None)
    for k in range(sentence_index - 1, max(-1, sentence_index - 1 - FRAME_REACH), -1):
        frame = _frame_of(doc, k)
        if frame is not None:
            return {**_result(frame), "reach": "frame"}
    return _result(None)
