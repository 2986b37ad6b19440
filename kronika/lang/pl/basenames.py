"""Base (nominative) forms of names: "Siergieja Szojgu" → "Siergiej Szojgu", "Koreę Północną" → "Korea Północna",
"Kimem" → "Kim", "Stanach Zjednoczonych" → "Stany Zjednoczone", "Uniwersytetu Warszawskiego" (inside
"Rady Uniwersytetu Warszawskiego") kept as written.

Rule (`base_form`): the name's head phrase is its first inflected word and the words after it that stand in the
same case (an adjective or a second name agreeing with it); each of those is put in the nominative with the same
number and gender (Morfeusz's generator; a word Morfeusz does not know — read `ign` and guessed by the tagger —
takes its guessed lemma). Everything from the first word in another case (a genitive complement), a
preposition, an abbreviation or punctuation on is kept as written. Letter case follows the text: a capitalised
word stays capitalised, an all-capitals word is kept as written.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Sequence

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import tag_parts
from kronika.lang.pl.morphology import expand_tag, morfeusz, morfeusz_analyse, analyse, clean_lemma

INFLECTED = frozenset({"subst", "adj", "depr", "ppas", "pact", "num", "ger"})


@lru_cache(maxsize=50_000)
def _paradigm(lemma: str) -> tuple[tuple[str, str], ...]:
    """(form, fully specified tag) of every form Morfeusz generates for `lemma` (empty when unknown)."""
    try:
        m = morfeusz()
        from kronika.lang.pl.morphology import _lock

        with _lock:
            generated = m.generate(lemma)
    except Exception:  # unknown lemma
        return ()
    out: list[tuple[str, str]] = []
    for form, lem, tag, *_ in generated:
        for full in expand_tag(tag):
            out.append((form, full))
    return tuple(out)


def nominative(reading: Analysis, form: str) -> str:
    """The form of `reading`'s lemma in the nominative with the reading's other features; the lemma when the
    generator has no such form; `form` itself when the reading has no case."""
    pos, num, case, gender = tag_parts(reading.tag)
    if "guessed" in reading.labels or pos == "ign":
        return reading.lemma
    if not case:
        return form
    if case == "nom":
        return form
    want = reading.tag.replace(":" + case, ":nom", 1)
    lemma = reading.lemma
    prefix = ""
    if "-" in lemma[1:]:  # a compound: inflect its head, keep the prefix parts as written
        cut = lemma.rfind("-") + 1
        prefix, lemma = form[: form.rfind("-") + 1] if "-" in form else lemma[:cut], lemma[cut:]
    for f, t in _paradigm(lemma):
        if t == want:
            return prefix + f
    if pos == "subst" and num == "pl":
        return form
    return reading.lemma


def _match_case(form: str, result: str) -> str:
    if form.isupper() and len(form) > 1:
        return form if result.lower() == form.lower() else result.upper()
    if form[:1].isupper():
        return result[:1].upper() + result[1:]
    return result[:1].lower() + result[1:] if result[:1].isupper() and not form[:1].isupper() else result


def _proper_first(readings: list[Analysis], form: str) -> list[Analysis]:
    """Readings with a capitalised lemma first when the word is capitalised (a name, not "ukraina")."""
    if form[:1].isupper():
        return sorted(readings, key=lambda r: not r.lemma[:1].isupper())
    return readings


def _foreign_name(tok: Token, type: str) -> bool:
    """A capitalised word of a person's name that Morfeusz knows only as common words ("Kim" read as "kto"):
    kept as written."""
    if not type.startswith("persName") or not tok.text[:1].isupper():
        return False
    if tok.chosen is not None and "guessed" in tok.chosen.labels:
        return False
    return not any(r.lemma[:1].isupper() for r in _readings(tok))


def _readings(tok: Token) -> list[Analysis]:
    rs = list(tok.analyses) or list(analyse(tok.text))
    if tok.chosen is not None and tok.chosen not in rs:
        rs.insert(0, tok.chosen)
    return rs


def _inflected(r: Analysis) -> bool:
    return tag_parts(r.tag)[0] in INFLECTED and bool(tag_parts(r.tag)[2])


ADJECTIVAL = frozenset({"adj", "ppas", "pact"})


def _extends(x: Analysis, case: str, noun: Analysis | None, prev: Analysis | None) -> bool:
    """May reading `x` continue a head phrase in `case`: an adjective agreeing with the head noun, the head noun
    itself, or a proper name right after a proper name ("Baracka Obamy", "Jana Pawła")."""
    pos, num, c, gender = tag_parts(x.tag)
    if c != case or pos not in INFLECTED:
        return False
    if pos in ADJECTIVAL:
        return noun is None or tag_parts(noun.tag)[1:] == (num, c, gender) or tag_parts(noun.tag)[3] == ""
    if noun is None:
        return True
    return (x.lemma[:1].isupper() and prev is not None and prev.lemma[:1].isupper()
            and tag_parts(prev.tag)[0] == "subst")


def _head_readings(tokens: Sequence[Token]) -> list[Analysis]:
    """The readings of the head phrase: the longest run of words from the first that agree in one case (see
    `_extends`; the tagger's case for the first word wins ties), one reading per word (the chosen one when it
    fits, else a proper-name reading first)."""
    first = tokens[0]
    chosen0 = first.chosen
    best: tuple[int, bool, list[Analysis]] | None = None
    cases = dict.fromkeys(tag_parts(r.tag)[2] for r in _readings(first) if _inflected(r))
    for case in cases:
        picked: list[Analysis] = []
        noun: Analysis | None = None
        for tok in tokens:
            prev = picked[-1] if picked else None
            if tok.chosen is not None and "guessed" in tok.chosen.labels and picked:
                picked.append(tok.chosen)
                continue
            fits = [x for x in _readings(tok) if _extends(x, case, noun, prev)]
            if not fits:
                break
            x = tok.chosen if tok.chosen in fits else _proper_first(fits, tok.text)[0]
            picked.append(x)
            if noun is None and tag_parts(x.tag)[0] in {"subst", "depr", "ger"}:
                noun = x
        preferred = chosen0 is not None and tag_parts(chosen0.tag)[2] == case
        if picked and (best is None or (len(picked), preferred) > best[:2]):
            best = (len(picked), preferred, picked)
    return best[2] if best else []


def base_form(tokens: Sequence[Token], type: str = "") -> str:
    """The nominative base form of the name written by `tokens` (their `chosen` readings and `analyses`; see
    the module doc). A one-word name gives its lemma ("Niemców" → "Niemiec", "polskie" → "polski")."""
    if not tokens:
        return ""
    if len(tokens) == 1:
        tok = tokens[0]
        rs = _readings(tok)
        r = tok.chosen or rs[0]
        if tok.text[:1].isupper() and not r.lemma[:1].isupper():
            r = _proper_first(rs, tok.text)[0] if tok.chosen is None or not tok.chosen.lemma[:1].isupper() else r
        pos = tag_parts(r.tag)[0]
        if _foreign_name(tok, type):
            return tok.text
        if pos in ("ppas", "pact"):
            return _match_case(tok.text, nominative(r, tok.text))
        if pos in INFLECTED or "guessed" in r.labels:
            return r.lemma if pos == "adj" else _match_case(tok.text, r.lemma)
        return tok.text
    head = _head_readings(tokens)
    parts: list[str] = []
    for k, tok in enumerate(tokens):
        word = tok.text
        if k < len(head) and not _foreign_name(tok, type):
            word = _match_case(tok.text, nominative(head[k], tok.text))
        parts.append(word)
        if k + 1 < len(tokens):
            parts.append(" " if tokens[k + 1].start > tok.end else "")
    return "".join(parts)
