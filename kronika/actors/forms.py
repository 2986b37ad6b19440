"""Inflected Polish forms of a (multi-word) name, generated with Morfeusz from its base form.

The knowledge base stores only base forms (lemmas): "Korea Północna", "Stany Zjednoczone", "Władimir Putin".
`polish_forms` turns one into every form a text can use ("Koreę Północną", "Stanach Zjednoczonych",
"Władimira Putina"), making adjectives agree with the head noun and leaving genitive complements
("Rada Bezpieczeństwa ONZ" → "Radzie Bezpieczeństwa ONZ") and acronyms unchanged.

Words Morfeusz does not know ("Zełenski", "Kułeba", "Jinping") are inflected by analogy with a model word
that has the same ending (data/inflection_models.tsv). Words with no matching model stay unchanged.
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"

CASES: tuple[str, ...] = ("nom", "gen", "dat", "acc", "inst", "loc", "voc")
_NOUN_POS = frozenset({"subst"})
_ADJ_POS = frozenset({"adj", "ppas", "pact"})
_CONJUNCTIONS = frozenset({"i", "oraz"})
_PARTICLES = frozenset({
    "von", "van", "der", "den", "de", "del", "della", "di", "da", "do", "dos", "das", "du", "la", "le",
    "bin", "ibn", "al", "el", "ben", "bint", "abu", "ter", "zu", "y", "e",
})
_PERSON_NAME_QUALS = frozenset({"imię", "nazwisko", "pseudonim"})
_MAX_VARIANTS = 2000  # a safety cap on the product of alternatives for very long phrases


@lru_cache(maxsize=1)
def _morfeusz():
    import morfeusz2

    return morfeusz2.Morfeusz()


@dataclass(frozen=True)
class _Tag:
    pos: str
    numbers: frozenset[str]
    cases: frozenset[str]
    genders: frozenset[str]
    rest: tuple[str, ...]

    @staticmethod
    def parse(tag: str) -> "_Tag":
        parts = tag.split(":")
        pos = parts[0]
        if pos in _NOUN_POS or pos in _ADJ_POS or pos == "depr":
            if len(parts) >= 4:
                return _Tag(pos, frozenset(parts[1].split(".")), frozenset(parts[2].split(".")),
                            frozenset(parts[3].split(".")), tuple(parts[4:]))
        return _Tag(pos, frozenset(), frozenset(), frozenset(), tuple(parts[1:]))


@dataclass(frozen=True)
class _Reading:
    """A nominative reading of one word: a Morfeusz lemma id, or a guessed paradigm (model != '')."""

    lemma: str
    pos: str  # subst | adj
    number: str  # sg | pl
    gender: str  # m1 m2 m3 f n (for adjectives: the genders the nominative form allows, dot-joined)
    quals: tuple[str, ...] = ()
    model: str = ""  # for a guessed paradigm: the model lemma id
    model_ending: str = ""  # the ending cut from the word
    word: str = ""
    model_replaced: str = ""  # the ending cut from the model (usually the same as model_ending)

    @property
    def proper(self) -> bool:
        return bool(self.lemma[:1].isupper())


@dataclass(frozen=True)
class InflectionModel:
    """One line of data/inflection_models.tsv: words of `klass` ending in `ending` inflect like `model`."""

    klass: str  # m1 (men's names), f (feminine -a nouns and women's names), m3 (things), adj
    ending: str
    model: str
    model_ending: str = ""  # the model's own ending when it differs ("Dmytro": ending "ro", "Wiktor": "r")

    @property
    def replaced_ending(self) -> str:
        return self.model_ending or self.ending


@lru_cache(maxsize=1)
def inflection_models() -> tuple[InflectionModel, ...]:
    """The analogy table, longest endings first within a class."""
    rows: list[InflectionModel] = []
    with open(DATA / "inflection_models.tsv", encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3:
                raise ValueError(f"inflection_models.tsv: need 3 tab-separated columns: {line!r}")
            model_ending = cols[3].strip() if len(cols) > 3 else ""
            rows.append(InflectionModel(cols[0].strip(), cols[1].strip(), cols[2].strip(), model_ending))
    rows.sort(key=lambda r: (r.klass, -len(r.ending)))
    return tuple(rows)


@lru_cache(maxsize=20000)
def _analyse(word: str) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """(lemma, tag, qualifiers) of every whole-word reading of `word`."""
    out = []
    results = _morfeusz().analyse(word)
    if not results:
        return ()
    last = max(r[1] for r in results)
    for start, end, (form, lemma, tag, quals, _labels) in results:
        if start == 0 and end == last == 1:
            out.append((lemma, tag, tuple(quals)))
    return tuple(out)


@lru_cache(maxsize=20000)
def _generate(lemma: str) -> tuple[tuple[str, _Tag], ...]:
    try:
        gen = _morfeusz().generate(lemma)
    except Exception:  # morfeusz raises on lemmas it cannot generate
        return ()
    return tuple((form, _Tag.parse(tag)) for form, lem, tag, _q, _l in gen if lem == lemma)


def _match_case_pattern(form: str, original: str) -> str:
    if original[:1].isupper() and not form[:1].isupper():
        return form[:1].upper() + form[1:]
    return form


def _is_invariant_token(word: str) -> bool:
    """Acronyms, abbreviations, numbers and tokens with apostrophes or dots never inflect here."""
    if any(ch.isdigit() for ch in word) or "." in word or "'" in word or "’" in word:
        return True
    letters = [ch for ch in word if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _model_for(word: str, klass: str) -> InflectionModel | None:
    low = word.lower()
    for model in inflection_models():
        if model.klass == klass and low.endswith(model.ending) and len(low) > len(model.ending):
            return model
    return None


def _nominative_readings(word: str) -> list[_Reading]:
    readings = []
    for lemma, tag, quals in _analyse(word):
        t = _Tag.parse(tag)
        if "nom" not in t.cases:
            continue
        if t.pos in _NOUN_POS:
            for number in sorted(t.numbers):
                for gender in sorted(t.genders):
                    readings.append(_Reading(lemma, "subst", number, gender, quals, word=word))
        elif t.pos in _ADJ_POS and (t.pos != "adj" or (t.rest and t.rest[0] == "pos")):
            if t.pos == "ppas" and "neg" in t.rest:
                continue
            for number in sorted(t.numbers):
                readings.append(_Reading(lemma, t.pos, number, ".".join(sorted(t.genders)), quals, word=word))
    return readings


def _guessed_reading(word: str, klass: str) -> _Reading | None:
    model = _model_for(word, klass)
    if model is None:
        return None
    pos = "adj" if klass == "adj" else "subst"
    gender = "m1.m2.m3" if klass == "adj" else klass
    return _Reading(word, pos, "sg", gender, (), model=model.model, model_ending=model.ending, word=word,
                    model_replaced=model.replaced_ending)


def _forms_of(reading: _Reading) -> tuple[tuple[str, _Tag], ...]:
    """Forms of the reading's lemma (for a guessed reading: the model's forms moved onto the word's stem)."""
    if not reading.model:
        return _generate(reading.lemma)
    model_forms = _generate(reading.model)
    base = reading.model.split(":", 1)[0]
    replaced = reading.model_replaced or reading.model_ending
    model_stem = base[: len(base) - len(replaced)]
    stem = reading.word[: len(reading.word) - len(reading.model_ending)]
    out = []
    for form, tag in model_forms:
        if not form.lower().startswith(model_stem.lower()):
            continue
        new_form = stem + form[len(model_stem):]
        if replaced != reading.model_ending and "nom" in tag.cases:
            # the model's nominative ending differs from the word's: the word itself is the nominative
            if tag.cases == frozenset({"nom"}) or new_form.lower() == (stem + base[len(model_stem):]).lower():
                new_form = reading.word
        out.append((new_form, tag))
    return tuple(out)


