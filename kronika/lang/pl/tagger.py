"""The trained morphosyntactic disambiguator: picks each token's reading among Morfeusz's, in context.

Model: an averaged perceptron (trained by `training.train_tagger`) that scores every candidate reading of a
token, left to right within a sentence; the candidate with the highest score wins. A reading's score is the sum,
over the token's context features (`features.py`, including the set of cases the word's readings allow, plus
the readings chosen for the two tokens before it, the readings Morfeusz allows for the next ones, what
`LeftContext` remembers of the choices further left – the clause's verb and its lemma, whether the clause has a
nominative or a "nie" yet, the case of the preposition governing the phrase, the latest case chosen – and the
lemma of the first possible verb to the right), of the weights of the reading's views (full tag, part of speech,
case, agreement triple, lemma, name class), plus weights of candidate features (agreement with the reading
chosen before, a case governed by the preposition before, a case the next word can agree in, agreement in number
and gender with the clause's verb before and with the first possible verb after, agreement of an adjective with
the first possible noun after it).

Unknown words (Morfeusz's `ign`, e.g. foreign names: "Szojgu", "Kimem") get guessed candidates: every
open-class tag the model learned for such words, each with a lemma from the model's suffix rules for that tag
("Kimem" as subst:sg:inst:m1 → "Kim"); the guessed reading keeps the `ign` labels and adds "guessed". A plain
number in digits (Morfeusz's `dig`) may also take the numeral and adjective tags the model learned for digits
("z [10] maja" adj:sg:gen:m3:pos, "[3] szkół"), labelled "digits", the digits as lemma.

Speed: the weights are integer arrays (`TaggerModel`): the tag-like views' weights of each feature row, row by
row (`view_start`, `view_cols`, `view_weights`), and, per lemma view, a dict of feature rows. The decoder (`tag_sentences`) is one compiled loop over integer
tables (`tagger_kernel.py`, numba): everything that depends only on a word form (its candidates, their tags,
views and lemmas, the rows of its own features and of those it gives its neighbours) is numbered once per form
(`tagger_tables.FormStore`), and the context features and candidate features are looked up in tables indexed by
part of speech, number, case and gender (`tagger_tables.ModelTables`). Scores are exact integers, so the choice
is the reference scorer's (`tag_sentence_reference`, the first version's algorithm) to the bit; without numba
the same loop runs as plain Python.

The model file (`models/tagger.bin`: a zip of numpy arrays, the feature and view vocabularies and a JSON header,
see `models/arrays.py`; its sha256 in `models/MANIFEST.json`) is loaded on first use, once per process, and
never stored on a stage object: stages pickle for Spark and load the model again on the worker. The first
version's lzma-compressed pickle still loads. Without the model file `Disambiguation` keeps the heuristic
choice (`disambiguation.choose`) made by the morphology stage.
"""
from __future__ import annotations

import lzma
import pickle
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

import numpy as np

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import (ambiguity, case_set, name_classes, reading_views, shape,
                                      static_token_features, tag_parts)
from kronika.lang.pl.models import ShippedModel
from kronika.lang.pl.models.arrays import is_array_file, read_arrays, write_arrays
from kronika.lang.pl.morphology import analyse

MODEL_NAME = "tagger.bin"
NO_CASE_POS = frozenset({"interp", "dig", "ign"})


SCALE = 1000
"""Weights are stored and summed as integers in 1/SCALE units (the trainer rounds them to 1/1000), so scores are
exact and independent of the order of summation."""
DENSE_ROW_MIN = 24
"""Feature rows with more non-zero view weights than this are also kept as dense rows (`TaggerModel.dense`)."""
STAR = "*"  # the view candidate features (agreement, government) attach to


