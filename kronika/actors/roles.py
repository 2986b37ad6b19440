"""Role phrases: "minister obrony Rosji Siergiej Szojgu", "rosyjski dyplomata", "prezydent USA", "ukraińska armia".

A role phrase is a role word from roles.tsv (found by the gazetteer), the country or IGO it is held for (a country
adjective just before or just after it: "rosyjski dyplomata", "prokuratura szwedzka"; or a country, capital,
seat or organisation in the genitive right after it, possibly after one more role word: "minister obrony
Rosji", "sekretarz generalny NATO", "rzeczniczka rosyjskiego MSZ"), and the name that follows it, if any.

`parse_role_phrase` reads one phrase from token-level matches; `nominative_phrase` turns the words of a phrase
into their nominative ("rosyjskim siłom zbrojnym" → "rosyjskie siły zbrojne") to name an entity the KB lacks.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Callable, Sequence

from kronika.actors import gazetteer as gz
from kronika.actors.kb import KnowledgeBase, RoleWord

CASE_VALUES = frozenset({"nom", "gen", "dat", "acc", "inst", "loc", "voc"})


@dataclass(frozen=True)
class TokenMatch:
    """A gazetteer match selected for linking, in token indices (end exclusive)."""

    tok_start: int
    tok_end: int
    match: gz.Match

    def kinds(self) -> set[str]:
        return {e.kind for e in self.match.entries}

    def entries(self, *kinds: str) -> list[gz.Entry]:
        return [e for e in self.match.entries if e.kind in kinds]


@dataclass(frozen=True)
class RolePhrase:
    """A parsed role phrase: tokens [tok_start, tok_end) cover the role word and its country complement;
    `country` is the ISO or IGO code it is held for (None when the text gives none), `country_via` says how it
    was found (adjective | genitive | organisation), `number` is the role word's grammatical number, and
    `name_start` is the token where a following name may start (== tok_end)."""

    role: RoleWord
    tok_start: int
    tok_end: int
    role_start: int
    role_end: int
    country: str | None
    country_via: str | None
    number: str
    adjective_start: int | None = None

    @property
    def name_start(self) -> int:
        return self.tok_end


def token_case(tag: str) -> str | None:
    """The grammatical case of an NKJP tag (subst:sg:gen:f → gen), or None."""
    parts = tag.split(":")
    if len(parts) > 2 and parts[0] in ("subst", "depr", "adj", "ppas", "pact", "ger"):
        cases = parts[2].split(".")
        return cases[0] if cases[0] in CASE_VALUES else None
    return None


def token_number(tag: str) -> str | None:
    parts = tag.split(":")
    if len(parts) > 1 and parts[0] in ("subst", "depr", "adj", "ppas", "pact", "ger"):
        return parts[1].split(".")[0]
    return None


def _code_of(tm: TokenMatch, kb: KnowledgeBase) -> tuple[str | None, str | None]:
    """(code, via) for a match that names a country, capital, seat or an IGO/state organisation."""
    for e in tm.match.entries:
        if e.kind in (gz.COUNTRY, gz.CAPITAL, gz.SEAT) and not e.weak:
            return e.target, "genitive"
    for e in tm.match.entries:
        if e.kind == gz.ORG and not e.weak:
            org = kb.organizations.get(e.target)
            if org is not None and org.country:
                return org.country, "organisation"
    return None, None


def token_cases(token) -> frozenset[str]:
    """Every case any reading of a token allows ("USA": all of them)."""
    out: set[str] = set()
    for a in token.analyses:
        parts = a.tag.split(":")
        if len(parts) > 2 and parts[0] in ("subst", "depr", "adj", "ppas", "pact", "ger"):
            out.update(c for c in parts[2].split(".") if c in CASE_VALUES)
    return frozenset(out)


def parse_role_phrase(role_tm: TokenMatch, tokens: Sequence, at: Callable[[int], TokenMatch | None],
                      kb: KnowledgeBase) -> RolePhrase | None:
    """The role phrase headed by the role-word match `role_tm`.

    `tokens` are the document's tokens (with readings); `at(i)` the selected match starting at token i (or None).
    Guarantees: the phrase covers the role word; a country is only taken from a match adjacent to it (an
    adjective right before or right after, or a genitive complement right after, possibly after one
    adjective + role word as in "rzecznik rosyjskiego MSZ"); `number` is the role word's own number.
    """
    phrase = role_tm.entries(gz.ROLE)[0].target
    role = kb.role_word(phrase)
    if role is None:
        return None
    head_tag = tokens[role_tm.tok_start].tag if role_tm.tok_start < len(tokens) else ""
    number = token_number(head_tag) or "sg"
    head_token = tokens[role_tm.tok_start]
    if number == "sg" and token_case(head_tag) == "gen" and any(
            a.tag.startswith("subst:pl:nom") for a in head_token.analyses):
        number = "pl?"  # "przywódcy": genitive singular or nominative plural; never resolved to one person
    start, end = role_tm.tok_start, role_tm.tok_end
    country = via = None
    adj_start = None
    # an adjective right before: "rosyjski dyplomata"
    prev = _match_ending_at(start, at)
    if prev is not None and prev.entries(gz.ADJECTIVE):
        adj = [e for e in prev.entries(gz.ADJECTIVE) if not e.weak]
        if adj:
            country, via, start, adj_start = adj[0].target, "adjective", prev.tok_start, prev.tok_start
    nxt = at(end)
    if country is None and nxt is not None and nxt.entries(gz.ADJECTIVE):
        adj = [e for e in nxt.entries(gz.ADJECTIVE) if not e.weak]
        after = at(nxt.tok_end)
        # "prokuratura szwedzka" (adjective after the noun), not "rzecznik rosyjskiego MSZ" (adjective + noun)
        if adj and (after is None or not after.entries(gz.ROLE, gz.ORG)):
            if token_case(head_tag) in token_cases(tokens[nxt.tok_start]):
                return RolePhrase(role, start, nxt.tok_end, role_tm.tok_start, role_tm.tok_end, adj[0].target,
                                  "adjective", number)
    if country is None and nxt is not None:
        code, v = _code_of(nxt, kb)
        cases = token_cases(tokens[nxt.tok_start])
        if code is not None and ("gen" in cases or not cases):
            return RolePhrase(role, start, nxt.tok_end, role_tm.tok_start, role_tm.tok_end, code, v, number,
                              adj_start)
        # one more (adjective +) role word between: "rzeczniczka rosyjskiego MSZ", "szef biura prezydenta Ukrainy"
        inner_start = nxt
        inner_country = None
        if nxt.entries(gz.ADJECTIVE):
            inner_country = next((e.target for e in nxt.entries(gz.ADJECTIVE) if not e.weak), None)
            inner_start = at(nxt.tok_end)
        if inner_start is not None and inner_start.entries(gz.ROLE, gz.ORG):
            if inner_country:
                return RolePhrase(role, start, inner_start.tok_end, role_tm.tok_start, role_tm.tok_end,
                                  inner_country, "inner-adjective", number, adj_start)
            if inner_start.entries(gz.ORG):
                code, v = _code_of(inner_start, kb)
                if code is not None:
                    return RolePhrase(role, start, inner_start.tok_end, role_tm.tok_start, role_tm.tok_end,
                                      code, v, number, adj_start)
            after = at(inner_start.tok_end)
            if after is not None:
                code, v = _code_of(after, kb)
                if code is not None:
                    return RolePhrase(role, start, after.tok_end, role_tm.tok_start, role_tm.tok_end, code, v,
                                      number, adj_start)
    return RolePhrase(role, start, end, role_tm.tok_start, role_tm.tok_end, country, via, number, adj_start)


def _match_ending_at(tok: int, at: Callable[[int], TokenMatch | None]) -> TokenMatch | None:
    for back in range(1, 4):
        tm = at(tok - back) if tok - back >= 0 else None
        if tm is not None and tm.tok_end == tok:
            return tm
    return None


# ------------------------------------------------------------------------------------ nominative phrases

@lru_cache(maxsize=20000)
def _nominative_form(lemma: str, pos: str, number: str, gender: str) -> str | None:
    from kronika.actors.forms import _Tag, _morfeusz

    try:
        generated = _morfeusz().generate(lemma)
    except Exception:  # Morfeusz raises on lemmas it cannot generate
        return None
    for form, lem, raw_tag, _q, _l in generated:
        if lem.split(":")[0] != lemma:
            continue
        tag = _Tag.parse(raw_tag)
        if tag.pos != pos or number not in tag.numbers or "nom" not in tag.cases:
            continue
        if gender and tag.genders and gender not in tag.genders:
            continue
        if pos == "adj" and tag.rest and tag.rest[0] != "pos":
            continue
        return form
    return None


def nominative_phrase(words: Sequence[tuple[str, str, str]], capitalised: bool = False) -> str:
    """The nominative of a phrase given as (text, lemma, tag) per word, head noun = the first noun.

    The head noun and the adjectives that agree with it in case are put in the nominative of the head's
    number and gender (adjectives before the head always, after it when they agree in case); everything else
    (a genitive complement) is kept as written, and so is a word Morfeusz cannot generate. Capitalised words
    stay capitalised (the first word only when `capitalised`, i.e. it is not capitalised by a sentence start).
    """
    head = next((i for i, (_t, _l, tag) in enumerate(words) if tag.split(":")[0] in ("subst", "depr")), None)
    if head is None:
        return " ".join(t for t, _l, _g in words)
    htag = words[head][2].split(":")
    number, case, gender = htag[1].split(".")[0], htag[2].split(".")[0], htag[3].split(".")[0]
    out = []
    for i, (text, lemma, tag) in enumerate(words):
        parts = tag.split(":")
        pos = parts[0]
        form = None
        if i == head:
            form = _nominative_form(lemma, "subst", number, gender) or _nominative_form(lemma, pos, number, gender)
        elif pos in ("adj", "ppas", "pact") and (i < head or (len(parts) > 3 and case in parts[2].split("."))):
            form = _nominative_form(lemma, pos, number, gender)
        if form is None:
            form = text
        elif text[:1].isupper() and (i > 0 or lemma[:1].isupper() or capitalised):
            form = form[:1].upper() + form[1:]
        out.append(form)
    return " ".join(out)
