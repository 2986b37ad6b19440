"""The direction a sentence's verb gives a time expression: past, future or unknown (NKJP/Morfeusz tags)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

PAST, FUTURE, UNKNOWN = "past", "future", "unknown"
CLAUSE_PUNCT = frozenset({",", "-", "–", "—", ";", ":"})


def verb_tense(tokens: Sequence, i: int) -> str | None:
    """The tense of token i if it is a verb that sets one, else None.

    praet ("wymienili") and the impersonal imps ("ogłoszono", "podpisano") → past; bedzie ("będzie") → future; fin of a perfective verb ("odbędzie się",
    "spotka") → future; "mieć" in fin followed within three tokens by an infinitive ("ma przyjechać") → future;
    other fin (present tense) → unknown.
    """
    tag = tokens[i].tag or ""
    pos = tag.split(":", 1)[0]
    # "ma/mają + infinitive" even when the tagger chose another reading of "ma" ("mój")
    if any(a.lemma == "mieć" and a.tag.startswith("fin") for a in (getattr(tokens[i], "analyses", None) or [])):
        for j in range(i + 1, min(i + 4, len(tokens))):
            if (tokens[j].tag or "").startswith("inf"):
                return FUTURE
    if pos in ("praet", "imps"):
        return PAST
    analyses = getattr(tokens[i], "analyses", None) or []
    if analyses and all(a.tag == "ign" for a in analyses) and _undiacritised_past(tokens[i].text):
        return PAST  # unknown to the morphology (the tagger may still have guessed a noun): "przeszla"
    if pos == "bedzie":
        return FUTURE
    if pos == "fin":
        if tag.endswith(":perf"):
            return FUTURE
        return UNKNOWN
    return None


_FINITE = frozenset({"fin", "praet", "bedzie", "impt", "imps", "winien"})


def first_verb_future(tokens: Sequence, start: int, end: int) -> bool:
    """Whether the first finite verb in tokens [start, end) is in the future ("spotkanie z Putinem odbędzie się
    we wtorek", "rozmowy będą kontynuowane"): what a noun subject before it tells of is planned."""
    for i in range(start, end):
        if (tokens[i].tag or "").split(":", 1)[0] in _FINITE:
            return verb_tense(tokens, i) == FUTURE
    return False


# a past-tense form written without Polish letters ("przeszla", "pozostal", "zostalismy"): "l" for "ł", "s" for "ś"
_PLAIN_PAST = re.compile(r"([a-ząćęńóśźż]+)l(a|o|i|y|em|am|es|as|ismy|ysmy|iscie|yscie)?")


@lru_cache(maxsize=4096)
def _undiacritised_past(text: str) -> bool:
    """Whether an unknown word is a past-tense verb typed without Polish letters: with "ł" for its "l" the
    morphology reads it as praet ("przeszla" → "przeszła", "szukal" → "szukał"; not "getbola", "emaila")."""
    m = _PLAIN_PAST.fullmatch(text)
    if m is None:
        return False
    ending = m.group(2) or ""
    ending = ending.replace("smy", "śmy").replace("scie", "ście").replace("es", "eś").replace("as", "aś")
    from kronika.lang.pl.morphology import analyse  # the Polish analyser; imported late (kronika.time is generic)

    l_letter = "l" if ending.startswith("i") else "ł"  # "zostalismy" is "zostaliśmy", "zostaly" "zostały"
    return any(a.tag.startswith("praet") for a in analyse(m.group(1) + l_letter + ending))


def governing_tense(tokens: Sequence, sent_start: int, sent_end: int, start: int, end: int) -> str:
    """The tense of the verb nearest to tokens [start, end) within the sentence [sent_start, sent_end).

    Nearest by token distance; a verb in the same clause (no comma or dash between) is preferred over one
    across a clause boundary. 'unknown' when the sentence has no tensed verb.
    """
    best: tuple[int, str] | None = None
    for i in range(sent_start, sent_end):
        if start <= i < end:
            continue
        tense = verb_tense(tokens, i)
        if tense is None:
            continue
        lo, hi = (i, start) if i < start else (end, i + 1)
        distance = (i - end + 1) if i >= end else (start - i)
        boundaries = sum(1 for k in range(lo, hi) if tokens[k].text in CLAUSE_PUNCT
                         or (tokens[k].tag or "").startswith("comp"))
        score = distance + 20 * boundaries
        if best is None or score < best[0]:
            best = (score, tense)
    return best[1] if best else UNKNOWN
