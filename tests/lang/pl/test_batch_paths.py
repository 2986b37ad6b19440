"""The batched paths give exactly what the one-at-a-time ones give: the name recogniser scoring several
sentences together (a document's), its neighbour-feature index, and the base-form candidates remembered per
word."""
from __future__ import annotations

import numpy as np
import pytest

from kronika.ingest.document import Document
from kronika.lang.base import Analysis, Token
from kronika.lang.pl import basenames
from kronika.lang.pl import ner as ner_mod
from kronika.lang.pl import polish_stages
from kronika.lang.pl.ner import (NerModel, _batch_static_scores, _static_scores, near_index,
                                 predict_labels_greedy_batch, predict_labels_greedy_reference)

SENTENCES = [
    "Minister Anna Zielińska spotkała się we wtorek w Gdańsku z przedstawicielami Komisji Europejskiej.",
    "Tak.",
    "Ambasador Kanady w Warszawie zapowiedział, że delegacja z Ottawy przyjedzie do Krakowa w maju.",
    "„Nowy Dom” Jana Kowalskiego otwarto w Lublinie.",
]


def _sentence(text: str) -> tuple[list[str], list[list[Analysis]]]:
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:3]:  # tokenizer, sentences, morphology
        stage(doc)
    return [t.text for t in doc.tokens], [t.analyses for t in doc.tokens]


def _toy_model() -> NerModel:
    """Weights on the edges, neighbours, bigrams, runs and the history, so that every part of the batch counts."""
    weights = {
        "b": {"O": 1.0},
        "sh=Xx": {"B-persName": 1.5, "O": -0.25},
        "-1w=w": {"B-placeName": 0.5},
        "1w=się": {"O": 0.125},
        "-2sh=Xx": {"I-persName": 0.75},
        "2kn=kn": {"O": 0.5},
        "1sh=.": {"O": 0.25, "B-persName": 0.5},
        "first": {"O": 0.25},
        "-1edge": {"B-persName": 0.5},
        "-2edge": {"I-persName": -0.25},
        "1edge": {"B-placeName": 0.5},
        "2edge": {"O": -0.5},
        "bi=anna|zielińska": {"I-persName": 1.0},
        "run=2|1|0": {"I-persName": 0.5},
        "shb=Xx|Xx": {"I-persName": 0.5},
        "shn=x|Xx": {"B-placeName": 0.25},
        "q1=Xx": {"B-persName": 0.5},
        "l1=B-persName": {"I-persName": 2.0, "O": -1.0},
        "l1=^": {"O": 0.5},
    }
    return NerModel(weights, ["B-persName", "I-persName", "B-placeName", "O"])


def test_sentences_scored_together_score_as_alone():
    model = _toy_model()
    sentences = [_sentence(text) for text in SENTENCES]
    together, sids, starts = _batch_static_scores(sentences, model, model.tables())
    assert starts == list(np.cumsum([0] + [len(f) for f, _ in sentences[:-1]]))
    for (forms, readings), start in zip(sentences, starts):
        fresh = _toy_model()
        alone, alone_sids = _static_scores(forms, readings, fresh, fresh.tables())
        assert np.array_equal(together[start:start + len(forms)], alone)
        assert sids[start:start + len(forms)] == alone_sids


def test_batch_greedy_labels_are_the_reference_labels_sentence_by_sentence():
    model = _toy_model()
    sentences = [_sentence(text) for text in SENTENCES]
    sentences.insert(1, ([], []))  # an empty sentence keeps its place
    got = predict_labels_greedy_batch(sentences, model)
    assert got[1] == []
    assert got == [predict_labels_greedy_reference(f, r, model) for f, r in sentences]
    assert any(lab != "O" for labels in got for lab in labels)  # the toy weights do decide something


def test_shipped_model_batch_labels_match_the_reference():
    model = ner_mod.load_model()
    if model is None:
        pytest.skip("no NER model installed")
    sentences = [_sentence(text) for text in SENTENCES]
    assert ner_mod.predict_labels_batch(sentences, model) == [
        ner_mod.predict_labels_reference(f, r, model) for f, r in sentences]


def test_near_index_finds_each_offset_of_a_neighbour_feature():
    index = near_index(["b", "-2w=kot", "w=kot", "1w=kot", "-1sh=Xx", "2sh=Xx", "-1edge", "12w=x"])
    assert index["w=kot"] == (1, None, 3, None)
    assert index["sh=Xx"] == (None, 4, None, 5)
    assert "b" not in index and "=kot" not in index
    assert all(not f[:1].isdigit() for f in index)  # "12w=x" is no offset's feature


def _tok(text: str, lemma: str, tag: str) -> Token:
    a = Analysis(lemma, tag, ("nazwisko",))
    return Token(0, len(text), text, analyses=[a], chosen=a)


def test_remembered_base_form_candidates_need_the_same_readings():
    basenames._CANDIDATES.clear()
    tok = _tok("Nowaka", "Nowak", "subst:sg:gen:m1")
    first = basenames._remembered(tok, "person")[1]
    assert first == tuple(basenames.candidates(tok, "person"))
    assert basenames._remembered(tok, "person")[1] is first  # remembered
    other = Token(0, 6, "Nowaka", analyses=[Analysis("Nowak", "subst:sg:acc:m1", ("nazwisko",))],
                  chosen=tok.chosen)
    again = basenames._remembered(other, "person")[1]  # same text and choice, other readings: made afresh
    assert again == tuple(basenames.candidates(other, "person")) and again != first
    assert list(basenames._remembered(other, "person")[2]) == ["acc"]  # by case
