"""The recogniser's features beyond a word and its neighbours (the gazetteer of training names, quotation marks,
shape pairs, capitalised words by place, base-form endings, runs of capitalised words), their fast path, the
first-order Viterbi decoder, and how training splits and folds the corpus."""
from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kronika.lang.base import Analysis
from kronika.lang.pl import ner as ner_mod
from kronika.lang.pl import ner_viterbi as viterbi_mod
from kronika.lang.pl.ner import (
    Gazetteer,
    NerModel,
    _static_scores,
    context_features,
    model_sentence_features,
    name_lemma_suffixes,
    predict_labels,
    proper_genders,
    quote_places,
    run_features,
    sentence_features,
)
from kronika.lang.pl.training import _jackknife_gazetteer, gazetteer_fold, train_ner
from tests.lang.pl.test_training import IOB_SENTENCE


def _subst(lemma: str, tag: str = "subst:sg:nom:f", names: tuple[str, ...] = ()) -> Analysis:
    return Analysis(lemma, tag, names=names)


def _sentence(words: str) -> tuple[list[str], list[list[Analysis]]]:
    """Words whose one reading has the word itself as lemma (no Morfeusz needed)."""
    forms = words.split()
    return forms, [[_subst(f)] for f in forms]


# --- the gazetteer -----------------------------------------------------------------------------------------------


def _learnt() -> Gazetteer:
    forms, readings = _sentence("Bank Ziemi Lubuskiej otworzył oddział w Zielonej Górze")
    labels = ["B-orgName", "I-orgName", "I-orgName", "O", "O", "O", "B-placeName-settlement",
              "I-placeName-settlement"]
    forms2, readings2 = _sentence("Bank rośnie")
    return Gazetteer.learn([(forms, readings, labels), (forms2, readings2, ["B-orgName", "O"])])


def test_the_gazetteer_learns_names_with_their_types_and_finds_the_longest():
    gaz = _learnt()
    assert gaz.entries[("bank", "ziemi", "lubuskiej")] == ("orgName",)
    assert gaz.entries[("zielonej", "górze")] == ("placeName_settlement",)
    keys = "bank ziemi lubuskiej i bank".split()
    assert gaz.matches(keys) == [(0, 3, ("orgName",)), (4, 1, ("orgName",))]  # not the shorter "bank" at 0
    feats = gaz.features(keys)
    assert feats[0] == ["gz=B|orgName"] and feats[1] == feats[2] == ["gz=I|orgName"]
    assert feats[3] == [] and feats[4] == ["gz=B|orgName"]
    assert gaz.matches("ziemi lubuskiej".split()) == []  # a name is found from its first word only


def test_the_gazetteer_and_a_model_keep_it_through_their_files():
    gaz = _learnt()
    again = Gazetteer.from_lines(gaz.lines())
    assert again.entries == gaz.entries and again.lengths == gaz.lengths
    model = NerModel({"b": {"O": 1.0}}, ["O"], {"seed": 1}, gazetteer=gaz.lines())
    loaded = NerModel.from_bytes(model.to_bytes())
    assert loaded.gazetteer.entries == gaz.entries
    assert NerModel.from_bytes(NerModel({"b": {"O": 1.0}}, ["O"]).to_bytes()).gazetteer is None


def test_training_sentences_see_only_the_names_of_other_folds():
    f_a, r_a = _sentence("Bank Alfa rośnie")
    f_b, r_b = _sentence("Bank Beta rośnie")
    f_c, r_c = _sentence("Bank Alfa i Bank Beta")
    lab = ["B-orgName", "I-orgName", "O"]
    sents = [(f_a, r_a, lab), (f_b, r_b, lab), (f_c, r_c, ["B-orgName", "I-orgName", "O", "B-orgName", "I-orgName"])]
    got = _jackknife_gazetteer(sents, [0, 1, 0])
    assert got[0][0] == []  # Bank Alfa is named in its own fold only
    assert got[1][0] == ["gz=B|orgName"]  # Bank Beta is also named in the other fold
    assert got[2][0] == [] and got[2][3] == ["gz=B|orgName"]


def test_documents_keep_their_fold():
    folds = [gazetteer_fold(("nkjp.iob", f"doc{k}")) for k in range(100)]
    assert folds == [gazetteer_fold(("nkjp.iob", f"doc{k}")) for k in range(100)]
    assert set(folds) == {0, 1, 2, 3, 4}


# --- sentence features -------------------------------------------------------------------------------------------


