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
Speed: the weights are an integer matrix features × labels (`NerModel`); the rows of a form's own and neighbour
features are summed and cached per form (LRU; the new forms summed with one gather and one segment sum, a
neighbour feature's rows at every offset found with one look-up: `near_index`), the label-independent scores of
all the sentences of a document come from one gather and one scatter-add (`_batch_static_scores`; the sentence
features: `_sentence_rows`, with per-form shapes, gazetteer keys and rows remembered), the history features are tables indexed by the two previous labels, and a token whose best
label wins by more than any history could change is decided without the greedy step. Integer scores make the
labels exactly those of the reference decoder (`predict_labels_reference`). The Viterbi decoder first rules out,
token by token, the labels some other label beats by more than the history features of that token and the next two
could make up (`viterbi_bounds`; exact: no best path uses such a label), so most tokens keep one label and the
dynamic programme runs over a few states; the first-order one (`_first_order_kept`) compares with the token's best
label only and counts the transitions exactly next to a token left with one label, and restarts its scores at
every such token.
The model file (`models/ner.bin`: a zip of numpy arrays with the feature and label lists, `models/arrays.py`) is
loaded on first use, once per process, never stored on a stage object; the first version's pickle still loads.
"""
from __future__ import annotations

import lzma
import pickle
import re
import threading
from collections import Counter, OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Sequence

import numpy as np

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import ambiguity, name_classes, shape, tag_parts
from kronika.lang.pl.morphology import COMMON_NAME_CLASSES
from kronika.lang.pl.models import ShippedModel
from kronika.lang.pl.models.arrays import is_array_file, read_arrays, write_arrays
from kronika.lang.pl.morphology import analyse

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
            if any(r.lemma == cand and "nazwa_geograficzna" in r.names for r in analyse(cand)):
                return cand
    return None


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


class _DecodeTables:
    """What the fast decoder needs beyond the weight matrix: rows of the fixed features, the history features as
    tables indexed by the previous labels (0 = sentence start, k + 1 = label k), and a bounded per-form cache of
    feature rows."""

    CACHE_SIZE = 100_000
    """Word forms whose summed feature weights are kept (5 × labels int32 each: 78 MB at most for 39 labels)."""
    FIRST_CAPACITY = 4096
    TRIPLES = 100_000
    """Shape triples whose summed pair weights are kept (at most 15 MB for 38 labels)."""


    def __init__(self, model: NerModel) -> None:
        index, W, labels = model.index, model.matrix, model.labels
        n = len(labels)
        names = ["^"] + labels
        self.row = index.get
        self.has_bias = "b" in index  # every token has the bias feature, so no token has an empty row set
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
        # margins that settle a token without its history: label b wins whatever came before when its static
        # score beats every other label k's by more than the most the history tables can favour k over b
        # (max over previous labels of hist[·, ·, k] - hist[·, ·, b], plus the same for the shape table)
        flat = self.hist.reshape(-1, n).astype(np.int64)
        self.swing = _swing(flat)
        self.shape_swing = np.zeros((len(by_shape) + 1, n, n), dtype=np.int64)
        for sh, k in self.shape_id.items():
            self.shape_swing[k] = _swing(by_shape[sh].astype(np.int64))
        self._viterbi_bounds(n)
        # a first-order model (`viterbi_order`: trained without "l12=" weights, so `hist` does not depend on the
        # label two back): per shape number, the scores [previous state, label] of the history and history-shape
        # features together (with prev2 = "^", as the reference reads them)
        self.order = viterbi_order(model)
        self.trans = self.hist[0][None].astype(np.int64) + self.shape_hist if self.order == 1 else None
        self.single = [np.array([k], dtype=np.intp) for k in range(n)]
        # per word form: slot in `vecs`, whose 5 rows are the summed weights of the form's own features and of
        # its features as seen from offsets -2, -1, +1, +2; `shapes[slot]` its number in `shape_hist`
        self.slots: OrderedDict[str, int] = OrderedDict()
        self.vecs = np.zeros((0, 5, n), dtype=np.int32)
        self.shapes = np.zeros(0, dtype=np.intp)
        self.near = near_index(model.features)
        self._run: dict[tuple[int, int, int], int | None] = {}  # (run length, place, words after) → row
        self._lock = threading.Lock()
        # (shape before, shape, shape after) → its row in `triple_vecs`: the summed weights of the token's two
        # shape-pair features ("shb=", "shn="); filled on first sight
        self.triples: dict[tuple[str, str, str], int] = {}
        self.triple_vecs = np.zeros((0, n), dtype=np.int32)
        self._info: dict[str, tuple] = {}  # form → `form_info`
        self._gaz_rows: dict[tuple[str, ...], tuple[list[int], list[int]]] = {}
        self._has_gazetteer = model.gazetteer is not None
        self._matrix = W

    def triple(self, key: tuple[str, str, str]) -> int:
        """The row of `triple_vecs` for the shapes (before, own, after) of a token ("^" and "$" at the sentence's
        edges), made on first sight."""
        k = self.triples.get(key)
        if k is None:
            with self._lock:
                k = self.triples.get(key)
                if k is None:
                    if len(self.triples) >= self.TRIPLES:  # start afresh rather than grow without end
                        self.triples = {}
                    before, own, after = key
                    vec = np.zeros(self.triple_vecs.shape[1], dtype=np.int32)
                    for f in ("shb=" + before + "|" + own, "shn=" + own + "|" + after):
                        r = self.row(f)
                        if r is not None:
                            vec += self._matrix[r]
                    k = len(self.triples)
                    if k >= len(self.triple_vecs):
                        grown = np.zeros((max(256, 2 * k), vec.shape[0]), dtype=np.int32)
                        grown[:k] = self.triple_vecs[:k]
                        self.triple_vecs = grown
                    self.triple_vecs[k] = vec
                    self.triples[key] = k
        return k

    def form_info(self, form: str, readings: Sequence[Analysis]) -> tuple:
        """(shape, gazetteer key or None, None or — for a capitalised word — the rows of its "ncp=" and "knp="
        features at each place: first in the sentence, first of a run, after a capitalised word), per form."""
        hit = self._info.get(form)
        if hit is not None:
            return hit
        sh = shape(form)
        cap = None
        if form[:1].isupper():  # the name classes and knownness of its neighbour features (`_static_features`)
            heads = ["ncp=" + n for n in name_classes(readings)[:2]]
            heads.append("knp=" + ("ign" if readings and readings[0].tag == "ign" else "kn"))
            cap = tuple([r for h in heads if (r := self.row(h + place)) is not None]
                        for place in ("|first", "|start", "|after"))
        hit = (sh, _gazetteer_key(form, readings) if self._has_gazetteer else None, cap)
        if len(self._info) > 300_000:
            self._info.clear()
        self._info[form] = hit
        return hit

    def gazetteer_rows(self, types: tuple[str, ...]) -> tuple[list[int], list[int]]:
        """The rows of "gz=B|type" and of "gz=I|type" for the types of a gazetteer name."""
        hit = self._gaz_rows.get(types)
        if hit is None:
            hit = self._gaz_rows[types] = (
                [r for t in types if (r := self.row("gz=B|" + t)) is not None],
                [r for t in types if (r := self.row("gz=I|" + t)) is not None])
        return hit

    def _viterbi_bounds(self, n: int) -> None:
        self.cur, self.shape_cur, self.fut1, self.fut2, self.fut_shape = viterbi_bounds(self.hist, self.shape_hist)

    def form_rows(self, form: str, readings: Sequence[Analysis]) -> tuple[list[int], tuple[list[int], ...], int]:
        """(rows of the token's own features, rows of its features as seen from offsets -2, -1, +1, +2, number
        of its shape in `shape_hist`)."""
        sh = shape(form)
        own, near = _static_features(form, readings, sh)
        row = self.row
        own_rows = [r for f in own if (r := row(f)) is not None]
        per_offset: tuple[list[int], ...] = ([], [], [], [])
        near_rows = self.near.get
        for f in near:
            rs = near_rows(f)
            if rs is not None:
                for k, r in enumerate(rs):
                    if r is not None:
                        per_offset[k].append(r)
        return own_rows, per_offset, self.shape_id.get(sh, 0)

    def run_row(self, length: int, place: int, after: int) -> int | None:
        """The row of the feature of a capitalised word's run: its length, the word's place and the words after
        it in the run, each capped as in `context_features`."""
        key = (min(length, 4), min(place, 3), min(after, 3))
        if key not in self._run:
            self._run[key] = self.row(f"run={key[0]}|{key[1]}|{key[2]}")
        return self._run[key]

    def _slot(self, form: str) -> int:
        """A slot in `vecs` for `form`, which has none (the least recently used form gives its up when all are
        taken); the caller fills it (`_fill`)."""
        slots = self.slots
        if len(slots) >= self.CACHE_SIZE:
            _, k = slots.popitem(last=False)
        else:
            k = len(slots)
            if k >= len(self.vecs):
                cap = min(max(self.FIRST_CAPACITY, 2 * len(self.vecs)), self.CACHE_SIZE)
                vecs = np.zeros((cap,) + self.vecs.shape[1:], dtype=np.int32)
                vecs[: len(self.vecs)] = self.vecs
                shapes = np.zeros(cap, dtype=np.intp)
                shapes[: len(self.shapes)] = self.shapes
                self.vecs, self.shapes = vecs, shapes
        slots[form] = k
        return k

    def _fill(self, vecs: np.ndarray, shapes: np.ndarray, ks: list[int], forms: Sequence[str],
              readings: Sequence[Sequence[Analysis]]) -> None:
        """For each form, at its index in `ks`: vecs[k, 0] = the summed weights of the rows of its own features,
        vecs[k, 1 + j] those of its features as seen from the j-th offset (`form_rows`), shapes[k] its shape
        number; one gather and one segment sum for all the forms."""
        rows: list[int] = []
        starts: list[int] = []  # where each non-empty run of `rows` starts…
        targets: list[int] = []  # …and its row of `vecs` seen as (slots × 5) × labels
        for k, form, r in zip(ks, forms, readings):
            own_rows, near_rows, shapes[k] = self.form_rows(form, r)
            for j, part in enumerate((own_rows,) + near_rows, 5 * k):
                if part:
                    starts.append(len(rows))
                    targets.append(j)
                    rows += part
        flat = vecs.reshape(-1, vecs.shape[2])  # a view
        vecs[ks] = 0
        if rows:
            flat[targets] = np.add.reduceat(self._matrix[rows], starts)

    def form_vectors(self, forms: Sequence[str], readings: Sequence[Sequence[Analysis]]) -> tuple[np.ndarray, list[int]]:
        """([token, 5, label] summed weights of each token's own features and of its features as its neighbours
        see them (offsets -2, -1, +1, +2), the shape number of each token); cached per form, the forms seen for
        the first time filled together (`_fill`)."""
        if len(forms) > self.CACHE_SIZE:  # more forms than slots: a form could lose its slot to a later one
            out = np.zeros((len(forms),) + self.vecs.shape[1:], dtype=np.int32)
            sids = np.zeros(len(forms), dtype=np.intp)
            self._fill(out, sids, list(range(len(forms))), forms, readings)
            return out, sids.tolist()
        with self._lock:
            slots = self.slots
            ks: list[int] = []
            new: list[int] = []  # positions of the forms without a slot
            for i, form in enumerate(forms):
                k = slots.get(form)
                if k is None:  # (a form twice in the sentence has its slot from the first time)
                    k = self._slot(form)
                    new.append(i)
                else:
                    slots.move_to_end(form)
                ks.append(k)
            if new:
                self._fill(self.vecs, self.shapes, [ks[i] for i in new], [forms[i] for i in new],
                           [readings[i] for i in new])
            return self.vecs[ks], self.shapes[ks].tolist()


Sentence = tuple[Sequence[str], Sequence[Sequence[Analysis]]]
"""A sentence as the decoders read it: its word forms and their readings."""


def _static_scores(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel,
                   t: "_DecodeTables") -> tuple[np.ndarray | None, list[int]]:
    """(tokens × labels integer scores of the label-independent features, shape number of each token) of one
    sentence (`_batch_static_scores`)."""
    static, sids, _ = _batch_static_scores([(forms, readings)], model, t)
    return static, sids


def _batch_static_scores(sentences: Sequence[Sentence], model: NerModel, t: "_DecodeTables"
                         ) -> tuple[np.ndarray | None, list[int], list[int]]:
    """(tokens × labels integer scores of the label-independent features, shape number of each token, the
    first token of each sentence) of the sentences' tokens one after another; the scores are None when the
    model has no bias feature (then `predict_labels_reference` decodes).

    A token's score is its form's own summed weights, plus its neighbours' summed weights as seen from its
    offsets (both cached per form, `_DecodeTables.form_vectors`), plus the rows of the sentence edges, of the
    bigram with the word before, of its run of capitalised words and of the sentence features
    (`_sentence_rows`). All the sentences (a document's) are scored together: laid out with two empty tokens
    between sentences, so that the neighbour sums shifted by one and two tokens do not cross a sentence's edge,
    and all their other rows added with one scatter-add. Integer sums: the same scores as summing the feature
    rows one by one, sentence by sentence."""
    starts: list[int] = []
    all_forms: list[str] = []
    all_readings: list[Sequence[Analysis]] = []
    for forms, readings in sentences:
        starts.append(len(all_forms))
        all_forms += forms
        all_readings += readings
    if not t.has_bias:
        return None, [t.shape_id.get(shape(f), 0) for f in all_forms], starts
    V, sids = t.form_vectors(all_forms, all_readings)
    # padded layout: sentence k's tokens start at starts[k] + 2 * k
    at = np.arange(len(all_forms)) + np.repeat(np.arange(0, 2 * len(sentences), 2),
                                                 [len(forms) for forms, _ in sentences])
    size = len(all_forms) + 2 * (len(sentences) - 1)
    padded = np.zeros((size,) + V.shape[1:], dtype=V.dtype)
    padded[at] = V
    static = padded[:, 0]  # a view into `padded`, a fresh array
    if size > 1:
        static[1:] += padded[:-1, 2]
        static[:-1] += padded[1:, 3]
    if size > 2:
        static[2:] += padded[:-2, 1]
        static[:-2] += padded[2:, 4]
    idx: list[int] = []
    rows: list[int] = []
    triple_at: list[int] = []
    triples: list[int] = []
    e2, e1, f1, f2 = t.edge
    row = t.row
    for k, (forms, readings) in enumerate(sentences):
        n = len(forms)
        if not n:
            continue
        base = starts[k] + 2 * k
        last = base + n - 1
        if e2 is not None:
            idx += (base, base + 1) if n > 1 else (base,)
            rows += (e2, e2) if n > 1 else (e2,)
        if t.first is not None:
            idx.append(base)
            rows.append(t.first)
        if e1 is not None:
            idx.append(base)
            rows.append(e1)
        if f1 is not None:
            idx.append(last)
            rows.append(f1)
        if f2 is not None:
            idx += (last - 1, last) if n > 1 else (last,)
            rows += (f2, f2) if n > 1 else (f2,)
        lows = [f.lower() for f in forms]
        for i in range(1, n):
            r = row("bi=" + lows[i - 1] + "|" + lows[i])
            if r is not None:
                idx.append(base + i)
                rows.append(r)
        triple_at += range(base, base + n)
        triples += _sentence_rows(forms, readings, model, t, base, idx, rows)
        i = 0
        while i < n:
            if not forms[i][:1].isupper():
                i += 1
                continue
            b = i + 1
            while b < n and forms[b][:1].isupper():
                b += 1
            for j in range(i, b):
                r = t.run_row(b - i, j - i, b - j - 1)
                if r is not None:
                    idx.append(base + j)
                    rows.append(r)
            if b - i > 1:
                run_rows = [r for f in run_features(forms, readings, i) if (r := row(f)) is not None]
                for j in range(i + 1, b):
                    idx += [base + j] * len(run_rows)
                    rows += run_rows
            i = b
    static[triple_at] += t.triple_vecs[triples]
    if rows:
        np.add.at(static, np.asarray(idx, dtype=np.intp), model.matrix[rows])
    return static[at], sids, starts


def _sentence_rows(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel,
                   t: "_DecodeTables", base: int, idx: list[int], rows: list[int]) -> list[int]:
    """`model_sentence_features` the fast way, for a sentence whose first token is at `base`: the (token, row)
    pairs appended to `idx` and `rows`, but for the two shape pairs of each token, whose summed weights are
    remembered per triple of shapes (`_DecodeTables.triple`): their rows of `triple_vecs` are returned, one per
    token. Per form, its shape, gazetteer key and the rows of its capitalised-word features are remembered
    (`_DecodeTables.form_info`)."""
    known = t._info
    info = [known.get(f) or t.form_info(f, r) for f, r in zip(forms, readings)]
    shapes = [x[0] for x in info]
    triples = list(zip(["^"] + shapes[:-1], shapes, shapes[1:] + ["$"]))
    known_triples = t.triples
    got = [known_triples.get(k) for k in triples]
    if None in got:  # shapes seen together for the first time
        got = [t.triple(k) for k in triples]
    row = t.row
    if not _QUOTES.isdisjoint(forms):
        for k, q in enumerate(quote_places(forms)):
            if q:
                r = row(q + "=" + shapes[k])
                if r is not None:
                    idx.append(base + k)
                    rows.append(r)
    for i in [i for i, x in enumerate(info) if x[2] is not None]:
        cap = info[i][2][0 if i == 0 else (2 if forms[i - 1][:1].isupper() else 1)]
        if cap:
            idx += [base + i] * len(cap)
            rows += cap
    gaz = model.gazetteer
    if gaz is not None:
        for i, length, types in gaz.matches([x[1] for x in info]):
            first, other = t.gazetteer_rows(types)
            idx += [base + i] * len(first)
            rows += first
            for k in range(i + 1, i + length):
                idx += [base + k] * len(other)
                rows += other
    return got


def predict_labels_greedy(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[str]:
    """One label per token of one sentence, greedy left to right (`predict_labels_greedy_batch`)."""
    return predict_labels_greedy_batch([(forms, readings)], model)[0]


def predict_labels_greedy_batch(sentences: Sequence[Sentence], model: NerModel) -> list[list[str]]:
    """One label per token, greedy left to right (how the model is trained), for each sentence: the
    label-independent features of all tokens of all the sentences are summed at once (`_batch_static_scores`),
    then each token adds the history tables for the labels chosen before it in its sentence. Gives exactly the
    labels of `predict_labels_greedy_reference` (integer weights; ties → first label)."""
    if not any(forms for forms, _ in sentences):
        return [[] for _ in sentences]
    t = model.tables()
    static, sids, starts = _batch_static_scores(sentences, model, t)
    if static is None:
        return [predict_labels_greedy_reference(forms, readings, model) for forms, readings in sentences]
    hist, shape_hist = t.hist, t.shape_hist
    # tokens whose label no history can change (most of them): decided at once
    best = static.argmax(1)
    swing = t.swing[best] + t.shape_swing[sids, best]
    margin = static[np.arange(len(static)), best][:, None].astype(np.int64) - static
    settled = (margin > swing).all(1).tolist()
    best_l = best.tolist()
    labels = model.labels
    out: list[list[str]] = []
    for (forms, _), start in zip(sentences, starts):
        chosen: list[int] = []
        p1 = p2 = 0
        for i in range(start, start + len(forms)):
            k = best_l[i] if settled[i] else int((static[i] + hist[p2, p1] + shape_hist[sids[i], p1]).argmax())
            chosen.append(k)
            p2, p1 = p1, k + 1
        out.append([labels[k] for k in chosen])
    return out


def spans_from_labels(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first token, end token exclusive) of every span at every nesting level, in text order.
    Types use "_" for subtypes ("placeName_country")."""
    spans: list[tuple[str, int, int]] = []
    depth = max((lab.count("#") + 1 for lab in labels if lab != "O"), default=0)
    parsed: dict[str, list[tuple[str, str]]] = {"O": []}  # label → (BIO, type) per nesting level
    for lab in labels:
        if lab not in parsed:
            levels = []
            for tag in lab.split("#"):
                bio, _, typ = tag.partition("-")
                levels.append((bio, typ.replace("-", "_")))
            parsed[lab] = levels
    rows = [parsed[lab] for lab in labels] + [[]]
    for d in range(depth):
        cur: tuple[str, int] | None = None
        for i, levels in enumerate(rows):
            bio, typ = levels[d] if d < len(levels) else ("O", "")
            if cur is not None and not (bio == "I" and typ == cur[0]):
                spans.append((cur[0], cur[1], i))
                cur = None
            if bio in ("B", "I") and cur is None:
                cur = (typ, i)
    spans.sort(key=lambda s: (s[1], -s[2]))
    return spans


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
        if all(_wordless(forms[k]) for k in range(i, j)):
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
    for k, form in enumerate(forms):
        for key in first.get(form, ()):
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


def split_glued(tokens: Sequence[Token]) -> tuple[list[Token], list[int]]:
    """The tokens with every glued one (`glued_parts`) cut into its words, and for each resulting token the
    index of the token it comes from."""
    found = [_glued_parts(t.text) if len(t.text) > 3 else None for t in tokens]
    if not any(found):
        return list(tokens), list(range(len(tokens)))
    out: list[Token] = []
    owner: list[int] = []
    for k, t in enumerate(tokens):
        parts = found[k]
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
    """`basenames.base_form(tokens, typ)`, remembered for the same name: the same type, token texts, spacing
    and chosen readings (the key) and the same readings of every token (checked on a hit)."""
    from kronika.lang.pl.basenames import base_form

    key = (typ, tuple((t.text, t.chosen, k + 1 < len(tokens) and tokens[k + 1].start > t.end)
                      for k, t in enumerate(tokens)))
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
        spans = spans_of_labels(labels, forms, readings, model)
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

    def __repr__(self) -> str:
        return "NamedEntities()"


# --- Viterbi decoding --------------------------------------------------------------------------------------------

_NEG = -(1 << 40)


def predict_labels(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[str]:
    """One label per token, decoded the way the model was trained (`meta["decoder"]`: "viterbi", or "greedy"
    for a model without that entry): exactly the labels of `predict_labels_reference`."""
    return predict_labels_batch([(forms, readings)], model)[0]


def predict_labels_batch(sentences: Sequence[Sentence], model: NerModel) -> list[list[str]]:
    """`predict_labels` of each sentence; the greedy decoder scores them all together
    (`predict_labels_greedy_batch`)."""
    if model.meta.get("decoder") == "viterbi":
        return [predict_labels_viterbi(forms, readings, model) for forms, readings in sentences]
    return predict_labels_greedy_batch(sentences, model)


def predict_labels_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                             model: NerModel) -> list[str]:
    """The reference decoder of `predict_labels`: the slow, obvious way of the model's own decoder."""
    if model.meta.get("decoder") == "viterbi":
        return predict_labels_viterbi_reference(forms, readings, model)
    return predict_labels_greedy_reference(forms, readings, model)


def _add_reference_weights(scores: list[int], weights: dict[str, dict[str, float]], labels: Sequence[str],
                           feat: str) -> None:
    """Adds a feature's weights, label by label in `labels` order, to `scores` (the reference decoders' way)."""
    w = weights.get(feat)
    if w:
        for k, lab in enumerate(labels):
            x = w.get(lab)
            if x:
                scores[k] += round(x * SCALE)


def predict_labels_viterbi_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                                     model: NerModel) -> list[str]:
    """The best-scoring label sequence (second-order Viterbi: a token's score depends on the two labels before
    it), computed the slow, obvious way: feature strings, the dict of weights, every label at every token.
    Ties go to the path whose labels come first in `model.labels` order, compared from the start of the
    sentence's two-label states (state order: the earlier token first). `predict_labels_viterbi` must give
    exactly these labels."""
    n = len(forms)
    if not n:
        return []
    if viterbi_order(model) == 1:
        return _viterbi_first_order_reference(forms, readings, model)
    weights = model.weights
    labels = model.labels
    names = ["^"] + labels

    def add(scores: list[int], feat: str) -> None:
        _add_reference_weights(scores, weights, labels, feat)

    L = len(labels)
    extra = model_sentence_features(forms, readings, model)
    # delta[(s2, s1)] = best score of a prefix whose last two labels are states s2, s1 (0 = before the sentence)
    delta: dict[tuple[int, int], int] = {(0, 0): 0}
    back: list[dict[tuple[int, int], int]] = []
    for i in range(n):
        static = [0] * L
        for f in context_features(forms, readings, i, extra):
            add(static, f)
        sh = shape(forms[i])
        new: dict[tuple[int, int], int] = {}
        bp: dict[tuple[int, int], int] = {}
        for (s2, s1), d in sorted(delta.items()):
            hist = [0] * L
            for f in history_features(names[s1], names[s2], sh):
                add(hist, f)
            for k in range(L):
                v = d + static[k] + hist[k]
                key = (s1, k + 1)
                if key not in new or v > new[key]:
                    new[key] = v
                    bp[key] = s2
        delta = new
        back.append(bp)
    best_key = None
    for key in sorted(delta):
        if best_key is None or delta[key] > delta[best_key]:
            best_key = key
    s2, s1 = best_key
    out = [s1]
    for i in range(n - 1, 0, -1):
        s0 = back[i][(s2, s1)]
        out.append(s2)
        s2, s1 = s0, s2
    out.reverse()
    return [labels[s - 1] for s in out]


def viterbi_order(model: NerModel) -> int:
    """2 for a model whose history features reach two labels back, 1 for one trained without the label pair
    ("l12=") features (`meta["order"]`; a model without the entry is second-order)."""
    return int(model.meta.get("order", 2))


def _viterbi_first_order_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                                   model: NerModel) -> list[str]:
    """`predict_labels_viterbi_reference` of a first-order model: the states are single labels (0 = before the
    sentence); ties go to the earlier previous label, and at the end to the earlier label."""
    weights = model.weights
    labels = model.labels
    names = ["^"] + labels
    L = len(labels)

    def add(scores: list[int], feat: str) -> None:
        _add_reference_weights(scores, weights, labels, feat)

    extra = model_sentence_features(forms, readings, model)
    delta: dict[int, int] = {0: 0}
    back: list[dict[int, int]] = []
    for i in range(len(forms)):
        static = [0] * L
        for f in context_features(forms, readings, i, extra):
            add(static, f)
        sh = shape(forms[i])
        new: dict[int, int] = {}
        bp: dict[int, int] = {}
        for s1, d in sorted(delta.items()):
            hist = [0] * L
            for f in history_features(names[s1], "^", sh):
                add(hist, f)
            for k in range(L):
                v = d + static[k] + hist[k]
                if k + 1 not in new or v > new[k + 1]:
                    new[k + 1] = v
                    bp[k + 1] = s1
        delta = new
        back.append(bp)
    s = max(sorted(delta), key=lambda k: delta[k])  # the first of the best
    out = [s]
    for i in range(len(forms) - 1, 0, -1):
        s = back[i][s]
        out.append(s)
    out.reverse()
    return [labels[s - 1] for s in out]


