"""The trained named-entity recogniser: NKJP name types with their spans, nested ones included.

Types (NKJP 1M, as in PolEval 2018): persName (with nested persName_forename, persName_surname,
persName_addName), orgName, placeName and its subtypes placeName_country / _settlement / _region / _district /
_bloc, geogName; the model also knows date and time (so the PolEval scores are comparable), but the pipeline
stage leaves those to the time layer.

Model: an averaged perceptron over token labels (`training.train_ner`), decoded the way it was trained
(`meta["decoder"]`): "greedy" left to right (the shipped model), or "viterbi" — a structured perceptron, the best
label sequence by Viterbi, second-order (a token's score depends on the two labels before it) or, for a model
trained without label-pair features (`meta["order"]` 1), first-order (3–7 times faster). A label is the token's
BIO tags of every nesting level joined by "#" ("I-persName#B-persName-surname"), so one decision gives the whole
nest. Features: the word, its shape, prefixes and suffixes, Morfeusz's proper-name classes ("imię", "nazwisko",
"nazwa_geograficzna", …, a built-in gazetteer), each proper-name reading's class with its gender and number
(`proper_genders`), the ending of the proper-name reading's lemma (`name_lemma_suffixes`: "Katowicach" → "ice"),
whether Morfeusz knows the word, whether it is an adjective derived from a place name Morfeusz knows
(`geo_adjective_base`: "ostrzeszowski" → "Ostrzeszów"), the word, lemma and a few of these for the neighbours
(±2), the run of capitalised words the token is in (its length, the token's place in it, the run's first word and
the word before the run: `run_features`), the names of the training data (`Gazetteer`: multi-word names matched
on lemmas, "gz=B|orgName"), the token's place inside quotation marks, its shape with its neighbours' shapes, and
a capitalised word's name classes by its place (`sentence_features`), and the labels given to the two tokens
before. The model is trained on NKJP sentences re-cut the way `tokenizer.tokenize` cuts running text ("r.", "J.",
"Bielsko-Biała" one token each: `training.runtime_tokens`).

`spans_from_labels` turns labels into spans; an "I-" tag that does not continue a span of its type starts one.
`name_spans` then trims stray letters ("Ø") off spans (`clean_spans`) and nests the countries named inside an
organisation (`nest_countries`, with the country lemmas learned from the training data, `meta["country_lemmas"]`);
over a whole document, `repeat_persons` marks the untagged repeats of a person's name the model found elsewhere.
Words glued together ("#DonaldTusk", "SenatorJanKowalski": `glued_parts`) are cut apart before the model sees
them (`split_glued`); the stage keeps the names that cover whole tokens, `char_spans` (character offsets, what the
PolEval benchmark reads) keeps all, and gives each word of a double-barrelled forename or surname its own span.
Speed: the weights are an integer matrix features × labels (`NerModel`). Per word form, on first sight, one pass
over its readings finds the rows of its own and neighbour features by value, without building feature strings
(`_DecodeTables.form_entry`: `feature_lookups`, a neighbour feature's rows at every offset at once: `near_index`),
a compiled loop sums them (`fill_vectors`), and the form keeps its sums and the numbers `score_tokens` needs (its
shape's, its bigram parts', its gazetteer key's, its capitalised-word and run feature rows: `_FormStore`, at most
`CACHE_SIZE` forms, all forgotten when full). A document's sentences are then scored together by one compiled loop
over integers (`score_tokens`: neighbour sums within each sentence, bigrams and shape pairs as numbered pairs
(`pair_table`), the gazetteer as a trie over numbered keys (`gazetteer_trie`), runs of capitalised words) and
labelled greedily by another (`greedy_labels`, the history features as tables indexed by the two previous labels);
`warm_up` loads the model, builds the tables and compiles the loops before the first document (`kronika.jit`: plain
Python where numba is missing, same results). Integer scores make the labels exactly those of the reference decoder
(`predict_labels_reference`). The Viterbi decoder first rules out, token by token, the labels some other label
beats by more than the history features of that token and the next two could make up (`viterbi_bounds`; exact: no
best path uses such a label), so most tokens keep one label and the dynamic programme runs over a few states; the
first-order one (`_first_order_kept`) compares with the token's best label only and counts the transitions exactly
next to a token left with one label, and restarts its scores at every such token.
The model file (`models/ner.bin`: a zip of numpy arrays with the feature and label lists, `models/arrays.py`) is
loaded on first use, once per process, never stored on a stage object; the first version's pickle still loads.
"""
from __future__ import annotations

import lzma
import pickle
import re
import threading
from bisect import bisect_right
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from pathlib import Path
from typing import Sequence

import numpy as np

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import ambiguity, name_classes, shape, tag_parts
from kronika.lang.pl.models import ShippedModel
from kronika.lang.pl.models.arrays import is_array_file, read_arrays, write_arrays
from kronika.lang.pl.ner_kernel import (F_SHAPE, FORM_FIELDS, fill_vectors, greedy_labels, score_tokens)
from kronika.lang.pl.morphology import COMMON_NAME_CLASSES, _names, analyse, clean_lemma, morfeusz_analyse

MODEL_NAME = "ner.bin"
TIME_TYPES = frozenset({"date", "time"})


@dataclass
class NameSpan:
    """A recognised name: character offsets into Document.text (end exclusive), NKJP type with "_" for a
    subtype ("persName_surname"), nominative base form, and token index range (end exclusive)."""

    start: int
    end: int
    type: str
    text: str
    base_form: str
    token_start: int
    token_end: int

    @property
    def tokens(self) -> range:
        return range(self.token_start, self.token_end)


SCALE = 1000
"""Weights are stored and summed as integers in 1/SCALE units (the trainer rounds them to 3 decimals), so a
token's label scores are exact and do not depend on the order of summation."""


class NerModel:
    """A trained recogniser: `labels`, a feature vocabulary (feature string → row) and an integer weight matrix
    (features × labels, 1/SCALE units). `weights` gives the same model as a dict feature → label → weight."""

    def __init__(self, weights: dict[str, dict[str, float]] | None, labels: list[str], meta: dict | None = None,
                 *, features: list[str] | None = None, matrix: np.ndarray | None = None,
                 gazetteer: Sequence[str] | None = None) -> None:
        self.labels = list(labels)
        self.meta = dict(meta or {})
        self.gazetteer_lines = list(gazetteer) if gazetteer else None
        self._gazetteer: Gazetteer | None = None
        if matrix is None:
            weights = weights or {}
            lab = {x: k for k, x in enumerate(self.labels)}
            features = list(weights)
            matrix = np.zeros((len(features), len(self.labels)), dtype=np.int32)
            for r, f in enumerate(features):
                for label, x in weights[f].items():
                    matrix[r, lab[label]] = round(x * SCALE)
        self.features: list[str] = list(features or [])
        self.matrix: np.ndarray = matrix
        self.index: dict[str, int] = dict(zip(self.features, range(len(self.features))))
        self._tables: _DecodeTables | None = None
        self._weights: dict[str, dict[str, float]] | None = None

    @property
    def gazetteer(self) -> "Gazetteer | None":
        """The names of the training data (`Gazetteer`), or None for a model trained without."""
        if self._gazetteer is None and self.gazetteer_lines:
            self._gazetteer = Gazetteer.from_lines(self.gazetteer_lines)
        return self._gazetteer

    @property
    def weights(self) -> dict[str, dict[str, float]]:
        """The weights as feature → label → weight (non-zero ones only; built on first use)."""
        if self._weights is not None:
            return self._weights
        out: dict[str, dict[str, float]] = {}
        for r, f in enumerate(self.features):
            row = self.matrix[r]
            cols = np.nonzero(row)[0]
            if len(cols):
                out[f] = {self.labels[j]: int(row[j]) / SCALE for j in cols}
        self._weights = out
        return out

    def to_bytes(self) -> bytes:
        rows, cols = np.nonzero(self.matrix)
        strings = {"features": self.features, "labels": self.labels}
        if self.gazetteer_lines:
            strings["gazetteer"] = self.gazetteer_lines
        return write_arrays({"rows": rows.astype(np.int32), "cols": cols.astype(np.int16),
                             "values": self.matrix[rows, cols].astype(np.int32)}, strings, self.meta)

    @classmethod
    def from_bytes(cls, blob: bytes) -> "NerModel":
        if not is_array_file(blob):  # the first version's lzma-compressed pickle of dicts
            d = pickle.loads(lzma.decompress(blob))
            return cls(d["weights"], d["labels"], d.get("meta", {}))
        arrays, strings, meta = read_arrays(blob)
        features, labels = strings["features"], strings["labels"]
        matrix = np.zeros((len(features), len(labels)), dtype=np.int32)
        matrix[arrays["rows"], arrays["cols"].astype(np.intp)] = arrays["values"]
        return cls(None, labels, meta, features=features, matrix=matrix, gazetteer=strings.get("gazetteer"))

    def tables(self) -> "_DecodeTables":
        if self._tables is None:
            self._tables = _DecodeTables(self)
        return self._tables


_SHIPPED = ShippedModel(MODEL_NAME, lambda blob: NerModel.from_bytes(blob))


