"""Training the Polish models: `kronika train tagger|ner PATH... [-o FILE] [--seed N]`.

Both models are averaged perceptrons (Collins 2002) trained greedily left to right with the same feature
functions the run-time code uses (`tagger.py`, `ner.py`). Training is reproducible: sentences are shuffled with
`random.Random(seed)` each epoch and nothing else is random; the sha256 of the training files, the seed, the
date and the held-out figures are written to `models/MANIFEST.json` next to the model.

Corpora:
- tagger: Universal Dependencies CoNLL-U files with NKJP tags in XPOS (UD Polish PDB dev, LFG dev and test, PUD
  test; never the PDB test file, the benchmark). The NKJP 1M
  IOB file cannot train the disambiguation: its base/ctag columns are one arbitrary Morfeusz reading per token,
  not the corpus's disambiguated one (see `corpora.py`); given to `train_tagger` it only contributes its
  capitalised word forms, from whose Morfeusz readings the unknown-word guesser learns which tags and lemma
  endings names with a given ending have.
- ner: NKJP 1M in IOB (forms and nested NER labels).
For the tagger one sentence in ten (every tenth, before shuffling, of the first CoNLL-U file only, the target
domain), for the name recogniser one document in ten (every tenth; every tenth sentence for a corpus of fewer
than ten documents) is held out to choose the number of epochs (the tagger's by case accuracy, then tag
accuracy) and to report a held-out figure; both models are then trained anew on everything for that many
epochs. Whole documents for names: a sentence of a text whose other sentences were trained on meets the same
names again and flatters the figure (NKJP, greedy model of 2026-11-28: 0.846 exact span F1 on every tenth
sentence, 0.834 on every tenth document).
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import json
import random
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from kronika.lang.base import Analysis
from kronika.lang.pl.corpora import read_conllu, read_iob, sha256_of_files
from kronika.lang.pl.features import reading_views, tag_parts
from kronika.lang.pl.morphology import analyse

MODELS_DIR = Path(__file__).resolve().parent / "models"
MANIFEST = MODELS_DIR / "MANIFEST.json"


class AveragedPerceptron:
    """Weights feature → class/view → float, with lazy averaging (each weight's running total is brought up to
    date when it changes and once at the end)."""

    def __init__(self) -> None:
        self.weights: dict[str, dict[str, float]] = {}
        self._totals: dict[tuple[str, str], float] = defaultdict(float)
        self._stamps: dict[tuple[str, str], int] = defaultdict(int)
        self.i = 0

    def tick(self) -> None:
        self.i += 1

    def update(self, feat: str, view: str, delta: float) -> None:
        w = self.weights.setdefault(feat, {})
        key = (feat, view)
        old = w.get(view, 0.0)
        self._totals[key] += (self.i - self._stamps[key]) * old
        self._stamps[key] = self.i
        w[view] = old + delta

    def averaged(self, scale: int = 1000, min_abs: int = 1) -> dict[str, dict[str, float]]:
        """The averaged weights, rounded to 1/scale and pruned of those below min_abs/scale (a copy)."""
        out: dict[str, dict[str, float]] = {}
        for feat, w in self.weights.items():
            kept: dict[str, float] = {}
            for view, value in w.items():
                key = (feat, view)
                total = self._totals[key] + (self.i - self._stamps[key]) * value
                avg = total / max(self.i, 1)
                r = round(avg * scale)
                if abs(r) >= min_abs:
                    kept[view] = r / scale
            if kept:
                out[feat] = kept
        return out


def _sha256_bytes(blob: bytes) -> str:
    return hashlib.sha256(blob).hexdigest()


def update_manifest(name: str, entry: dict, manifest: Path = MANIFEST) -> None:
    """Record (or replace) one model's entry in the manifest."""
    data = json.loads(manifest.read_text("utf-8")) if manifest.is_file() else {"models": {}}
    data.setdefault("models", {})[name] = entry
    manifest.write_text(json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n", "utf-8")


def _write_model(blob: bytes, output: Path | None, default_name: str, entry: dict) -> Iterator[str]:
    path = Path(output) if output is not None else MODELS_DIR / default_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(blob)
    entry = dict(entry, file=path.name, sha256=_sha256_bytes(blob), bytes=len(blob))
    if output is None or path.resolve().parent == MODELS_DIR.resolve():
        update_manifest(default_name.split(".")[0], entry)
        yield f"manifest: {MANIFEST}"
    yield f"model: {path} ({len(blob) / 1e6:.1f} MB, sha256 {entry['sha256'][:16]}…)"


# --- tagger ----------------------------------------------------------------------------------------------------

TaggerSentence = tuple[list[str], list[list[Analysis]], list[tuple[str, str]]]  # forms, readings, gold (lemma, tag)


def _is_iob(p: Path) -> bool:
    return ".iob" in Path(p).name


def _tagger_sentences(paths: Sequence[Path]) -> list[TaggerSentence]:
    out: list[TaggerSentence] = []
    for p in paths:
        if _is_iob(p):
            continue
        for s in read_conllu(p):
            forms = [t.form for t in s.tokens]
            out.append((forms, [list(analyse(f)) for f in forms], [(t.lemma, t.xpos) for t in s.tokens]))
    return out


def _name_forms(paths: Sequence[Path], sents: Sequence[TaggerSentence]) -> set[str]:
    """Capitalised word forms of every corpus (IOB files contribute only their forms)."""
    forms: set[str] = set()
    for p in paths:
        if _is_iob(p):
            for s in read_iob(p):
                forms.update(t.form for t in s.tokens if t.form[:1].isupper() and t.form.isalpha())
    for f, _, _ in sents:
        forms.update(x for x in f if x[:1].isupper() and x.isalpha())
    return forms


def _learn_guesser(forms: set[str], rules: dict[str, Counter]) -> dict[str, list[str]]:
    """Ending → likely tags of unknown names, from Morfeusz's readings of known proper names: for every ending of
    1–4 letters, the tags (subst/adj) that at least 5% of the known names with that ending can have."""
    by_suffix: dict[str, Counter] = defaultdict(Counter)
    support: Counter = Counter()
    for form in sorted(forms):
        readings = [r for r in analyse(form) if r.lemma[:1].isupper() and r.pos in {"subst", "adj"}]
        if not readings:
            continue
        low = form.lower()
        tags = sorted({r.tag for r in readings})
        for k in (1, 2, 3, 4):
            if len(low) > k + 1:
                support[low[-k:]] += 1
                for t in tags:
                    by_suffix[low[-k:]][t] += 1
        for r in readings:
            k = 0
            while k < min(len(form), len(r.lemma)) and form[k] == r.lemma[k]:
                k += 1
            cut, add = len(form) - k, r.lemma[k:]
            for n in (1, 2, 3, 4):
                if len(form) > n + 1 and n >= cut:
                    rules[r.tag + "|" + form[-n:]][(cut, add)] += 1
    out: dict[str, list[str]] = {}
    for suffix, c in by_suffix.items():
        n = support[suffix]
        if n >= 5:
            out[suffix] = [t for t, m in c.most_common(12) if m >= 0.05 * n]
    return out


def _learn_tables(sents: Sequence[TaggerSentence], paths: Sequence[Path]) -> tuple[list[str], dict, dict, dict, list]:
    """(open-class tags of unknown words, lemma rules, UPOS map, name endings → tags, tags of numbers in digits)."""
    open_tags: Counter = Counter()
    digit_tags: Counter = Counter()
    rules: dict[str, Counter] = defaultdict(Counter)
    suffix_tags = _learn_guesser(_name_forms(paths, sents), rules)
    for forms, readings, gold in sents:
        for form, rs, (lemma, tag) in zip(forms, readings, gold):
            pos = tag.split(":", 1)[0]
            unknown = len(rs) == 1 and rs[0].tag == "ign"
            if len(rs) == 1 and rs[0].tag == "dig" and not rs[0].labels and tag != "dig":
                digit_tags[tag] += 1
            if pos in {"subst", "adj", "brev"} and (unknown or form[:1].isupper()):
                open_tags[tag] += 1
                if form[:1].isalpha() and lemma:
                    k = 0
                    while k < min(len(form), len(lemma)) and form[k].lower() == lemma[k].lower():
                        k += 1
                    cut, add = len(form) - k, lemma[k:]
                    for n in (1, 2, 3, 4):
                        if len(form) > n + 1 and n >= cut:
                            rules[tag + "|" + form[-n:]][(cut, add)] += 1
    tags = [t for t, c in open_tags.most_common(40) if c >= 3]
    lemma_rules = {k: c.most_common(1)[0][0] for k, c in rules.items() if sum(c.values()) >= 2}
    upos_counts: dict[str, Counter] = defaultdict(Counter)
    for p in paths:
        if _is_iob(p):
            continue
        for s in read_conllu(p):
            for t in s.tokens:
                pos = t.xpos.split(":", 1)[0]
                upos_counts[pos][t.upos] += 1
                upos_counts[pos + "|" + t.lemma][t.upos] += 1
    upos: dict[str, str] = {}
    for key, c in upos_counts.items():
        best, n = c.most_common(1)[0]
        if "|" not in key:
            upos[key] = best
    for key, c in upos_counts.items():
        if "|" in key:
            best, n = c.most_common(1)[0]
            if n >= 2 and best != upos.get(key.split("|", 1)[0]):
                upos[key] = best
    return tags, lemma_rules, upos, suffix_tags, sorted(t for t, c in digit_tags.items() if c >= 3)


def _gold_index(cands: Sequence[Analysis], lemma: str, tag: str) -> int | None:
    fallback = None
    for k, c in enumerate(cands):
        if c.tag == tag:
            if c.lemma == lemma:
                return k
            if fallback is None:
                fallback = k
    return fallback


def _tagger_pass(sents: Sequence[TaggerSentence], model,
                 learner: AveragedPerceptron | None) -> tuple[int, int, int, int, int]:
    """One pass (training when `learner` is given); returns (tokens, tags right, lemmas right, tokens whose gold
    tag has a case, cases right)."""
    from kronika.lang.pl.tagger import (LeftContext, candidate_features, candidates, prefer_proper_lemma,
                                        right_nouns, right_verbs, score, token_features, verb_reading)

    n = tag_ok = lemma_ok = case_n = case_ok = 0
    weights = learner.weights if learner is not None else model.weights
    for forms, readings, gold in sents:
        chosen: list[Analysis] = []
        left = LeftContext()
        info = [verb_reading(f, r) for f, r in zip(forms, readings)]
        rverbs, rnouns = right_verbs(info), right_nouns(info)
        for i in range(len(forms)):
            cands = candidates(forms[i], readings[i], model)
            prev1 = chosen[i - 1] if i > 0 else None
            prev2 = chosen[i - 2] if i > 1 else None
            nxt = readings[i + 1] if i + 1 < len(forms) else ()
            if len(cands) == 1:
                best = 0
                feats, cfs = [], []
            else:
                feats = token_features(forms, readings, i, prev1, prev2, left, rverbs[i])
                cfs = [candidate_features(c, prev1, nxt, left.verb_key, rverbs[i], rnouns[i]) for c in cands]
                scores = [score(weights, feats, c, cf) for c, cf in zip(cands, cfs)]
                best = max(range(len(cands)), key=scores.__getitem__)
            lemma, tag = gold[i]
            g = _gold_index(cands, lemma, tag)
            if learner is not None and g is not None and g != best and len(cands) > 1:
                learner.tick()
                gv, pv = set(reading_views(cands[g])), set(reading_views(cands[best]))
                plus, minus = sorted(gv - pv), sorted(pv - gv)  # sorted: byte-identical models across runs
                for f in feats:
                    for v in plus:
                        learner.update(f, v, 1.0)
                    for v in minus:
                        learner.update(f, v, -1.0)
                for f in cfs[g]:
                    learner.update(f, "*", 1.0)
                for f in cfs[best]:
                    learner.update(f, "*", -1.0)
            elif learner is not None:
                learner.tick()
            c = cands[best] if learner is not None else prefer_proper_lemma(cands[best], cands, forms[i], i == 0)
            left.update(c)
            chosen.append(c)
            n += 1
            tag_ok += c.tag == tag
            lemma_ok += c.lemma == lemma
            gold_case = tag_parts(tag)[2]
            if gold_case:
                case_n += 1
                case_ok += tag_parts(c.tag)[2] == gold_case
    return n, tag_ok, lemma_ok, case_n, case_ok


def train_tagger(corpus: list[Path], output: Path | None = None, seed: int = 13, epochs: int = 8,
                 hold_every: int = 10, refit: bool = True) -> Iterable[str]:
    """Train the disambiguator on CoNLL-U files (XPOS = NKJP tags); yields progress lines, writes the model (and,
    for the packaged path, its manifest entry). Every `hold_every`-th sentence of the first CoNLL-U file (the
    target domain: UD PDB) is held out to pick the number of epochs; with `refit` the shipped model is then
    trained anew on all sentences, held-out ones included, for that many epochs (same seed)."""
    from kronika.lang.pl.tagger import TaggerModel

    t0 = time.time()
    paths = [Path(p) for p in corpus]
    conllu = [p for p in paths if not _is_iob(p)]
    first, rest = _tagger_sentences(conllu[:1]), _tagger_sentences(conllu[1:])
    sents = first + rest
    held = first[::hold_every]
    train = [s for k, s in enumerate(first) if k % hold_every] + rest
    yield f"tagger: {len(train)} training sentences, {len(held)} held out ({sum(len(s[0]) for s in held)} tokens)"
    if not sents:
        raise ValueError("the tagger needs at least one CoNLL-U file (IOB files only add name forms)")
    tables = _learn_tables(train, paths)
    yield f"guesser: {len(tables[3])} name endings, {len(tables[1])} lemma rules"
    best = ((-1.0, -1.0), 0, None)
    for epoch, model in _tagger_epochs(train, tables, seed, epochs):
        n, tag_ok, lemma_ok, case_n, case_ok = _tagger_pass(held, model, None)
        acc, case_acc = tag_ok / max(n, 1), case_ok / max(case_n, 1)
        yield (f"epoch {epoch}: held-out tag accuracy {acc:.4f}, case {case_acc:.4f}, lemma {lemma_ok / max(n, 1):.4f}"
               f" ({time.time() - t0:.0f}s)")
        if (case_acc, acc) > best[0]:  # the epoch is chosen by case accuracy (what the event coder reads), then tag
            best = ((case_acc, acc), epoch, model.weights)
    (case_acc, acc), epoch, weights = best
    if refit:
        tables = _learn_tables(sents, paths)
        for _, model in _tagger_epochs(sents, tables, seed, epoch):
            weights = model.weights
        yield f"refit on all {len(sents)} sentences for {epoch} epochs ({time.time() - t0:.0f}s)"
    open_tags, lemma_rules, upos, suffix_tags, digit_tags = tables
    meta = {"seed": seed, "epochs": epoch, "date": _dt.date.today().isoformat(),
            "training_data": [p.name for p in paths], "training_sha256": sha256_of_files(paths),
            "held_out_tag_accuracy": round(acc, 4), "held_out_case_accuracy": round(case_acc, 4),
            "features": len(weights), "refit_on_held_out": refit,
            "held_out": f"every {hold_every}th sentence of {conllu[0].name}"}
    final = TaggerModel(weights, open_tags, lemma_rules, upos, meta, suffix_tags, digit_tags=digit_tags)
    yield from _write_model(final.to_bytes(), output, "tagger.bin", meta)
    yield f"tagger: best epoch {epoch}, held-out tag accuracy {acc:.4f}, case {case_acc:.4f}"


def _tagger_epochs(train: Sequence[TaggerSentence], tables: tuple, seed: int, epochs: int):
    """Yields (epoch, model with the averaged weights so far) after each training epoch."""
    from kronika.lang.pl.tagger import TaggerModel

    open_tags, lemma_rules, upos, suffix_tags, digit_tags = tables
    model = TaggerModel({}, open_tags, lemma_rules, upos, {}, suffix_tags, digit_tags=digit_tags)
    learner = AveragedPerceptron()
    rng = random.Random(seed)
    for epoch in range(1, epochs + 1):
        order = list(train)
        rng.shuffle(order)
        _tagger_pass(order, model, learner)
        averaged = TaggerModel(learner.averaged(), open_tags, lemma_rules, upos, {}, suffix_tags,
                               digit_tags=digit_tags)
        yield epoch, averaged


# --- named entities --------------------------------------------------------------------------------------------


def _span_f1(gold: list[set], pred: list[set]) -> float:
    tp = sum(len(g & p) for g, p in zip(gold, pred))
    ng = sum(len(g) for g in gold)
    npred = sum(len(p) for p in pred)
    return 2 * tp / max(ng + npred, 1)


_NO_SPACE_BEFORE = frozenset({".", ",", ";", ":", "!", "?", ")", "]", "...", "…"})
_NO_SPACE_AFTER = frozenset({"(", "["})


def _inside(label: str) -> str:
    """The label of a token that continues the previous token's spans at every nesting level (B- → I-)."""
    return label if label == "O" else "#".join("I" + tag[1:] if tag[:1] == "B" else tag for tag in label.split("#"))


def runtime_tokens(forms: Sequence[str], labels: Sequence[str]) -> tuple[list[str], list[str]]:
    """A training sentence re-tokenised the way `tokenizer.tokenize` cuts running text, with its labels.
    NKJP splits every dot off ("r", "."; "T", "."; "św", ".") and every hyphen ("Bielsko", "-", "Biała"), but
    at run time an abbreviation or an initial keeps its dot ("r.", "T.") and a hyphenated word is one token,
    so a model trained on NKJP's cuts would never see the forms it meets. The sentence is written out (no space
    before closing punctuation, after an opening bracket, nor around a hyphen inside a name), tokenised, and
    each token takes the label of the NKJP token it starts in (B- turned into I- when it starts inside one)."""
    from kronika.lang.pl.tokenizer import tokenize

    text = ""
    owner: list[int] = []
    n = len(forms)
    for i, form in enumerate(forms):
        if i:
            glued = form in _NO_SPACE_BEFORE or forms[i - 1] in _NO_SPACE_AFTER
            if not glued and "-" in (form, forms[i - 1]):
                k = i if form == "-" else i - 1  # the hyphen's index
                glued = (0 < k < n - 1 and labels[k].startswith("I-") and labels[k + 1].startswith("I-")
                         and forms[k - 1][-1:].isalnum() and forms[k + 1][:1].isalnum())
            if not glued:
                text += " "
                owner.append(-1)
        text += form
        owner += [i] * len(form)
    toks, _ = tokenize(text)
    out_forms: list[str] = []
    out_labels: list[str] = []
    prev = -1
    for t in toks:
        k = owner[t.start]
        out_forms.append(t.text)
        out_labels.append(_inside(labels[k]) if k == prev else labels[k])
        prev = owner[t.end - 1]
    return out_forms, out_labels


def _country_lemmas(sents, min_count: int = 2, min_share: float = 0.5) -> list[str]:
    """The lemmas of geographic names tagged as a country on their own (a one-word placeName_country span at
    any nesting level) at least `min_count` times and in at least `min_share` of their capitalised occurrences:
    what `ner.nest_countries` looks for inside organisation names."""
    from kronika.lang.pl.ner import spans_from_labels

    as_country: Counter = Counter()
    seen: Counter = Counter()
    for forms, readings, gold in sents:
        single = {i for typ, i, j in spans_from_labels(gold) if typ == "placeName_country" and j == i + 1}
        for i, (form, rs) in enumerate(zip(forms, readings)):
            if not form[:1].isupper():
                continue
            lemmas = {r.lemma for r in rs if r.tag.startswith("subst") and "nazwa_geograficzna" in r.names}
            seen.update(lemmas)
            if i in single:
                as_country.update(lemmas)
    return sorted(x for x, c in as_country.items() if c >= min_count and c >= min_share * seen[x])


def train_ner(corpus: list[Path], output: Path | None = None, seed: int = 13, epochs: int = 18,
              max_sentences: int | None = None, min_count: int = 2, decoder: str = "greedy",
              candidates: int = 0, retokenise: bool = True, refit: bool = True, order: int = 2,
              hold: str = "documents", gazetteer: bool = True) -> Iterable[str]:
    """Train the name recogniser on NKJP IOB files (forms + nested labels); yields progress lines, writes the
    model (and, for the packaged path, its manifest entry). Features seen fewer than `min_count` times in the
    training part are dropped; `max_sentences` subsamples for quick runs. The perceptron runs on a dense numpy
    weight matrix (features × labels) during training; the shipped model keeps only non-negligible weights.
    Sentences are first re-cut the way the run-time tokenizer cuts running text (`runtime_tokens`; off with
    `retokenise=False`). With `refit` (the default, greedy decoder only) the number of epochs is chosen on the
    held-out tenth and the shipped model is then trained anew on every sentence for that many epochs; the
    held-out figure is the one of the first run. The lemmas of country names (`_country_lemmas`) go into the
    model's meta for `ner.nest_countries`.
    `hold="documents"` holds out every tenth document ("sentences": every tenth sentence). With `gazetteer` the
    model keeps the names of its training data (`ner.Gazetteer`) and learns what they are worth from sentences
    that see only the names of the documents of the other `GAZETTEER_FOLDS` - 1 folds, as a new text sees only
    names learnt from other texts (held-out sentences see the names of every training document).
    `order=1` leaves out the label-pair history features ("l12="): a first-order model, decoded by the faster
    first-order Viterbi when `decoder="viterbi"`.
    `decoder="viterbi"` (what `ner.predict_labels` runs for a model trained so) trains a structured perceptron: each
    sentence is decoded whole (second-order Viterbi over the labels the decoder's pruning keeps, its bounds
    recomputed every 500 sentences with a safety margin; `candidates` > 0 instead keeps that many best labels by
    static score and "O" — faster, but the model then learns to rely on the cut and decodes badly) and the
    weights move by the difference of the gold and predicted sequences'
    features; `decoder="greedy"` trains token by token, left to right (the first model's way)."""
    import numpy as np

    from kronika.lang.pl.features import shape
    from kronika.lang.pl.ner import (Gazetteer, NerModel, context_features, gazetteer_key, history_features,
                                     sentence_features, spans_from_labels)

    t0 = time.time()
    paths = [Path(p) for p in corpus]
    sents: list[tuple[list[str], list[list[Analysis]], list[str]]] = []
    docs: list[tuple[str, str]] = []
    for p in paths:
        for s in read_iob(p):
            forms, gold = [t.form for t in s.tokens], [t.label for t in s.tokens]
            if retokenise:
                forms, gold = runtime_tokens(forms, gold)
            sents.append((forms, [list(analyse(f)) for f in forms], gold))
            docs.append((p.name, s.doc))
    if max_sentences:
        sents = sents[:max_sentences]
    countries = _country_lemmas(sents)
    doc_no = {d: k for k, d in enumerate(dict.fromkeys(docs[: len(sents)]))}
    if hold == "documents" and len(doc_no) >= 10:  # every tenth document: no text is half seen in training
        out = [doc_no[docs[k]] % 10 == 0 for k in range(len(sents))]
        held_out = "every 10th document"
    else:  # every tenth sentence (also for a corpus of fewer than ten documents)
        out = [k % 10 == 0 for k in range(len(sents))]
        held_out = "every 10th sentence"
    held = [s for s, h in zip(sents, out) if h]
    train = [s for s, h in zip(sents, out) if not h]
    # the gazetteer features of each sentence: a training sentence sees the names of the training documents of
    # the other folds only (as a new text sees only the names learnt from other texts), a held-out one those of
    # all training documents; the shipped model keeps the gazetteer of every sentence
    fold = [gazetteer_fold(docs[k]) for k in range(len(sents))]
    gaz_train: list | None = None
    gaz_held: list | None = None
    if gazetteer:
        gaz_train = _jackknife_gazetteer(train, [f for f, h in zip(fold, out) if not h])
        whole = Gazetteer.learn(train)
        gaz_held = [whole.features([gazetteer_key(f, r) for f, r in zip(forms, readings)])
                    for forms, readings, _ in held]
        yield f"gazetteer: {len(whole.entries)} names in the training part ({time.time() - t0:.0f}s)"
    counts = Counter(lab for s in train for lab in s[2])
    labels = sorted(lab for lab, c in counts.items() if c >= 2)
    if "O" not in labels:
        labels.append("O")
    lab_index = {lab: k for k, lab in enumerate(labels)}
    o = lab_index["O"]
    feat_counts: Counter = Counter()
    for k, (forms, readings, _) in enumerate(train):
        extra = sentence_features(forms, readings, gaz_train[k] if gaz_train else None)
        for i in range(len(forms)):
            feat_counts.update(context_features(forms, readings, i, extra))
    index: dict[str, int] = {f: k for k, f in enumerate(sorted(f for f, c in feat_counts.items() if c >= min_count))}
    del feat_counts
    shapes = sorted({shape(f) for s in train for f in s[0]})
    hist = ["^"] + labels
    for p1 in hist:
        for f in history_features(p1, "^", "") [:1]:
            index.setdefault(f, len(index))
        for p2 in hist if order == 2 else ():  # a first-order model has no label-pair features
            index.setdefault(history_features(p1, p2, "")[1], len(index))
        for sh in shapes:
            index.setdefault(history_features(p1, "^", sh)[2], len(index))

    def encode(part, gaz=None):
        out = []
        for k, (forms, readings, gold) in enumerate(part):
            extra = sentence_features(forms, readings, gaz[k] if gaz else None)
            rows = [np.fromiter((index[f] for f in context_features(forms, readings, i, extra) if f in index),
                                dtype=np.int32) for i in range(len(forms))]
            out.append((forms, rows, [lab_index.get(g, o) for g in gold]))
        return out

    enc_train, enc_held = encode(train, gaz_train), encode(held, gaz_held)
    n_feat, n_lab = len(index), len(labels)
    yield (f"ner: {len(train)} training sentences, {len(held)} held out, {len(labels)} labels, {n_feat} features "
           f"(prepared in {time.time() - t0:.0f}s)")
    W = np.zeros((n_feat, n_lab), dtype=np.float32)
    U = np.zeros((n_feat, n_lab), dtype=np.float64)

    def hist_rows(forms, i, out):
        p1 = labels[out[i - 1]] if i else "^"
        p2 = labels[out[i - 2]] if i > 1 else "^"
        return [index[f] for f in history_features(p1, p2, shape(forms[i])) if f in index]

    def decode(matrix, forms, rows):
        out: list[int] = []
        for i, r in enumerate(rows):
            idx = np.concatenate((r, np.asarray(hist_rows(forms, i, out), dtype=np.int32)))
            out.append(int(matrix[idx].sum(0).argmax()))
        return out

    rng = random.Random(seed)
    gold_spans = [set(spans_from_labels(s[2])) for s in held]
    best = (-1.0, 0, None)
    if decoder == "viterbi":
        run = _train_ner_viterbi(enc_train, enc_held, index, labels, hist, W, U, rng, epochs, candidates,
                                 order=order)
        for epoch, avg in run:
            pred = [set(spans_from_labels([labels[k] for k in p])) for p in avg[1]]
            f1 = _span_f1(gold_spans, pred)
            yield f"epoch {epoch}: held-out span F1 {f1:.4f} ({time.time() - t0:.0f}s)"
            if f1 > best[0]:
                best = (f1, epoch, avg[0])
        epochs = 0
    def greedy_epochs(part, n: int, rng: random.Random, W, U):
        """The averaged weights after each of `n` greedy left-to-right passes over `part`."""
        c = 1
        for _ in range(n):
            order = list(part)
            rng.shuffle(order)
            for forms, rows, gold in order:
                out: list[int] = []
                for i, r in enumerate(rows):
                    idx = np.concatenate((r, np.asarray(hist_rows(forms, i, out), dtype=np.int32)))
                    guess = int(W[idx].sum(0).argmax())
                    truth = gold[i]
                    if guess != truth:
                        W[idx, truth] += 1.0
                        W[idx, guess] -= 1.0
                        U[idx, truth] += c
                        U[idx, guess] -= c
                    out.append(guess)
                    c += 1
            yield (W - U / c).astype(np.float32)

    for epoch, avg in enumerate(greedy_epochs(enc_train, epochs, rng, W, U), 1):
        pred = [set(spans_from_labels([labels[k] for k in decode(avg, f, r)])) for f, r, _ in enc_held]
        f1 = _span_f1(gold_spans, pred)
        yield f"epoch {epoch}: held-out span F1 {f1:.4f} ({time.time() - t0:.0f}s)"
        if f1 > best[0]:
            best = (f1, epoch, avg)
    if refit and decoder == "greedy" and held:
        # the number of epochs is chosen on the held-out part; the model is then trained anew on every sentence
        # (features and labels as counted on the training part)
        W = np.zeros((n_feat, n_lab), dtype=np.float32)
        U = np.zeros((n_feat, n_lab), dtype=np.float64)
        if gazetteer:  # every sentence again, seeing the names of the other folds of all documents
            enc_all = encode(train + held, _jackknife_gazetteer(train + held, [f for f, h in zip(fold, out) if not h]
                                                                + [f for f, h in zip(fold, out) if h]))
        else:
            enc_all = enc_train + enc_held
        *_, avg = greedy_epochs(enc_all, best[1], random.Random(seed), W, U)
        best = (best[0], best[1], avg)
        yield f"refit on all {len(sents)} sentences for {best[1]} epochs ({time.time() - t0:.0f}s)"
    f1, epoch, avg = best
    names = [None] * n_feat
    for f, k in index.items():
        names[k] = f
    weights: dict[str, dict[str, float]] = {}
    keep = np.abs(avg) >= 0.0015
    for k in np.nonzero(keep.any(1))[0]:
        cols = np.nonzero(keep[k])[0]
        weights[names[k]] = {labels[j]: round(float(avg[k, j]), 3) for j in cols}
    meta = {"seed": seed, "epochs": epoch, "date": _dt.date.today().isoformat(),
            "training_data": [p.name for p in paths], "training_sha256": sha256_of_files(paths),
            "held_out_span_f1": round(f1, 4), "features": len(weights),
            "sentences": len(sents) if refit and decoder == "greedy" else len(train),
            "decoder": decoder, "retokenised": retokenise, "refit_on_held_out": refit and decoder == "greedy",
            "country_lemmas": countries, "order": order, "held_out": held_out}
    if decoder == "viterbi":
        meta["training_candidates"] = candidates
    entry = {k: v for k, v in meta.items() if k != "country_lemmas"}  # the list lives in the model file only
    entry["country_lemmas"] = len(countries)
    gaz_lines = None
    if gazetteer:
        gaz_lines = Gazetteer.learn(sents if refit and decoder == "greedy" else train).lines()
        meta["gazetteer_names"] = entry["gazetteer_names"] = len(gaz_lines)
    yield from _write_model(NerModel(weights, labels, meta, gazetteer=gaz_lines).to_bytes(), output, "ner.bin", entry)
    yield f"ner: best epoch {epoch}, held-out span F1 (all nesting levels, exact) {f1:.4f}"


GAZETTEER_FOLDS = 5


def gazetteer_fold(doc: tuple[str, str]) -> int:
    """The fold (0 .. GAZETTEER_FOLDS - 1) of a document (file name, document id), the same in every run."""
    return int(hashlib.sha256("/".join(doc).encode("utf-8")).hexdigest()[:8], 16) % GAZETTEER_FOLDS


def _jackknife_gazetteer(sents, folds: Sequence[int]) -> list[list[list[str]]]:
    """The gazetteer features (`ner.Gazetteer.features`) of each sentence under the gazetteer of the sentences
    of the other folds."""
    from kronika.lang.pl.ner import Gazetteer, gazetteer_key

    out: list = [None] * len(sents)
    for f in range(GAZETTEER_FOLDS):
        gaz = Gazetteer.learn([s for s, g in zip(sents, folds) if g != f])
        for k, (s, g) in enumerate(zip(sents, folds)):
            if g == f:
                out[k] = gaz.features([gazetteer_key(w, r) for w, r in zip(s[0], s[1])])
    return out


def _train_ner_viterbi(enc_train, enc_held, index, labels, hist, W, U, rng, epochs, k_best, refresh=500,
                       margin=8.0, order=2):
    """The structured perceptron behind `train_ner(decoder="viterbi")`: yields (epoch, (averaged weights,
    held-out label sequences)) after each epoch. Row `len(index)` of the working matrix stays zero (the
    history-shape feature of a shape never seen in training)."""
    import numpy as np

    from kronika.lang.pl.features import shape
    from kronika.lang.pl.ner import history_features

    n_feat, n_lab = W.shape
    exact = k_best <= 0  # 0: every label the exact pruning keeps (refreshed every `refresh` sentences)
    Z = n_feat
    W = np.vstack([W, np.zeros((1, n_lab), dtype=W.dtype)])
    U = np.vstack([U, np.zeros((1, n_lab), dtype=U.dtype)])
    S = len(hist)
    L1 = np.array([index[history_features(p, "^", "")[0]] for p in hist], dtype=np.intp)
    L12 = np.array([[index.get(history_features(p1, p2, "")[1], Z) for p1 in hist] for p2 in hist], dtype=np.intp)
    by_shape: dict[str, np.ndarray] = {}

    def shape_rows(form: str) -> np.ndarray:
        sh = shape(form)
        r = by_shape.get(sh)
        if r is None:
            r = by_shape[sh] = np.array([index.get(history_features(p1, "^", sh)[2], Z) for p1 in hist],
                                        dtype=np.intp)
        return r

    def prepare(part):
        out = []
        for forms, rows, gold in part:
            starts = np.cumsum([0] + [len(r) for r in rows[:-1]]).astype(np.intp)
            out.append((np.concatenate(rows).astype(np.intp), starts, np.stack([shape_rows(f) for f in forms]),
                        rows, gold, [shape(f) for f in forms]))
        return out

    tr, he = prepare(enc_train), prepare(enc_held)
    shape_list = sorted(by_shape)  # every shape of both parts is known now
    shape_num = {sh: k for k, sh in enumerate(shape_list)}
    shape_table = np.stack([by_shape[sh] for sh in shape_list]) if shape_list else np.zeros((0, S), dtype=np.intp)
    tr = [item[:5] + (np.array([shape_num[sh] for sh in item[5]], dtype=np.intp),) for item in tr]
    he = [item[:5] + (np.array([shape_num[sh] for sh in item[5]], dtype=np.intp),) for item in he]
    k_best = min(k_best, n_lab) if k_best > 0 else n_lab
    o_lab = labels.index("O")

    bounds = None

    def refresh_bounds(M) -> tuple[np.ndarray, ...]:
        """The tables of `ner.viterbi_bounds` under weights M (cur, shape_cur, fut1, fut2, fut_shape; shapes
        numbered as in `shape_list`), `cur` raised by a safety margin for the updates until the next refresh."""
        from kronika.lang.pl.ner import viterbi_bounds

        H = M[L1][None, :, :] + M[L12]
        SH = M[shape_table] if len(shape_table) else np.zeros((0, S, n_lab))
        cur, shape_cur, fut1, fut2, fut_shape = viterbi_bounds(H, SH)
        return cur + margin, shape_cur, fut1, fut2, fut_shape

    def decode(M, item) -> list[int]:
        from kronika.lang.pl.ner_viterbi import viterbi_backtrace

        allrows, starts, SR, _, _, sid = item
        static = np.add.reduceat(M[allrows], starts, axis=0)
        H = M[L1][None, :, :] + M[L12]  # [prev2, prev1, label]
        SH = M[SR]  # [token, prev1, label]
        n = len(starts)
        if bounds is not None:  # labels that cannot be on a best path (`ner.predict_labels_viterbi`) left out,
            # with each token's own shape and its next one's, as the run-time decoder does
            cur, shape_cur, fut1, fut2, fut_shape = bounds
            bound = cur[None] + shape_cur[sid]
            if n > 1:
                bound[:-1] += fut1[None] + fut_shape[sid[1:]]
            if n > 2:
                bound[:-2] += fut2[None]
            keep = ~((static[:, :, None] - static[:, None, :]) > bound).any(1)
            cand = [np.flatnonzero(r) for r in keep]
        elif k_best < n_lab:  # the k best labels by static score, and always "O"
            top = np.argpartition(-static, k_best - 1, axis=1)[:, :k_best]
            cand = np.sort(np.concatenate([top, np.full((n, 1), o_lab)], axis=1), axis=1)
        else:
            cand = np.tile(np.arange(n_lab), (n, 1))
        if order == 1:  # states are single labels; the label-pair rows are all the zero row
            T = M[L1][None] + SH  # [token, prev1, label]
            prev = np.zeros(1, dtype=np.intp)
            delta = np.zeros(1)
            backs = []
            for i in range(n):
                ks = np.unique(cand[i]) if bounds is None else cand[i]
                c = delta[:, None] + T[i][np.ix_(prev, ks)]
                bp = c.argmax(0)
                delta = c[bp, np.arange(len(ks))] + static[i, ks]
                backs.append((bp, ks))
                prev = ks + 1
            z = int(delta.argmax())
            out = [int(backs[-1][1][z])]
            for i in range(n - 1, 0, -1):
                z = int(backs[i][0][z])
                out.append(int(backs[i - 1][1][z]))
            out.reverse()
            return out
        prev_s = np.zeros(1, dtype=np.intp)
        cur_s = np.zeros(1, dtype=np.intp)
        delta = np.zeros((1, 1))
        backs, states = [], []
        for i in range(n):
            ks = np.unique(cand[i]) if bounds is None else cand[i]
            c = delta[:, :, None] + H[np.ix_(prev_s, cur_s, ks)]
            bp = c.argmax(0)
            m = np.take_along_axis(c, bp[None], 0)[0]
            delta = m + SH[i][np.ix_(cur_s, ks)] + static[i, ks][None, :]
            backs.append(bp)
            prev_s, cur_s = cur_s, ks + 1
            states.append(cur_s)
        return viterbi_backtrace(delta, backs, states)

    c = 1
    for epoch in range(1, epochs + 1):
        order = list(tr)
        rng.shuffle(order)
        for step, item in enumerate(order):
            if exact and step % refresh == 0:
                bounds = refresh_bounds(W)
            _, _, SR, rows, gold, _ = item
            pred = decode(W, item)
            if pred != gold:
                for i in range(len(gold)):
                    g, p = gold[i], pred[i]
                    g1 = gold[i - 1] + 1 if i else 0
                    p1 = pred[i - 1] + 1 if i else 0
                    g2 = gold[i - 2] + 1 if i > 1 else 0
                    p2 = pred[i - 2] + 1 if i > 1 else 0
                    if (g, g1, g2) == (p, p1, p2):
                        continue
                    if g != p:
                        r = rows[i]
                        W[r, g] += 1.0
                        W[r, p] -= 1.0
                        U[r, g] += c
                        U[r, p] -= c
                    for r, lab, sign in ((L1[g1], g, 1.0), (L12[g2, g1], g, 1.0), (SR[i, g1], g, 1.0),
                                         (L1[p1], p, -1.0), (L12[p2, p1], p, -1.0), (SR[i, p1], p, -1.0)):
                        if r != Z:
                            W[r, lab] += sign
                            U[r, lab] += sign * c
            c += 1
        avg = (W - U / c).astype(np.float32)
        avg[Z] = 0
        if exact:
            bounds = refresh_bounds(avg)
        yield epoch, (avg[:Z], [decode(avg, item) for item in he])