def _first_order_kept(st: np.ndarray, sid: np.ndarray, t: "_DecodeTables", rounds: int = 1) -> list[np.ndarray]:
    """The labels of each token (ascending label indexes) a first-order model's best path may use. Label k of
    token i goes when the token's best label b by static score beats it by more than the transitions into the
    token and out of it could favour k (swapping k for b then improves every path through k, so no best path,
    nor a tie for one, uses k). The transitions count at their worst (`viterbi_bounds`) where the neighbour may
    take several labels, and exactly where it keeps one (every best path goes through that one); repeated while
    neighbours come down to one label."""
    n = len(st)
    ar = np.arange(n)
    best = st.argmax(1)
    lead = st[ar, best][:, None] - st  # how far each label trails the best
    # the most the transitions into token i (from any label) and out of it (to any label) can favour k over b
    into = t.cur[best] + t.shape_cur[sid, best]
    out = np.zeros_like(into)
    if n > 1:
        out[:-1] = t.fut1[best[:-1]] + t.fut_shape[sid[1:], best[:-1]]
    keep = lead <= into + out
    trans = t.trans
    for _ in range(rounds):
        one = keep.sum(1) == 1
        if not one.any():
            break
        known_into = np.flatnonzero(one[:-1]) + 1  # tokens after a token with one label
        known_out = np.flatnonzero(one[1:])  # tokens before one
        if not len(known_into) and not len(known_out):
            break
        into, out = into.copy(), out.copy()
        if len(known_into):
            rows = trans[sid[known_into], best[known_into - 1] + 1]  # [token, label]: from the one previous label
            into[known_into] = rows - rows[np.arange(len(rows)), best[known_into]][:, None]
        if len(known_out):
            cols = trans[sid[known_out + 1], 1:, best[known_out + 1]]  # [token, label]: into the one next label
            out[known_out] = cols - cols[np.arange(len(cols)), best[known_out]][:, None]
        narrowed = keep & (lead <= into + out)
        if (narrowed == keep).all():
            break
        keep = narrowed
    single = t.single
    return [single[b] if c == 1 else np.flatnonzero(row)
            for b, c, row in zip(best.tolist(), keep.sum(1).tolist(), keep)]


