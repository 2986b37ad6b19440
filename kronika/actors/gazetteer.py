"""The gazetteer: every inflected form of every name in the knowledge base, found in a text in one pass.

Forms come from `forms.polish_forms` (Morfeusz) over the KB's base forms: countries (names, capitals, seats of
government, adjectives, demonyms), organisations (names, acronyms, metonyms), persons (full and short names),
role words (roles.tsv) and places (places.tsv). They are compiled into one pyahocorasick automaton keyed by
the lower-cased form; `Gazetteer.find` reports matches that start and end on token boundaries and whose letter
case agrees with the form (see `_case_agrees`).

Building takes a few seconds, so the automaton is built on first use, kept once per process, and pickled to a
cache file keyed by a digest of the data files (`KRONIKA_CACHE` or ~/.cache/kronika); nothing heavy is ever
stored on a pipeline stage object.
"""
from __future__ import annotations

import hashlib
import os
import pickle
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from kronika.actors.kb import DATA, KnowledgeBase, load_kb

CACHE_VERSION = "gaz-3"

# entry kinds
COUNTRY = "country"          # a Polish or acronym name of a state
CAPITAL = "capital"          # its capital city (a metonym for the government, or a location)
SEAT = "seat"                # another seat of government ("Kreml", "Biały Dom")
ADJECTIVE = "adjective"      # "rosyjski" and its forms
DEMONYM = "demonym"          # "Rosjanie", "Rosjanin"
ORG = "org"                  # an organisation's name or acronym
ORG_METONYM = "org_metonym"  # a place standing for an organisation ("Bruksela" for the EU)
PERSON = "person"            # a full personal name
PERSON_SHORT = "person_short"  # a short form ("Putina", "Kima")
ROLE = "role"                # a role word or phrase (roles.tsv)
PLACE = "place"              # a place from places.tsv


@dataclass(frozen=True)
class Entry:
    """What one gazetteer form may denote: `kind` (above), the KB `target` id (country code, organisation id,
    person id, role phrase, place name), whether the name is `weak`, and the base form it was generated from."""

    kind: str
    target: str
    weak: bool
    base: str


@dataclass(frozen=True)
class Match:
    """A gazetteer hit: character offsets into the text (end exclusive), the surface text, and its entries."""

    start: int
    end: int
    text: str
    entries: tuple[Entry, ...]


def _lower(text: str) -> str:
    """Lower case, one character for one character (offsets in the lowered text are offsets in the text)."""
    if len(text.lower()) == len(text):
        return text.lower()
    return "".join(ch.lower() if len(ch.lower()) == 1 else ch for ch in text)


def _case_agrees(surface: str, form: str) -> bool:
    """The text spells the form exactly, or capitalises its first letter (a sentence start, a headline)."""
    if surface == form:
        return True
    if form[:1].islower() and surface == form[:1].upper() + form[1:]:
        return True
    return False


def _relaxed_case(surface: str, form: str, entry: Entry) -> bool:
    """Multi-word names written in another letter case: a role phrase in Title Case ("Ministerstwo Spraw
    Zagranicznych"), a long organisation or person name differing in case only ("Ria Nowosti")."""
    if entry.kind == ROLE and form.islower():
        return all(w[:1].isupper() for w in surface.split()) or surface[:1].upper() + surface[1:] == surface \
            and surface.lower() == form
    if entry.kind in (ORG, PERSON) and len(form) >= 8 and not entry.weak:
        return surface.lower() == form.lower() and surface[:1].isupper()
    return False


def _hyphen_forms(text: str) -> set[str]:
    """Forms of a name with a compound adjective ("Azja Północno-Wschodnia"): the last part inflects."""
    from kronika.actors.forms import polish_forms

    words = text.split()
    out: set[str] = set()
    for k, w in enumerate(words):
        first, sep, last = w.partition("-")
        if sep and first.lower().endswith("o") and last[:1].isalpha():
            simple = " ".join(words[:k] + [last] + words[k + 1:])
            for f in polish_forms(simple):
                fw = f.split()
                if len(fw) == len(words):
                    fw[k] = first + "-" + fw[k]
                    out.add(" ".join(fw))
    return out


def _data_digest() -> str:
    h = hashlib.sha256(CACHE_VERSION.encode())
    files = sorted(p for p in DATA.rglob("*") if p.is_file())
    for p in files + [Path(__file__).with_name("forms.py"), Path(__file__)]:
        h.update(p.name.encode())
        h.update(p.read_bytes())
    return h.hexdigest()[:24]


def _cache_dir() -> Path:
    env = os.environ.get("KRONIKA_CACHE")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "kronika"