def model_path() -> Path:
    return _SHIPPED.path()


def load_model(path: Path | None = None) -> NerModel | None:
    """The shipped NER model (loaded once per process), one read from `path`, or None when absent."""
    return _SHIPPED.load(path)


# --- features --------------------------------------------------------------------------------------------------

_STATIC: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}


_GEO_ADJ_ENDINGS = ("dzki", "cki", "ski")
_GEO_ADJ_STEM_CHANGES = (("ń", "n"), ("ow", "ów"), ("ew", "ów"))
_GEO_ADJ_BASE_ENDINGS = ("", "o", "a", "e", "y", "i", "sk", "k", "g", "sz", "t", "c", "ce", "ck", "ska", "sko", "ów")


@lru_cache(maxsize=50_000)
def geo_adjective_base(lemma: str) -> str | None:
    """The place name an adjective in -ski/-cki/-dzki is derived from, when Morfeusz knows one
    ("ostrzeszowski" → "Ostrzeszów", "elbląski" → "Elbląg", "mikstacki" → "Mikstat"): the adjective's stem, with
    a few stem alternations, plus a handful of endings, checked against Morfeusz's geographic names. Noisy (a
    feature, not a decision): "polski" → "Pole"."""
    low = lemma.lower()
    stem = next((low[: -len(e)] for e in _GEO_ADJ_ENDINGS if low.endswith(e) and len(low) > len(e) + 2), None)
    if stem is None:
        return None
    stems = [stem] + [stem[: -len(a)] + b for a, b in _GEO_ADJ_STEM_CHANGES if stem.endswith(a)]
    for st in stems:
        for end in _GEO_ADJ_BASE_ENDINGS:
            cand = (st + end)[:1].upper() + (st + end)[1:]
            if _geographic_name(cand):
                return cand
    return None


def _geographic_name(word: str) -> bool:
    """Whether one of the readings of `word` (`analyse`) is a geographic name whose lemma is `word`. Morfeusz's
    raw analysis is looked at first: unless the word is a hyphenated compound, such a reading comes from an
    interpretation with that lemma (homonym mark cut: `clean_lemma`) and that name class, so most guesses of
    `geo_adjective_base` (no word, or no place) are settled without building readings."""
    if "-" not in word:
        raw = morfeusz_analyse(word.replace("\u00ad", "") or word)
        if not any(interp[3] and "nazwa_geograficzna" in _names(interp[3]) and clean_lemma(interp[1])[0] == word
                   for _, _, interp in raw):
            return False
    return any(r.lemma == word and "nazwa_geograficzna" in r.names for r in analyse(word))


def _geo_adjective(readings: Sequence[Analysis]) -> bool:
    lemma = next((r.lemma for r in readings if r.tag.startswith("adj:")), None)
    return lemma is not None and geo_adjective_base(lemma) is not None


def _static_features(form: str, readings: Sequence[Analysis], sh: str | None = None
                     ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(features of the token itself, short features used for its neighbours), not cached; `sh` is
    `shape(form)` when the caller has it."""
    low = form.lower()
    if sh is None:
        sh = shape(form)
    known = "ign" if readings and readings[0].tag == "ign" else "kn"
    ncs = name_classes(readings)
    lemma = readings[0].lemma.lower() if readings else low
    own = ["b", "w=" + low, "sh=" + sh, "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
           "kn=" + known + sh, "am=" + ambiguity(readings), "lm=" + lemma]
    own += ["nc=" + n for n in ncs]
    if _geo_adjective(readings):
        own.append("geoadj")
    if len(ncs) > 1:
        own.append("ncs=" + "|".join(sorted(ncs)))
    own += proper_genders(readings)
    own += name_lemma_suffixes(readings)
    near = ["w=" + low, "sh=" + sh, "kn=" + known, "s3=" + low[-3:], "lm=" + lemma]
    near += ["nc=" + n for n in ncs[:2]]
    return tuple(own), tuple(near)


def name_lemma_suffixes(readings: Sequence[Analysis]) -> list[str]:
    """The last three and four letters of the lemma of the first proper-name reading ("ls3=ice" for
    "Katowicach"): the ending of the name's base form, which says more of its kind than the inflected word's."""
    lemma = next((r.lemma for r in readings if any(n not in COMMON_NAME_CLASSES for n in r.names)), None)
    if lemma is None:
        return []
    lemma = lemma.lower()
    return ["ls3=" + lemma[-3:], "ls4=" + lemma[-4:]]


def proper_genders(readings: Sequence[Analysis]) -> list[str]:
    """The name class of each proper-name reading with its gender and number ("ng=nazwisko|m1|sg")."""
    out: dict[str, None] = {}
    for r in readings:
        for n in r.names:
            if n not in COMMON_NAME_CLASSES:
                _, num, _, gender = tag_parts(r.tag)
                out["ng=" + n + "|" + gender + "|" + num] = None
    return list(out)


_OPENING_QUOTES = frozenset("„«“")
_CLOSING_QUOTES = frozenset("”»")
_QUOTES = _OPENING_QUOTES | _CLOSING_QUOTES | {'"'}


def quote_places(forms: Sequence[str]) -> list[str | None]:
    """For each token, "q1" when it is the first word inside quotation marks, "q" when it is a later word inside
    them, None outside ('"' opens and closes by turns; „ « “ open, ” » close)."""
    out: list[str | None] = []
    inside = False
    first = False
    for f in forms:
        if f == '"':
            inside, first = not inside, not inside
            out.append(None)
            continue
        if f in _OPENING_QUOTES:
            inside, first = True, True
            out.append(None)
            continue
        if f in _CLOSING_QUOTES:
            inside = first = False
            out.append(None)
            continue
        out.append(("q1" if first else "q") if inside else None)
        first = False
    return out


def _static(form: str, readings: Sequence[Analysis]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(features of the token itself, short features used for its neighbours), cached by form (tuples: the
    garbage collector need not track them)."""
    hit = _STATIC.get(form)
    if hit is not None:
        return hit
    hit = _static_features(form, readings)
    if len(_STATIC) > 300_000:
        _STATIC.clear()
    _STATIC[form] = hit
    return hit


def sentence_features(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                      gazetteer: Sequence[Sequence[str]] | None = None) -> list[list[str]]:
    """Per token, the features that look further than its own form and its neighbours': the gazetteer's
    (`gazetteer`: `Gazetteer.features` of the sentence, when the model has one), its place inside quotation marks
    with its shape (`quote_places`: "q1=Xx"), the shapes of the token before and after with its own ("shb=x|Xx",
    "shn=Xx|x"), and for a capitalised word its name classes and whether Morfeusz knows it, each with its place:
    first in the sentence, first of a run of capitalised words, or after another capitalised word ("ncp=imię|start",
    "knp=ign|after")."""
    n = len(forms)
    out: list[list[str]] = [list(gazetteer[i]) if gazetteer else [] for i in range(n)]
    shapes = [shape(f) for f in forms]
    quotes = quote_places(forms)
    for i in range(n):
        o = out[i]
        sh = shapes[i]
        if quotes[i]:
            o.append(quotes[i] + "=" + sh)
        o.append("shb=" + (shapes[i - 1] if i else "^") + "|" + sh)
        o.append("shn=" + sh + "|" + (shapes[i + 1] if i + 1 < n else "$"))
        if forms[i][:1].isupper():
            place = "|first" if i == 0 else ("|after" if forms[i - 1][:1].isupper() else "|start")
            for f in _static(forms[i], readings[i])[1]:
                if f.startswith("nc="):
                    o.append("ncp=" + f[3:] + place)
                elif f.startswith("kn="):
                    o.append("knp=" + f[3:] + place)
    return out


def context_features(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], i: int,
                     extra: Sequence[Sequence[str]] | None = None) -> list[str]:
    """The label-independent features of token i; `extra`: the sentence's `sentence_features` (computed here,
    without a gazetteer, when not given)."""
    own, _ = _static(forms[i], readings[i])
    feats = list(own)
    n = len(forms)
    if i == 0:
        feats.append("first")
    for off in (-2, -1, 1, 2):
        j = i + off
        if 0 <= j < n:
            feats += [f"{off}{f}" for f in _static(forms[j], readings[j])[1]]
        else:
            feats.append(f"{off}edge")
    if i > 0:
        feats.append("bi=" + forms[i - 1].lower() + "|" + forms[i].lower())
    feats += (extra if extra is not None else sentence_features(forms, readings))[i]
    if forms[i][:1].isupper():
        a = i
        while a > 0 and forms[a - 1][:1].isupper():
            a -= 1
        b = i + 1
        while b < n and forms[b][:1].isupper():
            b += 1
        feats.append(f"run={min(b - a, 4)}|{min(i - a, 3)}|{min(b - i - 1, 3)}")
        if i > a:
            feats += run_features(forms, readings, a)
    return feats


def _lemma(form: str, readings: Sequence[Analysis]) -> str:
    return readings[0].lemma.lower() if readings else form.lower()


GAZETTEER_LONGEST = 6
"""Names of at most this many words go into the gazetteer."""


