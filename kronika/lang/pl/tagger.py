"""The trained morphosyntactic disambiguator: picks each token's reading among Morfeusz's, in context.

Model: an averaged perceptron (trained by `training.train_tagger`) that scores every candidate reading of a
token, left to right within a sentence; the candidate with the highest score wins. A reading's score is the sum,
over the token's context features (`features.py` plus the readings chosen for the two tokens before it and the
readings Morfeusz allows for the next one), of the weights of the reading's views (full tag, part of speech,
case, agreement triple, lemma, name class), plus weights of candidate features (agreement with the reading
chosen before, a case governed by the preposition before, a case the next word can agree in).

Unknown words (Morfeusz's `ign`, e.g. foreign names: "Szojgu", "Kimem") get guessed candidates: every
open-class tag the model learned for such words, each with a lemma from the model's suffix rules for that tag
("Kimem" as subst:sg:inst:m1 → "Kim"); the guessed reading keeps the `ign` labels and adds "guessed".

The model file (`models/tagger.bin`, lzma-compressed pickle of plain dicts written by `training.py`, its sha256
in `models/MANIFEST.json`) is loaded on first use, once per process, and never stored on a stage object: stages
pickle for Spark and load the model again on the worker. Without the model file `Disambiguation` keeps the
heuristic choice (`disambiguation.choose`) made by the morphology stage.
"""
from __future__ import annotations

import lzma
import pickle
import threading
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Sequence

from kronika.lang.base import Analysis, Token
from kronika.lang.pl.features import ambiguity, case_set, reading_views, static_token_features, tag_parts
from kronika.lang.pl.morphology import analyse

MODEL_NAME = "tagger.bin"
NO_CASE_POS = frozenset({"interp", "dig", "ign"})


@dataclass
class TaggerModel:
    """Weights and tables of a trained tagger (plain data: what the model file holds)."""

    weights: dict[str, dict[str, float]]
    open_tags: list[str] = field(default_factory=list)
    lemma_rules: dict[str, tuple[int, str]] = field(default_factory=dict)  # "tag|suffix" → (cut, add)
    upos: dict[str, str] = field(default_factory=dict)  # "pos|lemma" or "pos" → UPOS (for evaluation)
    meta: dict = field(default_factory=dict)
    suffix_tags: dict[str, list[str]] = field(default_factory=dict)  # final letters of a name → its likely tags

    def to_bytes(self) -> bytes:
        data = {"weights": self.weights, "open_tags": self.open_tags, "lemma_rules": self.lemma_rules,
                "upos": self.upos, "meta": self.meta, "suffix_tags": self.suffix_tags}
        return lzma.compress(pickle.dumps(data, protocol=5), preset=6)

    @classmethod
    def from_bytes(cls, blob: bytes) -> "TaggerModel":
        data = pickle.loads(lzma.decompress(blob))
        return cls(data["weights"], data["open_tags"], data["lemma_rules"], data["upos"], data.get("meta", {}),
                   data.get("suffix_tags", {}))


def model_path() -> Path:
    return Path(str(resources.files("kronika.lang.pl").joinpath("models", MODEL_NAME)))


_lock = threading.Lock()
_model: TaggerModel | None = None
_loaded = False


def load_model(path: Path | None = None) -> TaggerModel | None:
    """The shipped tagger model (loaded once per process), a model read from `path`, or None when absent."""
    global _model, _loaded
    if path is not None:
        return TaggerModel.from_bytes(Path(path).read_bytes())
    if not _loaded:
        with _lock:
            if not _loaded:
                p = model_path()
                _model = TaggerModel.from_bytes(p.read_bytes()) if p.is_file() else None
                _loaded = True
    return _model


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
    """The readings the tagger chooses among: Morfeusz's (one per lemma and tag), or guesses for an `ign` word."""
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
                   prev1: Analysis | None, prev2: Analysis | None, subject: Analysis | None = None) -> list[str]:
    """The context features of token i given the readings chosen for the two tokens before it and the last
    nominative noun chosen before it in the sentence (`subject`, for verb agreement)."""
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
    if subject is not None:
        _, num, _, gender = tag_parts(subject.tag)
        feats.append("subj=" + num + gender)
    return feats


def is_subject(a: Analysis) -> bool:
    """A nominative noun or pronoun: the latest one is what a following verb agrees with."""
    pos, _, case, _ = tag_parts(a.tag)
    return case == "nom" and pos in {"subst", "ppron3", "ppron12", "depr"}


def prefer_proper_lemma(chosen: Analysis, cands: Sequence[Analysis], form: str, first: bool) -> Analysis:
    """A capitalised word inside a sentence keeps the chosen tag but takes a capitalised lemma when one has that
    tag ("Ukrainy" → Ukraina, not ukraina)."""
    if first or not form[:1].isupper() or chosen.lemma[:1].isupper() or not chosen.tag.startswith("subst"):
        return chosen
    for c in cands:
        if c.tag == chosen.tag and c.lemma[:1].isupper():
            return c
    return chosen


def candidate_features(cand: Analysis, prev1: Analysis | None, next_readings: Sequence[Analysis]) -> list[str]:
    """Features of one candidate against its neighbours (agreement, government)."""
    pos, num, case, gender = tag_parts(cand.tag)
    out: list[str] = []
    if prev1 is not None:
        ppos, pnum, pcase, pgender = tag_parts(prev1.tag)
        if ppos == "prep" and case:
            out.append(("gov+" if case == pcase else "gov-") + pos)
        if num and pnum:
            agree = (num == pnum) + (case == pcase) + (gender == pgender)
            out.append(f"agr-1={ppos}|{pos}|{agree}")
    if case and next_readings:
        best = 0
        for r in next_readings:
            _, n2, c2, g2 = tag_parts(r.tag)
            if c2:
                best = max(best, (n2 == num) + (c2 == case) + (g2 == gender))
        out.append(f"agr+1={pos}|{tag_parts(next_readings[0].tag)[0]}|{best}")
        if pos == "prep":
            out.append("prep+1=" + str(any(tag_parts(r.tag)[2] == case for r in next_readings)))
    return out


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


def tag_sentence(forms: Sequence[str], readings: Sequence[Sequence[Analysis]], model: TaggerModel) -> list[Analysis]:
    """The chosen reading of every token of one sentence (greedy, left to right)."""
    chosen: list[Analysis] = []
    weights = model.weights
    n = len(forms)
    subject: Analysis | None = None
    for i in range(n):
        cands = candidates(forms[i], readings[i], model)
        prev1 = chosen[i - 1] if i > 0 else None
        prev2 = chosen[i - 2] if i > 1 else None
        if len(cands) == 1:
            best = cands[0]
        else:
            feats = token_features(forms, readings, i, prev1, prev2, subject)
            nxt = readings[i + 1] if i + 1 < n else ()
            best, best_s = cands[0], None
            for c in cands:
                s = score(weights, feats, c, candidate_features(c, prev1, nxt))
                if best_s is None or s > best_s:
                    best, best_s = c, s
            best = prefer_proper_lemma(best, cands, forms[i], i == 0)
        if is_subject(best):
            subject = best
        chosen.append(best)
    return chosen


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
        for a, b in ranges:
            sent = tokens[a:b]
            if not sent:
                continue
            for tok, reading in zip(sent, tag_tokens(sent, model)):
                tok.chosen = reading

    def __repr__(self) -> str:
        return "Disambiguation()"
