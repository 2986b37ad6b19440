"""Base (nominative) forms of names: "Siergieja Szojgu" → "Siergiej Szojgu", "Koreę Północną" → "Korea
Północna", "Kimem" → "Kim", "Stanach Zjednoczonych" → "Stany Zjednoczone", "Rady Uniwersytetu Warszawskiego" →
"Rada Uniwersytetu Warszawskiego".

Rule (`base_form`; the weights and word lists are data, data/basenames.yaml):
- A foreign name's ending that a tokenizer cut off after an apostrophe ("Joe", "’", "a") is glued back to its
  word first ("Joe’a"; `apostrophe_endings`).
- Leading words that do not inflect are kept as written and skipped: Roman and Arabic numerals ("II wojny"),
  abbreviations and initials ("św.", "J.", "B" with its dot written apart), short all-capital acronyms ("FC
  Barcelony"), in a person's name a particle (`name_particles`: "de Gaulle'a", "van Beethovena").
- The head phrase starts at the next word: it is that word and the words after it that stand in the same case —
  adjectives agreeing in number and gender with the head noun, a second proper name after a proper name
  ("Baracka Obamy", "Volkswagena Golfa"; in a person's name a guessed reading of an unknown word need not
  agree in gender: a man's surname may decline like a feminine noun, "Piotra Obamy", at a small cost, so
  "Wojciecha Nomejki" is Nomejko rather than Nomejka; a guessed word continuing a name word in an oblique case
  earns a bonus, so two unknown words agreeing as genitives beat both taken as written), and a word after
  "i"/"oraz" right after the head phrase ("Prawa i Sprawiedliwości"). A second proper noun stands in an oblique
  case only in the `apposition_classes` (people, places, facilities, unclassed names): in an organisation's
  name it is a complement ("Partii Woli" → "Partia Woli"), only nominatives stand side by side there ("Wisła
  Kraków"); and no name follows an unknown word taken as written whose ending is an oblique case's (a guess rule
  marked `oblique`: "Feyenoordem Rotterdam" → "Feyenoord Rotterdam"). In a person's name an initial or a particle
  inside the phrase is passed over ("Jana K. Wiśniewskiego", "Ludwiga van Beethovena"). Everything from the first
  word that does not fit on (a genitive complement "Spraw Zagranicznych", a preposition, punctuation) is kept
  as written.
- Each word has candidate readings: its Morfeusz readings; for a word Morfeusz does not know, readings guessed
  from its ending (`guess_rules`: "Tabeńskiego" → Tabeński sg:gen:m1, "Obamy" → Obama sg:gen:f) and the word
  itself as an undeclined nominative ("Sarkozy"). Each reading has a cost (`costs`: a plural, a vocative, a
  common-noun reading of a capitalised word that also has a proper reading, a reading Morfeusz marks archaic or
  rare, a surname-only reading of a word that is also a first name's form ("Szymona"), a lemma of foreign
  spelling when one of Polish spelling fits too ("Jacka": Jacek, not Jack), a rare man's first name whose
  genitive is a common woman's name ("Barbara": not Barbar's genitive), a place lemma with a rarer ending
  when the -ów one fits ("Tarnowie": Tarnów), …). Every case of the first word
  gives a hypothesis; each word takes the reading that lets the phrase go on with the least cost; the
  hypothesis with the highest total gain (a word's gain is 1 − its reading's cost) wins, ties going to the
  readings the tagger chose. So "Stanisława Tabeńskiego" is a genitive (Stanisław Tabeński), not the
  feminine nominative "Stanisława".
- Each head word is put in the nominative with the same number and gender (Morfeusz's generator; a guessed
  reading gives its guessed lemma, an undeclined word its written form).
- Letter case follows the text, part by part in a hyphenated compound ("Chrześcijańsko-Narodowe"); a name
  written all in capitals ("RZECZYPOSPOLITEJ POLSKIEJ") is given with capital initials; a generic facility
  word opening the name (`generic_heads`: plac, rondo, …) is lower-cased.
- A one-word name in an adjective class (KPWr nam_adj…) or a facility's adjectival name ("Marszałkowskiej")
  gives the adjective's lemma ("polski", "marszałkowski"); another one-word name gives its lemma ("Polaków" →
  "Polak"), except a plural one of a `plural_types` type (a team's nickname, a title: "Kanonierów" →
  "Kanonierzy").
- A name of a `capitalised_types` type (a legal act's title) starts with a capital ("ustawy o …" → "Ustawa o
  …"); no space is put after an opening or before a closing quotation mark („Nowy Dom”).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Sequence

import yaml

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import tag_parts
from kronika.lang.pl.morphology import analyse, expand_tag, morfeusz

INFLECTED = frozenset({"subst", "adj", "depr", "ppas", "pact", "num", "ger"})
ADJECTIVAL = frozenset({"adj", "ppas", "pact"})
NOMINAL = frozenset({"subst", "depr", "ger"})
CONJUNCTIONS = frozenset({"i", "oraz"})
_PERSON_NAMES = frozenset({"imię", "nazwisko"})
_COMMON_ONLY = frozenset({"nazwa_pospolita"})
_ROMAN = re.compile(r"[IVXLCM]+")


# --- data ------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GuessRule:
    name: str
    ending: str
    lemma_ending: str
    tags: tuple[str, ...]
    cost: float
    after: re.Pattern | None
    not_in: frozenset[str] = frozenset()
    oblique: bool = False  # the ending is never a name's nominative ("-em", "-ą", "-owi")
    adjective: bool = False  # the ending is an adjective's: the word may also agree with a noun before it


@dataclass(frozen=True)
class Rules:
    classes: tuple[tuple[str, str], ...]
    costs: dict
    guesses: tuple[GuessRule, ...]
    place_preferences: tuple[tuple[str, tuple[str, ...]], ...]
    foreign_spelling: re.Pattern
    generic_heads: frozenset[str]
    class_names: dict
    marked_labels: frozenset[str]
    rare_first_names: frozenset[str]
    apposition_classes: frozenset[str]
    capitalised_types: tuple[str, ...]
    plural_types: tuple[str, ...]
    particles: frozenset[str]
    apostrophe_endings: frozenset[str]
    guesses_by_ending: tuple[tuple[int, dict[str, tuple[GuessRule, ...]]], ...]
    """`guesses` by the length of their ending (longest first) and the ending, in their order."""


@lru_cache(maxsize=1)
def rules() -> Rules:
    """The shipped rules (data/basenames.yaml), read once per process; rule names must be unique."""
    text = resources.files("kronika.lang.pl").joinpath("data/basenames.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    names: set[str] = set()
    for section in ("name_classes", "name_class_names", "guess_rules", "generic_heads", "marked_labels",
                    "place_lemma_preferences", "foreign_spellings", "rare_first_names", "apposition_classes",
                    "capitalised_types", "plural_types", "name_particles", "apostrophe_endings"):
        for item in data[section]:
            if item["name"] in names:
                raise ValueError(f"basenames.yaml: duplicate rule name {item['name']!r}")
            names.add(item["name"])
    guesses = tuple(
        GuessRule(g["name"], g["ending"], g["lemma_ending"], tuple(g["tags"]), float(g["cost"]),
                  re.compile(f"(?:{g['after']})$") if g.get("after") else None, frozenset(g.get("not_in", ())),
                  bool(g.get("oblique", False)), bool(g.get("adjective", False)))
        for g in data["guess_rules"])
    guesses = tuple(sorted(guesses, key=lambda g: -len(g.ending)))
    by_ending: dict[int, dict[str, list[GuessRule]]] = {}
    for g in guesses:
        by_ending.setdefault(len(g.ending), {}).setdefault(g.ending, []).append(g)
    return Rules(
        classes=tuple((c["prefix"], c["class"]) for c in data["name_classes"]),
        costs={k: float(v) for k, v in data["costs"].items()},
        guesses=guesses,
        guesses_by_ending=tuple((n, {e: tuple(gs) for e, gs in by.items()}) for n, by in by_ending.items()),
        generic_heads=frozenset(h["lemma"] for h in data["generic_heads"]),
        class_names={n["class"]: frozenset(n["names"]) for n in data["name_class_names"]},
        marked_labels=frozenset(m["label"] for m in data["marked_labels"]),
        rare_first_names=frozenset(n["lemma"] for n in data["rare_first_names"]),
        place_preferences=tuple((p["prefer"], tuple(p["over"])) for p in data["place_lemma_preferences"]),
        apposition_classes=frozenset(a["class"] for a in data["apposition_classes"]),
        capitalised_types=tuple(c["prefix"] for c in data["capitalised_types"]),
        plural_types=tuple(c["prefix"] for c in data["plural_types"]),
        particles=frozenset(p["word"] for p in data["name_particles"]),
        apostrophe_endings=frozenset(a["ending"] for a in data["apostrophe_endings"]),
        foreign_spelling=re.compile("|".join(f["letters"] for f in data["foreign_spellings"]), re.IGNORECASE),
    )


@lru_cache(maxsize=1024)
def name_class(type: str) -> str:
    """"person", "place", "org", "facility", "adj" or "" for a name type (NKJP or KPWr spelling)."""
    for prefix, cls in rules().classes:
        if type.startswith(prefix):
            return cls
    return ""


@lru_cache(maxsize=1024)
def type_key(type: str) -> tuple[str, bool, bool]:
    """All that `base_form` reads of a name type: its class (`name_class`), whether it is one of the
    `plural_types` and whether one of the `capitalised_types`; two types with the same key give every name the
    same base form."""
    rl = rules()
    return (name_class(type), any(type.startswith(p) for p in rl.plural_types),
            any(type.startswith(p) for p in rl.capitalised_types))


# --- generation ------------------------------------------------------------------------------------------------


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
    generator has no such form; `form` itself when the reading has no case. A guessed reading (label
    "guessed", or a tag "ign") gives its lemma."""
    pos, num, case, gender = tag_parts(reading.tag)
    if "guessed" in reading.labels or "as_written" in reading.labels or pos == "ign":
        return reading.lemma
    if not case or case == "nom":
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
    if pos in NOMINAL and num == "pl":
        return form
    return prefix + lemma if prefix else reading.lemma