def gazetteer_key(form: str, readings: Sequence[Analysis]) -> str:
    """How a word is looked up in the gazetteer: its (first reading's) lemma, lower case, no spaces."""
    return _lemma(form, readings).replace(" ", "_")


class Gazetteer:
    """The names of the training data: word keys (`gazetteer_key`) → the types the words were annotated with
    (at any nesting level; dates and times left out). Stored in the model file, one line per name ("type|type" TAB
    "key key")."""

    def __init__(self, entries: dict[tuple[str, ...], tuple[str, ...]]):
        self.entries = entries
        lengths: dict[str, set[int]] = {}
        for key in entries:
            lengths.setdefault(key[0], set()).add(len(key))
        # first word → the lengths of the names it starts, longest first
        self.lengths: dict[str, tuple[int, ...]] = {k: tuple(sorted(v, reverse=True)) for k, v in lengths.items()}

    @classmethod
    def learn(cls, sentences) -> "Gazetteer":
        """From (forms, readings, gold labels) sentences."""
        found: dict[tuple[str, ...], set[str]] = {}
        for forms, readings, gold in sentences:
            keys = None
            for typ, i, j in spans_from_labels(gold):
                if typ in TIME_TYPES or j - i > GAZETTEER_LONGEST:
                    continue
                if keys is None:
                    keys = [gazetteer_key(f, r) for f, r in zip(forms, readings)]
                found.setdefault(tuple(keys[i:j]), set()).add(typ)
        return cls({k: tuple(sorted(v)) for k, v in found.items()})

    @classmethod
    def from_lines(cls, lines: Sequence[str]) -> "Gazetteer":
        entries: dict[tuple[str, ...], tuple[str, ...]] = {}
        for line in lines:
            types, _, words = line.partition("\t")
            entries[tuple(words.split(" "))] = tuple(types.split("|"))
        return cls(entries)

    def lines(self) -> list[str]:
        return sorted("|".join(t) + "\t" + " ".join(k) for k, t in self.entries.items())

    def matches(self, keys: Sequence[str]) -> list[tuple[int, int, tuple[str, ...]]]:
        """(first word, number of words, types) of the longest name starting at each word of a sentence (given
        by its words' keys), where one does."""
        n = len(keys)
        out = []
        lengths, entries = self.lengths, self.entries
        for i in [i for i, k in enumerate(keys) if k in lengths]:
            for length in lengths[keys[i]]:
                if i + length <= n:
                    types = entries.get(tuple(keys[i : i + length]))
                    if types:
                        out.append((i, length, types))
                        break
        return out

    def features(self, keys: Sequence[str]) -> list[list[str]]:
        """Per word: "gz=B|type" for the first word of each `matches` name, "gz=I|type" for its other words (for
        each of the name's types)."""
        out: list[list[str]] = [[] for _ in keys]
        for i, length, types in self.matches(keys):
            for t in types:
                out[i].append("gz=B|" + t)
                for k in range(i + 1, i + length):
                    out[k].append("gz=I|" + t)
        return out


def model_sentence_features(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                            model: "NerModel") -> list[list[str]]:
    """`sentence_features` of a sentence with the model's gazetteer (if it has one)."""
    gaz = model.gazetteer
    if gaz is None:
        return sentence_features(forms, readings)
    return sentence_features(forms, readings, gaz.features([_gazetteer_key(f, r) for f, r in zip(forms, readings)]))


_GAZ_KEYS: dict[str, str] = {}


def _gazetteer_key(form: str, readings: Sequence[Analysis]) -> str:
    """`gazetteer_key`, remembered per form."""
    key = _GAZ_KEYS.get(form)
    if key is None:
        if len(_GAZ_KEYS) > 300_000:
            _GAZ_KEYS.clear()
        key = _GAZ_KEYS[form] = gazetteer_key(form, readings)
    return key


def run_features(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], a: int) -> list[str]:
    """Features of a capitalised word that is not the first of its run of capitalised words (the run starts at
    token `a`): the lemma of the run's first word ("Uniwersytecie Thomasa Jeffersona": "uniwersytet" for both
    names) and the word before the run ("ul.", "prezydent"), which the ±2 window misses in a long run."""
    out = ["rh=" + _lemma(forms[a], readings[a])]
    out.append("rb=" + (forms[a - 1].lower() if a > 0 else "^"))
    return out


def history_features(prev1: str, prev2: str, own_shape: str) -> list[str]:
    return ["l1=" + prev1, "l12=" + prev2 + "|" + prev1, "l1sh=" + prev1 + "|" + own_shape]


def predict_labels_greedy_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                                    model: NerModel) -> list[str]:
    """One label per token, greedy, scored the slow, obvious way (feature strings, dict of weights, summed label
    by label); `predict_labels_greedy` must give exactly these labels. Kept for tests and for checking."""
    weights = model.weights
    extra = model_sentence_features(forms, readings, model)
    out: list[str] = []
    for i in range(len(forms)):
        feats = context_features(forms, readings, i, extra)
        feats += history_features(out[i - 1] if i else "^", out[i - 2] if i > 1 else "^", shape(forms[i]))
        scores: dict[str, int] = {}
        for f in feats:
            w = weights.get(f)
            if w:
                for lab, x in w.items():
                    scores[lab] = scores.get(lab, 0) + round(x * SCALE)
        best = max(scores.values()) if scores else None
        out.append(next((lab for lab in model.labels if scores.get(lab) == best), "O") if scores else "O")
    return out


def _swing(table: np.ndarray) -> np.ndarray:
    """[b, k] = max over the rows of `table` (one per history) of table[·, k] - table[·, b]; the diagonal is
    very negative, so that the test "b's margin over k exceeds the swing" always holds for k = b."""
    n = table.shape[1]
    out = np.empty((n, n), dtype=np.int64)
    for b in range(n):
        out[b] = (table - table[:, b : b + 1]).max(0)
    out[np.arange(n), np.arange(n)] = -(1 << 40)
    return out


def viterbi_bounds(hist: np.ndarray, shape_hist: np.ndarray) -> tuple[np.ndarray, ...]:
    """(cur, shape_cur, fut1, fut2, fut_shape) for the history tables `hist` [prev2, prev1, label] and
    `shape_hist` [shape, prev1, label] (previous labels as states: 0 = before the sentence, k + 1 = label k):
    [b, k] = the most the history features can favour label k over label b at the token itself (`cur`, plus
    `shape_cur[its shape]`), at the next token (`fut1`, plus `fut_shape[the next token's shape]`) and at the one
    after (`fut2`); the diagonal of `cur` is very large, so a label never rules itself out."""
    n = hist.shape[2]
    big = 1 << 40
    hist = hist.astype(np.int64) if hist.dtype.kind == "i" else hist.astype(np.float64)
    sh = shape_hist.astype(hist.dtype)
    diag = np.arange(n)
    cur = _swing(hist.reshape(-1, n)).astype(hist.dtype)
    cur[diag, diag] = big
    shape_cur = np.stack([_swing(x).astype(hist.dtype) for x in sh]) if len(sh) else np.zeros((0, n, n), hist.dtype)
    shape_cur[:, diag, diag] = 0
    a = hist[:, 1:, :]  # [prev2, this label, next label]
    c = hist[1:, :, :]  # [this label, next token's label, label after]
    s1 = sh[:, 1:, :]  # [shape of the next token, this label, next label]
    fut1 = np.empty((n, n), dtype=hist.dtype)
    fut2 = np.empty((n, n), dtype=hist.dtype)
    fut_shape = np.empty((len(sh), n, n), dtype=hist.dtype)
    for b in range(n):
        fut1[b] = (a - a[:, b : b + 1, :]).max(axis=(0, 2))
        fut2[b] = (c - c[b : b + 1]).max(axis=(1, 2))
        fut_shape[:, b, :] = (s1 - s1[:, b : b + 1, :]).max(axis=2)
    fut1[diag, diag] = 0
    fut2[diag, diag] = 0
    fut_shape[:, diag, diag] = 0
    return cur, shape_cur, fut1, fut2, fut_shape


NEAR_OFFSETS = ("-2", "-1", "1", "2")
"""The offsets of the neighbour features, as their names start: "-1w=kot" is the word "kot" one token before."""


def near_index(features: Sequence[str]) -> dict[str, tuple[int | None, ...]]:
    """Neighbour feature without its offset ("w=kot") → its rows at the offsets of `NEAR_OFFSETS` (None where the
    vocabulary has it not), so a form's neighbour features need one look-up each rather than one per offset (a
    neighbour feature's own name starts with a letter, so the offset prefix is read unambiguously)."""
    number = {off: k for k, off in enumerate(NEAR_OFFSETS)}
    found: dict[str, list[int | None]] = {}
    for r, f in enumerate(features):
        head = 2 if f[:1] == "-" else 1
        k = number.get(f[:head])
        if k is not None and f[head:head + 1].isalpha():
            found.setdefault(f[head:], [None] * len(NEAR_OFFSETS))[k] = r
    return {f: tuple(v) for f, v in found.items()}