class TaggerModel:
    """Weights and tables of a trained tagger. The weights are a feature vocabulary and a view vocabulary with an
    integer matrix (features × views, 1/SCALE units): row by row for the few hundred tag-like views (`view_*`),
    per lemma view a dict feature row → weight for the lemma views ("M…"), which are many and sparse. `weights` gives the same
    model as a dict feature → view → weight."""

    def __init__(self, weights: dict[str, dict[str, float]] | None, open_tags: list[str] | None = None,
                 lemma_rules: dict[str, tuple[int, str]] | None = None, upos: dict[str, str] | None = None,
                 meta: dict | None = None, suffix_tags: dict[str, list[str]] | None = None, *,
                 sparse: tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray] | None = None,
                 digit_tags: list[str] | None = None) -> None:
        self.open_tags = list(open_tags or [])
        self.digit_tags = list(digit_tags or [])  # the inflected tags a number in digits ("3 szkół") may take
        self.lemma_rules = dict(lemma_rules or {})  # "tag|suffix" → (cut, add)
        self.upos = dict(upos or {})  # "pos|lemma" or "pos" → UPOS (for evaluation)
        self.meta = dict(meta or {})
        self.suffix_tags = dict(suffix_tags or {})  # final letters of a name → its likely tags
        if sparse is None:
            sparse = _to_sparse(weights or {})
        self._set_weights(*sparse)

    def _set_weights(self, features: list[str], views: list[str], rows: np.ndarray, cols: np.ndarray,
                     values: np.ndarray) -> None:
        self.features, self.views = list(features), list(views)
        self.index: dict[str, int] = dict(zip(self.features, range(len(self.features))))
        self._sparse = (rows.astype(np.int32, copy=False), cols.astype(np.int32, copy=False),
                        values.astype(np.int32, copy=False))
        lemma_view = np.array([v.startswith("M") for v in self.views], dtype=bool)
        dense_views = [k for k, v in enumerate(self.views) if not lemma_view[k]]
        self.dense_col = {self.views[k]: c for c, k in enumerate(dense_views)}
        col_of = np.full(len(self.views), -1, dtype=np.int64)
        col_of[dense_views] = np.arange(len(dense_views))
        is_dense = ~lemma_view[cols] if len(cols) else np.zeros(0, dtype=bool)
        # the tag-like views' weights row by row (98% of a dense matrix would be zeros): row r's columns are
        # view_cols[view_start[r]:view_start[r + 1]], with their weights in view_weights, int32 and exact
        d_rows, d_cols = rows[is_dense], col_of[cols[is_dense]]
        order = np.lexsort((d_cols, d_rows))
        self.view_start = np.zeros(len(self.features) + 1, dtype=np.int64)
        np.cumsum(np.bincount(d_rows, minlength=len(self.features)), out=self.view_start[1:])
        self.view_cols = d_cols[order].astype(np.int32)
        self.view_weights = values[is_dense][order].astype(np.int32)
        self.n_views = len(dense_views)
        # rows with many weights are also kept as dense int16 rows (`dense_of[r]`: row r's place in `dense`, or -1),
        # which the decoder reads column by column; rows with a weight beyond int16 stay sparse only
        counts = np.diff(self.view_start)
        big = np.abs(self.view_weights.astype(np.int64)) > np.iinfo(np.int16).max
        wide = counts > DENSE_ROW_MIN
        wide[np.unique(np.repeat(np.arange(len(counts)), counts)[big])] = False
        self.dense_of = np.full(len(self.features), -1, dtype=np.int32)
        self.dense_of[wide] = np.arange(int(wide.sum()), dtype=np.int32)
        self.dense = np.zeros((int(wide.sum()), max(self.n_views, 1)), dtype=np.int16)
        at = np.repeat(self.dense_of, counts)
        keep = at >= 0
        self.dense[at[keep], self.view_cols[keep]] = self.view_weights[keep]
        # the lemma views' weights: view number (in `lemma_views`), row and weight of each
        lemma_cols, lemma_of = np.unique(cols[~is_dense], return_inverse=True)
        self.lemma_views = [self.views[c] for c in lemma_cols.tolist()]
        self.lemma_entries = (lemma_of.astype(np.int64), rows[~is_dense].astype(np.int64),
                              values[~is_dense].astype(np.int64))
        star = self.dense_col.get(STAR)
        at_star = is_dense & (cols == self.views.index(STAR)) if star is not None else np.zeros(0, dtype=bool)
        self.star: dict[str, int] = {self.features[r]: int(x) for r, x in zip(rows[at_star].tolist(),
                                                                               values[at_star].tolist())}
        self._weights: dict[str, dict[str, float]] | None = None
        self._store = None  # the decoder's tables (`tagger_tables.FormStore`), made on first use

    def store(self):
        """The decoder's tables and form store for these weights (`tagger_tables.FormStore`)."""
        store = self._store
        if store is None:
            from kronika.lang.pl.tagger_tables import FormStore

            store = self._store = FormStore(self)
        return store

    @property
    def weights(self) -> dict[str, dict[str, float]]:
        """The weights as feature → view → weight (non-zero ones only; built on first use)."""
        if self._weights is None:
            out: dict[str, dict[str, float]] = {}
            rows, cols, values = self._sparse
            for r, c, x in zip(rows.tolist(), cols.tolist(), values.tolist()):
                out.setdefault(self.features[r], {})[self.views[c]] = x / SCALE
            self._weights = out
        return self._weights

    @weights.setter
    def weights(self, weights: dict[str, dict[str, float]]) -> None:
        """Replace the weights (the trainer does, between epochs); the integer tables are rebuilt."""
        self._set_weights(*_to_sparse(weights))
        self._weights = weights

    def to_bytes(self) -> bytes:
        rows, cols, values = self._sparse
        header = {"meta": self.meta, "lemma_rules": {k: list(v) for k, v in self.lemma_rules.items()},
                  "upos": self.upos, "suffix_tags": self.suffix_tags, "digit_tags": self.digit_tags}
        return write_arrays({"rows": rows.astype(np.int32), "cols": cols.astype(np.int32),
                             "values": values.astype(np.int32)},
                            {"features": self.features, "views": self.views, "open_tags": self.open_tags}, header)

    @classmethod
    def from_bytes(cls, blob: bytes) -> "TaggerModel":
        if not is_array_file(blob):  # the first version's lzma-compressed pickle of dicts
            data = pickle.loads(lzma.decompress(blob))
            return cls(data["weights"], data["open_tags"], data["lemma_rules"], data["upos"], data.get("meta", {}),
                       data.get("suffix_tags", {}))
        arrays, strings, header = read_arrays(blob)
        sparse = (strings["features"], strings["views"], arrays["rows"], arrays["cols"], arrays["values"])
        return cls(None, strings["open_tags"], {k: (v[0], v[1]) for k, v in header["lemma_rules"].items()},
                   header["upos"], header["meta"], header["suffix_tags"], sparse=sparse,
                   digit_tags=header.get("digit_tags"))


