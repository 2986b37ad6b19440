"""Names the knowledge base lacks: a quality gate on recogniser spans and base forms of foreign names.

- `plausible_ner_span` rejects spans that are not actor names: all-capitals codes the KB does not know
  ("ORP", "DORSZ", "SCOT-M", "POLICE" — a KB acronym is found by the gazetteer before the recogniser is
  consulted), spans right after a prefix that makes them part of another name ("USS Gerald Ford",
  "św. Michała"), and one-letter or digit-only fragments.
- `foreign_word_base` gives the nominative of a word Morfeusz does not know. The tagger's guessed lemma is
  unreliable for foreign names ("Salisbury" → "Salisbur", "Ghaniego" unchanged), so: an ending rule whose
  result occurs in the document as a word of its own wins ("Kobachidzem" → "Kobachidze" when "Kobachidze" is
  written elsewhere); else a rule marked sure applies ("Sorokinem" → "Sorokin", "Ghaniego" → "Ghani");
  else the word keeps its written form.
- A fleeting vowel returns: when the stripped stem ends in a consonant cluster Polish does not end a word with
  (linking.yaml `fleeting_e_clusters`: "Pavlem" → "Pavl" → "Pavel"), an "e" goes before its last consonant —
  unless the bare stem is written in the document; an e-form written in the document always wins.
- `same_name_forms` tells whether two written forms of one unknown name are the same name in two cases
  ("Angelą Pick" and "Angela Pick").

The ending rules are data (data/name_endings.tsv).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Collection

from kronika.actors.kb import DATA, _read_tsv


@dataclass(frozen=True)
class EndingRule:
    """An oblique-case ending of a foreign name and what replaces it in the nominative."""

    ending: str
    base: str
    sure: bool
    min_stem: int


@lru_cache(maxsize=1)
def ending_rules() -> tuple[EndingRule, ...]:
    """The rules of data/name_endings.tsv, longest ending first (file order among equal lengths)."""
    rules = []
    for row in _read_tsv(DATA / "name_endings.tsv"):
        rules.append(EndingRule(row["ending"], row["base"] if row["base"] != "-" else "", row["sure"] == "yes",
                                int(row["min_stem"] or 3)))
    return tuple(sorted(rules, key=lambda r: -len(r.ending)))


def base_candidates(word: str) -> list[tuple[str, EndingRule]]:
    """(candidate base, rule) for every ending rule that applies to `word`, longest ending first."""
    out = []
    for rule in ending_rules():
        if word.endswith(rule.ending) and len(word) - len(rule.ending) >= rule.min_stem:
            out.append((word[: len(word) - len(rule.ending)] + rule.base, rule))
    return out


@lru_cache(maxsize=1)
def fleeting_e_clusters() -> frozenset[str]:
    """Final consonant clusters (lower case) after which a stripped stem gets its fleeting "e" back."""
    from kronika.actors.linker import linking_rules

    return frozenset(c.lower() for c in linking_rules().get("fleeting_e_clusters") or ())


def with_fleeting_e(stem: str) -> str | None:
    """The stem with "e" before its last consonant when it ends in a `fleeting_e_clusters` cluster
    ("Pavl" → "Pavel"), else None."""
    for cluster in fleeting_e_clusters():
        if len(stem) > len(cluster) and stem.lower().endswith(cluster):
            return stem[:-1] + "e" + stem[-1]
    return None


def _restore_vowel(stem: str, document_words: Collection[str]) -> str:
    if stem in document_words:
        return stem
    return with_fleeting_e(stem) or stem


def same_name_forms(a: str, b: str) -> bool:
    """Two forms of one word of a name: equal, or one is a candidate base of the other by the ending rules
    (with the fleeting vowel restored: "Pavlem" ~ "Pavel", "Angelą" ~ "Angela")."""
    if a == b:
        return True
    for x, y in ((a, b), (b, a)):
        for cand, _rule in base_candidates(x):
            if cand == y or with_fleeting_e(cand) == y:
                return True
    return False


def foreign_word_base(word: str, document_words: Collection[str], nominative: bool = False,
                      masculine_oblique: bool = False, guess: str | None = None) -> str:
    """The nominative of one word of a foreign name Morfeusz does not know.

    Guarantees: a candidate base that occurs among `document_words` is preferred (longest ending first);
    otherwise a `nominative` word, or one no sure rule applies to, is returned unchanged; apostrophe
    endings are cut ("Ozzy'ego" → "Ozzy"); with `masculine_oblique` (a man's name in the genitive or
    accusative) the ending -a is sure too ("Witkoffa" → "Witkoff"); a `guess` (the tagger's lemma) is taken
    when an ending rule yields it too ("Petrobalticu" → "Petrobaltic", but not "Salisbury" → "Salisbur")."""
    for apostrophe in ("'", "’"):
        if apostrophe in word[1:]:
            head, _sep, tail = word.partition(apostrophe)
            if tail.islower() and len(tail) <= 4:
                return head
    candidates = base_candidates(word)
    for cand, _rule in candidates:
        if cand != word and cand in document_words:
            return cand
        restored = with_fleeting_e(cand)
        if restored is not None and restored in document_words:
            return restored
    if nominative:
        return word
    if guess and guess != word and any(cand == guess and not rule.base for cand, rule in candidates):
        return guess
    for cand, rule in candidates:
        if rule.sure or (masculine_oblique and rule.ending == "a" and not rule.base):
            return _restore_vowel(cand, document_words) if not rule.base else cand
    return word


@lru_cache(maxsize=1)
def _gate_rules() -> tuple[frozenset[str], int]:
    from kronika.actors.linker import linking_rules

    rules = linking_rules()
    return frozenset(p.lower() for p in rules.get("name_part_prefixes") or ()), int(rules.get("max_name_tokens", 8))


def is_code(text: str) -> bool:
    """An all-capitals code: letters in capitals, maybe digits and hyphens ("ORP", "SCOT-M", "RSZ")."""
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and all(c.isupper() for c in letters) and all(
        c.isalnum() or c in "-/." for c in text)


def plausible_ner_span(words: list[str], previous: str | None) -> bool:
    """Whether a recogniser span (its word texts, and the word before it) may name an actor the KB lacks.

    False for: all-capitals codes (every word a code), spans after a name-part prefix ("USS", "ORP", "św."),
    spans longer than `max_name_tokens`, and spans with no word of at least two letters."""
    prefixes, max_tokens = _gate_rules()
    if not words or len(words) > max_tokens:
        return False
    if not any(sum(c.isalpha() for c in w) >= 2 for w in words):
        return False
    if all(is_code(w) or not any(c.isalpha() for c in w) for w in words):
        return False
    if previous is not None and previous.lower() in prefixes:
        return False
    return True
