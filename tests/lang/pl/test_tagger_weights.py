"""The tagger's in-memory weight layout: an int16 matrix whose few larger weights keep their excess apart, and
shared views gathered once; the fast scorer must still choose what the reference scorer chooses."""
from __future__ import annotations

import numpy as np

from kronika.lang.base import Analysis
from kronika.lang.pl import tagger as tagger_mod
from kronika.lang.pl.tagger import DENSE_MAX, TaggerModel

FORMS = ["Stary", "zamek", "stoi", "nad", "rzeką"]
READINGS = [
    [Analysis("stary", "adj:sg:nom:m3:pos"), Analysis("stary", "adj:sg:acc:m3:pos"),
     Analysis("Stary", "subst:sg:nom:m1", ("nazwisko",))],
    [Analysis("zamek", "subst:sg:nom:m3"), Analysis("zamek", "subst:sg:acc:m3"), Analysis("zamka", "subst:pl:gen:f")],
    [Analysis("stać", "fin:sg:ter:imperf")],
    [Analysis("nad", "prep:inst"), Analysis("nad", "prep:acc")],
    [Analysis("rzeka", "subst:sg:inst:f")],
]


def _model(weights):
    return TaggerModel(weights, ["subst:sg:nom:m1"])


def test_weights_beyond_int16_are_kept_exactly():
    # 40.0 and -35.5 are 40000 and -35500 in 1/SCALE units: beyond int16
    model = _model({"b": {"Cacc": 40.0, "Psubst": 0.5}, "w+1=stoi": {"Cnom": 39.999, "Tsubst:pl:gen:f": -35.5},
                    "t-1=^": {"Cnom": 0.002}})
    assert model.dense.dtype == np.int16
    assert int(np.abs(model.dense).max()) <= DENSE_MAX
    assert sum(len(rows) for rows in model.overflow.values()) == 3
    assert TaggerModel.from_bytes(model.to_bytes()).weights == model.weights  # the file keeps the exact values
    ref = tagger_mod.tag_sentence_reference(FORMS, READINGS, model)
    assert tagger_mod.tag_sentence(FORMS, READINGS, model) == ref
    # "zamek": the accusative gets 40000 ("b"), the nominative 39999 ("w+1=stoi"): with the excess over int16
    # dropped both would score 32767 and the first (nominative) would win
    assert ref[1].tag == "subst:sg:acc:m3"


def test_lemma_weights_apply_to_every_candidate_of_their_lemma():
    # "Stary": both adjective readings share the lemma "stary" (0.5 each); only with it on both does the
    # accusative (0.5 + 0.2) beat the nominative (0.5 + 0.15) and the surname (0.1 + 0.15)
    model = _model({"w-1=stary": {"Mzamek": 2.0, "Cgen": 1.5}, "b": {"Mstary": 0.5, "Kadjacc": 0.2},
                    "w+1=zamek": {"Tsubst:sg:nom:m1": 0.1, "Cnom": 0.15}})
    ref = tagger_mod.tag_sentence_reference(FORMS, READINGS, model)
    assert tagger_mod.tag_sentence(FORMS, READINGS, model) == ref
    assert ref[0].tag == "adj:sg:acc:m3:pos" and ref[1].lemma == "zamek"


def test_ties_keep_the_first_candidate_like_the_reference():
    model = _model({"b": {"Psubst": 1.0, "Padj": 1.0}})
    fast = tagger_mod.tag_sentence(FORMS, READINGS, model)
    assert fast == tagger_mod.tag_sentence_reference(FORMS, READINGS, model)
    assert fast[0] == READINGS[0][0] and fast[3] == READINGS[3][0]


def test_forms_with_the_same_readings_but_lemmas_share_a_candidate_set():
    model = _model({"b": {"Mzamek": 1.0, "Cacc": 0.5}})
    zamek = tagger_mod._form_entry("zamek", READINGS[1], model)
    other = [Analysis("domek", "subst:sg:nom:m3"), Analysis("domek", "subst:sg:acc:m3"),
             Analysis("domka", "subst:pl:gen:f")]
    domek = tagger_mod._form_entry("domek", other, model)
    assert zamek[2] is domek[2]  # the same tags, names and labels: one set
    assert zamek[4] != domek[4]  # but each form scores its own lemmas: 1.0 for "zamek" only
    stary = tagger_mod._form_entry("Stary", READINGS[0], model)
    assert stary[2] is not zamek[2]


def test_dropped_caches_give_the_same_choices(monkeypatch):
    # candidate features ("*") and a lemma view, so every cache takes part
    model = _model({"agr-1=adj|subst|3": {"*": 2.0}, "gov+subst": {"*": 0.7}, "b": {"Mzamka": 0.4, "Cacc": 0.3},
                    "w-1=zamek": {"Tfin:sg:ter:imperf": 0.1}})
    ref = tagger_mod.tag_sentence_reference(FORMS, READINGS, model)
    monkeypatch.setattr(tagger_mod, "STAR_CACHE_SIZE", 2)  # star sums dropped every two
    monkeypatch.setattr(tagger_mod, "CACHE_SIZE", 1)  # forms and candidate sets dropped at every new set
    for _ in range(3):
        assert tagger_mod.tag_sentence(FORMS, READINGS, model) == ref
    assert len(model._sets) <= 1 and model._star_entries <= 2
