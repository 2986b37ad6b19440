"""Collectives named by a common phrase that stand for a party of the story.

- **Regions as parties** — a region's adjective before a plural noun for states or their leaders
  ("europejscy przywódcy", "europejscy sojusznicy Kijowa", "państwa europejskie") is a mention of the region
  (linking.yaml `region_adjectives`: adjective base form → places.tsv id; `region_group_nouns`).
- **A leader's government** — a government word before the genitive of a person who heads a state or government
  on the document date ("administracja Trumpa", "rząd Orbána") is a mention of that state; the person keeps
  their own mention (linking.yaml `leader_government_words`, `leader_offices`).
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kronika.actors.places import load_places
from kronika.actors.roles import token_case, token_number

if TYPE_CHECKING:
    from kronika.actors.linker import Linker


def _lemmas(linker: "Linker", i: int) -> set[str]:
    """The base forms of token i: the chosen reading's, else every reading's."""
    tok = linker.tokens[i]
    if tok.chosen is not None:
        return {tok.chosen.lemma.split(":")[0].lower()}
    return {a.lemma.split(":")[0].lower() for a in tok.analyses} or {tok.text.lower()}


def link_region_groups(linker: "Linker") -> None:
    """Region mentions for "europejscy przywódcy" and "państwa europejskie" (module doc)."""
    adjectives = {str(k).lower(): v for k, v in (linker.rules.get("region_adjectives") or {}).items()}
    nouns = frozenset(linker.rules.get("region_group_nouns") or ())
    if not adjectives or not nouns:
        return
    places = load_places()
    n = len(linker.tokens)
    for i in range(n - 1):
        for adj, noun in ((i, i + 1), (i + 1, i)):  # "europejscy przywódcy", "państwa europejskie"
            place = next((adjectives[x] for x in _lemmas(linker, adj) if x in adjectives), None)
            if place not in places or not (_lemmas(linker, noun) & nouns):
                continue
            if linker.covered[i] or linker.covered[i + 1] or token_number(linker.tags[noun]) != "pl":
                continue
            if not linker.tags[adj].startswith("adj"):
                continue
            linker._add(i, i + 2, ("place", place), "region-group")


def link_leader_governments(linker: "Linker") -> None:
    """State mentions for "administracja Trumpa" (module doc)."""
    words = frozenset(linker.rules.get("leader_government_words") or ())
    offices = frozenset(linker.rules.get("leader_offices") or ())
    if not words or not offices:
        return
    persons = {m.tok_start: m for m in linker.mentions if m.key[0] == "person"}
    for i in range(len(linker.tokens) - 1):
        person = persons.get(i + 1)
        if person is None or linker.covered[i] or not (_lemmas(linker, i) & words):
            continue
        if token_case(linker.tags[i + 1]) not in (None, "gen"):
            continue
        roles = [r for r in linker.kb.person_roles_on(person.key[1], linker.date) if r.role in offices]
        if roles and roles[0].country in linker.kb.countries:
            linker._add(i, i + 1, ("country", roles[0].country), "leader-government")