def _to_sparse(weights: dict[str, dict[str, float]]) -> tuple[list[str], list[str], np.ndarray, np.ndarray, np.ndarray]:
    """(features, views, rows, cols, values) of a weight dict, in its order, values in 1/SCALE units."""
    features = list(weights)
    view_index: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    values: list[int] = []
    for r, f in enumerate(features):
        for v, x in weights[f].items():
            q = round(x * SCALE)
            if q:
                rows.append(r)
                cols.append(view_index.setdefault(v, len(view_index)))
                values.append(q)
    return (features, list(view_index), np.asarray(rows, dtype=np.intp), np.asarray(cols, dtype=np.intp),
            np.asarray(values, dtype=np.int32))


_SHIPPED = ShippedModel(MODEL_NAME, lambda blob: TaggerModel.from_bytes(blob))


def model_path() -> Path:
    return _SHIPPED.path()


def load_model(path: Path | None = None) -> TaggerModel | None:
    """The shipped tagger model (loaded once per process), a model read from `path`, or None when absent."""
    return _SHIPPED.load(path)


# --- candidates ------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def indeclinable_endings() -> tuple[str, ...]:
    """Endings of unknown words taken as indeclinable (data/unknown_words.yaml)."""
    import yaml

    text = resources.files("kronika.lang.pl").joinpath("data/unknown_words.yaml").read_text("utf-8")
    return tuple(str(e) for e in (yaml.safe_load(text) or {}).get("indeclinable_endings", []))