# --- letter case -----------------------------------------------------------------------------------------------


def _match_part(form: str, result: str) -> str:
    if form.isupper() and len(form) > 1:
        return form if result.lower() == form.lower() else result.upper()
    if form[:1].isupper():
        return result[:1].upper() + result[1:]
    if result[:1].isupper() and not form[:1].isupper():
        return result[:1].lower() + result[1:]
    return result


def _match_case(form: str, result: str) -> str:
    """`result` in the letter case of `form`, part by part when both are hyphenated alike."""
    fparts, rparts = form.split("-"), result.split("-")
    if len(fparts) > 1 and len(fparts) == len(rparts):
        return "-".join(_match_part(f, r) for f, r in zip(fparts, rparts))
    if form.lower() == result.lower():
        return form
    # keep inner capitals of a guessed stem ("iPoda" → "iPod")
    if result and form.lower().startswith(result.lower()):
        return form[: len(result)]
    return _match_part(form, result)


# --- candidate readings ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Cand:
    reading: Analysis
    cost: float
    proper: bool  # a proper name (capitalised lemma, guessed or unknown word)


def _readings(tok: Token) -> list[Analysis]:
    """The word's Morfeusz readings, without `ign` and without the readings Morfeusz builds by cutting a word at
    an apostrophe ("Joe’a" → joe-’-a conj): such a word is a foreign name with an ending, read by the guesses."""
    return [r for r in (tok.analyses or analyse(tok.text))
            if r.tag != "ign" and not _APOSTROPHE_SEGMENTS.search(r.lemma)]


