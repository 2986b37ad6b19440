"""The trained named-entity recogniser: NKJP name types with their spans, nested ones included.

Types (NKJP 1M, as in PolEval 2018): persName (with nested persName_forename, persName_surname,
persName_addName), orgName, placeName and its subtypes placeName_country / _settlement / _region / _district /
_bloc, geogName; the model also knows date and time (so the PolEval scores are comparable), but the pipeline
stage leaves those to the time layer.

Model: an averaged perceptron over token labels (`training.train_ner`), decoded the way it was trained
(`meta["decoder"]`): "viterbi" — a structured perceptron, the best label sequence by second-order Viterbi
(a token's score depends on the two labels before it) — or, for the first model, "greedy" left to right. A label is the
token's BIO tags of every nesting level joined by "#" ("I-persName#B-persName-surname"), so one decision gives
the whole nest. Features: the word, its shape, prefixes and suffixes, Morfeusz's proper-name classes ("imię",
"nazwisko", "nazwa_geograficzna", …, a built-in gazetteer), whether Morfeusz knows the word, the same for the
neighbours (±2), the run of capitalised words the token is in (its length and the token's place in it), and
the labels given to the two tokens before.

`spans_from_labels` turns labels into spans; an "I-" tag that does not continue a span of its type starts one.
Speed: the weights are an integer matrix features × labels (`NerModel`); the rows of a form's own and neighbour
features are cached per form (LRU), the label-independent scores of a whole sentence come from one gather and
one segment sum, the history features are tables indexed by the two previous labels, and a token whose best
label wins by more than any history could change is decided without the greedy step. Integer scores make the
labels exactly those of the reference decoder (`predict_labels_reference`). The Viterbi decoder first rules out,
token by token, the labels some other label beats by more than the history features of that token and the next two
could make up (`viterbi_bounds`; exact: no best path uses such a label), so most tokens keep one label and the
dynamic programme runs over a few states.
The model file (`models/ner.bin`: a zip of numpy arrays with the feature and label lists, `models/arrays.py`) is
loaded on first use, once per process, never stored on a stage object; the first version's pickle still loads.
"""
from __future__ import annotations

import lzma
import pickle
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import ambiguity, name_classes, shape
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
                 *, features: list[str] | None = None, matrix: np.ndarray | None = None) -> None:
        self.labels = list(labels)
        self.meta = dict(meta or {})
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
        return write_arrays({"rows": rows.astype(np.int32), "cols": cols.astype(np.int16),
                             "values": self.matrix[rows, cols].astype(np.int32)},
                            {"features": self.features, "labels": self.labels}, self.meta)

    @classmethod
    def from_bytes(cls, blob: bytes) -> "NerModel":
        if not is_array_file(blob):  # the first version's lzma-compressed pickle of dicts
            d = pickle.loads(lzma.decompress(blob))
            return cls(d["weights"], d["labels"], d.get("meta", {}))
        arrays, strings, meta = read_arrays(blob)
        features, labels = strings["features"], strings["labels"]
        matrix = np.zeros((len(features), len(labels)), dtype=np.int32)
        matrix[arrays["rows"], arrays["cols"].astype(np.intp)] = arrays["values"]
        return cls(None, labels, meta, features=features, matrix=matrix)

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

_STATIC: dict[str, tuple[list[str], list[str]]] = {}


def _static(form: str, readings: Sequence[Analysis]) -> tuple[list[str], list[str]]:
    """(features of the token itself, short features used for its neighbours), cached by form."""
    hit = _STATIC.get(form)
    if hit is not None:
        return hit
    low = form.lower()
    sh = shape(form)
    known = "ign" if readings and readings[0].tag == "ign" else "kn"
    ncs = name_classes(readings)
    lemma = readings[0].lemma.lower() if readings else low
    own = ["b", "w=" + low, "sh=" + sh, "p3=" + low[:3], "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
           "kn=" + known + sh, "am=" + ambiguity(readings), "lm=" + lemma]
    own += ["nc=" + n for n in ncs]
    if len(ncs) > 1:
        own.append("ncs=" + "|".join(sorted(ncs)))
    near = ["w=" + low, "sh=" + sh, "kn=" + known, "s3=" + low[-3:]]
    near += ["nc=" + n for n in ncs[:2]]
    if len(_STATIC) > 300_000:
        _STATIC.clear()
    _STATIC[form] = (own, near)
    return own, near