OWN_KINDS = ("w", "sh", "p3", "s2", "s3", "s4", "kn", "am", "lm", "nc", "ncs", "ng", "ls3", "ls4", "rh", "rb")
"""The kinds of features ("kind=value") looked up by value alone (`_DecodeTables.own_of`)."""
NEAR_KINDS = ("w", "sh", "kn", "s3", "lm", "nc")
"""The kinds of a form's neighbour features (`_static_features`), looked up by value (`_DecodeTables.near_of`)."""


def feature_lookups(features: Sequence[str], near: dict[str, tuple[int | None, ...]]
                    ) -> tuple[dict[str, dict[str, int]], dict[str, dict[str, tuple[int, ...]]]]:
    """(kind → value → row of "kind=value" for the `OWN_KINDS`, kind → value → its rows at the four neighbour
    offsets of `near_index` (-1 where the vocabulary has it not) for the `NEAR_KINDS`): a form's features are
    found without building their strings. The value is what follows the first "=", so a look-up of value v of
    kind k finds exactly the row of the string k + "=" + v."""
    own: dict[str, dict[str, int]] = {k: {} for k in OWN_KINDS}
    for r, f in enumerate(features):
        kind, eq, value = f.partition("=")
        if eq and kind in own:
            own[kind][value] = r
    by_kind: dict[str, dict[str, tuple[int, ...]]] = {k: {} for k in NEAR_KINDS}
    for f, rows in near.items():
        kind, eq, value = f.partition("=")
        if eq and kind in by_kind:
            by_kind[kind][value] = tuple(-1 if r is None else r for r in rows)
    return own, by_kind


