"""Bodies named by a common noun: an inquiry, a commission, a court the KB does not know.

A singular role phrase of an organisation type listed in linking.yaml `body_roles` ("komisja śledcza", "sąd",
"trybunał") that is not followed by a name and has no entity yet names a body of the document:

- the first such phrase makes the body (`("new", "organization", <nominative phrase>)`), with the role's sector
  and the country of its adjective when it has one ("Brytyjska komisja śledcza" → GBR); a recogniser span
  lying inside it ("Komisja" of "Komisja śledcza") is replaced by it;
- every later occurrence of the same phrase, and of its head noun alone in any case ("komisji", "Komisja"),
  is a mention of the most recent body with that head, even before a person's name ("Przewodniczący komisji
  Anthony Hughes").

A body without a country gets one from context (context_country.py: the state where the story happens), marked
by the mention attribute `body`.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.actors.roles import nominative_phrase

if TYPE_CHECKING:
    from kronika.actors.linker import Linker
    from kronika.actors.roles import RolePhrase, TokenMatch


def _head_lemma(linker: "Linker", i: int) -> str:
    tok = linker.tokens[i]
    return (tok.chosen.lemma if tok.chosen is not None else tok.text).split(":")[0].lower()


def _singular(linker: "Linker", i: int) -> bool:
    return ":sg:" in linker.tags[i] + ":"


def _name_follows(linker: "Linker", i: int) -> bool:
    if i >= len(linker.tokens):
        return False
    tok = linker.tokens[i]
    return tok.kind == "word" and tok.text[:1].isupper() and not (
        tok.chosen is not None and tok.chosen.lemma[:1].islower())


def link_bodies(linker: "Linker", role_phrases: list[tuple["TokenMatch", "RolePhrase"]]) -> None:
    """Adds body mentions (module doc) for organisation role phrases and later bare head nouns."""
    bodies = frozenset(linker.rules.get("body_roles") or ())
    heads: dict[str, tuple] = {}  # head lemma → key of the latest body
    first_body: dict[str, int] = {}
    for _tm, rp in sorted(role_phrases, key=lambda x: x[1].tok_start):
        role = rp.role
        if role.type != "organization" or rp.number != "sg" or role.phrase not in bodies or rp.country_via == "genitive":
            continue
        start, end = (rp.adjective_start if rp.adjective_start is not None else rp.role_start), \
            max(rp.role_end, rp.tok_end if rp.country_via == "adjective" else rp.role_end)
        if _name_follows(linker, end):
            continue  # "sąd w Hadze", "komisja Sejmu": a name follows
        head = _head_lemma(linker, rp.role_start)
        inside = [m for m in linker.mentions if start <= m.tok_start and m.tok_end <= end]
        if any(m.key[0] != "new" or m.key[1] != "organization" or m.rule == "role-phrase-group" for m in inside):
            existing = next((m for m in inside if m.rule == "role-phrase-group"), None)
            if existing is not None:
                heads[head] = existing.key
                first_body.setdefault(head, existing.tok_start)
            continue
        for m in inside:
            linker.mentions.remove(m)
            for i in range(m.tok_start, m.tok_end):
                linker.covered[i] = False
        if any(linker.covered[start:end]):
            continue
        key = heads.get(head)
        if key is None:
            words = [(t.text, t.lemma, t.tag) for t in linker.tokens[start:end]]
            name = nominative_phrase(words, capitalised=not linker._sentence_initial(start))
            key = ("new", "organization", name.lower())
            heads[head] = key
            first_body[head] = start
            attrs = {"name": name, "sector": role.sector, "body": True}
            if rp.country:
                attrs["country"] = rp.country
            linker._add(start, end, key, "body-phrase", **attrs)
        else:
            linker._add(start, end, key, "body-phrase-again")
    if not heads:
        return
    for i, tok in enumerate(linker.tokens):
        if tok.kind != "word" or linker.covered[i] or not _singular(linker, i):
            continue
        head = _head_lemma(linker, i)
        if head in heads and i > first_body[head]:
            linker._add(i, i + 1, heads[head], "body-head-noun")
