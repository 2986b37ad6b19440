"""The shipped name recogniser: checksum, names in hand-written sentences, span decoding, the stage."""
from __future__ import annotations

import hashlib
import json
import pickle
from pathlib import Path

import pytest

from kronika.ingest.document import Document
from kronika.lang.pl import ner as ner_mod
from kronika.lang.pl import ner_viterbi as viterbi_mod
from kronika.lang.pl import polish_stages
from kronika.lang.pl.ner import NamedEntities, NerModel, load_model, model_path, predict_labels, spans_from_labels

MODELS = Path(ner_mod.__file__).parent / "models"
needs_model = pytest.mark.skipif(load_model() is None, reason="no NER model shipped")


def _names(text: str) -> set[tuple[str, str, str]]:
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:5]:
        stage(doc)
    return {(s.type, s.text, s.base_form) for s in doc.spans["ner"]}


@needs_model
def test_shipped_model_matches_its_manifest():
    manifest = json.loads((MODELS / "MANIFEST.json").read_text("utf-8"))["models"]["ner"]
    assert hashlib.sha256(model_path().read_bytes()).hexdigest() == manifest["sha256"]
    assert len(manifest["training_sha256"]) == 64
    assert manifest["seed"] == load_model().meta["seed"]


@needs_model
def test_people_and_cities_with_base_forms():
    names = _names("Emmanuel Macron przyjechał w poniedziałek do Warszawy, gdzie spotkał się z Donaldem Tuskiem.")
    assert ("persName", "Emmanuel Macron", "Emmanuel Macron") in names
    assert ("persName_surname", "Macron", "Macron") in names
    assert ("placeName_settlement", "Warszawy", "Warszawa") in names
    assert ("persName", "Donaldem Tuskiem", "Donald Tusk") in names


@needs_model
def test_organisations_and_foreign_names():
    names = _names("Wołodymyr Zełenski rozmawiał z przedstawicielami Komisji Europejskiej w Brukseli.")
    assert ("persName", "Wołodymyr Zełenski", "Wołodymyr Zełenski") in names
    assert ("orgName", "Komisji Europejskiej", "Komisja Europejska") in names
    assert ("placeName_settlement", "Brukseli", "Bruksela") in names
    names = _names("Sekretarz generalny NATO Mark Rutte odwiedził Kijów.")
    assert ("orgName", "NATO", "NATO") in names
    assert ("persName", "Mark Rutte", "Mark Rutte") in names


@needs_model
def test_common_words_are_not_names():
    assert _names("Wczoraj w nocy padał deszcz, a rano było zimno.") == set()


@needs_model
def test_dates_are_left_to_the_time_layer():
    doc = Document(text="Szczyt odbył się 12 lipca 2024 roku w Waszyngtonie.", source="test")
    for stage in polish_stages()[:5]:
        stage(doc)
    assert all(s.type not in ("date", "time") for s in doc.spans["ner"])
    labels = predict_labels([t.text for t in doc.tokens], [t.analyses for t in doc.tokens], load_model())
    assert any("date" in lab for lab in labels)  # the model itself knows dates (for PolEval)


def test_spans_from_nested_labels():
    labels = ["O", "B-persName#B-persName-forename", "I-persName#B-persName-surname", "O",
              "B-orgName", "I-orgName#B-placeName-settlement", "O"]
    assert spans_from_labels(labels) == [
        ("persName", 1, 3), ("persName_forename", 1, 2), ("persName_surname", 2, 3),
        ("orgName", 4, 6), ("placeName_settlement", 5, 6)]


def test_an_orphan_inside_tag_starts_a_span():
    assert spans_from_labels(["O", "I-geogName", "I-geogName", "B-geogName"]) == [("geogName", 1, 3), ("geogName", 3, 4)]
    assert spans_from_labels(["O", "O"]) == []


def test_without_a_model_the_layer_is_empty(monkeypatch):
    monkeypatch.setattr(ner_mod, "load_model", lambda path=None: None)
    doc = Document(text="Macron przyjechał do Berlina.", source="test")
    for stage in polish_stages()[:4]:
        stage(doc)
    NamedEntities()(doc)
    assert doc.spans["ner"] == []


def test_stage_pickles_small():
    blob = pickle.dumps(NamedEntities())
    assert len(blob) < 200 and isinstance(pickle.loads(blob), NamedEntities)


def test_model_round_trips():
    m = NerModel({"b": {"O": 1.0}}, ["O"], {"seed": 1})
    again = NerModel.from_bytes(m.to_bytes())
    assert again.weights == m.weights and again.labels == ["O"] and again.meta == {"seed": 1}