def guess_lemma(form: str, tag: str, rules: dict[str, tuple[int, str]]) -> str:
    """The lemma of an unknown word read with `tag`: the form itself after an indeclinable ending, else the rule
    for the longest known suffix, else the form."""
    if form.lower().endswith(indeclinable_endings()):
        return form
    for k in (4, 3, 2, 1):
        if len(form) > k + 1:
            rule = rules.get(tag + "|" + form[-k:])
            if rule is not None:
                cut, add = rule
                return form[: len(form) - cut] + add
    return form


def guess_tags(form: str, model: TaggerModel) -> list[str]:
    """The tags an unknown word may have: those of known names sharing its longest listed ending (learned from
    Morfeusz's readings of the names in the training corpora), else every open-class tag of the model."""
    low = form.lower()
    for k in (4, 3, 2, 1):
        if len(low) > k + 1:
            tags = model.suffix_tags.get(low[-k:])
            if tags:
                return tags
    return model.open_tags


def candidates(form: str, readings: Sequence[Analysis], model: TaggerModel) -> list[Analysis]:
    """The readings the tagger chooses among: Morfeusz's (one per lemma and tag), or guesses for an `ign` word; a
    plain number in digits may also be read as the numeral or adjective it stands for ("z [10] maja" as
    adj:sg:gen:m3:pos), with the tags the model learned for digits, the digits as lemma."""
    if model.digit_tags and len(readings) == 1 and readings[0].tag == "dig" and not readings[0].labels:
        base = readings[0]
        return [base] + [Analysis(base.lemma, t, base.names, ("digits",)) for t in model.digit_tags]
    if len(readings) == 1 and readings[0].tag == "ign" and form[:1].isalpha() and not set(readings[0].labels) & {
        "url", "email", "handle", "hashtag", "domain"}:
        base = readings[0]
        labels = base.labels + ("guessed",)
        return [Analysis(guess_lemma(form, t, model.lemma_rules), t, base.names, labels)
                for t in guess_tags(form, model)] or [base]
    seen: dict[tuple[str, str], Analysis] = {}
    for r in readings:
        seen.setdefault((r.lemma, r.tag), r)
    return list(seen.values())


# --- features --------------------------------------------------------------------------------------------------

_STATIC_CACHE: dict[str, list[str]] = {}


def token_features(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], i: int,
                   prev1: Analysis | None, prev2: Analysis | None, left: "LeftContext | None" = None,
                   right_verb: tuple | None = None) -> list[str]:
    """The context features of token i given the readings chosen for the two tokens before it and what was
    chosen further left in the sentence (`left`: the clause's verb, subject, governing preposition…)."""
    form = forms[i]
    static = _STATIC_CACHE.get(form)
    if static is None:
        static = static_token_features(form, readings[i])
        if len(_STATIC_CACHE) > 300_000:
            _STATIC_CACHE.clear()
        _STATIC_CACHE[form] = static
    feats = list(static)
    if i == 0:
        feats.append("first")
    if form[:1].isupper():
        feats.append("cap" + ("0" if i == 0 else "1"))
    if prev1 is not None:
        p, _, c, _ = tag_parts(prev1.tag)
        feats += ["t-1=" + prev1.tag, "p-1=" + p, "k-1=" + p + c, "l-1=" + prev1.lemma.lower()]
        if prev2 is not None:
            feats.append("pp-2=" + tag_parts(prev2.tag)[0] + "|" + p)
    else:
        feats.append("t-1=^")
    if i > 0:
        feats.append("w-1=" + forms[i - 1].lower())
    if i + 1 < len(forms):
        feats += ["w+1=" + forms[i + 1].lower(), "a+1=" + ambiguity(readings[i + 1]), "c+1=" + case_set(readings[i + 1])]
    else:
        feats.append("w+1=$")
    if i + 2 < len(forms):
        feats.append("a+2=" + ambiguity(readings[i + 2]))
    if left is not None:
        feats += left.features()
    if right_verb is not None:
        feats.append("rv=" + right_verb[0])
    return feats