def _by_first(pairs: Sequence[tuple[int, int, int]], firsts: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(a, b, value) triples as arrays grouped by a (for `find_pair`): at[a] : at[a + 1] is where a's pairs are in
    the other two arrays, the numbers b ascending and their values."""
    pairs = sorted(pairs)
    at = np.zeros(firsts + 1, dtype=np.int64)
    np.cumsum(np.bincount(np.array([a for a, _, _ in pairs], dtype=np.int64), minlength=firsts)[:firsts],
              out=at[1:])
    return (at, np.array([b for _, b, _ in pairs], dtype=np.int32),
            np.array([v for _, _, v in pairs], dtype=np.int32))


def pair_table(features: Sequence[str], prefixes: Sequence[str]
               ) -> tuple[dict[str, int], list[tuple[np.ndarray, np.ndarray, np.ndarray]]]:
    """The features prefix + a + "|" + b (word bigrams, shape pairs) as numbers: (part → number, shared by the
    prefixes; per prefix its pairs of part numbers with their rows, by the first part: `_by_first`). A feature
    whose parts hold a "|" is entered under every way of cutting it, so that the pair (a, b) is found exactly
    when prefix + a + "|" + b is a feature."""
    found: list[list[tuple[str, str, int]]] = []
    ids: dict[str, int] = {}
    for prefix in prefixes:
        pairs = []
        for r, f in enumerate(features):
            if f.startswith(prefix):
                rest = f[len(prefix):]
                p = rest.find("|")
                while p >= 0:
                    pairs.append((rest[:p], rest[p + 1:], r))
                    p = rest.find("|", p + 1)
        for a, b, _ in pairs:
            ids.setdefault(a, len(ids))
            ids.setdefault(b, len(ids))
        found.append(pairs)
    return ids, [_by_first([(ids[a], ids[b], r) for a, b, r in pairs], len(ids)) for pairs in found]


def gazetteer_trie(gaz: "Gazetteer | None", row) -> tuple[dict[str, tuple[int, int]], tuple[np.ndarray, ...]]:
    """The gazetteer's names as a trie over numbered word keys, for `score_tokens`: (key → (the node of the
    names it starts or -1, its number); the arrays: the edges node → child by key (`_by_first`: at, keys,
    children), per node 1 when the words from the root to it are a name with types, and per node the start of
    its rows of "gz=B|type" in the next array and of its rows of "gz=I|type" in the last one, for the types of
    that name; `row`: feature → row or None). Node 0 is the root."""
    ids: dict[str, int] = {}
    edges: dict[tuple[int, int], int] = {}
    named: dict[int, tuple[str, ...]] = {}
    nodes = 1
    for key, types in (gaz.entries.items() if gaz is not None else ()):
        node = 0
        for word in key:
            w = ids.setdefault(word, len(ids))
            child = edges.get((node, w))
            if child is None:
                child = edges[(node, w)] = nodes
                nodes += 1
            node = child
        if types:
            named[node] = types
    keys = {word: (edges.get((0, w), -1), w) for word, w in ids.items()}
    ends = np.zeros(nodes, dtype=np.int32)
    first_at, other_at = [0], [0]
    first_rows: list[int] = []
    other_rows: list[int] = []
    for node in range(nodes):
        types = named.get(node)
        if types:
            ends[node] = 1
            first_rows += [r for t in types if (r := row("gz=B|" + t)) is not None]
            other_rows += [r for t in types if (r := row("gz=I|" + t)) is not None]
        first_at.append(len(first_rows))
        other_at.append(len(other_rows))
    return keys, (*_by_first([(a, w, c) for (a, w), c in edges.items()], nodes), ends,
                  np.array(first_at, dtype=np.int64), np.array(first_rows, dtype=np.int32),
                  np.array(other_at, dtype=np.int64), np.array(other_rows, dtype=np.int32))


_PLACES = ("|first", "|start", "|after")
_NONE4 = (-1, -1, -1, -1)
_NONE9 = (-1,) * 9
_NO_WORD = (-1, _NONE4, -1, -1)
_NO_LEMMA = (-1, _NONE4, -1)
_NO_KEY = (-1, -1)


class _FormStore:
    """What the fast decoder keeps per word form, at the form's slot (`slots`: form → slot, given in order from
    1): `vecs[slot]`, the summed weights of its own features and of its features as its neighbours at offsets -2,
    -1, +1, +2 see them; `tab[slot]`, its numbers and rows (`F_*`). Slot 0 is no form's: zeros, what a token
    gets from a neighbour outside its sentence."""

    FIRST_CAPACITY = 4096

    def __init__(self, labels: int) -> None:
        self.slots: dict[str, int] = {}
        self.vecs = np.zeros((1, 5, labels), dtype=np.int32)
        self.tab = np.full((1, FORM_FIELDS), -1, dtype=np.int32)

    def clear(self) -> None:
        """Forgets every form (the arrays stay, to be overwritten)."""
        self.slots = {}

    def reserve(self, size: int, limit: int) -> None:
        """Room for `size` slots, slot 0 included (doubling, up to `limit` at most unless `size` needs more)."""
        if size <= len(self.vecs):
            return
        cap = max(size, min(max(self.FIRST_CAPACITY, 2 * len(self.vecs)), limit))
        vecs = np.zeros((cap,) + self.vecs.shape[1:], dtype=np.int32)
        vecs[: len(self.vecs)] = self.vecs
        tab = np.full((cap, FORM_FIELDS), -1, dtype=np.int32)
        tab[: len(self.tab)] = self.tab
        self.vecs, self.tab = vecs, tab


class _DecodeTables:
    """What the fast decoder needs beyond the weight matrix: rows of the fixed features, the history features as
    tables indexed by the previous labels (0 = sentence start, k + 1 = label k), the features looked up by value
    (`feature_lookups`) and as numbered pairs (`pair_table`), and the per-form store (`_FormStore`: at most
    `CACHE_SIZE` forms; when full, it forgets them all and starts afresh)."""

    CACHE_SIZE = 100_000
    """Word forms whose summed feature weights are kept (5 × labels int32 each: 78 MB at most for 39 labels)."""

    def __init__(self, model: NerModel) -> None:
        index, W, labels = model.index, model.matrix, model.labels
        n = len(labels)
        names = ["^"] + labels
        self.row = index.get
        self.has_bias = "b" in index  # every token has the bias feature, so no token has an empty row set
        self.bias = index.get("b", -1)
        self.first = index.get("first")
        self.edge = [index.get(f"{off}edge") for off in (-2, -1, 1, 2)]
        zero = np.zeros(n, dtype=np.int32)
        l1 = np.stack([W[index[f]] if (f := "l1=" + p) in index else zero for p in names])
        self.hist = np.zeros((n + 1, n + 1, n), dtype=np.int32)  # [prev2, prev1]
        for i2, p2 in enumerate(names):
            for i1, p1 in enumerate(names):
                r = index.get("l12=" + p2 + "|" + p1)
                self.hist[i2, i1] = l1[i1] + (W[r] if r is not None else 0)
        pos = {p: k for k, p in enumerate(names)}
        by_shape: dict[str, np.ndarray] = {}
        for f, r in index.items():
            if f.startswith("l1sh="):
                p1, _, sh = f[5:].partition("|")
                k = pos.get(p1)
                if k is not None:
                    by_shape.setdefault(sh, np.zeros((n + 1, n), dtype=np.int32))[k] += W[r]
        # shape → number (0 = a shape without a history-shape weight); per number its table [prev1, label]
        self.shape_id = {sh: k + 1 for k, sh in enumerate(sorted(by_shape))}
        self.shape_hist = np.zeros((len(by_shape) + 1, n + 1, n), dtype=np.int32)
        for sh, k in self.shape_id.items():
            self.shape_hist[k] = by_shape[sh]
        self._viterbi_bounds(n)
        # a first-order model (`viterbi_order`: trained without "l12=" weights, so `hist` does not depend on the
        # label two back): per shape number, the scores [previous state, label] of the history and history-shape
        # features together (with prev2 = "^", as the reference reads them)
        self.order = viterbi_order(model)
        self.trans = self.hist[0][None].astype(np.int64) + self.shape_hist if self.order == 1 else None
        self.single = [np.array([k], dtype=np.intp) for k in range(n)]
        self.near = near_index(model.features)
        self.own_of, self.near_of = feature_lookups(model.features, self.near)
        self.bigram_ids, [self.bigrams] = pair_table(model.features, ("bi=",))
        self.pair_ids, [self.before, self.after] = pair_table(model.features, ("shb=", "shn="))
        fixed = self.edge + [self.first, index.get("rb=^")]
        self.fixed = np.array([-1 if r is None else r for r in fixed]
                              + [self.pair_ids.get("^", -1), self.pair_ids.get("$", -1)], dtype=np.int32)
        # (run length, place, words after), each capped as in `context_features` → row of "run=…"
        self.run_rows = np.full((5, 4, 4), -1, dtype=np.int32)
        for length in range(1, 5):
            for place in range(4):
                for after in range(4):
                    r = index.get(f"run={length}|{place}|{after}")
                    if r is not None:
                        self.run_rows[length, place, after] = r
        self.geoadj = -1 if (r := index.get("geoadj")) is None else r
        self.gazetteer_keys, self.trie = gazetteer_trie(model.gazetteer, index.get)
        # per word (lower case): its own "w=" row, its "w=" rows as a neighbour, its "rb=" row, its bigram part;
        # per lemma: its own "lm=" row, its "lm=" rows as a neighbour, its "rh=" row; -1 for none. Per (known or
        # not, shape) and per last four letters, the same for the features they decide, made on first sight
        # (`_shape_entry`, `_suffix_entry`).
        own_of, near_of = self.own_of, self.near_of
        self.words = {w: (own_of["w"].get(w, -1), near_of["w"].get(w, _NONE4), own_of["rb"].get(w, -1),
                          self.bigram_ids.get(w, -1))
                      for w in {*own_of["w"], *near_of["w"], *own_of["rb"], *self.bigram_ids}}
        self.lemmas = {w: (own_of["lm"].get(w, -1), near_of["lm"].get(w, _NONE4), own_of["rh"].get(w, -1))
                       for w in {*own_of["lm"], *near_of["lm"], *own_of["rh"]}}
        self._shapes: dict[tuple[str, str], tuple] = {}
        self._suffixes: dict[str, tuple] = {}
        self.store = _FormStore(n)
        self._lock = threading.Lock()
        self._matrix = W

    @property
    def slots(self) -> dict[str, int]:
        """The forms kept (form → slot)."""
        return self.store.slots

    def _viterbi_bounds(self, n: int) -> None:
        self.cur, self.shape_cur, self.fut1, self.fut2, self.fut_shape = viterbi_bounds(self.hist, self.shape_hist)

    def _shape_entry(self, known: str, sh: str) -> tuple:
        """(own rows of "sh=" and "kn=", neighbour rows of "sh=" and "kn=" four by four, number in `shape_hist`,
        number among the shape-pair parts) of a word with this knownness and shape (`_static_features`)."""
        hit = self._shapes.get((known, sh))
        if hit is None:
            if len(self._shapes) > 100_000:
                self._shapes.clear()
            hit = self._shapes[(known, sh)] = (
                (self.own_of["sh"].get(sh, -1), self.own_of["kn"].get(known + sh, -1)),
                self.near_of["sh"].get(sh, _NONE4) + self.near_of["kn"].get(known, _NONE4),
                self.shape_id.get(sh, 0), self.pair_ids.get(sh, -1))
        return hit

    def _suffix_entry(self, end: str) -> tuple:
        """(own rows of "s2=", "s3=", "s4=", neighbour rows of "s3=") of a word whose last four letters (the whole
        word when shorter) are `end`."""
        hit = self._suffixes.get(end)
        if hit is None:
            if len(self._suffixes) > 100_000:
                self._suffixes.clear()
            own_of = self.own_of
            hit = self._suffixes[end] = (
                (own_of["s2"].get(end[-2:], -1), own_of["s3"].get(end[-3:], -1), own_of["s4"].get(end, -1)),
                self.near_of["s3"].get(end[-3:], _NONE4))
        return hit

    def form_entry(self, form: str, readings: Sequence[Analysis], own: list[int], near: list[int],
                   tab: list[int]) -> None:
        """Appends the form's entry: to `own` the rows of its own features, to `near` the rows of its neighbour
        features four by four (the offsets -2, -1, +1, +2 of `near_index`), to `tab` its row of the store's `tab`
        (`F_*`); -1 for a feature the model has not. The features of `_static_features` and of
        `sentence_features`, computed in one pass over the readings and looked up by value (`feature_lookups`,
        `words`, `lemmas`, `_shape_entry`, `_suffix_entry`)."""
        low = form.lower()
        sh = shape(form)
        poses: dict[str, None] = {}
        classes: dict[str, None] = {}  # `name_classes`
        genders: dict[str, None] = {}  # `proper_genders` (without "ng=")
        name_lemma = adj_lemma = None
        for r in readings:
            tag = r.tag
            poses[tag_parts(tag)[0]] = None
            if adj_lemma is None and tag.startswith("adj:"):
                adj_lemma = r.lemma
            if r.names:
                proper = False
                for c in r.names:
                    if c not in COMMON_NAME_CLASSES:
                        proper = True
                        classes[c] = None
                        _, num, _, gender = tag_parts(tag)
                        genders[c + "|" + gender + "|" + num] = None
                if proper and name_lemma is None:
                    name_lemma = r.lemma
        known = "ign" if readings and readings[0].tag == "ign" else "kn"
        lemma = readings[0].lemma.lower() if readings else low
        w_own, w_near, rb, bigram = self.words.get(low, _NO_WORD)
        l_own, l_near, rh = self.lemmas.get(lemma, _NO_LEMMA)
        sh_own, sh_near, sid, pair = self._shapes.get((known, sh)) or self._shape_entry(known, sh)
        end = low[-4:]
        s_own, s_near = self._suffixes.get(end) or self._suffix_entry(end)
        own_of = self.own_of
        own += (self.bias, w_own, l_own, own_of["p3"].get(low[:3], -1), own_of["am"].get("|".join(sorted(poses)), -1))
        own += sh_own
        own += s_own
        near += w_near
        near += l_near
        near += sh_near
        near += s_near
        upper = form[:1].isupper()
        root, key = self.gazetteer_keys.get(lemma.replace(" ", "_"), _NO_KEY)  # (`gazetteer_key`)
        tab += (sid, 1 if upper else 0, pair, bigram, rh, rb, root, key)
        if classes:
            ncs = list(classes)
            nc = own_of["nc"]
            own += [nc.get(c, -1) for c in ncs]
            if len(ncs) > 1:
                own.append(own_of["ncs"].get("|".join(sorted(ncs)), -1))
            ng = own_of["ng"]
            own += [ng.get(g, -1) for g in genders]
            name_lemma = name_lemma.lower()
            own += (own_of["ls3"].get(name_lemma[-3:], -1), own_of["ls4"].get(name_lemma[-4:], -1))
            near_nc = self.near_of["nc"]
            for c in ncs[:2]:
                near += near_nc.get(c, _NONE4)
        else:
            ncs = ()
        if self.geoadj >= 0 and adj_lemma is not None and geo_adjective_base(adj_lemma) is not None:
            own.append(self.geoadj)
        if upper:
            heads = ["ncp=" + c for c in ncs[:2]]
            heads.append("knp=" + known)
            row = self.row
            for place in _PLACES:
                rows = [r for h in heads if (r := row(h + place)) is not None]
                tab += rows
                tab += _NONE4[: 3 - len(rows)]
        else:
            tab += _NONE9

    def form_slots(self, forms: Sequence[str], readings: Sequence[Sequence[Analysis]]
                   ) -> tuple[_FormStore, list[int]]:
        """(the store, each form's slot in it), the forms seen for the first time entered (`form_entry`) and
        their weights summed together (`fill_vectors`); a form's readings are those of its first token. When the
        new forms do not fit, the store forgets every form first; a batch of more forms than `CACHE_SIZE` gets a
        store of its own. The caller holds the lock."""
        store = self.store
        get = store.slots.get
        ks = [get(f) for f in forms]
        if None not in ks:
            return store, ks
        missing = [i for i, k in enumerate(ks) if k is None]
        new: dict[str, Sequence[Analysis]] = {}
        for i in missing:
            if forms[i] not in new:
                new[forms[i]] = readings[i]
        if len(store.slots) + len(new) > self.CACHE_SIZE:
            new = {}
            for f, r in zip(forms, readings):
                if f not in new:
                    new[f] = r
            if len(new) > self.CACHE_SIZE:
                store = _FormStore(self._matrix.shape[1])
            else:
                store.clear()
            self._enter(store, new)
            return store, [store.slots[f] for f in forms]
        self._enter(store, new)
        slots = store.slots
        for i in missing:
            ks[i] = slots[forms[i]]
        return store, ks

    def _enter(self, store: _FormStore, new: dict[str, Sequence[Analysis]]) -> None:
        """Gives each new form the next slot and fills it."""
        base = len(store.slots) + 1
        store.reserve(base + len(new), max(self.CACHE_SIZE, len(new)) + 1)
        own: list[int] = []
        own_ends: list[int] = []
        near: list[int] = []
        near_ends: list[int] = []
        tab: list[int] = []
        slots, entry = store.slots, self.form_entry
        for f, r in new.items():
            slots[f] = len(slots) + 1
            entry(f, r, own, near, tab)
            own_ends.append(len(own))
            near_ends.append(len(near) >> 2)
        store.tab[base : base + len(new)] = np.array(tab, dtype=np.int32).reshape(len(new), FORM_FIELDS)
        fill_vectors(self._matrix, store.vecs, base, np.array(own, dtype=np.int32),
                     np.array(own_ends, dtype=np.int64), np.array(near, dtype=np.int32).reshape(-1, 4),
                     np.array(near_ends, dtype=np.int64))


Sentence = tuple[Sequence[str], Sequence[Sequence[Analysis]]]
"""A sentence as the decoders read it: its word forms and their readings."""


def _static_scores(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel,
                   t: "_DecodeTables") -> tuple[np.ndarray | None, list[int]]:
    """(tokens × labels integer scores of the label-independent features, shape number of each token) of one
    sentence (`_batch_static_scores`)."""
    static, sids, _ = _batch_static_scores([(forms, readings)], model, t)
    return static, sids


def _one_after_another(sentences: Sequence[Sentence]) -> tuple[list[str], list[Sequence[Analysis]], list[int]]:
    """The sentences' forms and readings one after another, and where each sentence starts."""
    forms: list[str] = []
    readings: list[Sequence[Analysis]] = []
    starts: list[int] = []
    for f, r in sentences:
        starts.append(len(forms))
        forms += f
        readings += r
    return forms, readings, starts


def _batch_static_scores(sentences: Sequence[Sentence], model: NerModel, t: "_DecodeTables"
                         ) -> tuple[np.ndarray | None, list[int], list[int]]:
    """(tokens × labels integer scores of the label-independent features, shape number of each token, the
    first token of each sentence) of the sentences' tokens one after another (`_document_scores`); the scores
    are None when the model has no bias feature (then `predict_labels_reference` decodes)."""
    forms, readings, starts = _one_after_another(sentences)
    static, sids = _document_scores(forms, readings, starts, model, t)
    return static, sids.tolist(), starts


def _document_scores(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], starts: Sequence[int],
                     model: NerModel, t: "_DecodeTables") -> tuple[np.ndarray | None, np.ndarray]:
    """(tokens × labels integer scores of the label-independent features, shape number of each token) of
    sentences given one after another (`forms`, `readings`; `starts`: the first token of each), exactly the
    sums of the rows of `context_features` with `model_sentence_features`, sentence by sentence; None for the
    scores when the model has no bias feature.

    Per form (`_DecodeTables.form_slots`): the summed weights of its own features and of its features as its
    neighbours see them, and the numbers and rows of what `score_tokens` adds per token (shapes, bigram parts,
    capitalised-word features, run features, gazetteer key); the quotation marks' rows are found here
    (`_quote_rows`). Integer sums: the same scores as summing the feature rows one by one."""
    if not t.has_bias:
        return None, np.array([t.shape_id.get(shape(f), 0) for f in forms], dtype=np.intp)
    bounds = np.array(list(starts) + [len(forms)], dtype=np.int64)
    out = np.empty((len(forms), len(model.labels)), dtype=np.int32)
    with t._lock:
        store, slots = t.form_slots(forms, readings)
        ks = np.array(slots, dtype=np.int64)
        extra_at, extra_rows = _quote_rows(forms, starts, t)
        score_tokens(t._matrix, store.vecs, store.tab, ks, bounds, t.fixed, *t.bigrams, *t.before, *t.after,
                     t.run_rows, *t.trie, np.array(extra_at, dtype=np.int64), np.array(extra_rows, dtype=np.int32),
                     out)
        sids = store.tab[ks, F_SHAPE].astype(np.intp)
    return out, sids