# --- the fast decoder against the slow reference -----------------------------------------------------------------

OWN_SENTENCES = [
    "Sekretarz stanu USA Antony Blinken przyleciał w środę do Kijowa na rozmowy z Wołodymyrem Zełenskim.",
    "Izraelskie lotnictwo zaatakowało w nocy cele Hezbollahu w południowym Libanie.",
    "Rada Unii Europejskiej zatwierdziła 24 czerwca kolejny pakiet sankcji wobec Rosji.",
    "Prezydent Brazylii Luiz Inácio Lula da Silva przyjął w Brasílii delegację Banku Światowego.",
    "Na Morzu Czerwonym rebelianci Huti znów ostrzelali statek płynący do Kanału Sueskiego.",
]


@needs_model
@pytest.mark.parametrize("text", OWN_SENTENCES)
def test_fast_decoder_gives_the_reference_labels(text):
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:3]:
        stage(doc)
    forms, readings = [t.text for t in doc.tokens], [t.analyses for t in doc.tokens]
    model = load_model()
    fast = predict_labels(forms, readings, model)
    assert fast == ner_mod.predict_labels_reference(forms, readings, model)
    assert any(lab != "O" for lab in fast)


def test_fast_decoder_on_a_hand_made_model_uses_history_and_shape_tables():
    weights = {
        "b": {"O": 1.0, "B-persName": 0.0, "I-persName": 0.0},
        "sh=Xx": {"B-persName": 1.5},
        "l1=B-persName": {"I-persName": 2.0, "O": -0.5},
        "l12=^|B-persName": {"I-persName": 0.25},
        "l1sh=B-persName|Xx": {"I-persName": 0.5},
        "-1w=pan": {"B-persName": 1.0},
    }
    model = NerModel(weights, ["B-persName", "I-persName", "O"])
    forms = ["Jan", "Kowalski", "i", "pan", "Nowak"]
    readings = [[] for _ in forms]
    ref = ner_mod.predict_labels_reference(forms, readings, model)
    assert predict_labels(forms, readings, model) == ref
    assert ref[:2] == ["B-persName", "I-persName"]


@needs_model
@pytest.mark.parametrize("text", OWN_SENTENCES[:3])
def test_fast_viterbi_gives_the_reference_labels(text):
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:3]:
        stage(doc)
    forms, readings = [t.text for t in doc.tokens], [t.analyses for t in doc.tokens]
    model = load_model()
    fast = viterbi_mod.predict_labels_viterbi(forms, readings, model)
    assert fast == viterbi_mod.predict_labels_viterbi_reference(forms, readings, model)
    assert any(lab != "O" for lab in fast)


def test_viterbi_finds_the_path_greedy_misses():
    # "Jan" alone looks like O (bias), but "Jan Kowalski" as a name scores higher over the two tokens:
    # greedy commits to O at "Jan", Viterbi does not
    weights = {
        "b": {"O": 1.0},
        "w=jan": {"B-persName": 0.5},
        "l1=B-persName": {"I-persName": 3.0},
        "sh=Xx": {"I-persName": 0.25},
    }
    model = NerModel(weights, ["B-persName", "I-persName", "O"], {"decoder": "viterbi"})
    forms, readings = ["Jan", "Kowalski"], [[], []]
    assert ner_mod.predict_labels_greedy(forms, readings, model) == ["O", "O"]
    best = viterbi_mod.predict_labels_viterbi_reference(forms, readings, model)
    assert best == ["B-persName", "I-persName"]
    assert predict_labels(forms, readings, model) == best  # the model's meta selects Viterbi


def test_viterbi_on_random_models_equals_the_reference():
    import random as _random

    labels = ["B-orgName", "B-persName", "I-orgName", "I-persName", "O"]
    forms = ["Rada", "Unii", "i", "Jan", "Nowak", "w", "Paryżu"]
    feats = ["b", "sh=Xx", "sh=x", "w=rada", "w=jan", "-1w=jan", "1w=i", "first", "-1edge"]
    feats += [f"l1={p}" for p in ["^"] + labels] + [f"l12={a}|{b}" for a in ["^"] + labels for b in ["^"] + labels]
    feats += [f"l1sh={p}|Xx" for p in ["^"] + labels]
    rng = _random.Random(7)
    for _ in range(20):
        weights = {f: {lab: rng.randint(-3, 3) / 2 for lab in labels if rng.random() < 0.6} for f in feats}
        model = NerModel(weights, labels, {"decoder": "viterbi"})
        readings = [[] for _ in forms]
        assert viterbi_mod.predict_labels_viterbi(forms, readings, model) == \
            viterbi_mod.predict_labels_viterbi_reference(forms, readings, model)
