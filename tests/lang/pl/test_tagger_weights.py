"""The tagger's in-memory weight layout: an int16 matrix whose few larger weights keep their excess apart, and
shared views gathered once; the fast scorer must still choose what the reference scorer chooses."""
from __future__ import annotations


from kronika.lang.base import Analysis
from kronika.lang.pl import tagger as tagger_mod
from kronika.lang.pl import tagger_tables
from kronika.lang.pl.tagger import TaggerModel

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


def test_large_weights_are_kept_exactly():
    # 40.0 and -35.5 are 40000 and -35500 in 1/SCALE units (beyond what an int16 matrix could hold)
    model = _model({"b": {"Cacc": 40.0, "Psubst": 0.5}, "w+1=stoi": {"Cnom": 39.999, "Tsubst:pl:gen:f": -35.5},
                    "t-1=^": {"Cnom": 0.002}})
    assert sorted(model.view_weights.tolist()) == [-35500, 2, 500, 39999, 40000]
    assert TaggerModel.from_bytes(model.to_bytes()).weights == model.weights  # the file keeps the exact values
    ref = tagger_mod.tag_sentence_reference(FORMS, READINGS, model)
    assert tagger_mod.tag_sentence(FORMS, READINGS, model) == ref
    # "zamek": the accusative gets 40000 ("b"), the nominative 39999 ("w+1=stoi"): with weights clipped to 32767
    # both would tie and the first (nominative) would win
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


def test_forms_with_the_same_tags_share_their_numbering_but_score_their_own_lemmas():
    model = _model({"b": {"Mzamka": 2.0, "Cacc": 0.5}})
    store = model.store()
    assert tagger_mod.tag_sentence(["zamek"], [READINGS[1]], model)[0].lemma == "zamka"  # the lemma's 2.0 wins
    numbered = (len(store.sets), len(store.view_sets), len(store.tags))
    other = [Analysis("domek", "subst:sg:nom:m3"), Analysis("domek", "subst:sg:acc:m3"),
             Analysis("domka", "subst:pl:gen:f")]
    assert tagger_mod.tag_sentence(["domek"], [other], model)[0].tag == "subst:sg:acc:m3"  # no lemma weight here
    assert (len(store.sets), len(store.view_sets), len(store.tags)) == numbered  # the same tags: nothing new
    assert len(store.form_slots) == 2


def test_a_store_started_afresh_gives_the_same_choices(monkeypatch):
    # candidate features ("*") and a lemma view, so every table takes part
    model = _model({"agr-1=adj|subst|3": {"*": 2.0}, "gov+subst": {"*": 0.7}, "b": {"Mzamka": 0.4, "Cacc": 0.3},
                    "w-1=zamek": {"Tfin:sg:ter:imperf": 0.1}})
    ref = tagger_mod.tag_sentence_reference(FORMS, READINGS, model)
    monkeypatch.setattr(tagger_tables, "FORM_LIMIT", 1)  # every call starts with an empty store
    for _ in range(3):
        assert tagger_mod.tag_sentence(FORMS, READINGS, model) == ref
        assert len(model.store().form_slots) == len(FORMS)


def test_new_weights_make_new_tables():
    model = _model({"b": {"Cnom": 1.0}})
    assert tagger_mod.tag_sentence(FORMS, READINGS, model)[1].tag == "subst:sg:nom:m3"
    model.weights = {"b": {"Cacc": 1.0}}  # what the trainer does between epochs
    assert tagger_mod.tag_sentence(FORMS, READINGS, model)[1].tag == "subst:sg:acc:m3"