def _quote_rows(forms: Sequence[str], starts: Sequence[int], t: "_DecodeTables") -> tuple[list[int], list[int]]:
    """(tokens, rows) of the quotation-mark features (`quote_places` with the token's shape) of the sentences
    that start at `starts`."""
    at: list[int] = []
    rows: list[int] = []
    if _QUOTES.isdisjoint(forms):
        return at, rows
    row = t.row
    for a, e in zip(starts, list(starts[1:]) + [len(forms)]):
        sentence_forms = forms[a:e]
        if _QUOTES.isdisjoint(sentence_forms):
            continue
        for k, q in enumerate(quote_places(sentence_forms)):
            if q:
                r = row(q + "=" + shape(sentence_forms[k]))
                if r is not None:
                    at.append(a + k)
                    rows.append(r)
    return at, rows


def predict_labels_greedy(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[str]:
    """One label per token of one sentence, greedy left to right (`predict_labels_greedy_batch`)."""
    return predict_labels_greedy_batch([(forms, readings)], model)[0]


def predict_labels_greedy_batch(sentences: Sequence[Sentence], model: NerModel) -> list[list[str]]:
    """One label per token, greedy left to right (how the model is trained), for each sentence
    (`_greedy_document`). Gives exactly the labels of `predict_labels_greedy_reference` (integer weights; ties →
    first label)."""
    forms, readings, starts = _one_after_another(sentences)
    if not forms:
        return [[] for _ in sentences]
    chosen = _greedy_document(forms, readings, starts, model)
    if chosen is None:
        return [predict_labels_greedy_reference(f, r, model) for f, r in sentences]
    labels = model.labels
    names = [labels[k] for k in chosen.tolist()]
    return [names[a : a + len(f)] for (f, _), a in zip(sentences, starts)]


def _greedy_document(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], starts: Sequence[int],
                     model: NerModel) -> np.ndarray | None:
    """The greedy label numbers of the tokens of sentences given one after another (`starts`: the first token of
    each): the label-independent scores of all of them at once (`_document_scores`), then each token's best
    label with the history tables for the labels chosen before it in its sentence (`greedy_labels`). None when
    the model has no bias feature."""
    t = model.tables()
    static, sids = _document_scores(forms, readings, starts, model, t)
    if static is None:
        return None
    out = np.empty(len(forms), dtype=np.int32)
    greedy_labels(static, sids, np.array(list(starts) + [len(forms)], dtype=np.int64), t.hist, t.shape_hist, out)
    return out


def spans_from_labels(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first token, end token exclusive) of every span at every nesting level, in text order.
    Types use "_" for subtypes ("placeName_country")."""
    named = [i for i, lab in enumerate(labels) if lab != "O"]
    if not named:
        return []
    spans: list[tuple[str, int, int]] = []
    rows = [_label_levels(labels[i]) for i in named]
    depth = max(len(levels) for levels in rows)
    for d in range(depth):
        cur: tuple[str, int] | None = None
        last = -2
        for i, levels in zip(named, rows):
            if cur is not None and i != last + 1:  # the "O" after the last named token ends the span
                spans.append((cur[0], cur[1], last + 1))
                cur = None
            bio, typ = levels[d] if d < len(levels) else ("O", "")
            if cur is not None and not (bio == "I" and typ == cur[0]):
                spans.append((cur[0], cur[1], i))
                cur = None
            if bio in ("B", "I") and cur is None:
                cur = (typ, i)
            last = i
        if cur is not None:
            spans.append((cur[0], cur[1], last + 1))
    spans.sort(key=lambda s: (s[1], -s[2]))
    return spans


@lru_cache(maxsize=4096)
def _label_levels(label: str) -> tuple[tuple[str, str], ...]:
    """(BIO, type with "_" for subtypes) per nesting level of a label other than "O"."""
    levels = []
    for tag in label.split("#"):
        bio, _, typ = tag.partition("-")
        levels.append((bio, typ.replace("-", "_")))
    return tuple(levels)


_NAME_LETTERS = frozenset("aąbcćdeęfghijklłmnńoópqrsśtuvwxyzźżAĄBCĆDEĘFGHIJKLŁMNŃOÓPQRSŚTUVWXYZŹŻ0123456789")


def _stray(form: str) -> bool:
    """A lone letter outside the Polish and Latin alphabets ("Ø", the elision mark of transcripts): never a
    name's first or last word."""
    return len(form) == 1 and form.isalnum() and form not in _NAME_LETTERS


def _wordless(form: str) -> bool:
    return _stray(form) or not any(ch.isalnum() for ch in form)