def _viterbi_first_order(st: np.ndarray, sids: Sequence[int], kept: list[np.ndarray], t: "_DecodeTables") -> list[int]:
    """The first-order Viterbi pass over the labels `kept` at each token (0-based label indexes, ascending),
    static scores `st` [token, label]; ties as in `_viterbi_first_order_reference` (argmax takes the first).
    Every path runs through a token that keeps one label, so there the scores start again from 0 (only their
    differences matter) and a token with one label after another with one costs nothing."""
    trans = t.trans
    ks = kept[0]
    delta = trans[sids[0]][0, ks] + st[0, ks]
    backs: list[np.ndarray | None] = [None]
    for i in range(1, len(kept)):
        prev, ks = ks, kept[i]
        if len(ks) == 1:
            if len(prev) == 1:
                backs.append(None)
            else:
                backs.append((delta + trans[sids[i]][prev + 1, ks[0]]).argmax()[None])
            delta = _ZERO
            continue
        tr = trans[sids[i]]
        if len(prev) == 1:
            delta = tr[prev[0] + 1, ks] + st[i, ks]
            backs.append(None)
        else:
            cand = delta[:, None] + tr[(prev + 1)[:, None], ks]
            bp = cand.argmax(0)
            delta = cand[bp, np.arange(len(ks))] + st[i, ks]
            backs.append(bp)
    z = int(delta.argmax())
    out = [int(kept[-1][z])]
    for i in range(len(kept) - 1, 0, -1):
        bp = backs[i]
        z = 0 if bp is None else int(bp[z] if len(bp) > 1 else bp[0])
        out.append(int(kept[i - 1][z]))
    out.reverse()
    return out


