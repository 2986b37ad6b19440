"""The Polish attribution data (kronika/lang/pl/attribution/*.yaml), loaded once per process."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

DATA = Path(__file__).resolve().parent.parent / "lang" / "pl" / "attribution"


@dataclass(frozen=True)
class Cue:
    """A speech cue: `lemmas` matched token by token; `cue` is what a QUOTE records."""

    name: str
    cue: str
    lemmas: tuple[str, ...]
    reporting: bool = False


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[Cue, ...]
    complementizers: frozenset[str]
    topic_prepositions: frozenset[str]
    prepositional: dict[str, str]  # lemma → cue
    addressee_nouns: frozenset[str]
    addressee_verbs: frozenset[str]
    pronouns: dict[str, tuple[str | None, str | None]]
    person_nouns: frozenset[str]
    as_said: frozenset[str]
    sources: dict[str, Any]
    markers: dict[str, Any]

    def cues_starting_with(self, lemma: str) -> list[Cue]:
        return [c for c in self.cues if c.lemmas[0] == lemma]

    @property
    def first_lemmas(self) -> frozenset[str]:
        return frozenset(c.lemmas[0] for c in self.cues)


def _read(name: str) -> dict[str, Any]:
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The three YAML files as one Lexicon; raises ValueError on a duplicate cue name."""
    speech = _read("speech_cues.yaml")
    cues = []
    seen: set[str] = set()
    for raw in speech["cues"]:
        if raw["name"] in seen:
            raise ValueError(f"speech_cues.yaml: duplicate cue name {raw['name']!r}")
        seen.add(raw["name"])
        lemmas = tuple(raw.get("lemmas") or [raw["cue"]])
        cues.append(Cue(raw["name"], raw["cue"], lemmas, bool(raw.get("reporting"))))
    addressee = speech.get("addressee") or {}
    pronouns = {k: (v.get("number"), v.get("gender")) for k, v in (speech.get("pronouns") or {}).items()}
    return Lexicon(
        cues=tuple(cues),
        complementizers=frozenset(speech.get("complementizers") or ()),
        topic_prepositions=frozenset(speech.get("topic_prepositions") or ()),
        prepositional={p["cue"]: p["cue"] for p in speech.get("prepositional_cues") or ()},
        addressee_nouns=frozenset(addressee.get("nouns_before_do") or ()),
        addressee_verbs=frozenset(addressee.get("verbs_before_do") or ()),
        pronouns=pronouns,
        person_nouns=frozenset(speech.get("person_nouns") or ()),
        as_said=frozenset(speech.get("as_said") or ()),
        sources=_read("source_phrases.yaml"),
        markers=_read("evidential_markers.yaml"),
    )