def context_features(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], i: int) -> list[str]:
    """The label-independent features of token i."""
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
    if forms[i][:1].isupper():
        a = i
        while a > 0 and forms[a - 1][:1].isupper():
            a -= 1
        b = i + 1
        while b < n and forms[b][:1].isupper():
            b += 1
        feats.append(f"run={min(b - a, 4)}|{min(i - a, 3)}|{min(b - i - 1, 3)}")
    return feats


def history_features(prev1: str, prev2: str, own_shape: str) -> list[str]:
    return ["l1=" + prev1, "l12=" + prev2 + "|" + prev1, "l1sh=" + prev1 + "|" + own_shape]


def predict_labels_greedy_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                                    model: NerModel) -> list[str]:
    """One label per token, greedy, scored the slow, obvious way (feature strings, dict of weights, summed label
    by label); `predict_labels_greedy` must give exactly these labels. Kept for tests and for checking."""
    weights = model.weights
    out: list[str] = []
    for i in range(len(forms)):
        feats = context_features(forms, readings, i)
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


class _DecodeTables:
    """What the fast decoder needs beyond the weight matrix: rows of the fixed features, the history features as
    tables indexed by the previous labels (0 = sentence start, k + 1 = label k), and a bounded per-form cache of
    feature rows."""

    CACHE_SIZE = 200_000

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
        self.cache: OrderedDict[str, tuple[list[int], tuple[list[int], ...], int]] = OrderedDict()

    def _viterbi_bounds(self, n: int) -> None:
        self.cur, self.shape_cur, self.fut1, self.fut2, self.fut_shape = viterbi_bounds(self.hist, self.shape_hist)

    def form_rows(self, form: str, readings: Sequence[Analysis]) -> tuple[list[int], tuple[list[int], ...], int]:
        """(rows of the token's own features, rows of its features as seen from offsets -2, -1, +1, +2, number
        of its shape in `shape_hist`)."""
        hit = self.cache.get(form)
        if hit is not None:
            try:
                self.cache.move_to_end(form)
            except KeyError:  # evicted by another thread meanwhile: still a valid entry
                pass
            return hit
        own, near = _static(form, readings)
        row = self.row
        own_rows = [r for f in own if (r := row(f)) is not None]
        near_rows = tuple([r for f in near if (r := row(f"{off}{f}")) is not None] for off in (-2, -1, 1, 2))
        hit = (own_rows, near_rows, self.shape_id.get(shape(form), 0))
        self.cache[form] = hit
        if len(self.cache) > self.CACHE_SIZE:
            try:
                self.cache.popitem(last=False)
            except KeyError:
                pass
        return hit


def _static_scores(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel,
                   t: "_DecodeTables") -> tuple[np.ndarray | None, list[int]]:
    """(tokens × labels integer scores of the label-independent features, shape number of each token); the
    scores are None when the model has no bias feature (then the segment sums would not be safe)."""
    n = len(forms)
    per = [t.form_rows(f, r) for f, r in zip(forms, readings)]
    row = t.row
    rows: list[int] = []
    starts: list[int] = []
    caps = [f[:1].isupper() for f in forms]
    lows = [f.lower() for f in forms]
    e2, e1, f1, f2 = t.edge
    for i in range(n):
        starts.append(len(rows))
        rows += per[i][0]
        if i >= 2:
            rows += per[i - 2][1][0]
        elif e2 is not None:
            rows.append(e2)
        if i >= 1:
            rows += per[i - 1][1][1]
            r = row("bi=" + lows[i - 1] + "|" + lows[i])
            if r is not None:
                rows.append(r)
        else:
            if t.first is not None:
                rows.append(t.first)
            if e1 is not None:
                rows.append(e1)
        if i + 1 < n:
            rows += per[i + 1][1][2]
        elif f1 is not None:
            rows.append(f1)
        if i + 2 < n:
            rows += per[i + 2][1][3]
        elif f2 is not None:
            rows.append(f2)
        if caps[i]:
            a = i
            while a > 0 and caps[a - 1]:
                a -= 1
            b = i + 1
            while b < n and caps[b]:
                b += 1
            r = row(f"run={min(b - a, 4)}|{min(i - a, 3)}|{min(b - i - 1, 3)}")
            if r is not None:
                rows.append(r)
    sids = [x[2] for x in per]
    if not t.has_bias:  # a token without any feature row would break the segment sums below
        return None, sids
    W = model.matrix
    return np.add.reduceat(W[np.asarray(rows, dtype=np.intp)], np.asarray(starts, dtype=np.intp), axis=0), sids