_APOSTROPHE_SEGMENTS = re.compile(r"-['’]-|^['’]-|-['’]$")


def _is_pt(tag: str) -> bool:
    return tag.endswith(":pt") or ":pt:" in tag


def _zero_genitive(r: Analysis, form: str) -> bool:
    """A genitive plural with no ending ("Big" of biga, "Salt" of salto): the form is the lemma short of its
    final vowel (with a mobile e at most)."""
    pos, num, case, _ = tag_parts(r.tag)
    if num != "pl" or case != "gen" or pos not in NOMINAL or _is_pt(r.tag):
        return False
    lem, f = r.lemma.lower(), form.lower()
    return len(lem) > len(f) and lem[-1] in "aeo" and f[-1:] not in "iy" and (lem[:-1] == f or lem[:-1].replace("e", "") == f.replace("e", ""))


def _matching_rules(form: str, cls: str) -> list[tuple[GuessRule, str]]:
    """(rule, stem) of the `guess_rules` whose ending the word has (in their order), for a name of class `cls`."""
    low = form.lower()
    out = []
    for length, by_ending in rules().guesses_by_ending:
        if length > len(low):
            continue
        for g in by_ending.get(low[len(low) - length:], ()):
            if len(form) <= length + 1 or cls in g.not_in:
                continue
            stem = form[: len(form) - length]
            if g.after is not None and not g.after.search(stem.lower()):
                continue
            out.append((g, stem))
    return out