def test_quote_places_mark_the_words_inside_quotation_marks():
    assert quote_places(["czyta", '"', "Gazetę", "Polską", '"', "i", "„", "Fakt", "”"]) == \
        [None, None, "q1", "q", None, None, None, "q1", None]


def test_sentence_features_give_quotes_shape_pairs_and_capitalised_places():
    forms = ["Czytał", '"', "Nowy", "Świat", '"', "."]
    readings = [[_subst("czytać", "praet:sg:m1:imperf")], [_subst('"', "interp")],
                [_subst("nowy", "adj:sg:nom:m3:pos")], [_subst("świat", names=("nazwa_geograficzna",))],
                [_subst('"', "interp")], [_subst(".", "interp")]]
    got = sentence_features(forms, readings)
    assert "q1=Xx" in got[2] and "q=Xx" in got[3]
    assert "shb=^|Xx" in got[0] and "shn=Xx|$" not in got[0] and "shn=.|$" in got[5]
    assert "knp=kn|first" in got[0] and "knp=kn|start" in got[2]
    assert "ncp=nazwa_geograficzna|after" in got[3] and "knp=kn|after" in got[3]
    gz = [[], [], ["gz=B|orgName"], ["gz=I|orgName"], [], []]
    with_gaz = sentence_features(forms, readings, gz)
    assert with_gaz[2][0] == "gz=B|orgName" and with_gaz[2][1:] == got[2]


def test_a_later_word_of_a_capitalised_run_sees_the_runs_first_word_and_the_word_before():
    forms, readings = _sentence("na Uniwersytecie Thomasa Jeffersona")
    readings[1] = [_subst("uniwersytet", "subst:sg:loc:m3")]
    assert run_features(forms, readings, 1) == ["rh=uniwersytet", "rb=na"]
    feats = context_features(forms, readings, 3)
    assert "rh=uniwersytet" in feats and "rb=na" in feats
    assert not any(f.startswith("rh=") for f in context_features(forms, readings, 1))  # the run's first word


def test_name_readings_give_base_form_endings_genders_and_numbers():
    readings = [_subst("Katowice", "subst:pl:loc:n", ("nazwa_geograficzna",)),
                _subst("katowicki", "adj:pl:loc:n:pos")]
    assert name_lemma_suffixes(readings) == ["ls3=ice", "ls4=wice"]
    assert proper_genders(readings) == ["ng=nazwa_geograficzna|n|pl"]
    assert name_lemma_suffixes([_subst("dom", "subst:sg:nom:m3", ("nazwa_pospolita",))]) == []


# --- the fast path -----------------------------------------------------------------------------------------------


def _feature_model() -> NerModel:
    weights = {
        "b": {"O": 1.0},
        "sh=Xx": {"B-orgName": 0.5},
        "gz=B|orgName": {"B-orgName": 2.0, "O": -0.5},
        "gz=I|orgName": {"I-orgName": 1.5},
        "gz=B|placeName_settlement": {"B-placeName": 1.25},
        "q1=Xx": {"B-orgName": 0.75},
        "q=Xx": {"I-orgName": 0.25},
        "shb=x|Xx": {"B-orgName": 0.5},
        "shb=^|Xx": {"O": 0.125},
        "shn=Xx|Xx": {"B-orgName": 0.375},
        "shn=x|$": {"O": 0.25},
        "ncp=nazwa_geograficzna|after": {"I-orgName": 0.5},
        "knp=kn|start": {"B-orgName": 0.25},
        "rh=bank": {"I-orgName": 1.0},
        "rb=w": {"B-placeName": 0.5},
    }
    return NerModel(weights, ["B-orgName", "I-orgName", "B-placeName", "O"], gazetteer=_learnt().lines())


def plain_scores(forms, readings, model: NerModel) -> np.ndarray:
    """Every token's label scores summed feature by feature (`context_features` with the sentence features)."""
    extra = model_sentence_features(forms, readings, model)
    out = np.zeros((len(forms), len(model.labels)), dtype=np.int64)
    for i in range(len(forms)):
        for f in context_features(forms, readings, i, extra):
            r = model.index.get(f)
            if r is not None:
                out[i] += model.matrix[r]
    return out


@pytest.mark.parametrize("words", [
    'Wpłaty przyjmuje Bank Ziemi Lubuskiej w " Zielonej Górze " oraz Bank',
    "Bank Ziemi Lubuskiej",
    "w",
])
def test_the_fast_scores_are_the_feature_by_feature_scores(words):
    forms, readings = _sentence(words)
    model = _feature_model()
    for _ in range(2):  # the second time from the remembered per-form information
        static, _ = _static_scores(forms, readings, model, model.tables())
        assert np.array_equal(static, plain_scores(forms, readings, model))
    assert predict_labels(forms, readings, model) == ner_mod.predict_labels_reference(forms, readings, model)


