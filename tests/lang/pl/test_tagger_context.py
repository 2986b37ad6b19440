"""The tagger's sentence-level context: the clause's verb and subject, the governing preposition, the first
possible verb and noun to the right, and the fast scorer's agreement with the reference on features using them."""
from __future__ import annotations

from kronika.lang.base import Analysis
from kronika.lang.pl import tagger as tagger_mod
from kronika.lang.pl.features import static_token_features
from kronika.lang.pl.tagger import (LeftContext, TaggerModel, candidate_features, right_nouns, right_verbs,
                                    verb_features, verb_reading)


def _ctx(*readings: tuple[str, str]) -> LeftContext:
    left = LeftContext()
    for lemma, tag in readings:
        left.update(Analysis(lemma, tag))
    return left


def test_left_context_remembers_verb_subject_and_negation_until_a_new_clause():
    left = _ctx(("minister", "subst:sg:nom:m1"), ("nie", "part"), ("podpisać", "praet:sg:m1:perf"))
    feats = left.features()
    assert "subj=sgm1" in feats and "vl=podpisać" in feats and "vs=praetNn" in feats
    assert left.verb_key == ("praet:sg:m1:perf", False)
    left.update(Analysis(",", "interp"))
    assert left.verb_key == ("praet:sg:m1:perf", True)  # a comma does not end the clause, it is remembered
    left.update(Analysis("że", "comp"))
    assert left.verb_key is None
    assert "vs=--" in left.features() and not any(f.startswith("vl=") for f in left.features())


def test_agreement_reads_the_finite_verb_before_an_infinitive_until_a_new_clause():
    # "zaczęły się wychylać [postaci]": the subject agrees with "zaczęły", not with the infinitive
    left = _ctx(("zacząć", "praet:pl:f:perf"), ("się", "qub"), ("wychylać", "inf:imperf"))
    assert "vl=wychylać" in left.features()
    assert left.verb_key == ("praet:pl:f:perf", False)
    assert verb_features("subst:pl:nom:f", left.verb_key) == ["va=subst|nom|ng"]
    left.update(Analysis("który", "adj:sg:nom:m1:pos"))
    assert left.verb_key is None
    left.update(Analysis("mieć", "inf:imperf"))  # a clause with an infinitive only: that verb
    assert left.verb_key == ("inf:imperf", False)


def test_left_context_keeps_the_preposition_over_adjectives_until_the_noun():
    left = _ctx(("w", "prep:loc:nwok"), ("ten", "adj:sg:loc:m3:pos"), ("nowy", "adj:sg:loc:m3:pos"))
    assert "pc=loc" in left.features() and "lc=adjloc" in left.features()
    left.update(Analysis("dom", "subst:sg:loc:m3"))
    assert not any(f.startswith("pc=") for f in left.features())


def test_coordination_feature_carries_the_case_before_the_conjunction():
    left = _ctx(("skorupka", "subst:sg:acc:f"), ("i", "conj"))
    assert "co=i|substacc" in left.features()


def test_verb_agreement_feature_tells_a_possible_subject_from_an_object():
    verb = ("praet:sg:f:perf", False)
    assert verb_features("subst:sg:nom:f", verb) == ["va=subst|nom|ng"]
    assert verb_features("subst:sg:nom:m3", verb) == ["va=subst|nom|n-"]
    assert verb_features("subst:sg:acc:m3", ("fin:sg:ter:imperf", True)) == ["va=subst|acc|n?,"]
    assert verb_features("adv:pos", verb) == [] and verb_features("subst:sg:nom:f", None) == []