def clean_spans(spans: Sequence[tuple[str, int, int]], forms: Sequence[str]) -> list[tuple[str, int, int]]:
    """The spans with stray letters (`_stray`) cut off both ends, and without those that have no word at all
    (only punctuation and stray letters): NKJP has no such token, so the model guesses a name for one from its
    shape alone. Quotes around or inside a name with words stay (PolEval counts „Tęcza” with its quotes)."""
    out: list[tuple[str, int, int]] = []
    seen: set[tuple[str, int, int]] = set()
    for typ, i, j in spans:
        if _wordless(forms[i]) and all(_wordless(forms[k]) for k in range(i + 1, j)):
            continue
        while _stray(forms[i]):
            i += 1
        while _stray(forms[j - 1]):
            j -= 1
        if (typ, i, j) not in seen:
            seen.add((typ, i, j))
            out.append((typ, i, j))
    return out


def country_lemmas(model: NerModel) -> frozenset[str]:
    """The lemmas of the country names the model was trained on (`meta["country_lemmas"]`, learned by
    `training.train_ner`), as a set."""
    got = getattr(model, "_country_lemmas", None)
    if got is None:
        got = model._country_lemmas = frozenset(model.meta.get("country_lemmas", ()))
    return got


def nest_countries(spans: Sequence[tuple[str, int, int]], forms: Sequence[str],
                   readings: Sequence[Sequence[Analysis]], countries: frozenset[str]) -> list[tuple[str, int, int]]:
    """The spans plus a placeName_country for a country's name inside an organisation's ("Ambasada [Francji]",
    "Bank Centralny [Rosji]"): NKJP's simplified nesting keeps only settlements inside organisations, so the model
    never learned those. A word counts when it is capitalised, not the organisation's first word ("Polska Akcja
    Humanitarna" is no country's organ), not inside another span of the organisation, and one of its noun readings is a geographic name whose lemma is in `countries`."""
    if not countries:
        return list(spans)
    if all(typ != "orgName" for typ, _, _ in spans):
        return list(spans)
    out = list(spans)
    inner = {k for typ, i, j in spans if typ != "orgName" for k in range(i, j)}
    for typ, i, j in spans:
        if typ != "orgName":
            continue
        for k in range(i + 1, j):
            if k in inner or not forms[k][:1].isupper():
                continue
            if any(r.tag.startswith("subst") and "nazwa_geograficzna" in r.names and r.lemma in countries
                   for r in readings[k]):
                out.append(("placeName_country", k, k + 1))
                inner.add(k)
    if len(out) > len(spans):
        out.sort(key=lambda s: (s[1], -s[2]))
    return out


def name_spans(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[tuple[str, int, int]]:
    """(type, first token, end token exclusive) of every name, date and time of one sentence, nested ones
    included (`spans_of_labels` of `predict_labels`)."""
    return spans_of_labels(predict_labels(forms, readings, model), forms, readings, model)


def spans_of_labels(labels: Sequence[str], forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                    model: NerModel) -> list[tuple[str, int, int]]:
    """The spans of a sentence's labels: read as spans (`spans_from_labels`), `clean_spans`, then the countries
    named inside organisations (`nest_countries`)."""
    spans = clean_spans(spans_from_labels(labels), forms)
    return nest_countries(spans, forms, readings, country_lemmas(model))


def repeat_persons(forms: Sequence[str], spans: Sequence[tuple[str, int, int]],
                   starts: Sequence[int] = ()) -> list[tuple[str, int, int]]:
    """Spans for the repeats of a person's name over a whole document (`forms`: its tokens, `spans` over them,
    `starts`: the first token of each sentence, where a repeat must not cover a sentence start... of another
    sentence: repeats never cross one). A name the model found once as a person ("Bąka", "Jan Bąk") is a person
    wherever else the same words stand in the document untagged: the spans of its commonest nest (the
    person and its forename/surname parts, at the same relative places) are added there. Only names of three
    or more characters starting with a capital; words inside any span are left alone."""
    nests: dict[tuple[str, ...], Counter] = {}
    by_range: dict[tuple[int, int], list[str]] = {}
    for typ, i, j in spans:
        by_range.setdefault((i, j), []).append(typ)
    covered = [False] * len(forms)
    for _, i, j in spans:
        for k in range(i, j):
            covered[k] = True
    ranges = sorted(by_range, key=lambda r: (r[0], -r[1]))
    end = -1
    for i, j in ranges:
        if i < end:
            continue  # nested in the span before
        end = j
        if not any(t == "persName" for t in by_range[(i, j)]):
            continue
        key = tuple(forms[i:j])
        text = " ".join(key)
        if len(text) < 3 or not text[:1].isupper():
            continue
        nest = tuple(sorted((t, a - i, b - i) for (a, b), ts in by_range.items() if i <= a and b <= j for t in ts))
        nests.setdefault(key, Counter())[nest] += 1
    if not nests:
        return list(spans)
    boundary = set(starts)
    first = {}
    for key in nests:
        first.setdefault(key[0], []).append(key)
    out = list(spans)
    for k in [k for k, form in enumerate(forms) if form in first]:
        for key in first[forms[k]]:
            n = len(key)
            if tuple(forms[k : k + n]) != key or any(covered[k : k + n]) \
                    or any(x in boundary for x in range(k + 1, k + n)):
                continue
            nest = nests[key].most_common(1)[0][0]
            out += [(t, k + a, k + b) for t, a, b in nest]
            for x in range(k, k + n):
                covered[x] = True
            break
    out.sort(key=lambda s: (s[1], -s[2]))
    return out


_TITLE_WORD = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]+")
_TITLE_PIECE = re.compile(r"[A-ZĄĆĘŁŃÓŚŹŻ][a-ząćęłńóśźż]*")


def glued_parts(form: str) -> list[tuple[int, int]] | None:
    """The character ranges of the words of a token glued together from capitalised words when the spaces were
    lost or left out: a hashtag ("#DonaldTusk" → "#", "Donald", "Tusk"), three or more words
    ("SenatorStefanNowak"), or two whose first is a first name Morfeusz knows ("RyszardBender"). None for any
    other token: brand names ("YouTube", "TikTok", "PiS", "McDonald") stay whole."""
    off = 1 if form[:1] == "#" else 0
    body = form[off:]
    if len(body) < 4 or not body[:1].isupper():
        return None
    parts = [(m.start() + off, m.end() + off) for m in _TITLE_PIECE.finditer(body)]
    if len(parts) < 2 or sum(b - a for a, b in parts) != len(body) \
            or not all(_TITLE_WORD.fullmatch(form[a:b]) for a, b in parts):
        return None
    if not off and len(parts) == 2:
        first = form[parts[0][0] : parts[0][1]]
        if parts[1][1] - parts[1][0] < 3 or not any("imię" in r.names for r in analyse(first)):
            return None
    return ([(0, 1)] if off else []) + parts


_glued_parts = lru_cache(maxsize=100_000)(glued_parts)
"""`glued_parts`, remembered per form (a sentence's tokens are all checked)."""


_GLUE_HINT = re.compile("[a-ząćęłńóśźż][A-ZĄĆĘŁŃÓŚŹŻ]")
"""A small letter followed by a capital: every glued token (`glued_parts`) has one, where a word ends and the
next begins."""


def _glued_tokens(texts: Sequence[str]) -> dict[int, list[tuple[int, int]]]:
    """The glued tokens among `texts` (index → `glued_parts`): only those with a small letter followed by a
    capital (`_GLUE_HINT`, searched in all the texts at once) are looked at."""
    joined = "\n".join(texts)
    first = _GLUE_HINT.search(joined)
    if first is None:
        return {}
    ends = list(accumulate(len(t) + 1 for t in texts))  # where the text after each begins
    out: dict[int, list[tuple[int, int]]] = {}
    seen: set[int] = set()
    for m in _GLUE_HINT.finditer(joined, first.start()):
        k = bisect_right(ends, m.start())
        if k not in seen:
            seen.add(k)
            parts = _glued_parts(texts[k]) if len(texts[k]) > 3 else None
            if parts:
                out[k] = parts
    return out


def split_glued(tokens: Sequence[Token]) -> tuple[list[Token], list[int]]:
    """The tokens with every glued one (`glued_parts`) cut into its words, and for each resulting token the
    index of the token it comes from."""
    found = _glued_tokens([t.text for t in tokens])
    if not found:
        return list(tokens), list(range(len(tokens)))
    out: list[Token] = []
    owner: list[int] = []
    for k, t in enumerate(tokens):
        parts = found.get(k)
        if not parts:
            out.append(t)
            owner.append(k)
            continue
        for n, (a, b) in enumerate(parts):
            last = n == len(parts) - 1
            out.append(Token(t.start + a, t.start + b, t.text[a:b], "symbol" if t.text[a:b] == "#" else "word",
                             t.space_after if last else False))
            owner.append(k)
    return out, owner


def char_spans(tokens: Sequence[Token], spans: Sequence[tuple[str, int, int]]) -> list[tuple[str, int, int]]:
    """(type, start, end) character offsets of token spans. A forename or surname that is one hyphenated token of
    capitalised words ("Gronkiewicz-Waltz") is given as one span per word, as NKJP annotates a double-barrelled
    name (the training sentences glue it into one token, `training.runtime_tokens`, so the model marks it
    whole)."""
    out: list[tuple[str, int, int]] = []
    for typ, i, j in spans:
        t = tokens[i]
        if j == i + 1 and typ in ("persName_surname", "persName_forename") and "-" in t.text:
            words = t.text.split("-")
            if len(words) > 1 and all(_TITLE_WORD.fullmatch(w) for w in words):
                pos = t.start
                for w in words:
                    out.append((typ, pos, pos + len(w)))
                    pos += len(w) + 1
                continue
        out.append((typ, t.start, tokens[j - 1].end))
    return out