def test_the_gazetteer_moves_a_decision():
    forms, readings = _sentence("mieszka w zielonej górze")  # keys are lower-case lemmas: found
    model = _feature_model()
    assert predict_labels(forms, readings, model)[2] == "B-placeName"
    plain = NerModel(model.weights, model.labels)  # the same weights without the gazetteer
    assert predict_labels(forms, readings, plain)[2] == "O"


# --- the first-order Viterbi decoder -----------------------------------------------------------------------------


def _path_score(forms, readings, model, labels) -> int:
    from kronika.lang.pl.features import shape

    total = 0
    for i, lab in enumerate(labels):
        feats = ner_mod.context_features(forms, readings, i)
        feats += ner_mod.history_features(labels[i - 1] if i else "^", labels[i - 2] if i > 1 else "^",
                                          shape(forms[i]))
        total += sum(round(model.weights.get(f, {}).get(lab, 0) * 1000) for f in feats)
    return total


def test_first_order_viterbi_on_random_models_equals_the_reference():
    import random as _random

    labels = ["B-orgName", "B-persName", "I-orgName", "I-persName", "O"]
    forms = ["Rada", "Unii", "i", "Jan", "Nowak", "w", "Paryżu", "."]
    readings = [[] for _ in forms]
    feats = ["b", "sh=Xx", "sh=x", "w=rada", "w=jan", "-1w=jan", "1w=i", "first", "-1edge"]
    feats += [f"l1={p}" for p in ["^"] + labels] + [f"l1sh={p}|Xx" for p in ["^"] + labels]
    rng = _random.Random(11)
    for _ in range(40):
        # small integer weights: many ties, which both decoders must break the same way
        weights = {f: {lab: rng.randint(-2, 2) for lab in labels if rng.random() < 0.6} for f in feats}
        model = NerModel(weights, labels, {"decoder": "viterbi", "order": 1})
        ref = viterbi_mod.predict_labels_viterbi_reference(forms, readings, model)
        assert predict_labels(forms, readings, model) == ref
        # the same weights read by the second-order reference: a path of the same (best) score
        second = NerModel(weights, labels, {"decoder": "viterbi", "order": 2})
        best2 = viterbi_mod.predict_labels_viterbi_reference(forms, readings, second)
        assert _path_score(forms, readings, second, ref) == _path_score(forms, readings, second, best2)


# --- training ----------------------------------------------------------------------------------------------------

IOB_DOC = "-DOCSTART FILE {doc}\n" + IOB_SENTENCE  # one document of one sentence (test_training's)


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    iob = tmp_path / "docs.iob"
    iob.write_text("-DOCSTART CONFIG FEATURES orth base ctag\n" + "".join(IOB_DOC.format(doc=f"d{k}")
                                                                       for k in range(20)), "utf-8")
    return iob


def test_training_holds_out_whole_documents_and_keeps_a_gazetteer(corpus, tmp_path):
    lines = list(train_ner([corpus], output=tmp_path / "m.bin", seed=3, epochs=2, min_count=1))
    assert lines[0].startswith("gazetteer:")
    assert "18 training sentences, 2 held out" in lines[1]  # documents 0 and 10 of 20
    model = ner_mod.load_model(tmp_path / "m.bin")
    assert model.meta["held_out"] == "every 10th document"
    assert model.gazetteer.entries[("bruksela",)] == ("placeName_settlement",)
    assert model.meta["gazetteer_names"] == len(model.gazetteer.entries)


def test_a_first_order_structured_model_is_trained_and_decoded(corpus, tmp_path):
    out = tmp_path / "v.bin"
    lines = list(train_ner([corpus], output=out, seed=3, epochs=2, min_count=1, decoder="viterbi", order=1))
    model = ner_mod.load_model(out)
    assert model.meta["order"] == 1 and model.meta["decoder"] == "viterbi"
    assert not any(f.startswith("l12=") for f in model.features)
    assert float(lines[-1].rsplit(" ", 1)[1]) > 0.5
    forms, readings = _sentence("Donald Tusk pojechał do Brukseli .")
    assert predict_labels(forms, readings, model) == ner_mod.predict_labels_reference(forms, readings, model)
