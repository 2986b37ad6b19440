"""The speed-ups of the language layer give exactly what the plain computations give: per-form score vectors of
the name recogniser (also when forms lose their slots), remembered base forms, cached tag expansion, and the
morphology stage skipping the heuristic choice the tagger overwrites."""
from __future__ import annotations

import numpy as np
import pytest

from kronika.ingest.document import Document
from kronika.lang.base import Analysis, Token
from kronika.lang.pl import ner as ner_mod
from kronika.lang.pl import polish_stages
from kronika.lang.pl.morphology import Morphology, expand_tag
from kronika.lang.pl.ner import NerModel, _DecodeTables, _static_scores, context_features

SENTENCES = [
    "Minister Anna Zielińska spotkała się we wtorek w Gdańsku z przedstawicielami Komisji Europejskiej.",
    "Ambasador Kanady w Warszawie zapowiedział, że delegacja z Ottawy przyjedzie do Krakowa w maju.",
    "Według rzecznika Urzędu Miasta Poznania remont mostu potrwa do końca przyszłego roku.",
]


def _tokens(text: str) -> list[Token]:
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:3]:  # tokenizer, sentences, morphology
        stage(doc)
    return doc.tokens


def _plain_scores(forms, readings, model: NerModel) -> np.ndarray:
    """Every token's label scores summed feature by feature from `context_features` (the reference)."""
    out = np.zeros((len(forms), len(model.labels)), dtype=np.int64)
    for i in range(len(forms)):
        for f in context_features(forms, readings, i):
            r = model.index.get(f)
            if r is not None:
                out[i] += model.matrix[r]
    return out


def _toy_model() -> NerModel:
    weights = {
        "b": {"O": 1.0},
        "sh=Xx": {"B-persName": 1.5, "O": -0.25},
        "w=gdańsku": {"B-placeName": 2.0},
        "-1w=w": {"B-placeName": 0.5},
        "1w=się": {"O": 0.125},
        "-2sh=Xx": {"I-persName": 0.75},
        "2kn=kn": {"O": 0.5},
        "first": {"O": 0.25},
        "-1edge": {"B-persName": 0.5},
        "2edge": {"O": -0.5},
        "bi=anna|zielińska": {"I-persName": 1.0},
        "run=2|1|0": {"I-persName": 0.5},
        "s3=ską": {"B-persName": -0.75},
    }
    return NerModel(weights, ["B-persName", "I-persName", "B-placeName", "O"])


@pytest.mark.parametrize("text", SENTENCES)
def test_form_vectors_give_the_feature_by_feature_scores(text):
    toks = _tokens(text)
    forms, readings = [t.text for t in toks], [t.analyses for t in toks]
    model = _toy_model()
    static, sids = _static_scores(forms, readings, model, model.tables())
    assert np.array_equal(static, _plain_scores(forms, readings, model))
    assert static[:, 0].any()  # the toy weights do fire


def test_form_vectors_stay_exact_when_forms_lose_their_slots():
    model = _toy_model()
    tables = _DecodeTables(model)
    tables.CACHE_SIZE = 6  # fewer slots than the forms of one sentence: slots are given up and reused
    for text in SENTENCES + SENTENCES[:1]:
        toks = _tokens(text)
        forms, readings = [t.text for t in toks], [t.analyses for t in toks]
        static, _ = _static_scores(forms, readings, model, tables)
        assert np.array_equal(static, _plain_scores(forms, readings, model))
        short, _ = _static_scores(forms[:5], readings[:5], model, tables)  # fits in the slots
        assert np.array_equal(short, _plain_scores(forms[:5], readings[:5], model))
    assert len(tables.slots) <= 6


def test_a_remembered_base_form_needs_the_same_readings():
    ner_mod._BASE_FORMS.clear()
    toks = _tokens("Rozmawiałem z Markiem Nowakiem.")[2:4]
    for t in toks:
        t.chosen = t.analyses[0]
    first = ner_mod._base_form(toks, "persName")
    assert ner_mod._base_form(toks, "persName") == first  # served from memory
    # the same words with other readings (an unknown word): not the remembered base form
    other = [Token(t.start, t.end, t.text, analyses=[Analysis(t.text, "ign")], chosen=t.chosen) for t in toks]
    from kronika.lang.pl.basenames import base_form

    assert ner_mod._base_form(other, "persName") == base_form(other, "persName")
    assert ner_mod._base_form(toks, "persName") == base_form(toks, "persName")


def test_expand_tag_returns_a_fresh_list():
    tags = expand_tag("subst:sg:gen.acc:m1")
    assert tags == ["subst:sg:gen:m1", "subst:sg:acc:m1"]
    tags.append("junk")
    assert expand_tag("subst:sg:gen.acc:m1") == ["subst:sg:gen:m1", "subst:sg:acc:m1"]


def test_default_pipeline_skips_only_the_heuristic_choice_the_tagger_overwrites():
    from kronika.lang.pl.tagger import Disambiguation, load_model
    from kronika.pipeline import default_pipeline

    stages = default_pipeline().stages_for("pl")
    morph = next(s for s in stages if isinstance(s, Morphology))
    assert morph.heuristic_choice == "unless_tagged"
    assert Morphology().heuristic_choice == "always"
    if load_model() is None:
        pytest.skip("no tagger model shipped")
    text = "Premier Kanady zapowiedział w środę w Ottawie nowe sankcje wobec Rosji."
    chosen = {}
    for mode in ("always", "unless_tagged"):
        doc = Document(text=text, source="test")
        m = Morphology()
        m.heuristic_choice = mode
        for stage in polish_stages()[:2] + [m, Disambiguation()]:
            stage(doc)
        chosen[mode] = [t.chosen for t in doc.tokens]
        if mode == "unless_tagged":
            assert all(c is not None for c in chosen[mode])
    assert chosen["always"] == chosen["unless_tagged"]