def guesses(form: str, cls: str = "") -> list[Cand]:
    """Readings of a word Morfeusz does not know in a name of class `cls`, from its ending (`guess_rules`),
    cheapest first."""
    out: dict[tuple[str, str], float] = {}
    for g, stem in _matching_rules(form, cls):
        lemma = stem + g.lemma_ending
        for t in g.tags:
            key = (lemma, "subst:" + t)
            out[key] = min(out.get(key, 1.0), g.cost)
            if g.adjective:  # "Akademii Yalskiej": an adjective agreeing with the noun before it
                key = (lemma, "adj:" + t + ":pos")
                out[key] = min(out.get(key, 1.0), g.cost + rules().costs["guessed_adjective"])
    cands = [Cand(Analysis(lemma, tag, labels=("guessed",)), cost, True) for (lemma, tag), cost in out.items()]
    return sorted(cands, key=lambda c: c.cost)


def _as_written(form: str, cost: float, oblique: bool = False) -> Cand:
    labels = ("as_written", "oblique_ending") if oblique else ("as_written",)
    return Cand(Analysis(form, "subst:sg:nom", labels=labels), cost, True)


def _less_likely_place(lemma: str, place_lemmas: set[str]) -> bool:
    """Whether `lemma` ends in a less likely place-name ending when the same form is also a form of a place
    with the likelier ending (`place_lemma_preferences`: "Tarnowie" → Tarnów, not Tarnowo or Tarnowa). Not
    applied to the word's own nominative reading ("Borowa" stays a candidate at its cost)."""
    for prefer, over in rules().place_preferences:
        for end in over:
            if lemma.endswith(end) and lemma[: len(lemma) - len(end)] + prefer in place_lemmas:
                return True
    return False


