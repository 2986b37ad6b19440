"""The trained named-entity recogniser: NKJP name types with their spans, nested ones included.

Types (NKJP 1M, as in PolEval 2018): persName (with nested persName_forename, persName_surname,
persName_addName), orgName, placeName and its subtypes placeName_country / _settlement / _region / _district /
_bloc, geogName; the model also knows date and time (so the PolEval scores are comparable), but the pipeline
stage leaves those to the time layer.

Model: an averaged perceptron over token labels, greedy left to right (`training.train_ner`). A label is the
token's BIO tags of every nesting level joined by "#" ("I-persName#B-persName-surname"), so one decision gives
the whole nest. Features: the word, its shape, prefixes and suffixes, Morfeusz's proper-name classes ("imię",
"nazwisko", "nazwa_geograficzna", …, a built-in gazetteer), whether Morfeusz knows the word, the same for the
neighbours (±2), the run of capitalised words the token is in (its length and the token's place in it), and
the labels given to the two tokens before.

`spans_from_labels` turns labels into spans; an "I-" tag that does not continue a span of its type starts one.
The model file (`models/ner.bin`) is loaded on first use, once per process, never stored on a stage object.
"""
from __future__ import annotations

import lzma
import pickle
import threading
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Sequence

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import ambiguity, name_classes, shape
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


@dataclass
class NerModel:
    weights: dict[str, dict[str, float]]
    labels: list[str]
    meta: dict = field(default_factory=dict)

    def to_bytes(self) -> bytes:
        return lzma.compress(pickle.dumps({"weights": self.weights, "labels": self.labels, "meta": self.meta},
                                          protocol=5), preset=6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> "NerModel":
        d = pickle.loads(lzma.decompress(blob))
        return cls(d["weights"], d["labels"], d.get("meta", {}))


def model_path() -> Path:
    return Path(str(resources.files("kronika.lang.pl").joinpath("models", MODEL_NAME)))


_lock = threading.Lock()
_model: NerModel | None = None
_loaded = False


def load_model(path: Path | None = None) -> NerModel | None:
    """The shipped NER model (loaded once per process), one read from `path`, or None when absent."""
    global _model, _loaded
    if path is not None:
        return NerModel.from_bytes(Path(path).read_bytes())
    if not _loaded:
        with _lock:
            if not _loaded:
                p = model_path()
                _model = NerModel.from_bytes(p.read_bytes()) if p.is_file() else None
                _loaded = True
    return _model


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


def predict_labels(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: NerModel) -> list[str]:
    """One label per token (greedy, left to right)."""
    weights = model.weights
    out: list[str] = []
    for i in range(len(forms)):
        feats = context_features(forms, readings, i)
        feats += history_features(out[i - 1] if i else "^", out[i - 2] if i > 1 else "^", shape(forms[i]))
        scores: dict[str, float] = {}
        for f in feats:
            w = weights.get(f)
            if w:
                for lab, x in w.items():
                    scores[lab] = scores.get(lab, 0.0) + x
        out.append(max(scores, key=scores.__getitem__) if scores else "O")
    return out


def spans_from_labels(labels: Sequence[str]) -> list[tuple[str, int, int]]:
    """(type, first token, end token exclusive) of every span at every nesting level, in text order.
    Types use "_" for subtypes ("placeName_country")."""
    spans: list[tuple[str, int, int]] = []
    depth = max((lab.count("#") + 1 for lab in labels if lab != "O"), default=0)
    for d in range(depth):
        cur: tuple[str, int] | None = None
        for i, lab in enumerate(list(labels) + ["O"]):
            parts = lab.split("#") if lab != "O" else []
            tag = parts[d] if d < len(parts) else "O"
            bio, _, typ = tag.partition("-")
            typ = typ.replace("-", "_")
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
