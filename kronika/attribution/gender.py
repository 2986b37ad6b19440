"""Grammatical gender of a person the knowledge base does not know, read off the name: a Polish surname
ending (-ska → feminine, -ski → masculine), the first name's Morfeusz reading of class `imię`, or – for a
first name Morfeusz does not know as a name – its final letter (data: lang/pl/attribution/person_gender.yaml)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import yaml

from kronika.attribution.lexicon import DATA


@dataclass(frozen=True)
class GenderRules:
    feminine_surname_endings: tuple[str, ...]
    masculine_surname_endings: tuple[str, ...]
    feminine_first_name_endings: tuple[str, ...]
    masculine_first_name_endings: tuple[str, ...]
    masculine_first_names: frozenset[str]
    feminine_first_names: frozenset[str]


@lru_cache(maxsize=1)
def load_rules() -> GenderRules:
    raw = yaml.safe_load((DATA / "person_gender.yaml").read_text(encoding="utf-8")) or {}

    def tup(key: str) -> tuple[str, ...]:
        return tuple(str(x).lower() for x in raw.get(key) or ())

    return GenderRules(tup("feminine_surname_endings"), tup("masculine_surname_endings"),
                       tup("feminine_first_name_endings"), tup("masculine_first_name_endings"),
                       frozenset(tup("masculine_first_names")), frozenset(tup("feminine_first_names")))


def _name_readings(word: str) -> set[str]:
    """The genders (m1/f) of the word's readings as a first name (Morfeusz class `imię`)."""
    try:
        from kronika.lang.pl.morphology import analyse
    except Exception:  # the morphology is optional for this layer
        return set()
    names = [a for a in analyse(word) if "imię" in (a.names or ())]
    # a name in its base form is read as itself ("Angela", not the genitive of "Angel")
    names = [a for a in names if a.lemma == word] or names
    out: set[str] = set()
    for a in names:
        feats = a.tag.split(":")
        if "m1" in feats:
            out.add("m1")
        elif "f" in feats:
            out.add("f")
    return out


def _words(name: str) -> list[str]:
    return [w.strip(".,'’\"()") for w in name.split() if w.strip(".,'’\"()")]


@lru_cache(maxsize=4096)
def name_gender(name: str) -> str | None:
    """'m1' or 'f' for a personal name of two or more capitalised words when its surname ending, its first
    name as Morfeusz knows it, or the first name's final letter says so; else None (one word, or no rule
    applies, or the first name is read as both)."""
    words = _words(name)
    if len(words) < 2 or not all(w[:1].isupper() for w in (words[0], words[-1])):
        return None
    rules = load_rules()
    last = words[-1].lower()
    if last.endswith(rules.feminine_surname_endings):
        return "f"
    if last.endswith(rules.masculine_surname_endings):
        return "m1"
    first = words[0].lower()
    if first in rules.feminine_first_names:
        return "f"
    if first in rules.masculine_first_names:
        return "m1"
    known = _name_readings(words[0])
    if len(known) == 1:
        return next(iter(known))
    if known:
        return None
    if first.endswith(rules.feminine_first_name_endings):
        return "f"
    if first.endswith(rules.masculine_first_name_endings):
        return "m1"
    return None