def _noun_forms(reading: _Reading, number: str, case: str) -> list[str]:
    forms = []
    for form, tag in _forms_of(reading):
        if tag.pos != "subst" or number not in tag.numbers or case not in tag.cases:
            continue
        if reading.gender not in tag.genders:
            continue
        forms.append(_match_case_pattern(form, reading.word))
    return sorted(set(forms))


def _adj_forms(reading: _Reading, number: str, case: str, gender: str) -> list[str]:
    forms = []
    for form, tag in _forms_of(reading):
        if tag.pos != reading.pos or number not in tag.numbers or case not in tag.cases:
            continue
        if gender not in tag.genders:
            continue
        if tag.pos == "adj" and (not tag.rest or tag.rest[0] != "pos"):
            continue
        if tag.pos == "ppas" and "neg" in tag.rest:
            continue
        forms.append(_match_case_pattern(form, reading.word))
    return sorted(set(forms))


def _agrees(adj: _Reading, head: _Reading) -> bool:
    return adj.pos in _ADJ_POS and adj.number == head.number and head.gender in adj.gender.split(".")


def _split_tokens(phrase: str) -> list[tuple[str, str]]:
    """Words with the separator that follows each (' ', '-' or '')."""
    tokens: list[tuple[str, str]] = []
    for match in re.finditer(r"[^\s\-‐]+|[\-‐]", phrase.strip()):
        piece = match.group(0)
        if piece in "-‐" and tokens:
            word, _ = tokens[-1]
            tokens[-1] = (word, "-")
            continue
        tokens.append((piece, " "))
    if tokens:
        tokens[-1] = (tokens[-1][0], "")
    return tokens