def candidates(tok: Token, cls: str) -> list[Cand]:
    """The candidate readings of one word of a name of class `cls`, with their costs."""
    rl = rules()
    c = rl.costs
    form = tok.text
    cap = form[:1].isupper()
    readings = _readings(tok)
    if not readings:  # unknown to Morfeusz
        if not any(ch.isalpha() for ch in form):
            return []
        if form.isupper() or any(ch.isdigit() for ch in form):
            return [_as_written(form, c["as_written_symbol"])]
        oblique = any(g.oblique for g, _ in _matching_rules(form, cls))
        return guesses(form, cls) + [_as_written(form, c["as_written"], oblique)]
    parts = [(r, p) for r in readings if (p := tag_parts(r.tag))[0] in INFLECTED and p[2]]
    rs = [r for r, _ in parts]
    person, place = cls == "person", cls == "place"
    foreign = rl.foreign_spelling.search
    fitting = rl.class_names.get(cls, frozenset())
    # what the readings say together: a proper reading (but one that only names people does not make a place's
    # common reading unlikely: "Pióra", the place Pióro, a common noun's form, not the surname Piór); a
    # capitalised common name (an organisation's head is mostly a common noun, "Radą", not the name Rado, but an
    # ethnonym, "Anglicy" → Anglik, not anglica, still beats a lower-case reading there; so is the head of an
    # unclassed name: "Ligi Europy" → Liga, not the place Ligi); a reading of the class's names; a man's first
    # name in the genitive; a capitalised noun; the lemmas of first names, of places, of Polish spelling
    has_proper = has_proper_thing = has_fitting = masc_gen_name = has_proper_noun = False
    first_names: set[str] = set()
    place_lemmas: set[str] = set()
    native_lemmas: set[str] = set()
    for r, (pos, num, case, gender) in parts:
        lemma, names = r.lemma, r.names
        if lemma[:1].isupper():
            if not (place and names and set(names) <= _PERSON_NAMES):
                has_proper = True
            if set(names) == _COMMON_ONLY:
                has_proper_thing = True
            if pos in NOMINAL:
                has_proper_noun = True
        if "imię" in names:
            first_names.add(lemma)
            if (num, case, gender) == ("sg", "gen", "m1"):
                masc_gen_name = True
        if "nazwa_geograficzna" in names:
            place_lemmas.add(lemma)
        if not foreign(lemma):
            native_lemmas.add(lemma)
        if not fitting.isdisjoint(names):
            has_fitting = True
    marked, rare_first = rl.marked_labels, rl.rare_first_names
    chosen = tok.chosen
    chosen_lemma = chosen.lemma.lower() if chosen is not None else None
    common_unlikely = has_proper and (person or place) or has_proper_thing and cls == "org"
    adjective_unlikely = has_proper_noun and cls in ("place", "person", "org")
    out: list[Cand] = []
    zero = False  # a reading is a genitive plural with no ending (`_zero_genitive`)
    for r, (pos, num, case, gender) in parts:
        lemma = r.lemma
        proper = lemma[:1].isupper()
        cost = 0.0
        if cap and not proper and common_unlikely:
            cost += c["common_when_proper_exists"]
        if place and lemma != form and _less_likely_place(lemma, place_lemmas):
            cost += c["less_likely_place_lemma"]
        if cap and proper and len(native_lemmas) > (lemma in native_lemmas) and foreign(lemma):
            cost += c["foreign_spelling_when_native_exists"]
        if not marked.isdisjoint(r.labels):
            cost += c["marked_reading"]
        if person and first_names and "nazwisko" in r.names and "imię" not in r.names:
            cost += c["surname_homograph_of_first_name"]
        if cap and adjective_unlikely and pos in ADJECTIVAL:
            cost += c["adjective_when_proper_noun_exists"]
        if num == "pl":
            cost += c["plurale_tantum"] if _is_pt(r.tag) else c["plural"]
        if case == "voc":
            cost += c["vocative"]
        if has_fitting and proper and fitting.isdisjoint(r.names):
            cost += c["other_name_class"]
        if place and case == "dat":
            cost += c["dative_place"]
        if person and masc_gen_name and (num, case, gender) == ("sg", "nom", "f"):
            cost += c["feminine_nominative_in_person"]
        if "imię" in r.names and lemma in rare_first:
            cost += c["rare_first_name"]
        if pos == "depr":
            cost += c["depreciative"]
        if cap and _zero_genitive(r, form):
            zero = True
            cost += c["zero_ending_genitive_plural"]
        if chosen is not None and lemma.lower() == chosen_lemma:
            cost -= c["tagger_lemma_bonus"] + (c["tagger_choice_bonus"] if r.tag == chosen.tag else 0.0)
        out.append(Cand(r, min(cost, 0.95), proper))
    if zero and not any(_is_pt(r.tag) and r.lemma[:1].islower() for r in rs):
        # a genitive plural with no ending may be a foreign word as written ("Big"), but not when the word is also
        # the genitive of a common plurale tantum ("Mistrzostw Wielkopolski": mistrzostwa)
        out.append(_as_written(form, c["as_written_zero_genitive"]))
    elif cap and out and min(x.cost for x in out) >= c["as_written_known_when"]:
        out.append(_as_written(form, c["as_written_known"]))
    return sorted(out, key=lambda x: x.cost)


CANDIDATE_CACHE_SIZE = 50_000
"""Words whose `candidates` are remembered (a name's words recur in other names: "Tuska", "Donalda Tuska")."""
_CANDIDATES: dict[tuple, tuple[list[Analysis], tuple[Cand, ...], dict]] = {}


def _remembered(tok: Token, cls: str) -> tuple[list[Analysis], tuple[Cand, ...], dict]:
    """(the token's readings, `candidates(tok, cls)`, the candidates by case: case → (candidate, part of
    speech, number, gender) in their order), remembered per word: the key is what `candidates` reads of the
    token but its readings (text, the tagger's choice) with the class; the readings are compared on a hit (the
    same list object mostly: the morphology stage shares them between tokens of one form)."""
    key = (tok.text, tok.chosen, cls)
    hit = _CANDIDATES.get(key)
    if hit is not None and hit[0] == tok.analyses:
        return hit
    value = tuple(candidates(tok, cls))
    by_case: dict[str, list] = {}
    for x in value:
        pos, num, case, gender = tag_parts(x.reading.tag)
        by_case.setdefault(case, []).append((x, pos, num, gender))
    if len(_CANDIDATES) >= CANDIDATE_CACHE_SIZE:
        _CANDIDATES.clear()
    hit = _CANDIDATES[key] = (list(tok.analyses), value, {c: tuple(v) for c, v in by_case.items()})
    return hit


# --- the head phrase -------------------------------------------------------------------------------------------