FINITE_POS = frozenset({"fin", "praet", "bedzie", "impt", "winien", "imps", "pred", "inf", "pcon", "pant"})
"""Parts of speech of the clause's verb (the word a nominative subject agrees with, an object depends on)."""
CLAUSE_PUNCT = frozenset({",", ";", ":", "(", ")", "\u2013", "\u2014", "-", '"', "\u201e", "\u201d"})
CLAUSE_OPENERS = frozenset({"który", "jaki", "co", "kto", "gdzie", "kiedy", "jak", "czy", "gdy", "jeśli", "jeżeli"})
"""Lemmas that open a new clause (with complementizers: "że", "aby", "bo")."""
SUBJECT_POS = frozenset({"subst", "ppron3", "ppron12", "depr"})
KEEPS_PREPOSITION = frozenset({"adj", "adja", "num", "numcol", "adv", "pact", "ppas", "qub", "part", "conj", "brev"})
"""Words inside a prepositional phrase before its head noun ("w tym nowym domu"): the preposition still governs."""
COORDINATION = frozenset({"conj", "interp"})


class LeftContext:
    """What the tagger remembers of the readings chosen so far in a sentence, beyond the two previous ones:
    the latest nominative noun (for verb agreement), the clause's verb (and its latest verb with number and
    gender, which a subject agrees with) and whether the clause already has a
    nominative, a "nie" or a comma-like mark after the verb, the case of the preposition governing the current
    phrase and the part of speech and case of the latest case-bearing word. A clause ends at a complementizer
    or a relative word ("że", "który")."""

    __slots__ = ("subject", "verb", "agr", "nom", "neg", "sep", "prep", "last", "prev_pos", "prev_lemma", "_feats")

    def __init__(self) -> None:
        self.subject: Analysis | None = None
        self.verb: Analysis | None = None
        self.agr: Analysis | None = None  # the clause's latest verb with number and gender (not an infinitive)
        self.nom = self.neg = self.sep = False
        self.prep = self.last = self.prev_pos = self.prev_lemma = ""
        self._feats: list[str] | None = None

    @property
    def verb_key(self) -> tuple[str, bool] | None:
        """What candidate features read of the clause's verb: the tag of the verb a subject agrees with (the
        finite verb before an infinitive: "zaczęły się wychylać [postaci]"), else of the latest verb, and
        whether a comma-like mark came after it."""
        v = self.agr if self.agr is not None else self.verb
        return (v.tag, self.sep) if v is not None else None

    def update(self, a: Analysis) -> None:
        pos, _, case, _ = tag_parts(a.tag)
        self._feats = None
        if case == "nom" and pos in SUBJECT_POS:
            self.subject = a
            self.nom = True
        if pos == "comp" or a.lemma in CLAUSE_OPENERS:
            self.verb, self.agr, self.nom, self.neg, self.sep = None, None, False, False, False
        elif pos == "interp" and a.lemma in CLAUSE_PUNCT:
            self.sep = True
        elif pos in FINITE_POS:
            self.verb, self.sep = a, False
            if pos in RIGHT_VERB_POS:
                self.agr = a
        elif a.lemma == "nie" and pos in {"part", "qub"}:
            self.neg = True
        if pos == "prep":
            self.prep = case
        elif pos not in KEEPS_PREPOSITION:
            self.prep = ""
        if case and pos != "prep":
            self.last = pos + case
        self.prev_pos, self.prev_lemma = pos, a.lemma

    def features(self) -> list[str]:
        feats = self._feats
        if feats is None:
            feats = []
            if self.subject is not None:
                _, num, _, gender = tag_parts(self.subject.tag)
                feats.append("subj=" + num + gender)
            v = self.verb
            feats.append("vs=" + (tag_parts(v.tag)[0] if v is not None else "-") + ("N" if self.nom else "-")
                         + ("n" if self.neg else "") + ("," if self.sep else ""))
            if v is not None:
                feats.append("vl=" + v.lemma)
            if self.prep:
                feats.append("pc=" + self.prep)
            if self.last:
                feats.append("lc=" + self.last)
                if self.prev_pos in COORDINATION:  # "żółtko i [białko]": the case before the conjunction
                    feats.append("co=" + self.prev_lemma + "|" + self.last)
            self._feats = feats
        return feats