def _join(words: list[str], seps: list[str]) -> str:
    return "".join(w + s for w, s in zip(words, seps))


def _head_score(reading: _Reading, person: bool) -> int:
    score = 0
    if reading.proper == reading.word[:1].isupper():
        score += 2
    is_person_name = bool(_PERSON_NAME_QUALS.intersection(reading.quals))
    if person == is_person_name:
        score += 1
    return score


# ---------------------------------------------------------------- noun phrases (places, organisations …)

_CaseForms = dict[tuple[str, str], list[list[str]]]  # (number, case) -> alternatives, each a list of words


def _np_chain(words: list[str], seps: list[str], numbers: frozenset[str] | None) -> tuple[_CaseForms, int] | None:
    """Inflect the agreeing prefix of `words` (adjectives + head noun + adjectives).

    `seps[i]` is the separator after word i. Every head reading that covers the most words is used (their
    forms are merged: "minister" is both an inflecting masculine and an invariant feminine noun).
    Returns the case forms of the covered words and how many words were covered, or None when no
    head noun in the nominative is found.
    """
    n = len(words)
    readings = [[] if _is_invariant_token(w) else _nominative_readings(w) for w in words]
    # an adjective joined by a hyphen starts a new name ("Papua-Nowa Gwinea"), it does not modify the head
    seps_free = [i == 0 or seps[i - 1] != "-" for i in range(n)]
    candidates: list[tuple[tuple[int, int, int], _Reading, list[_Reading], list[_Reading]]] = []
    for h in range(n):
        heads = [r for r in readings[h] if r.pos == "subst"]
        if not heads:
            guess = _guessed_unknown(words[h], readings[h])
            heads = [guess] if guess else []
        non_names = [r for r in heads if not _PERSON_NAME_QUALS.intersection(r.quals)]
        if non_names:
            heads = non_names
        for head in heads:
            pre: list[_Reading] = []
            ok = True
            for i in range(h):
                agreeing = [r for r in readings[i] if _agrees(r, head)] or _guessed_adj(words[i], head)
                if not agreeing and _foreign_prefix(words[i]) and all(_foreign_prefix(w) for w in words[:i]):
                    pre.append(None)  # "Sri Lanka" → "Sri Lanki": a foreign word before the head stays as it is
                    continue
                if not agreeing:
                    ok = False
                    break
                pre.append(agreeing[0])
            if not ok:
                continue
            post: list[_Reading] = []
            j = h + 1
            while j < n and seps_free[j]:
                agreeing = [r for r in readings[j] if _agrees(r, head)]
                if not agreeing:
                    break
                post.append(agreeing[0])
                j += 1
            candidates.append(((j, _head_score(head, False), -h), head, pre, post))
    if not candidates:
        return None
    best_key = max(c[0] for c in candidates)
    covered = best_key[0]
    result: _CaseForms = {}
    for key, head, pre, post in candidates:
        if key != best_key:
            continue
        want = numbers if numbers is not None else frozenset({head.number})
        for number in sorted(want):
            for case in CASES:
                head_forms = _noun_forms(head, number, case)
                if not head_forms:
                    continue
                slots: list[list[str]] = []
                for i, r in enumerate(pre):
                    slots.append([words[i]] if r is None else _adj_forms(r, number, case, head.gender))
                slots.append(head_forms)
                for r in post:
                    slots.append(_adj_forms(r, number, case, head.gender))
                if not all(slots):
                    continue
                combos = [list(c) for c in itertools.islice(itertools.product(*slots), _MAX_VARIANTS)]
                bucket = result.setdefault((number, case), [])
                bucket.extend(c for c in combos if c not in bucket)
    if not result:
        return None
    return result, covered