def _particle(tok: Token, nxt: Token | None) -> bool:
    """A particle of a person's name (`name_particles`: "de", "van", "von") before a capitalised word."""
    return nxt is not None and tok.text.lower() in rules().particles and nxt.text[:1].isupper()


def _skippable(tok: Token, nxt: Token | None, cls: str = "") -> bool:
    """A leading word kept as written before the head: a numeral, an abbreviation or initial, a short
    all-capital acronym, "i" between numerals, a particle of a person's name (`name_particles`)."""
    t = tok.text
    if nxt is None:
        return False
    if _ROMAN.fullmatch(t) or t.isdigit():
        return True
    if _INITIAL.fullmatch(t) and (t.endswith(".") or nxt.text == "."):
        return True  # an initial ("K." or "K" with its dot written apart)
    rs = _readings(tok)
    if rs and all(tag_parts(r.tag)[0] in ("brev", "romandig", "dig") for r in rs):
        return True
    if t.endswith(".") and any(tag_parts(r.tag)[0] == "brev" for r in rs):
        return True
    if t[:1].islower() and nxt.text[:1].isupper() and not any(tag_parts(r.tag)[0] in INFLECTED for r in rs):
        return True  # "van Kranenburga", "de Gaulle'a"
    if cls == "person" and _particle(tok, nxt):
        return True  # a particle of a person's name ("de Gaulle'a", "van Beethovena") even if it has readings
    if t.isupper() and 1 < len(t) <= 4 and t.isalpha() and not any(r.lemma[:1].islower() for r in rs):
        return True  # an acronym ("FC Barcelony"), not a common word in capitals ("RADA")
    return False


_INITIAL = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ]\.?")


def _initial(tokens: Sequence[Token], k: int) -> bool:
    """Whether token k is an initial ("K.", "K") or the dot written apart after one ("K", ".")."""
    t = tokens[k].text
    return bool(_INITIAL.fullmatch(t)) or (t == "." and k > 0 and bool(_INITIAL.fullmatch(tokens[k - 1].text)))


def _agrees(a: Analysis, num: str, gender: str, loose: bool = False) -> bool:
    """Same number and gender (unset ones agree); `loose`: any two masculine genders agree (Morfeusz tags
    many surnames m2 or m3: "Simonem Ammanem")."""
    _, n, _, g = tag_parts(a.tag)
    if loose and g[:1] == "m" and gender[:1] == "m":
        g = gender
    return (not num or not n or n == num) and (not gender or not g or g == gender)


@dataclass(slots=True)
class _State:
    picks: tuple  # ((token index, Cand), ...)
    gain: float
    num: str
    gender: str
    noun: bool
    prev: Cand | None
    prev_pos: str | None  # the part of speech of `prev`


def _head(tokens: Sequence[Token], start: int, cls: str) -> list[tuple[int, Cand]]:
    """The head phrase from `start` (see the module doc): (token index, chosen candidate) of its words
    (`_beam_head`; the last word alone: `_best_alone`, what the search finds for it)."""
    if start == len(tokens) - 1:
        best = _best_alone(_remembered(tokens[start], cls)[2])
        return [] if best is None else [(start, best)]
    return _beam_head(tokens, start, cls)


def _best_alone(by_case: dict[str, tuple]) -> Cand | None:
    """The head of a phrase of one word (its candidates by case, `_remembered`) as `_beam_head` finds it: the
    candidate of the highest gain, 1 − cost (no word before it to agree with), the first on ties in the order
    the search meets them (case by case, then in candidate order); None without candidates."""
    best = None
    top = 0.0
    for group in by_case.values():
        for x, _, _, _ in group:
            gain = 1.0 - x.cost
            if best is None or gain > top:
                best, top = x, gain
    return best


