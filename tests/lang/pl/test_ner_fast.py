"""The fast path of the name recogniser gives exactly what the plain computations give: the compiled loops and
their plain Python functions, the shipped model's scores and the feature-by-feature sums, the numbered feature
pairs, the gazetteer's longest names, spans read from labels, glued words and place-name adjectives found the
cheap way, and `warm_up`."""
from __future__ import annotations

import random

import numpy as np
import pytest

from kronika.ingest.document import Document
from kronika.jit import python_function
from kronika.lang.base import Analysis
from kronika.lang.pl import ner as ner_mod
from kronika.lang.pl import polish_stages
from kronika.lang.pl.morphology import analyse
from kronika.lang.pl.ner_kernel import find_pair
from tests.lang.pl.test_ner_features import plain_scores
from kronika.lang.pl.ner import (Gazetteer, NerModel, _DecodeTables, _static_scores, context_features,
                                 glued_parts, load_model, model_sentence_features, pair_table, spans_from_labels)

needs_model = pytest.mark.skipif(load_model() is None, reason="no NER model shipped")

SENTENCES = [
    "Premier Donald Tusk spotkał się w Warszawie z prezydentem Francji Emmanuelem Macronem.",
    "Według Głównego Urzędu Statystycznego inflacja w Polsce spadła w maju do 3 proc.",
    "Na konferencji w „Pałacu Kultury i Nauki” przemawiał minister spraw zagranicznych Radosław Sikorski.",
    "Mieszkańcy gminy Ostrzeszów i powiatu ostrzeszowskiego protestowali przed Urzędem Wojewódzkim w Poznaniu.",
    "Tak.",
]


@pytest.fixture(autouse=True)
def _fresh_form_caches(monkeypatch):
    """The plain path remembers features per form (`_static`, `_gazetteer_key`): other tests give forms readings
    of their own."""
    monkeypatch.setattr(ner_mod, "_STATIC", {})
    monkeypatch.setattr(ner_mod, "_GAZ_KEYS", {})


def _sentence(text: str) -> tuple[list[str], list[list[Analysis]]]:
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:3]:  # tokenizer, sentences, morphology
        stage(doc)
    return [t.text for t in doc.tokens], [t.analyses for t in doc.tokens]


# --- the compiled loops --------------------------------------------------------------------------------------------


KERNELS = ("fill_vectors", "score_tokens", "greedy_labels")
OUTPUT = {"fill_vectors": 1, "score_tokens": -1, "greedy_labels": -1}
"""The argument each compiled loop writes."""


@needs_model
def test_compiled_loops_give_what_their_plain_python_functions_give(monkeypatch):
    model = load_model()
    kernels = {name: getattr(ner_mod, name) for name in KERNELS}
    seen: dict[str, list] = {}

    def recording(name):
        def call(*args):
            seen[name] = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
            return kernels[name](*args)
        return call

    for name in KERNELS:
        monkeypatch.setattr(ner_mod, name, recording(name))
    monkeypatch.setattr(model, "_tables", _DecodeTables(model))  # every form new: the store is filled
    ner_mod.predict_labels_greedy_batch([_sentence(SENTENCES[2]), _sentence(SENTENCES[0])], model)
    assert set(seen) == set(KERNELS)
    for name, args in seen.items():
        k = OUTPUT[name]
        compiled = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        plain = [a.copy() if isinstance(a, np.ndarray) else a for a in args]
        compiled[k][...] = plain[k][...] = -7
        kernels[name](*compiled)
        python_function(kernels[name])(*plain)
        assert np.array_equal(compiled[k], plain[k]), name
        assert (compiled[k] != -7).any(), name  # the loop did write


# --- the scores ----------------------------------------------------------------------------------------------------


@needs_model
def test_shipped_model_fast_scores_are_the_feature_by_feature_sums():
    model = load_model()
    fired = set()
    for text in SENTENCES:
        forms, readings = _sentence(text)
        static, _ = _static_scores(forms, readings, model, _DecodeTables(model))
        assert np.array_equal(static, plain_scores(forms, readings, model)), text
        extra = model_sentence_features(forms, readings, model)
        for i in range(len(forms)):
            fired |= {f.split("=")[0] for f in context_features(forms, readings, i, extra) if f in model.index}
    # the sentences exercise every kind of feature the fast path adds apart
    assert {"bi", "shb", "shn", "gz", "run", "rh", "rb", "ncp", "knp", "q1", "-1w", "2lm", "geoadj"} <= fired


def _gazetteer_model() -> NerModel:
    """A toy model that only knows gazetteer features, with names nested in each other: one name has no types
    (only the beginning of longer ones), one a type without weights (it still hides the shorter names in it)."""
    gaz = Gazetteer({("a",): ("orgName",), ("a", "b", "c"): ("placeName",), ("a", "b", "c", "d", "e"): ("orgName",),
                     ("b", "c"): ("persName", "orgName"), ("c", "d"): (), ("c", "d", "e"): ("geogName",),
                     ("d",): ("placeName",)})
    weights = {"b": {"O": 1.0}, "gz=B|orgName": {"B-orgName": 2.0}, "gz=I|orgName": {"I-orgName": 1.5},
               "gz=B|placeName": {"B-placeName": 2.5}, "gz=I|placeName": {"I-placeName": 0.5},
               "gz=B|persName": {"O": -0.25}}
    model = NerModel(weights, ["B-orgName", "I-orgName", "B-placeName", "I-placeName", "O"])
    model._gazetteer = gaz
    return model