def _foreign_prefix(word: str) -> bool:
    """A capitalised word that Morfeusz knows only as a fragment of a multi-word name ("Sri" of "Sri Lanka",
    "Tel" of "Tel Awiw": `frag`) or not at all: it stands unchanged before an inflected head ("Sri Lanki")."""
    return word[:1].isupper() and not _is_invariant_token(word) and all(
        _Tag.parse(tag).pos in ("ign", "frag") for _lemma, tag, _q in _analyse(word))


def _guessed_unknown(word: str, readings: list[_Reading]) -> _Reading | None:
    """A guessed noun reading for a capitalised word Morfeusz does not know in the nominative."""
    if readings or not word[:1].isupper() or _is_invariant_token(word):
        return None
    klass = "f" if word.lower().endswith("a") else "m3"
    return _guessed_reading(word, klass)


def _guessed_adj(word: str, head: _Reading) -> list[_Reading]:
    if _nominative_readings(word) or _is_invariant_token(word):
        return []
    guess = _guessed_reading(word, "adj")
    if guess is None:
        return []
    # the guessed lemma is the masculine nominative singular; agreement is checked when generating
    return [guess] if head.number == "sg" and word.lower().endswith(("i", "y")) else []


def _np_forms(tokens: list[tuple[str, str]], numbers: frozenset[str] | None) -> set[str]:
    words = [w for w, _ in tokens]
    seps = [s for _, s in tokens]
    chain = _np_chain(words, seps, numbers)
    if chain is None:
        return {_join(words, seps)}
    case_forms, covered = chain
    # what follows the agreeing words: "X i Y" and "X-Y" inflect Y in the same case; anything else is kept
    rest_forms: _CaseForms | None = None
    rest_words = words[covered:]
    link: list[str] = []
    if len(rest_words) >= 2 and rest_words[0].lower() in _CONJUNCTIONS:
        link, candidate = [rest_words[0]], rest_words[1:]
    elif rest_words and seps[covered - 1] == "-":
        candidate = rest_words
    else:
        candidate = []
    if candidate:
        sub = _np_chain(candidate, seps[len(words) - len(candidate):], None)
        if sub is not None and sub[1] == len(candidate):
            rest_forms = sub[0]
    out: set[str] = set()
    for (number, case), alternatives in case_forms.items():
        if case == "voc":
            continue
        for alt in alternatives:
            if rest_forms is not None:
                tails = [alt2 for (_num2, case2), alts2 in rest_forms.items() if case2 == case for alt2 in alts2]
                for tail in tails:
                    out.add(_join(alt + link + tail, seps))
            else:
                out.add(_join(alt + rest_words, seps))
    out.add(_join(words, seps))
    return out


# ---------------------------------------------------------------- personal names

def _person_token_forms(word: str, gender: str | None) -> dict[str, list[str]]:
    """Case → forms of one word of a personal name (singular). Unchanged words map every case to itself."""
    same = {case: [word] for case in CASES}
    if word.lower() in _PARTICLES and word[:1].islower():
        return same
    if _is_invariant_token(word) or not word[:1].isupper():
        return same
    wanted_genders = {"m": {"m1"}, "f": {"f"}}.get(gender or "", {"m1", "f"})
    readings = [r for r in _nominative_readings(word)
                if r.pos == "subst" and r.number == "sg" and r.gender in wanted_genders]
    named = [r for r in readings if _PERSON_NAME_QUALS.intersection(r.quals)]
    readings = named or readings
    if not readings:
        klass = "f" if gender == "f" else "m1"
        if gender is None and word.lower().endswith("a"):
            klass = "f"
        guess = _guessed_reading(word, klass)
        if guess is None:
            return same
        readings = [guess]
    out: dict[str, list[str]] = {}
    for case in CASES:
        forms = sorted({f for r in readings for f in _noun_forms(r, "sg", case)})
        out[case] = forms or [word]
    out["nom"] = sorted(set(out["nom"]) | {word})
    return out