def _beam_head(tokens: Sequence[Token], start: int, cls: str, beam: int = 24) -> list[tuple[int, Cand]]:
    """`_head` by a beam search over the words' candidates in each case of the first word; a state is the phrase
    so far with its agreement (number, gender). Only a word's candidates in the case at hand are tried
    (`_remembered`: the others never continue a phrase)."""
    cases = [None] * start + [_remembered(t, cls)[2] for t in tokens[start:]]
    rl = rules()
    how = (cls == "person", cls in rl.apposition_classes, rl.costs["guessed_gender_mismatch"],
           rl.costs["guessed_agreement_bonus"])
    done: list[_State] = []
    for case in cases[start]:
        frontier = [_State((), 0.0, "", "", False, None, None)]
        k = start
        while k < len(tokens) and frontier:
            if cls == "person" and k > start and k + 1 < len(tokens) and (
                    _initial(tokens, k) or _particle(tokens[k], tokens[k + 1])):
                k += 1  # "Jana K. Wiśniewskiego", "Ludwiga van Beethovena": an initial or a particle inside a person's
                continue  # name, the phrase goes on after it
            nxt: list[_State] = []
            fitting = cases[k].get(case, ())
            if fitting:
                for st in frontier:
                    for x in fitting:
                        s2 = _step(st, k, x, case, how)
                        if s2 is not None:
                            nxt.append(s2)
            if not nxt and k + 1 < len(tokens) and tokens[k].text in CONJUNCTIONS:
                # "Prawa i Sprawiedliwości": a conjunction right after the head phrase, then a word in its case
                fitting = cases[k + 1].get(case, ())
                for st in frontier:
                    if st.picks and st.picks[-1][0] == k - 1:
                        fresh = _State(st.picks, st.gain, "", "", False, None, None)
                        for x in fitting:
                            s2 = _step(fresh, k + 1, x, case, how)
                            if s2 is not None:
                                nxt.append(s2)
                if nxt:
                    k += 1
            done.extend(st for st in frontier if st.picks)
            best: dict = {}
            for st in sorted(nxt, key=lambda s: -s.gain):
                key = (st.num, st.gender, st.noun, st.prev.proper if st.prev else None, st.prev_pos)
                best.setdefault(key, st)
            frontier = list(best.values())[:beam]
            k += 1
        done.extend(st for st in frontier if st.picks)
    if not done:
        return []
    return list(max(done, key=lambda s: s.gain).picks)


def _step(st: _State, k: int, item: tuple[Cand, str, str, str], case: str, how: tuple) -> _State | None:
    """The phrase `st` continued by word k read as `item` (a candidate in `case` with its part of speech, number
    and gender), or None when that reading cannot continue it; `how`: (a person's name, a class of
    `apposition_classes`, the cost of a guessed gender mismatch, the bonus of a guessed agreeing word)."""
    x, pos, n, g = item
    person, apposition, mismatch, bonus = how
    if pos not in ADJECTIVAL and st.noun:  # a noun after the head noun: a proper name after a proper name
        prev = st.prev
        if not (x.proper and prev is not None and prev.proper and st.prev_pos in NOMINAL):
            return None
        if not apposition and case != "nom":
            return None  # outside the apposition classes only nominatives stand side by side ("Wisła Kraków")
        if "oblique_ending" in prev.reading.labels:
            return None  # not after an unknown word taken as written whose ending is an oblique case's
            # ("Feyenoordem Rotterdam": Feyenoord Rotterdam, not two undeclined nominatives)
        # in a person's name an unknown surname may be a man's name declining like a feminine noun
        # ("Baracka Obamy"): a guessed reading agrees in case and number only
        free = person and "guessed" in x.reading.labels
        if not _agrees(x.reading, st.num, "" if free else st.gender, loose=person):
            return None
    elif not _agrees(x.reading, st.num, st.gender):
        return None
    gain = 1.0 - x.cost
    if st.noun and pos not in ADJECTIVAL and st.gender and g and g[:1] != st.gender[:1]:
        gain -= mismatch  # only a guessed reading gets here (`free`)
    if case != "nom" and "guessed" in x.reading.labels and st.prev is not None and st.prev.proper:
        # an unknown word whose ending agrees with the name word before it in an oblique case ("Baracka Obamy")
        gain += bonus
    return _State(st.picks + ((k, x),), st.gain + gain, st.num or n, st.gender or g,
                  st.noun or pos in NOMINAL, x, pos)


# --- base forms ------------------------------------------------------------------------------------------------


def _all_capitals(tokens: Sequence[Token]) -> bool:
    words = [t.text for t in tokens if any(ch.isalpha() for ch in t.text)]
    return len(words) > 1 and all(w.isupper() for w in words) and sum(len(w) >= 4 for w in words) >= 2 \
        and all(_readings(t) for t in tokens if len(t.text) >= 4)