def _sentence(tokens: Sequence[Token]) -> Sentence:
    """The forms and readings of a sentence's tokens (their `analyses`, or Morfeusz's when empty)."""
    return [t.text for t in tokens], [t.analyses or list(analyse(t.text)) for t in tokens]


def recognise(tokens: Sequence[Token], model: NerModel | None = None) -> list[tuple[str, int, int]]:
    """Name spans (type, first token, end token) of one sentence's tokens (`name_spans`)."""
    model = model or load_model()
    if model is None:
        raise RuntimeError("no NER model is installed")
    return name_spans(*_sentence(tokens), model)


BASE_FORM_CACHE_SIZE = 50_000
"""Names whose base forms are remembered (the same name recurs across articles: "Donalda Tuska")."""
_BASE_FORMS: OrderedDict = OrderedDict()
_base_lock = threading.Lock()


def _base_form(tokens: Sequence[Token], typ: str) -> str:
    """`basenames.base_form(tokens, typ)`, remembered for the same name: the same `basenames.type_key` of the
    type (all that base forms read of it), token texts, spacing and chosen readings (the key) and the same
    readings of every token (checked on a hit)."""
    from kronika.lang.pl.basenames import base_form, type_key

    key = (type_key(typ), tuple([(t.text, t.chosen, k + 1 < len(tokens) and tokens[k + 1].start > t.end)
                                 for k, t in enumerate(tokens)]))
    with _base_lock:
        hit = _BASE_FORMS.get(key)
        if hit is not None:
            _BASE_FORMS.move_to_end(key)
    if hit is not None and all(a == t.analyses for a, t in zip(hit[0], tokens)):
        return hit[1]
    value = base_form(tokens, typ)
    with _base_lock:
        _BASE_FORMS[key] = (tuple(list(t.analyses) for t in tokens), value)
        if len(_BASE_FORMS) > BASE_FORM_CACHE_SIZE:
            _BASE_FORMS.popitem(last=False)
    return value


def person_after_organisation(spans: Sequence[tuple[str, int, int]], tokens: Sequence[Token]
                              ) -> list[tuple[str, int, int]]:
    """The spans with an organisation's name cut where a man's foreign name runs on after it ("reportera
    Szwedzkiego Radia Claesa Aronssona"): the last two or more words of an orgName span that Morfeusz does not
    know, each read by the tagger as a capitalised masculine-personal noun in the case of the word before them
    ("Claesa", "Aronssona": guessed subst:sg:gen:m1; a case other than the nominative, which only a Polish ending
    shows), after a word it knows, are a person (forename and surname), and the organisation ends before them. Names inside the cut-off part go with it."""
    out = list(spans)
    for typ, i, j in spans:
        if not typ.startswith("orgName") or j - i < 3:
            continue
        k = j
        while k > i and _foreign_man(tokens[k - 1]):
            k -= 1
        head = tokens[k - 1].chosen if k > i else None
        case = tag_parts(tokens[k].chosen.tag)[2] if k < j else ""
        if j - k < 2 or head is None or "guessed" in head.labels or tag_parts(head.tag)[2] != case or \
                case in ("", "nom"):
            continue  # (an ending shows only outside the nominative: "World", "Association" show none)
        out = [s for s in out if s != (typ, i, j) and not (s[1] >= k and s[2] <= j)]
        out += [(typ, i, k), ("persName", k, j), ("persName_forename", k, k + 1), ("persName_surname", k + 1, j)]
    return out


def _foreign_man(token: Token) -> bool:
    """A capitalised word Morfeusz does not know that the tagger reads as a masculine-personal noun."""
    chosen = token.chosen
    return chosen is not None and token.text[:1].isupper() and "guessed" in chosen.labels and \
        chosen.tag.startswith("subst:") and tag_parts(chosen.tag)[3] == "m1"


def recognise_sentences(sentences: Sequence[Sequence[Token]], model: NerModel) -> list[list[tuple[str, int, int]]]:
    """Per sentence (its tokens), the name spans of `recognise` over its tokens with glued words cut apart
    (`split_glued`), given back over the original tokens; a name that starts or ends inside a glued token
    ("Donald Tusk" in "#DonaldTusk") has no such span and is left out. The sentences are labelled together
    (`predict_labels_batch`)."""
    views = [split_glued(tokens) for tokens in sentences]
    inputs = [_sentence(pieces) for pieces, _ in views]
    out: list[list[tuple[str, int, int]]] = []
    for tokens, (pieces, owner), (forms, readings), labels in zip(sentences, views, inputs,
                                                                  predict_labels_batch(inputs, model)):
        spans = person_after_organisation(spans_of_labels(labels, forms, readings, model), pieces)
        if len(pieces) == len(tokens):
            out.append(spans)
            continue
        whole: list[tuple[str, int, int]] = []
        for typ, i, j in spans:
            a, b = owner[i], owner[j - 1] + 1
            if (i == 0 or owner[i - 1] != a) and (j == len(pieces) or owner[j] != b - 1) and (typ, a, b) not in whole:
                whole.append((typ, a, b))
        out.append(whole)
    return out


def _recognise_glued(tokens: Sequence[Token], model: NerModel) -> list[tuple[str, int, int]]:
    """`recognise_sentences` of one sentence."""
    return recognise_sentences([tokens], model)[0]


_WARM_UP_SENTENCE = ("Jan", "Nowak", "mieszka", "w", "„", "Nowym", "Sączu", "”", ".")


def warm_up() -> None:
    """Readies the stage before its first document: loads the model, builds its decoding tables and the
    base-form rules, and compiles the kernels (or loads them compiled: `kronika.jit`) by labelling a short
    sentence of our own."""
    model = load_model()
    if model is None:
        return
    from kronika.lang.pl.basenames import rules

    rules()
    forms = list(_WARM_UP_SENTENCE)
    predict_labels_batch([(forms, [list(analyse(f)) for f in forms])], model)


class NamedEntities:
    """Pipeline stage after the tagger: `doc.spans["ner"]` = the names (`NameSpan`) of every sentence, nested
    ones included, date and time left out. Without a model file it writes an empty list."""

    name = "ner"
    assigns = ("spans.ner",)

    def __call__(self, doc) -> None:
        model = load_model()
        out: list[NameSpan] = []
        if model is not None:
            tokens: list[Token] = doc.tokens
            ranges = [(s.token_start, s.token_end) for s in doc.sentences] or [(0, len(tokens))]
            found: list[tuple[str, int, int]] = []
            for (a, _), spans in zip(ranges, recognise_sentences([tokens[a:b] for a, b in ranges], model)):
                found += [(typ, a + i, a + j) for typ, i, j in spans]
            found = repeat_persons([t.text for t in tokens], found, [a for a, _ in ranges])
            for typ, i, j in found:
                if typ in TIME_TYPES:
                    continue
                toks = tokens[i:j]
                out.append(NameSpan(toks[0].start, toks[-1].end, typ, doc.text[toks[0].start:toks[-1].end],
                                    _base_form(toks, typ), i, j))
        doc.spans["ner"] = out

    def warm_up(self) -> None:
        """`warm_up` now rather than on the first document (`Pipeline.warm_up`)."""
        warm_up()

    def __repr__(self) -> str:
        return "NamedEntities()"


def viterbi_order(model: NerModel) -> int:
    """2 for a model whose history features reach two labels back, 1 for one trained without the label pair
    ("l12=") features (`meta["order"]`; a model without the entry is second-order)."""
    return int(model.meta.get("order", 2))


# --- decoding as the model was trained (Viterbi decoders: `ner_viterbi.py`) ---------------------------------------


def predict_labels(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[str]:
    """One label per token, decoded the way the model was trained (`meta["decoder"]`: "viterbi", or "greedy"
    for a model without that entry): exactly the labels of `predict_labels_reference`."""
    return predict_labels_batch([(forms, readings)], model)[0]


def predict_labels_batch(sentences: Sequence[Sentence], model: NerModel) -> list[list[str]]:
    """`predict_labels` of each sentence; the greedy decoder scores them all together
    (`predict_labels_greedy_batch`)."""
    if model.meta.get("decoder") == "viterbi":
        from kronika.lang.pl.ner_viterbi import predict_labels_viterbi

        return [predict_labels_viterbi(forms, readings, model) for forms, readings in sentences]
    return predict_labels_greedy_batch(sentences, model)


def predict_labels_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                             model: NerModel) -> list[str]:
    """The reference decoder of `predict_labels`: the slow, obvious way of the model's own decoder."""
    if model.meta.get("decoder") == "viterbi":
        from kronika.lang.pl.ner_viterbi import predict_labels_viterbi_reference

        return predict_labels_viterbi_reference(forms, readings, model)
    return predict_labels_greedy_reference(forms, readings, model)