_ZERO = np.zeros(1, dtype=np.int64)


def viterbi_backtrace(delta, backs: list, states: list) -> list[int]:
    """Label indexes (0-based) of the best path of a second-order Viterbi pass: `delta` holds the final scores
    over (previous state, state); `backs[i]` the back-pointers at token i; `states[i]` the 1-based states kept
    at token i."""
    n = len(states)
    y, z = np.unravel_index(int(delta.argmax()), delta.shape)
    out = [int(states[-1][z])]
    for i in range(n - 1, 0, -1):
        x = int(backs[i][y, z])
        out.append(int(states[i - 1][y]))
        y, z = x, y
    out.reverse()
    return [s - 1 for s in out]


def predict_labels_viterbi(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                           model: NerModel) -> list[str]:
    """The best-scoring label sequence (second-order Viterbi), exactly the labels of
    `predict_labels_viterbi_reference`.
    Fast: the label-independent scores come from one gather; then a label b of a token rules out a label k of
    the same token when b's score beats k's by more than the most the history features of this token and of the
    next two could favour k (`_DecodeTables.bound`) — swapping k for b then improves every path through k, so no
    best path (nor any tie for one) uses k. Most tokens keep a single label, so the dynamic programme runs over
    a few states."""
    n = len(forms)
    if not n:
        return []
    t = model.tables()
    static, sids = _static_scores(forms, readings, model, t)
    if static is None:
        return predict_labels_viterbi_reference(forms, readings, model)
    st = static.astype(np.int64)
    sid = np.asarray(sids, dtype=np.intp)
    if t.order == 1:
        return [model.labels[k] for k in _viterbi_first_order(st, sids, _first_order_kept(st, sid, t), t)]
    margin = st[:, :, None] - st[:, None, :]  # [i, b, k]
    bound = t.cur[None] + t.shape_cur[sid]
    if n > 1:
        bound[:-1] += t.fut1[None] + t.fut_shape[sid[1:]]
    if n > 2:
        bound[:-2] += t.fut2[None]
    keep = ~(margin > bound).any(1)  # [i, k]
    hist, shape_hist = t.hist, t.shape_hist
    prev_s = np.zeros(1, dtype=np.intp)
    cur_s = np.zeros(1, dtype=np.intp)
    delta = np.zeros((1, 1), dtype=np.int64)
    backs: list[np.ndarray] = []
    states: list[np.ndarray] = []
    one = np.zeros((1, 1), dtype=np.intp)
    kept = [np.flatnonzero(r) for r in keep]
    for i in range(n):
        ks = kept[i]
        if len(ks) == 1 and delta.size == 1:  # one state before, one label now: no choice to make
            k = int(ks[0])
            d = int(delta[0, 0]) + int(hist[prev_s[0], cur_s[0], k]) + int(shape_hist[sids[i], cur_s[0], k]) \
                + int(st[i, k])
            delta = np.array([[d]], dtype=np.int64)
            backs.append(one)
            prev_s, cur_s = cur_s, ks + 1
            states.append(cur_s)
            continue
        cs = cur_s[:, None]
        if len(prev_s) == 1:
            m = delta[0][:, None] + hist[prev_s[0]][cs, ks]
            bp = np.zeros(m.shape, dtype=np.intp)
        else:
            cand = delta[:, :, None] + hist[prev_s[:, None, None], cs[None], ks]
            bp = cand.argmax(0)
            m = cand.max(0)
        delta = m + shape_hist[sids[i]][cs, ks] + st[i, ks]
        backs.append(bp)
        prev_s, cur_s = cur_s, ks + 1
        states.append(cur_s)
    labels = model.labels
    return [labels[s] for s in viterbi_backtrace(delta, backs, states)]
