"""Features of tokens in context, shared by the tagger (`tagger.py`) and the name recogniser (`ner.py`).

Everything here is a pure function of the token texts, their Morfeusz readings and, for the tagger, the readings
already chosen to the left; training and run time call the same functions, so a model sees at run time exactly
the features it was trained on. Feature names are short strings ("s3=ach"); a model maps them to weights.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from kronika.lang.base import Analysis
from kronika.lang.pl.morphology import CASES, GENDER_SET, NUMBERS, COMMON_NAME_CLASSES


@lru_cache(maxsize=100_000)
def shape(form: str) -> str:
    """A word's shape with runs collapsed: "Kowalski" → "Xx", "NATO" → "X", "F-16" → "X-d", "2023" → "d".
    Remembered per form (the tagger and the name recogniser both ask for every token's)."""
    if form.isalpha() and max(form) < "\u01bb":  # most words: one of three shapes, told without a loop (every
        # letter below U+01BB is upper or lower case, so `islower`/`isupper` speak for each letter)
        if form.islower():
            return "x"
        if form.isupper():
            return "X"
        if form[0].isupper() and form[1:].islower():
            return "Xx"
    out: list[str] = []
    for ch in form:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        else:
            c = ch
        if not out or out[-1] != c:
            out.append(c)
    return "".join(out[:6])


@lru_cache(maxsize=8192)
def tag_parts(tag: str) -> tuple[str, str, str, str]:
    """(part of speech, number, case, gender) of a tag; "" where it has none."""
    fields = tag.split(":")
    num = case = gender = ""
    for f in fields[1:]:
        if not num and f in NUMBERS:
            num = f
        elif not case and f in CASES:
            case = f
        elif not gender and f in GENDER_SET:
            gender = f
    return fields[0], num, case, gender


def reading_views(a: Analysis) -> tuple[str, ...]:
    """The "views" of a reading a tagger weight can attach to: its full tag, part of speech, case, agreement
    triple, lemma, whether the lemma is capitalised, its name class (alone and with number), its qualifiers
    ("daw.", "przest."). A reading's score is the sum over the
    context features of the weights of each of its views."""
    pos, num, case, gender = tag_parts(a.tag)
    lemma = a.lemma
    cap = "U" if lemma[:1].isupper() else "l"
    views = ["T" + a.tag, "P" + pos, "Q" + pos + cap, "M" + lemma]
    if case:
        views.append("C" + case)
        views.append("K" + pos + case)
    if num:
        views.append("N" + pos + num + gender)
        views.append("A" + num + case + gender)
    for n in a.names[:1]:
        views.append("Z" + n)
        views.append("Y" + n + num)
    for label in a.labels:
        if "." in label:  # Morfeusz qualifiers ("daw.", "przest.", "pot."): rare readings
            views.append("R" + label)
    return tuple(views)


def ambiguity(readings: Sequence[Analysis]) -> str:
    """The sorted set of parts of speech a token's readings allow ("adj|subst")."""
    return "|".join(sorted({r.pos for r in readings}))


def case_set(readings: Sequence[Analysis]) -> str:
    return "|".join(sorted({c for r in readings for c in (tag_parts(r.tag)[2],) if c}))


def name_classes(readings: Sequence[Analysis]) -> tuple[str, ...]:
    """Morfeusz's proper-name classes over all readings (common-noun classes left out)."""
    out: dict[str, None] = {}
    for r in readings:
        for n in r.names:
            if n not in COMMON_NAME_CLASSES:
                out[n] = None
    return tuple(out)


def static_token_features(form: str, readings: Sequence[Analysis]) -> list[str]:
    """Context-free features of one token (cacheable by form)."""
    low = form.lower()
    feats = [
        "b",
        "w=" + low,
        "s1=" + low[-1:],
        "s2=" + low[-2:],
        "s3=" + low[-3:],
        "s4=" + low[-4:],
        "sh=" + shape(form),
        "am=" + ambiguity(readings),
        "cs=" + case_set(readings),
    ]
    for n in name_classes(readings):
        feats.append("nc=" + n)
    return feats