def test_right_verbs_and_nouns_look_past_adjectives_but_not_past_a_clause_boundary():
    sentence = [("Nowy", [Analysis("nowy", "adj:sg:nom:m3:pos")]),
                ("dom", [Analysis("dom", "subst:sg:nom:m3"), Analysis("dom", "subst:sg:acc:m3")]),
                ("stoi", [Analysis("stać", "fin:sg:ter:imperf")]),
                (",", [Analysis(",", "interp")]),
                ("a", [Analysis("a", "conj")]),
                ("ogród", [Analysis("ogród", "subst:sg:nom:m3")])]
    info = [verb_reading(f, r) for f, r in sentence]
    verbs, nouns = right_verbs(info), right_nouns(info)
    assert verbs[0] == verbs[1] == ("stać", (("sg", ""),))
    assert verbs[2] is None and verbs[4] is None  # nothing after "stoi" in its clause; none after the comma
    assert nouns[0] == (("sg", "acc", "m3"), ("sg", "nom", "m3"))
    assert nouns[1] is None  # a verb stands between "dom" and "ogród"
    feats = candidate_features(Analysis("nowy", "adj:sg:nom:m3:pos"), None, sentence[1][1], None, verbs[0], nouns[0])
    assert "rva=adj|nom|3" in feats and "rna=adj|3" in feats


def test_static_features_include_the_case_ambiguity_class():
    feats = static_token_features("dom", [Analysis("dom", "subst:sg:nom:m3"), Analysis("dom", "subst:sg:acc:m3")])
    assert "cs=acc|nom" in feats


def test_fast_scorer_matches_the_reference_on_sentence_context_features():
    # weights on every new kind of feature: clause verb lemma and state, preposition, verb agreement ("*"),
    # right verb and right noun agreement ("*")
    weights = {
        "vl=widzieć": {"Cacc": 2.0},
        "vs=finN-": {"Cnom": -1.0},
        "pc=loc": {"Cloc": 1.5},
        "va=subst|acc|n?": {"*": 0.5},
        "rva=subst|nom|3": {"*": 1.0},
        "rna=adj|3": {"*": 0.75},
        "rv=lecieć": {"Cnom": 0.25},
    }
    model = TaggerModel(weights, ["subst:sg:nom:m3"])
    forms = ["Ptak", "widzi", "mały", "dom", "i", "duży", "samolot", "leci"]
    readings = [
        [Analysis("ptak", "subst:sg:nom:m2")],
        [Analysis("widzieć", "fin:sg:ter:imperf")],
        [Analysis("mały", "adj:sg:nom:m3:pos"), Analysis("mały", "adj:sg:acc:m3:pos")],
        [Analysis("dom", "subst:sg:nom:m3"), Analysis("dom", "subst:sg:acc:m3")],
        [Analysis("i", "conj")],
        [Analysis("duży", "adj:sg:nom:m3:pos"), Analysis("duży", "adj:sg:acc:m3:pos")],
        [Analysis("samolot", "subst:sg:nom:m3"), Analysis("samolot", "subst:sg:acc:m3")],
        [Analysis("lecieć", "fin:sg:ter:imperf")],
    ]
    ref = tagger_mod.tag_sentence_reference(forms, readings, model)
    assert tagger_mod.tag_sentence(forms, readings, model) == ref
    assert ref[3].tag == "subst:sg:acc:m3"  # the object of "widzi"


def test_a_number_in_digits_may_take_the_inflected_readings_the_model_learned_for_digits():
    model = TaggerModel({"b": {"Pdig": 0.5}}, digit_tags=["adj:sg:gen:m3:pos", "num:pl:acc:m3:rec"])
    model = TaggerModel.from_bytes(model.to_bytes())  # the tags are kept in the file
    cands = tagger_mod.candidates("10", [Analysis("10", "dig")], model)
    assert [c.tag for c in cands] == ["dig", "adj:sg:gen:m3:pos", "num:pl:acc:m3:rec"]
    assert {c.lemma for c in cands} == {"10"}
    # a date or an ordinal keeps its single reading, and so does every number for a model without digit tags
    assert len(tagger_mod.candidates("10.05.2024", [Analysis("10.05.2024", "dig", (), ("date",))], model)) == 1
    assert len(tagger_mod.candidates("10", [Analysis("10", "dig")], TaggerModel({"b": {"Pdig": 0.5}}))) == 1