def prefer_proper_lemma(chosen: Analysis, cands: Sequence[Analysis], form: str, first: bool) -> Analysis:
    """A capitalised word inside a sentence keeps the chosen tag but takes a capitalised lemma when one has that
    tag ("Ukrainy" → Ukraina, not ukraina)."""
    if first or not form[:1].isupper() or chosen.lemma[:1].isupper() or not chosen.tag.startswith("subst"):
        return chosen
    for c in cands:
        if c.tag == chosen.tag and c.lemma[:1].isupper():
            return c
    return chosen


def candidate_features(cand: Analysis, prev1: Analysis | None, next_readings: Sequence[Analysis],
                       verb_key: tuple[str, bool] | None = None, right_verb: tuple | None = None,
                       right_noun: tuple | None = None) -> list[str]:
    """Features of one candidate against its neighbours (agreement, government), the clause's verb chosen
    before it and the first possible verb after it."""
    return (left_features(cand.tag, prev1.tag if prev1 is not None else None)
            + right_features(cand.tag, _as_next(next_readings)) + verb_features(cand.tag, verb_key)
            + right_verb_features(cand.tag, right_verb) + right_noun_features(cand.tag, right_noun))


def verb_features(tag: str, verb_key: tuple[str, bool] | None) -> list[str]:
    """A case-bearing candidate against the clause's verb chosen before it (`LeftContext.verb_key`: its tag and
    whether a comma came after it): the candidate's case with whether it agrees with the verb in number and
    gender (a nominative that agrees is likely the subject)."""
    if verb_key is None:
        return []
    pos, num, case, gender = tag_parts(tag)
    if not case:
        return []
    vpos, vnum, _, vgender = tag_parts(verb_key[0])
    agree = ("n" if num == vnum else "-") + ("?" if not vgender else "g" if gender == vgender else "-")
    return [f"va={pos}|{case}|{agree}" + ("," if verb_key[1] else "")]


RIGHT_VERB_POS = frozenset({"fin", "praet", "bedzie", "winien"})


NOUN_POS = frozenset({"subst", "depr"})
ADJ_LIKE = frozenset({"adj", "pact", "ppas", "num", "numcol", "adja", "adv"})
AGREEING_POS = frozenset({"adj", "pact", "ppas", "num", "numcol"})


def verb_reading(form: str, readings: Sequence[Analysis]) -> tuple:
    """What the words before a token need to know of it: (whether it ends a clause, its verb description or
    None, its noun description or None, whether it can stand between an adjective and its noun). The verb
    description is the lemma of its first finite reading and the (number, gender) pairs its finite readings
    allow; the noun description the (number, case, gender) triples of its noun readings."""
    brk = form in CLAUSE_PUNCT or any(r.tag == "comp" for r in readings)
    pairs = set()
    triples = set()
    lemma = None
    adj_like = False
    for r in readings:
        pos, num, case, gender = tag_parts(r.tag)
        if pos in RIGHT_VERB_POS:
            if lemma is None:
                lemma = r.lemma
            pairs.add((num, gender))
        elif pos in NOUN_POS:
            triples.add((num, case, gender))
        if pos in ADJ_LIKE:
            adj_like = True
    return (brk, None if lemma is None else (lemma, tuple(sorted(pairs))), tuple(sorted(triples)) or None,
            adj_like)