def predict_labels_greedy(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[str]:
    """One label per token, greedy left to right (how the model is trained): the label-independent features of
    all tokens are summed at once (one gather over the weight matrix), then each token adds the history tables
    for the labels chosen before it. Gives exactly the labels of `predict_labels_greedy_reference` (integer
    weights; ties → first label)."""
    n = len(forms)
    if not n:
        return []
    t = model.tables()
    static, sids = _static_scores(forms, readings, model, t)
    if static is None:
        return predict_labels_greedy_reference(forms, readings, model)
    hist, shape_hist = t.hist, t.shape_hist
    # tokens whose label no history can change (most of them): decided at once
    best = static.argmax(1)
    swing = t.swing[best] + t.shape_swing[sids, best]
    margin = static[np.arange(n), best][:, None].astype(np.int64) - static
    settled = (margin > swing).all(1).tolist()
    best_l = best.tolist()
    out: list[int] = []
    p1 = p2 = 0
    for i in range(n):
        k = best_l[i] if settled[i] else int((static[i] + hist[p2, p1] + shape_hist[sids[i], p1]).argmax())
        out.append(k)
        p2, p1 = p1, k + 1
    labels = model.labels
    return [labels[k] for k in out]


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


def recognise(tokens: Sequence[Token], model: NerModel | None = None) -> list[tuple[str, int, int]]:
    """Name spans (type, first token, end token) of one sentence's tokens."""
    model = model or load_model()
    if model is None:
        raise RuntimeError("no NER model is installed")
    forms = [t.text for t in tokens]
    readings = [t.analyses or list(analyse(t.text)) for t in tokens]
    return spans_from_labels(predict_labels(forms, readings, model))


class NamedEntities:
    """Pipeline stage after the tagger: `doc.spans["ner"]` = the names (`NameSpan`) of every sentence, nested
    ones included, date and time left out. Without a model file it writes an empty list."""

    name = "ner"
    assigns = ("spans.ner",)

    def __call__(self, doc) -> None:
        from kronika.lang.pl.basenames import base_form

        model = load_model()
        out: list[NameSpan] = []
        if model is not None:
            tokens: list[Token] = doc.tokens
            ranges = [(s.token_start, s.token_end) for s in doc.sentences] or [(0, len(tokens))]
            for a, b in ranges:
                sent = tokens[a:b]
                if not sent:
                    continue
                for typ, i, j in recognise(sent, model):
                    if typ in TIME_TYPES:
                        continue
                    toks = sent[i:j]
                    out.append(NameSpan(toks[0].start, toks[-1].end, typ, doc.text[toks[0].start:toks[-1].end],
                                        base_form(toks, typ), a + i, a + j))
        doc.spans["ner"] = out

    def __repr__(self) -> str:
        return "NamedEntities()"


# --- Viterbi decoding --------------------------------------------------------------------------------------------

_NEG = -(1 << 40)


def predict_labels(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[str]:
    """One label per token, decoded the way the model was trained (`meta["decoder"]`: "viterbi", or "greedy"
    for a model without that entry): exactly the labels of `predict_labels_reference`."""
    if model.meta.get("decoder") == "viterbi":
        return predict_labels_viterbi(forms, readings, model)
    return predict_labels_greedy(forms, readings, model)


def predict_labels_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                             model: NerModel) -> list[str]:
    """The reference decoder of `predict_labels`: the slow, obvious way of the model's own decoder."""
    if model.meta.get("decoder") == "viterbi":
        return predict_labels_viterbi_reference(forms, readings, model)
    return predict_labels_greedy_reference(forms, readings, model)


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
    weights = model.weights
    labels = model.labels
    names = ["^"] + labels

    def add(scores: list[int], feat: str) -> None:
        w = weights.get(feat)
        if w:
            for k, lab in enumerate(labels):
                x = w.get(lab)
                if x:
                    scores[k] += round(x * SCALE)

    L = len(labels)
    # delta[(s2, s1)] = best score of a prefix whose last two labels are states s2, s1 (0 = before the sentence)
    delta: dict[tuple[int, int], int] = {(0, 0): 0}
    back: list[dict[tuple[int, int], int]] = []
    for i in range(n):
        static = [0] * L
        for f in context_features(forms, readings, i):
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
