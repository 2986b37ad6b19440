"""Loading and validating a language's trigger lexicon (`triggers.yaml`) and valency frames (`frames.yaml`).

The files live under `kronika/lang/<lang>/events/`; their format is documented in the README.md there.
`load_lexicon(lang)` returns a checked `Lexicon`; `validate_lexicon_data` lists every problem in raw data.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from kronika.events.ontology import ontology

COMPANION_CASES = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
"""Cases a `with` companion may be restricted to ("członek:inst": "zostać członkiem", not "przesłany członkom")."""
TRIGGER_KEYS = {"name", "lemma", "category", "mode", "context", "frame", "with", "that", "reflexive", "negated",
                "only_negated", "require", "override", "note", "that_denies", "not_after", "not_with", "solo", "authority", "frames_speech", "reported_actor", "own_act", "place_owner", "retaliation", "not_lemma"}
FRAME_KEYS = {"actor", "recipient", "nominal_actor", "nominal_recipient", "reciprocal", "embeds", "note",
              "objective_genitive"}
ROLES = ("actor", "recipient")
CASES = {"nom", "gen", "dat", "acc", "inst", "loc"}
SPECIAL_SLOTS = {"subj", "of", "of_object", "agent", "acc_owner", "inf_owner", "complement_subject",
                 "complement_object"}


class LexiconError(ValueError):
    """A trigger lexicon or frame file that breaks its format (names the entry and the problem)."""


@dataclass(frozen=True)
class Slot:
    """One way a role is marked: a bare case ('acc'), a preposition + case ('z+inst'), or a special slot
    ('subj' the agreeing subject, 'of' a genitive/adjective of a noun trigger, 'of_object' the genitive or
    adjective of the trigger's companion word, 'agent' the passive 'przez'+acc)."""

    kind: str  # case | prep | special
    case: str | None = None
    prep: str | None = None
    name: str = ""

    @classmethod
    def parse(cls, text: str) -> "Slot":
        if text in SPECIAL_SLOTS:
            return cls("special", name=text)
        if text in CASES:
            return cls("case", case=text, name=text)
        if "+" in text:
            prep, case = text.rsplit("+", 1)
            if case in CASES and prep:
                return cls("prep", case=case, prep=prep.replace("_", " "), name=text)
        raise LexiconError(f"unknown slot {text!r}")


@dataclass(frozen=True)
class Frame:
    name: str
    actor: tuple[Slot, ...]
    recipient: tuple[Slot, ...]
    nominal_actor: tuple[Slot, ...]
    nominal_recipient: tuple[Slot, ...]
    reciprocal: bool = False
    embeds: Slot | None = None
    objective_genitive: bool = False


@dataclass(frozen=True)
class Trigger:
    name: str
    lemmas: frozenset[str]
    category: str
    modes: tuple[str, ...] = ()
    contexts: tuple[str, ...] = ()
    frame: str = "transitive"
    with_groups: tuple[frozenset[str], ...] = ()
    with_cases: tuple[tuple[str, str], ...] = ()  # (lemma, case) of companions written "lemma:case"
    reflexive: bool = False
    negated: str | None = None
    only_negated: bool = False
    require: tuple[str, ...] = ()
    with_recipient: str | None = None
    with_person_recipient: str | None = None
    that_groups: tuple[frozenset[str], ...] = ()
    that_clause: bool = False
    that_denies: bool = False
    not_after: frozenset[str] = frozenset()
    not_with: frozenset[str] = frozenset()
    not_lemma: frozenset[str] = frozenset()  # the tagger's lemma of the word that makes it something else
    solo: bool = False
    authority: bool = False
    authority_over_people: bool = False  # `authority: people`: only over persons and groups of people
    frames_speech: bool = False
    reported_actor: bool = False
    own_act: bool = False
    place_owner: bool = False
    retaliation: bool = False

    @property
    def specificity(self) -> int:
        """Entries with more required companions win over plainer ones on the same word."""
        return (len(self.with_groups) + len(self.that_groups) + int(self.that_denies)) * 2 + int(self.that_clause) + int(
            self.reflexive) + int(self.only_negated)


@dataclass
class Lexicon:
    triggers: list[Trigger]
    frames: dict[str, Frame]
    mode_cues: list[tuple[str, str, frozenset[str]]]
    context_defaults: dict[str, tuple[str, ...]]
    role_heads: frozenset[str]
    relative_pronouns: frozenset[str]
    clause_openers: frozenset[str]
    coordinators: frozenset[str]
    time_nouns: frozenset[str] = frozenset()
    pair_words: frozenset[str] = frozenset()
    pair_nouns: dict[str, frozenset[str]] = field(default_factory=dict)
    pair_alone: frozenset[str] = frozenset()
    seat_nouns: frozenset[str] = frozenset()
    goal_verbs: frozenset[str] = frozenset()
    purpose_participles: frozenset[str] = frozenset()
    fronted_openers: frozenset[str] = frozenset()
    announcing_verbs: frozenset[str] = frozenset()
    origin_adjectives: frozenset[str] = frozenset()
    conditional_words: frozenset[str] = frozenset()
    quantity_words: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()  # lemmas: an active participle describing one is its issuer's act
    impersonal_modals: frozenset[str] = frozenset()  # lemmas, "dać się" for a verb impersonal with "się"
    person_titles: frozenset[str] = frozenset()
    comment_verbs: frozenset[str] = frozenset()
    sport_words: frozenset[str] = frozenset()  # lemmas of sports reports (`domain.sports_report`)
    sport_min: int = 4
    sport_share: float = 0.02
    match_entries: frozenset[str] = frozenset()  # trigger entries that are a match in a sports report
    political_sectors: frozenset[str] = frozenset()
    by_lemma: dict[str, list[Trigger]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.by_lemma = {}
        for t in self.triggers:
            for lemma in t.lemmas:
                self.by_lemma.setdefault(lemma, []).append(t)
        for entries in self.by_lemma.values():
            entries.sort(key=lambda t: -t.specificity)

    def trigger(self, name: str) -> Trigger:
        for t in self.triggers:
            if t.name == name:
                return t
        raise KeyError(name)


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def validate_lexicon_data(triggers: dict, frames: dict) -> list[str]:
    """Every problem in the raw YAML data: unknown keys, categories, modes, contexts or frames, missing or
    duplicate names, malformed slots. Empty when the lexicon is sound."""
    problems: list[str] = []
    onto = ontology()
    frame_names = set((frames.get("frames") or {}).keys())
    for fname, f in (frames.get("frames") or {}).items():
        for key in set(f) - FRAME_KEYS:
            problems.append(f"frame {fname}: unknown key {key!r}")
        for key in ("actor", "recipient", "nominal_actor", "nominal_recipient", "embeds"):
            for slot in _as_list(f.get(key)):
                try:
                    Slot.parse(slot)
                except LexiconError as exc:
                    problems.append(f"frame {fname}: {exc}")
    seen: set[str] = set()
    for i, t in enumerate(triggers.get("triggers") or []):
        where = f"trigger {t.get('name') or '#' + str(i)}"
        if not t.get("name"):
            problems.append(f"{where}: no name")
        elif t["name"] in seen:
            problems.append(f"{where}: duplicate name")
        seen.add(t.get("name"))
        for key in set(t) - TRIGGER_KEYS:
            problems.append(f"{where}: unknown key {key!r}")
        if not _as_list(t.get("lemma")):
            problems.append(f"{where}: no lemma")
        cat = t.get("category")
        if cat not in onto.categories:
            problems.append(f"{where}: unknown category {cat!r}")
            continue
        for m in _as_list(t.get("mode")):
            if m not in onto.categories[cat].modes:
                problems.append(f"{where}: mode {m!r} is not a mode of {cat}")
        for c in _as_list(t.get("context")):
            if c not in onto.contexts:
                problems.append(f"{where}: unknown context {c!r}")
        if t.get("frame", "transitive") not in frame_names:
            problems.append(f"{where}: unknown frame {t.get('frame')!r}")
        if t.get("negated") and t["negated"] not in onto.categories:
            problems.append(f"{where}: unknown category {t['negated']!r} for negation")
        for group in _as_list(t.get("with")):
            if not isinstance(group, list) or not group:
                problems.append(f"{where}: 'with' takes lists of lemmas")
            elif any(not isinstance(w, str) or " " in w for w in group):
                problems.append(f"{where}: 'with' lemmas are single words")
            elif any(w.count(":") > 1 or (":" in w and w.split(":")[1] not in COMPANION_CASES) for w in group):
                problems.append(f"{where}: a 'with' lemma takes one case after ':' ({', '.join(COMPANION_CASES)})")
        that = t.get("that")
        if that is not None and that != "any":
            if not isinstance(that, list) or not all(isinstance(g, list) and g for g in that):
                problems.append(f"{where}: 'that' takes 'any' or lists of lemmas")
            elif any(not isinstance(w, str) or " " in w for g in that for w in g):
                problems.append(f"{where}: 'that' lemmas are single words")
        for r in _as_list(t.get("require")):
            if r not in ROLES:
                problems.append(f"{where}: can only require actor or recipient, not {r!r}")
        override = t.get("override") or {}
        for key, value in override.items():
            if key not in ("with_recipient", "with_person_recipient") or value not in onto.categories:
                problems.append(f"{where}: bad override {key!r}: {value!r}")
    for cue in triggers.get("mode_cues") or []:
        cat, mode = cue.get("category"), cue.get("mode")
        if cat not in onto.categories or mode not in onto.categories[cat].modes:
            problems.append(f"mode cue {cat}/{mode}: not a PLOVER mode")
    for cat, ctxs in (triggers.get("context_defaults") or {}).items():
        if cat not in onto.categories:
            problems.append(f"context_defaults: unknown category {cat!r}")
        for c in _as_list(ctxs):
            if c not in onto.contexts:
                problems.append(f"context_defaults {cat}: unknown context {c!r}")
    return problems


def _slots(values: Any) -> tuple[Slot, ...]:
    return tuple(Slot.parse(v) for v in _as_list(values))


def build_lexicon(triggers: dict, frames: dict) -> Lexicon:
    """A Lexicon from raw YAML data; raises LexiconError listing the problems when the data is unsound."""
    problems = validate_lexicon_data(triggers, frames)
    if problems:
        raise LexiconError("; ".join(problems[:10]))
    built_frames: dict[str, Frame] = {}
    for name, f in frames["frames"].items():
        actor, recipient = _slots(f.get("actor")), _slots(f.get("recipient"))
        nominal_actor = _slots(f["nominal_actor"]) if "nominal_actor" in f else (Slot.parse("of"),) + actor
        nominal_recipient = _slots(f["nominal_recipient"]) if "nominal_recipient" in f else recipient
        embeds = Slot.parse(f["embeds"]) if f.get("embeds") else None
        built_frames[name] = Frame(name, actor, recipient, nominal_actor, nominal_recipient,
                                   bool(f.get("reciprocal")), embeds, bool(f.get("objective_genitive")))
    built = []
    for t in triggers["triggers"]:
        built.append(Trigger(
            name=t["name"], lemmas=frozenset(_as_list(t["lemma"])), category=t["category"],
            modes=tuple(_as_list(t.get("mode"))), contexts=tuple(_as_list(t.get("context"))),
            frame=t.get("frame", "transitive"),
            with_groups=tuple(frozenset(w.split(":")[0] for w in g) for g in _as_list(t.get("with"))),
            with_cases=tuple((w.split(":")[0], w.split(":")[1]) for g in _as_list(t.get("with")) for w in g if ":" in w),
            reflexive=bool(t.get("reflexive")), negated=t.get("negated"), only_negated=bool(t.get("only_negated")),
            require=tuple(_as_list(t.get("require"))), with_recipient=(t.get("override") or {}).get("with_recipient"),
            with_person_recipient=(t.get("override") or {}).get("with_person_recipient"),
            that_groups=tuple(frozenset(g) for g in t["that"]) if isinstance(t.get("that"), list) else (),
            that_clause=t.get("that") is not None,
            that_denies=bool(t.get("that_denies")),
            not_after=frozenset(str(w).lower() for w in _as_list(t.get("not_after"))),
            not_with=frozenset(_as_list(t.get("not_with"))),
            not_lemma=frozenset(_as_list(t.get("not_lemma"))),
            solo=bool(t.get("solo")),
            authority=bool(t.get("authority")),
            authority_over_people=t.get("authority") == "people",
            frames_speech=bool(t.get("frames_speech")),
            reported_actor=bool(t.get("reported_actor")),
            own_act=bool(t.get("own_act")),
            place_owner=bool(t.get("place_owner")),
            retaliation=bool(t.get("retaliation")),
        ))
    cues = [(c["category"], c["mode"], frozenset(c["lemmas"])) for c in triggers.get("mode_cues") or []]
    defaults = {k: tuple(_as_list(v)) for k, v in (triggers.get("context_defaults") or {}).items()}
    return Lexicon(
        built, built_frames, cues, defaults,
        role_heads=frozenset(str(h).lower() for h in frames.get("role_heads") or ()),
        relative_pronouns=frozenset(frames.get("relative_pronouns") or ()),
        clause_openers=frozenset(frames.get("clause_openers") or ()),
        fronted_openers=frozenset(str(w).lower() for w in frames.get("fronted_openers") or ()),
        announcing_verbs=frozenset(frames.get("announcing_verbs") or ()),
        origin_adjectives=frozenset(frames.get("origin_adjectives") or ()),
        conditional_words=frozenset(str(w).lower() for w in frames.get("conditional_words") or ()),
        quantity_words=frozenset(str(w).lower() for w in frames.get("quantity_words") or ()),
        impersonal_modals=frozenset(str(w) for w in frames.get("impersonal_modals") or ()),
        document_nouns=frozenset(str(w).lower() for w in frames.get("document_nouns") or ()),
        person_titles=frozenset(str(w).lower() for w in frames.get("person_titles") or ()),
        coordinators=frozenset(frames.get("coordinators") or ()),
        time_nouns=frozenset(frames.get("time_nouns") or ()),
        pair_words=frozenset(str(w).lower() for w in frames.get("pair_words") or ()),
        pair_nouns={str(k): frozenset(_as_list(v)) for k, v in (frames.get("pair_nouns") or {}).items()},
        pair_alone=frozenset(str(w).lower() for w in frames.get("pair_alone") or ()),
        seat_nouns=frozenset(str(w).lower() for w in frames.get("seat_nouns") or ()),
        goal_verbs=frozenset(frames.get("goal_verbs") or ()),
        purpose_participles=frozenset(str(w).lower() for w in frames.get("purpose_participles") or ()),
        comment_verbs=frozenset(frames.get("comment_verbs") or ()),
        sport_words=frozenset(str(w).lower() for w in frames.get("sport_words") or ()),
        sport_min=int(frames.get("sport_min", 4)),
        sport_share=float(frames.get("sport_share", 0.02)),
        match_entries=frozenset(str(w) for w in frames.get("match_entries") or ()),
        political_sectors=frozenset(str(w) for w in frames.get("political_sectors") or ()),
    )


def read_lexicon_files(lang: str = "pl") -> tuple[dict, dict]:
    """The raw (triggers, frames) YAML data shipped for `lang`."""
    base = resources.files(f"kronika.lang.{lang}").joinpath("events")
    triggers = yaml.safe_load(base.joinpath("triggers.yaml").read_text("utf-8")) or {}
    frames = yaml.safe_load(base.joinpath("frames.yaml").read_text("utf-8")) or {}
    return triggers, frames


@lru_cache(maxsize=4)
def load_lexicon(lang: str = "pl") -> Lexicon:
    """The checked lexicon for `lang` (loaded once per process)."""
    return build_lexicon(*read_lexicon_files(lang))
