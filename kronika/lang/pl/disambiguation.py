"""A first, simple choice among a token's readings: `choose(token, prev, next)`.

A trained disambiguator will replace this function; until then each reading gets a score and the best wins
(ties: Morfeusz's order). The weights are data (data/reading_preferences.yaml):
- pos_priority[part of speech] minus qualifier_penalty for each qualifier ("przest.", "slang", …);
- preposition_case: right after a preposition chosen as prep:CASE, readings in CASE ("na szczyt" → acc,
  "w stolicy" → loc); and a preposition prefers the case its next word can have ("w" before "stolicy" → prep:loc);
- agreement: an adjective (adj, pact, ppas) agreeing in number, case and gender with the noun after it, a noun
  agreeing with the adjective chosen before it, and an adjective agreeing with the noun chosen before it
  ("Koreę Północną" → adj:sg:acc:f);
- proper_name: a capitalised word that does not start its sentence prefers proper-name or unknown readings
  ("Ukrainie" → Ukraina, not ukraina). A word right after an opening quote, a dash, a bracket or a colon counts
  as starting a sentence;
- abbreviation_expansion: an abbreviation prefers the reading whose lemma is its expansion in
  data/abbreviations.yaml ("r." → rok).

The stage calls `choose` left to right within a sentence, so `prev.chosen` is already set; `next` is read only
through its `analyses`.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import NamedTuple

import yaml

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.abbreviations import abbreviations
from kronika.lang.pl.morphology import agreement_key, case_of, is_proper

ADJECTIVAL = frozenset({"adj", "pact", "ppas"})
NOMINAL = frozenset({"subst", "depr", "ger"})
_SENTENCE_OPENERS = set("\u201e\u00ab\u201a\u2039\"'\u201c\u2018([{:-\u2010\u2011\u2012\u2013\u2014\u2015")


@lru_cache(maxsize=1)
def preferences() -> dict:
    """The shipped weights (data/reading_preferences.yaml), read once per process."""
    text = resources.files("kronika.lang.pl").joinpath("data/reading_preferences.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    for key in ("pos_priority", "qualifier_penalty", "bonus"):
        if not isinstance(data.get(key), dict):
            raise ValueError(f"reading_preferences.yaml: missing mapping {key!r}")
        data[key] = {str(k): int(v) for k, v in data[key].items()}
    return data


class _Static(NamedTuple):
    """What a reading contributes regardless of context."""

    base: int  # pos priority minus qualifier penalties
    pos: str
    case: str | None
    key: tuple  # (number, case, gender)
    proper: bool


_STATIC: dict[int, tuple[Analysis, _Static]] = {}
_STATIC_CAP = 500_000


def _static(reading: Analysis) -> _Static:
    """The context-free facts of a reading, memoised by object identity (readings are shared by the form cache;
    the memo keeps each reading alive, so an id is never reused while it is in the memo)."""
    hit = _STATIC.get(id(reading))
    if hit is not None and hit[0] is reading:
        return hit[1]
    prefs = preferences()
    penalties = prefs["qualifier_penalty"]
    pos = reading.pos
    base = int(prefs["pos_priority"].get(pos, 0)) - sum(int(penalties.get(lab, 0)) for lab in reading.labels)
    info = _Static(base, pos, case_of(reading), agreement_key(reading), is_proper(reading))
    if len(_STATIC) >= _STATIC_CAP:
        _STATIC.clear()
    _STATIC[id(reading)] = (reading, info)
    return info


def _agrees(ka: tuple, kb: tuple) -> bool:
    return None not in ka and ka == kb


def starts_sentence(prev: Token | None) -> bool:
    """Is a token after `prev` at the start of a sentence (or of a quotation, a bracket, a dash-led clause)?"""
    return prev is None or (prev.kind == "punct" and prev.text in _SENTENCE_OPENERS)


class _Context:
    """What `score` needs to know about a token's neighbours, computed once per token."""

    __slots__ = ("name_position", "before", "next_cases", "next_nominal_keys", "expansion", "bonus")

    def __init__(self, token: Token, prev: Token | None, next: Token | None):
        self.bonus = preferences()["bonus"]
        self.name_position = token.text[:1].isupper() and not starts_sentence(prev)
        self.before = _static(prev.chosen) if prev is not None and prev.chosen is not None else None
        self.next_cases: set[str] = set()
        self.next_nominal_keys: set[tuple] = set()
        if next is not None:
            for r in next.analyses:
                info = _static(r)
                if info.case is not None:
                    self.next_cases.add(info.case)
                if info.pos in NOMINAL:
                    self.next_nominal_keys.add(info.key)
        entry = abbreviations().get(token.text)
        self.expansion = entry.expansion if entry is not None else None


def _score(reading: Analysis, ctx: _Context) -> int:
    bonus = ctx.bonus
    info = _static(reading)
    s = info.base
    pos = info.pos
    if ctx.name_position and info.proper:
        s += bonus["proper_name"]
    before = ctx.before
    if before is not None:
        if before.pos == "prep" and info.case is not None and info.case == before.case:
            s += bonus["preposition_case"]
        if before.pos in ADJECTIVAL and (pos in NOMINAL or pos in ADJECTIVAL) and _agrees(before.key, info.key):
            s += bonus["agreement"]
        elif before.pos in NOMINAL and pos in ADJECTIVAL and _agrees(before.key, info.key):
            s += bonus["agreement"]
    if pos == "prep":
        if info.case is not None and info.case in ctx.next_cases:
            s += bonus["preposition_case"]
    elif pos in ADJECTIVAL and None not in info.key and info.key in ctx.next_nominal_keys:
        s += bonus["agreement"]
    if ctx.expansion is not None and reading.lemma == ctx.expansion:
        s += bonus["abbreviation_expansion"]
    return s


def score(reading: Analysis, token: Token, prev: Token | None = None, next: Token | None = None) -> int:
    """The preference score of one reading of `token` between `prev` and `next` (higher is better)."""
    return _score(reading, _Context(token, prev, next))


def choose(token: Token, prev: Token | None = None, next: Token | None = None) -> Analysis | None:
    """The reading of `token` to use in context: the best by `score`, the first on ties; None without readings.

    `prev` and `next` are the neighbouring tokens in the same sentence (None at its edges); `prev.chosen` is
    read, so call it left to right.
    """
    readings = token.analyses
    if not readings:
        return None
    if len(readings) == 1:
        return readings[0]
    ctx = _Context(token, prev, next)
    best = readings[0]
    best_score = _score(best, ctx)
    for reading in readings[1:]:
        s = _score(reading, ctx)
        if s > best_score:
            best, best_score = reading, s
    return best