def right_verbs(verbs: Sequence[tuple]) -> list[tuple | None]:
    """For every token, the description of the first word after it in its clause that can be a finite verb."""
    out: list[tuple | None] = [None] * len(verbs)
    current = None
    for i in range(len(verbs) - 1, -1, -1):
        out[i] = current
        brk, desc = verbs[i][:2]
        if brk:
            current = None
        if desc is not None:
            current = desc
    return out


def right_nouns(info: Sequence[tuple]) -> list[tuple | None]:
    """For every token, the noun description of the first word after it that can be a noun, when only words
    that can be adjectives, numerals or adverbs stand between ("ostatni wielki [turniej]")."""
    out: list[tuple | None] = [None] * len(info)
    for i in range(len(info) - 2, -1, -1):
        _, _, noun, adj_like = info[i + 1]
        out[i] = noun if noun is not None else out[i + 1] if adj_like else None
    return out


def right_noun_features(tag: str, desc: tuple | None) -> list[str]:
    """An adjective-like candidate against the noun after it (`right_nouns`): the best agreement it allows."""
    if desc is None:
        return []
    pos, num, case, gender = tag_parts(tag)
    if not case or pos not in AGREEING_POS:
        return []
    best = max((n == num) + (c == case) + (g == gender) for n, c, g in desc)
    return [f"rna={pos}|{best}"]


def right_verb_features(tag: str, desc: tuple | None) -> list[str]:
    """A case-bearing candidate against the first possible verb after it in the clause: its case with the best
    agreement in number and gender any of the verb's readings allows."""
    if desc is None:
        return []
    pos, num, case, gender = tag_parts(tag)
    if not case:
        return []
    best = 0
    for vnum, vgender in desc[1]:
        best = max(best, 2 * (vnum == num) + (1 if not vgender or vgender == gender else 0))
    return [f"rva={pos}|{case}|{best}"]


def left_features(tag: str, prev_tag: str | None) -> list[str]:
    """Candidate features against the reading chosen before: government by a preposition, agreement."""
    if prev_tag is None:
        return []
    pos, num, case, gender = tag_parts(tag)
    ppos, pnum, pcase, pgender = tag_parts(prev_tag)
    out: list[str] = []
    if ppos == "prep" and case:
        out.append(("gov+" if case == pcase else "gov-") + pos)
    if num and pnum:
        agree = (num == pnum) + (case == pcase) + (gender == pgender)
        out.append(f"agr-1={ppos}|{pos}|{agree}")
    return out


def right_features(tag: str, nxt: tuple) -> list[str]:
    """Candidate features against the next token's readings (as `_as_next` describes them): the best agreement
    any of them allows, and for a preposition whether one has the case it governs."""
    pos, num, case, gender = tag_parts(tag)
    if not case or not nxt:
        return []
    first_pos, triples = nxt
    best = 0
    for n2, c2, g2 in triples:
        best = max(best, (n2 == num) + (c2 == case) + (g2 == gender))
    out = [f"agr+1={pos}|{first_pos}|{best}"]
    if pos == "prep":
        out.append("prep+1=" + str(any(c2 == case for _, c2, _ in triples)))
    return out


def _as_next(readings: Sequence[Analysis]) -> tuple:
    """All that `right_features` reads of the next token's readings: the first one's part of speech and the
    distinct (number, case, gender) of those with a case."""
    if not readings:
        return ()
    return (tag_parts(readings[0].tag)[0],
            tuple(sorted({(n, c, g) for r in readings for _, n, c, g in (tag_parts(r.tag),) if c})))


def score(weights: dict[str, dict[str, float]], feats: Sequence[str], cand: Analysis,
          cfeats: Sequence[str]) -> float:
    views = reading_views(cand)
    s = 0.0
    for f in feats:
        w = weights.get(f)
        if w:
            for v in views:
                x = w.get(v)
                if x:
                    s += x
    for f in cfeats:
        w = weights.get(f)
        if w:
            s += w.get("*", 0.0)
    return s