@pytest.mark.parametrize("words", ["a b c d", "a b c d e", "x a b c", "a", "b c d a b", "c d e", "c d", "e d"])
def test_gazetteer_names_found_by_the_trie_are_the_longest_names(words):
    forms = words.split()
    readings = [[Analysis(f, "subst:sg:nom:f")] for f in forms]
    model = _gazetteer_model()
    static, _ = _static_scores(forms, readings, model, model.tables())
    assert np.array_equal(static, plain_scores(forms, readings, model))


def test_numbered_pairs_are_found_however_a_part_holds_the_separator():
    features = ["w=a", "bi=a|b", "bi=a||", "bi=x|y|z", "shb=^|Xx", "shn=Xx|$"]
    ids, [(at, seconds, rows)] = pair_table(features, ("bi=",))
    find = python_function(find_pair)

    def row(a: str, b: str) -> int:
        return find(at, seconds, rows, ids.get(a, -1), ids.get(b, -1))

    assert row("a", "b") == 1
    assert row("a", "|") == row("a|", "") == 2  # "bi=a||" read either way
    assert row("x", "y|z") == row("x|y", "z") == 3
    assert row("b", "a") == row("a", "x") == row("q", "b") == -1
    ids, [before, after] = pair_table(features, ("shb=", "shn="))
    assert find(*before, ids["^"], ids["Xx"]) == 4 and find(*after, ids["Xx"], ids["$"]) == 5
    assert find(*before, ids["Xx"], ids["$"]) == -1


# --- labels, glued words, place adjectives --------------------------------------------------------------------------


def _spans_token_by_token(labels: list[str]) -> list[tuple[str, int, int]]:
    """Spans read from labels the plain way: every nesting level, token by token, to past the end."""
    parsed = [[(tag.partition("-")[0], tag.partition("-")[2].replace("-", "_")) for tag in lab.split("#")]
              if lab != "O" else [] for lab in labels] + [[]]
    depth = max((len(p) for p in parsed), default=0)
    spans = []
    for d in range(depth):
        cur = None
        for i, levels in enumerate(parsed):
            bio, typ = levels[d] if d < len(levels) else ("O", "")
            if cur is not None and not (bio == "I" and typ == cur[0]):
                spans.append((cur[0], cur[1], i))
                cur = None
            if bio in ("B", "I") and cur is None:
                cur = (typ, i)
    return sorted(spans, key=lambda s: (s[1], -s[2]))


def test_spans_from_labels_are_read_as_token_by_token():
    pool = ["O", "O", "O", "B-persName", "I-persName", "I-persName#B-persName-surname",
            "B-persName#B-persName-forename", "I-orgName", "B-orgName#B-placeName-country", "I-orgName#I-placeName"]
    rng = random.Random(3)
    for _ in range(500):
        labels = [rng.choice(pool) for _ in range(rng.randint(0, 10))]
        assert spans_from_labels(labels) == _spans_token_by_token(labels), labels
    assert spans_from_labels(["B-persName", "I-persName", "O", "I-orgName"]) == [
        ("persName", 0, 2), ("orgName", 3, 4)]


def test_glued_words_are_found_among_the_tokens_with_a_small_letter_before_a_capital():
    texts = ["#DonaldTusk", "SenatorStefanNowak", "RyszardBender", "PiS", "YouTube", "McDonald", "Tusk",
             "ŁódźKaliska", "#Tusk", "aB", "zaKrakowem", "Anna\nMaria", "KowalskiNowakWiśniewski", "x", "TikTok",
             "#WojnaWUkrainie"]
    found = ner_mod._glued_tokens(texts)
    assert found == {k: glued_parts(t) for k, t in enumerate(texts) if len(t) > 3 and glued_parts(t)}
    assert 0 in found and 1 in found and 3 not in found  # "#DonaldTusk", "SenatorStefanNowak"; not "PiS"
    assert ner_mod._glued_tokens(["Donald", "Tusk", "."]) == {}


@pytest.mark.parametrize("word", ["Ostrzeszów", "Elbląg", "Kraków", "Polska", "Pole", "Kowalski", "Prezydenco",
                                  "Bielsko-Biała", "Kędzierzyn-Koźle", "Warszawa", "Sokółka", "Mikstat", "Kot"])
def test_a_place_name_is_told_from_raw_analyses_as_from_readings(word):
    by_readings = any(r.lemma == word and "nazwa_geograficzna" in r.names for r in analyse(word))
    assert ner_mod._geographic_name(word) == by_readings
    if word in ("Ostrzeszów", "Elbląg", "Kędzierzyn-Koźle"):
        assert by_readings
    if word in ("Prezydenco", "Kowalski"):
        assert not by_readings


# --- warming up ----------------------------------------------------------------------------------------------------


@needs_model
def test_warm_up_builds_the_tables_and_the_stage_asks_for_it(monkeypatch):
    model = load_model()
    monkeypatch.setattr(model, "_tables", None)
    ner_mod.NamedEntities().warm_up()
    tables = model._tables
    assert tables is not None
    assert set(ner_mod._WARM_UP_SENTENCE) <= set(tables.slots)  # the warm-up sentence went through the loops
