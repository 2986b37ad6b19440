"""The compiled decoder (`tagger_kernel`, `tagger_tables`) must choose exactly what the reference scorer
chooses: with the shipped model, with models whose weights sit on every feature template, over batches of
sentences, and as plain Python without numba."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys

import pytest

from kronika.lang.pl import tagger as tagger_mod
from kronika.lang.pl.features import reading_views
from kronika.lang.pl.morphology import analyse
from kronika.lang.pl.tagger import TaggerModel

SENTENCES = [
    "Minister Sikorski nie spotkał się wczoraj z ambasadorem Rosji w Warszawie .",
    "Według Kijowa rosyjskie drony zaatakowały 3 obwody i elektrownię , którą odbudowano w 2023 r .",
    "Rzecznik Pieskow powiedział , że Kreml i Pjongjang podpiszą nową umowę o współpracy .",
    "Sąd w Hadze skazał byłego prezydenta Serbii , a jego adwokaci zapowiedzieli apelację .",
    "Szojgu przyleciał do Phenianu , gdzie rozmawiał z Kimem Dzong Unem o dostawach amunicji .",
]


def _inputs(text: str) -> tuple[list[str], list[list]]:
    forms = text.split()
    return forms, [list(analyse(f)) for f in forms]


@pytest.fixture(scope="module")
def shipped():
    model = tagger_mod.load_model()
    if model is None:
        pytest.skip("no shipped tagger model")
    return model


def test_a_batch_of_sentences_is_tagged_as_each_sentence_alone(shipped):
    inputs = [_inputs(s) for s in SENTENCES]
    batch = tagger_mod.tag_sentences(inputs, shipped)
    assert batch == [tagger_mod.tag_sentence_reference(f, r, shipped) for f, r in inputs]
    by_form = {a.lemma: a for sent in batch for a in sent}
    assert by_form["Kim"].tag.startswith("subst:sg:inst")  # a guessed unknown name in the instrumental
    assert by_form["Warszawa"].tag == "subst:sg:loc:f"


def _random_model(seed: int) -> TaggerModel:
    """A model with a random weight on every feature the reference scorer meets in SENTENCES (context features
    on random views of the candidates, candidate features on "*"), so every table of the decoder is read."""
    rng = random.Random(seed)
    base = TaggerModel({"b": {"Psubst": 0.001}}, ["subst:sg:nom:m1", "subst:sg:inst:m1"])
    weights: dict[str, dict[str, float]] = {}
    for text in SENTENCES:
        forms, readings = _inputs(text)
        info = [tagger_mod.verb_reading(f, r) for f, r in zip(forms, readings)]
        rverbs, rnouns = tagger_mod.right_verbs(info), tagger_mod.right_nouns(info)
        left = tagger_mod.LeftContext()
        prev: list = []
        for i, form in enumerate(forms):
            cands = tagger_mod.candidates(form, readings[i], base)
            p1 = prev[-1] if prev else None
            p2 = prev[-2] if len(prev) > 1 else None
            feats = tagger_mod.token_features(forms, readings, i, p1, p2, left, rverbs[i])
            nxt = readings[i + 1] if i + 1 < len(forms) else ()
            for c in cands:
                views = reading_views(c)
                for f in feats:
                    weights.setdefault(f, {})[rng.choice(views)] = rng.randint(-3000, 3000) / 1000
                for f in tagger_mod.candidate_features(c, p1, nxt, left.verb_key, rverbs[i], rnouns[i]):
                    weights.setdefault(f, {})["*"] = rng.randint(-3000, 3000) / 1000
            chosen = cands[rng.randrange(len(cands))]  # a history of any readings: each feature seen once
            left.update(chosen)
            prev.append(chosen)
    return TaggerModel(weights, base.open_tags)


@pytest.mark.parametrize("seed, dense_row_min", [(1, 24), (2, 24), (3, 0), (4, 10 ** 9)])
def test_weights_on_every_template_give_the_reference_choices(seed, dense_row_min, monkeypatch):
    # rows read densely (all of them with 0), by their non-zero weights (all with 10 ** 9), or both
    monkeypatch.setattr(tagger_mod, "DENSE_ROW_MIN", dense_row_min)
    model = _random_model(seed)
    rows_with_weights = int((model.view_start[1:] > model.view_start[:-1]).sum())
    dense_rows = int((model.dense_of >= 0).sum())
    assert dense_rows == {0: rows_with_weights, 10 ** 9: 0}.get(dense_row_min, dense_rows)
    assert 0 < dense_rows < rows_with_weights or dense_row_min in (0, 10 ** 9)
    templates = {f.split("=")[0].rstrip("+-") for f in model.features}
    assert {"va", "rva", "rna", "agr+1", "agr-1", "vs", "lc", "pp-2", "l-1", "vl", "rv", "subj"} <= templates
    inputs = [_inputs(s) for s in SENTENCES]
    assert tagger_mod.tag_sentences(inputs, model) == [tagger_mod.tag_sentence_reference(f, r, model)
                                                       for f, r in inputs]


def test_plain_python_decoder_chooses_what_the_compiled_one_does(shipped):
    script = ("import json, sys\n"
              "from kronika import jit\n"
              "from kronika.lang.pl import tagger as T\n"
              "from kronika.lang.pl.morphology import analyse\n"
              "assert not jit.ENABLED\n"
              "sents = [s.split() for s in json.loads(sys.argv[1])]\n"
              "out = T.tag_sentences([(f, [list(analyse(w)) for w in f]) for f in sents], T.load_model())\n"
              "print(json.dumps([[[a.lemma, a.tag] for a in s] for s in out]))")
    env = dict(os.environ, KRONIKA_NO_JIT="1")
    done = subprocess.run([sys.executable, "-c", script, json.dumps(SENTENCES[:2])], env=env, capture_output=True,
                          text=True, check=True)
    compiled = tagger_mod.tag_sentences([_inputs(s) for s in SENTENCES[:2]], shipped)
    assert json.loads(done.stdout) == [[[a.lemma, a.tag] for a in s] for s in compiled]