def tag_sentence_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                           model: TaggerModel) -> list[Analysis]:
    """The chosen reading of every token, scored the slow, obvious way (feature strings, dict of weights, summed
    in integer 1/SCALE units so that ties are exact); the first version's algorithm. `tag_sentence` must choose
    exactly these readings. Slow: for tests and checks only."""
    chosen: list[Analysis] = []
    weights = {f: {v: round(x * SCALE) for v, x in w.items()} for f, w in model.weights.items()}
    n = len(forms)
    left = LeftContext()
    info = [verb_reading(f, r) for f, r in zip(forms, readings)]
    rverbs, rnouns = right_verbs(info), right_nouns(info)
    for i in range(n):
        cands = candidates(forms[i], readings[i], model)
        prev1 = chosen[i - 1] if i > 0 else None
        prev2 = chosen[i - 2] if i > 1 else None
        if len(cands) == 1:
            best = cands[0]
        else:
            feats = token_features(forms, readings, i, prev1, prev2, left, rverbs[i])
            nxt = readings[i + 1] if i + 1 < n else ()
            best, best_s = cands[0], None
            for c in cands:
                s = score(weights, feats, c, candidate_features(c, prev1, nxt, left.verb_key, rverbs[i], rnouns[i]))
                if best_s is None or s > best_s:
                    best, best_s = c, s
            best = prefer_proper_lemma(best, cands, forms[i], i == 0)
        left.update(best)
        chosen.append(best)
    return chosen


def tag_sentences(sentences: Sequence[tuple[Sequence[str], Sequence[Sequence[Analysis]]]],
                  model: TaggerModel) -> list[list[Analysis]]:
    """The chosen reading of every token of each sentence (its forms and readings), greedy, left to right: the
    same choices as `tag_sentence_reference`, made by the compiled decoder (`tagger_kernel.decode`) over the
    model's integer tables and the forms it has seen (`tagger_tables.FormStore`)."""
    return model.store().decode(sentences)


def tag_sentence(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: TaggerModel) -> list[Analysis]:
    """The chosen reading of every token of one sentence (`tag_sentences`)."""
    return tag_sentences([(forms, readings)], model)[0]


def tag_tokens(tokens: Sequence[Token], model: TaggerModel | None = None) -> list[Analysis]:
    """Chosen readings for a sentence's tokens (their `analyses`, or Morfeusz's when empty)."""
    model = model or load_model()
    if model is None:
        raise RuntimeError("no tagger model is installed")
    forms = [t.text for t in tokens]
    readings = [t.analyses or list(analyse(t.text)) for t in tokens]
    return tag_sentence(forms, readings, model)


def upos_of(a: Analysis, model: TaggerModel) -> str:
    """The Universal Dependencies part of speech of a reading (mapping learned with the model)."""
    pos = a.tag.split(":", 1)[0]
    return model.upos.get(pos + "|" + a.lemma) or model.upos.get(pos) or "X"


class Disambiguation:
    """Pipeline stage after `morphology`: re-sets every token's `chosen` with the trained tagger (sentence by
    sentence). Without a model file it leaves the morphology stage's heuristic choice in place."""

    name = "disambiguation"
    assigns = ("tokens.chosen",)

    def __call__(self, doc) -> None:
        model = load_model()
        if model is None:
            return
        tokens: list[Token] = doc.tokens
        ranges = [(s.token_start, s.token_end) for s in doc.sentences] or [(0, len(tokens))]
        sentences = [tokens[a:b] for a, b in ranges]
        inputs = [([t.text for t in sent], [t.analyses or list(analyse(t.text)) for t in sent]) for sent in sentences]
        for sent, chosen in zip(sentences, tag_sentences(inputs, model)):
            for tok, reading in zip(sent, chosen):
                tok.chosen = reading

    def warm_up(self) -> None:
        """Load the model, build its tables and load (or compile) the decoder now rather than on the first
        document (`Pipeline.warm_up`)."""
        model = load_model()
        if model is not None:
            tag_sentences([(["Tak", "."], [list(analyse("Tak")), list(analyse("."))])], model)

    def __repr__(self) -> str:
        return "Disambiguation()"