def _person_forms(tokens: list[tuple[str, str]], gender: str | None) -> set[str]:
    words = [w for w, _ in tokens]
    seps = [s for _, s in tokens]
    per_word = [_person_token_forms(w, gender) for w in words]
    out: set[str] = {_join(words, seps)}
    for case in CASES:
        slots = [pw[case] for pw in per_word]
        for combo in itertools.islice(itertools.product(*slots), _MAX_VARIANTS):
            out.add(_join(list(combo), seps))
        # only the last word inflected: "Kim Dzong Una", "Xi Jinpinga"
        for form in per_word[-1][case]:
            out.add(_join(words[:-1] + [form], seps))
    return out


# ---------------------------------------------------------------- public API

@lru_cache(maxsize=50000)
def polish_forms(lemma_phrase: str, *, person: bool = False, gender: str | None = None,
                 both_numbers: bool = False) -> frozenset[str]:
    """Every inflected form of a Polish name or phrase given in its base (nominative) form.

    - Places, organisations, common phrases (person=False): the head noun is inflected in every case of its
      own number (both numbers with `both_numbers=True`: "Rosjanin" → "Rosjanie", "Rosjan"…); adjectives
      before and after it agree in number, case and gender ("Korea Północna" → "Korei Północnej");
      everything after the agreeing words (a genitive complement, an acronym) is kept as it is
      ("Rada Bezpieczeństwa ONZ" → "Radą Bezpieczeństwa ONZ"); "X i Y" inflects both conjuncts in the same
      case ("Bośni i Hercegowiny").
    - Personal names (person=True, gender 'm' or 'f'): every word is inflected in the same case
      ("Władimira Putina"), and also only the last word ("Kim Dzong Una"); particles (von, al, bin …),
      acronyms and words that do not inflect (Szojgu, Meloni) stay unchanged.
    - Vocatives are left out of non-personal phrases; single lower-case adjectives ("rosyjski") give all
      their positive-degree forms.
    - Unknown words inflect by analogy (data/inflection_models.tsv) or stay unchanged.

    The result always contains `lemma_phrase` itself and holds only singular forms of personal names.
    """
    phrase = " ".join(lemma_phrase.split())
    if not phrase:
        return frozenset()
    tokens = _split_tokens(phrase)
    if person:
        return frozenset(_person_forms(tokens, gender))
    if len(tokens) == 1 and not _nominative_readings(tokens[0][0]) and not _is_invariant_token(tokens[0][0]):
        word = tokens[0][0]
        if word[:1].islower() and word.endswith(("i", "y")):
            guess = _guessed_reading(word, "adj")
            if guess is not None:
                return frozenset(_adjective_all_forms(guess) | {word})
    numbers = frozenset({"sg", "pl"}) if both_numbers else None
    if len(tokens) == 1 and tokens[0][0][:1].islower():
        adjectives = [r for r in _nominative_readings(tokens[0][0]) if r.pos in _ADJ_POS]
        if adjectives:
            return frozenset(set().union(*(_adjective_all_forms(r) for r in adjectives)) | {phrase})
    return frozenset(_np_forms(tokens, numbers))


def _adjective_all_forms(reading: _Reading) -> set[str]:
    """All positive-degree forms of an adjective lemma (any number, case and gender)."""
    out = set()
    for form, tag in _forms_of(reading):
        if tag.pos != reading.pos:
            continue
        if tag.pos == "adj" and (not tag.rest or tag.rest[0] != "pos"):
            continue
        if tag.pos == "ppas" and "neg" in tag.rest:
            continue
        out.add(_match_case_pattern(form, reading.word))
    return out


def is_known_word(word: str) -> bool:
    """True when Morfeusz has a reading for `word` (not 'ign')."""
    return any(_Tag.parse(tag).pos != "ign" for _lemma, tag, _q in _analyse(word))