def _single_adjective(tok: Token, cls: str) -> str | None:
    """The adjective lemma of a one-word adjectival name (a KPWr adjective class, a facility's name)."""
    if cls not in ("adj", "facility"):
        return None
    adjs = [r for r in _readings(tok) if tag_parts(r.tag)[0] == "adj" and r.lemma[:1].islower()]
    if not adjs:
        return None
    chosen = tok.chosen if tok.chosen in adjs else adjs[0]
    return chosen.lemma


_APOSTROPHES = frozenset({"'", "’"})
_OPENING_QUOTES = frozenset({"„", "«", "‚"})
_CLOSING_QUOTES = frozenset({"”", "»"})
"""Quotation marks inside a name: no space after an opening one or before a closing one („Nowy Dom”)."""


def _glue_apostrophes(tokens: Sequence[Token]) -> list[Token]:
    """A foreign name's ending written after an apostrophe that a tokenizer cut off ("Joe", "’", "a") glued back
    into one word ("Joe’a"), which the guesses then read (`apostrophe_endings`: the endings so glued)."""
    out: list[Token] = []
    k = 0
    while k < len(tokens):
        t = tokens[k]
        if k + 2 < len(tokens) and tokens[k + 1].text in _APOSTROPHES and t.text[:1].isupper() \
                and t.text.isalpha() and tokens[k + 2].text.lower() in rules().apostrophe_endings:
            text = t.text + tokens[k + 1].text + tokens[k + 2].text
            out.append(Token(t.start, tokens[k + 2].end, text, t.kind, tokens[k + 2].space_after, list(analyse(text))))
            k += 3
            continue
        out.append(t)
        k += 1
    return out


def base_form(tokens: Sequence[Token], type: str = "") -> str:
    """The nominative base form of the name written by `tokens` (their `analyses` and the tagger's `chosen`
    readings) of name type `type` (see the module doc)."""
    if not tokens:
        return ""
    cls, plural_type, capitalised_type = type_key(type)
    tokens = _glue_apostrophes(tokens)
    if len(tokens) == 1:
        adj = _single_adjective(tokens[0], cls)
        if adj is not None:
            return adj
    start = 0
    while start < len(tokens) and (
            _skippable(tokens[start], tokens[start + 1] if start + 1 < len(tokens) else None, cls)
            or start > 0 and start + 1 < len(tokens) and tokens[start].text == "." and _initial(tokens, start)):
        start += 1  # a dot written apart after a leading initial ("J . Nowaka") is skipped with it
    patron = any(r.lemma == "imienia" for t in tokens[:start] for r in _readings(t))
    head = dict(_head(tokens, start, cls)) if start < len(tokens) and not patron else {}
    caps = _all_capitals(tokens)
    words: list[str] = []
    for k, tok in enumerate(tokens):
        word = tok.text
        x = head.get(k)
        if x is not None:
            pos = tag_parts(x.reading.tag)[0]
            if len(tokens) == 1 and pos not in ("ppas", "pact") and not (
                    tag_parts(x.reading.tag)[1] == "pl" and plural_type):
                nom = x.reading.lemma  # a one-word name: its lemma ("Polaków" → "Polak")
            else:
                nom = nominative(x.reading, tok.text)
            if caps:
                word = nom[:1].upper() + nom[1:].lower() if nom.isupper() or nom.islower() else nom
            else:
                word = _match_case(tok.text, nom)
            if k == start and word.lower() in rules().generic_heads and not caps and k == 0:
                word = word.lower()
        elif caps and len(word) > 1 and word.isalpha():
            rs = _readings(tok)
            if rs and all(r.lemma[:1].islower() for r in rs) and any(tag_parts(r.tag)[0] in ("conj", "prep") for r in rs):
                word = word.lower()
            elif rs:
                word = word[:1] + word[1:].lower()
        elif caps and word == "I":
            word = "i"
        words.append(word)
    if caps and all(w.lower() == t.text.lower() for w, t in zip(words, tokens)):
        words = [t.text for t in tokens]  # an all-capitals name already in the nominative stays as written
    if words and capitalised_type:
        words[0] = words[0][:1].upper() + words[0][1:]
    parts: list[str] = []
    for k, tok in enumerate(tokens):
        parts.append(words[k])
        if k + 1 < len(tokens):
            spaced = tokens[k + 1].start > tok.end and tok.text not in _OPENING_QUOTES \
                and tokens[k + 1].text not in _CLOSING_QUOTES
            parts.append(" " if spaced else "")
    return "".join(parts)