def collect_forms(kb: KnowledgeBase, places: Iterable[tuple[str, str]] = ()) -> dict[str, dict[str, set[Entry]]]:
    """lower-cased form → surface form → entries, for every name in the KB (and `places`: (base, place id))."""
    from kronika.actors.forms import polish_forms

    out: dict[str, dict[str, set[Entry]]] = {}

    def add(forms: Iterable[str], entry: Entry) -> None:
        for f in forms:
            f = " ".join(f.split())
            if len(f) < 2:
                continue
            out.setdefault(_lower(f), {}).setdefault(f, set()).add(entry)

    for c in kb.countries.values():
        for n in c.polish_names:
            add(polish_forms(n.text), Entry(COUNTRY, c.code, n.weak, n.text))
        for en in c.other_english:
            if en.isupper():  # acronyms only: "DPRK", "UK"; English words mislead in Polish text
                add([en], Entry(COUNTRY, c.code, False, en))
        for n in c.capitals:
            add(polish_forms(n.text), Entry(CAPITAL, c.code, n.weak, n.text))
        for n in c.seats:
            add(polish_forms(n.text), Entry(SEAT, c.code, n.weak, n.text))
        for n in c.adjectives:
            add(polish_forms(n.text), Entry(ADJECTIVE, c.code, n.weak, n.text))
        for n in c.demonyms:
            add(polish_forms(n.text, both_numbers=True), Entry(DEMONYM, c.code, n.weak, n.text))
    for o in kb.organizations.values():
        for n in o.polish_names:
            add(polish_forms(n.text) | {n.text}, Entry(ORG, o.id, n.weak, n.text))
        for text in (o.name, *o.other_names):
            add(polish_forms(text) | {text}, Entry(ORG, o.id, False, text))
        for n in o.metonyms:
            add(polish_forms(n.text), Entry(ORG_METONYM, o.id, n.weak, n.text))
    for p in kb.persons.values():
        gender = p.gender or None
        for text in p.all_names():
            add(polish_forms(text, person=True, gender=gender), Entry(PERSON, p.id, False, text))
        for short in p.short_names():
            add(polish_forms(short, person=True, gender=gender), Entry(PERSON_SHORT, p.id, False, short))
    for rw in kb.roles:
        add(polish_forms(rw.phrase, both_numbers=True), Entry(ROLE, rw.phrase, rw.weak, rw.phrase))
    for base, pid in places:
        name = base.lstrip("~")
        add(polish_forms(name) | _hyphen_forms(name), Entry(PLACE, pid, base.startswith("~"), name))
    return out


class Gazetteer:
    """All KB names in all their forms. Safe to pickle (the automaton is rebuilt or reloaded on first use)."""

    def __init__(self, kb: KnowledgeBase | None = None, *, use_cache: bool = True):
        self._kb = kb
        self._use_cache = use_cache and kb is None
        self._automaton = None
        self._lock = threading.Lock()

    def __getstate__(self) -> dict:
        return {"_kb": None, "_use_cache": True, "_automaton": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    @property
    def kb(self) -> KnowledgeBase:
        return self._kb if self._kb is not None else load_kb()

    def _build(self):
        import ahocorasick

        from kronika.actors.places import load_places

        forms = collect_forms(self.kb, load_places().form_pairs())
        automaton = ahocorasick.Automaton()
        for key, by_surface in forms.items():
            automaton.add_word(key, tuple((surface, tuple(sorted(entries, key=_entry_key)))
                                          for surface, entries in by_surface.items()))
        automaton.make_automaton()
        return automaton

    def automaton(self):
        """The compiled automaton (built, or read from the cache, on first call)."""
        if self._automaton is None:
            with self._lock:
                if self._automaton is None:
                    self._automaton = self._load_or_build()
        return self._automaton

    def _load_or_build(self):
        if not self._use_cache:
            return self._build()
        path = _cache_dir() / f"gazetteer-{_data_digest()}.pickle"
        try:
            with open(path, "rb") as fh:
                return pickle.load(fh)
        except Exception:
            pass
        automaton = self._build()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            with open(tmp, "wb") as fh:
                pickle.dump(automaton, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, path)
        except OSError:
            pass
        return automaton

    def find(self, text: str, starts: set[int] | None = None, ends: set[int] | None = None) -> list[Match]:
        """Every (possibly overlapping) match of a KB form in `text`.

        A match starts at an index in `starts` and ends at one in `ends` (token boundaries) when these are
        given, else at word boundaries; its surface agrees in letter case with the form (`_case_agrees`).
        Each match lists the entries of the forms it agrees with. Sorted by start, longest first.
        """
        auto = self.automaton()
        low = _lower(text)
        out: list[Match] = []
        for end_idx, variants in auto.iter(low):
            end = end_idx + 1
            start = end - len(variants[0][0])
            if starts is not None:
                if start not in starts or end not in ends:
                    continue
            else:
                if (start > 0 and text[start - 1].isalnum()) or (end < len(text) and text[end].isalnum()):
                    continue
            surface = text[start:end]
            entries: list[Entry] = []
            for form, ents in variants:
                if _case_agrees(surface, form):
                    entries.extend(e for e in ents if e not in entries)
                elif " " in form:
                    entries.extend(e for e in ents if e not in entries and _relaxed_case(surface, form, e))
            if entries:
                out.append(Match(start, end, surface, tuple(entries)))
        out.sort(key=lambda m: (m.start, -m.end))
        return out


def _entry_key(e: Entry) -> tuple:
    return (e.kind, e.target, e.weak, e.base)


_DEFAULT: Gazetteer | None = None


def default_gazetteer() -> Gazetteer:
    """The process-wide gazetteer over the shipped knowledge base."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Gazetteer()
    return _DEFAULT
