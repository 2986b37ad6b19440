"""Morphology: Morfeusz readings, the DAG rules, the cache, the stage and the first-pass choice."""
from __future__ import annotations

import pickle

import pytest

from kronika.ingest.document import Document
from kronika.lang.base import Analysis
from kronika.lang.pl import polish_stages
from kronika.lang.pl.disambiguation import choose
from kronika.lang.pl.morphology import (
    Morphology,
    analyse,
    clean_lemma,
    expand_tag,
    readings_from_dag,
)


def readings(form: str) -> list[Analysis]:
    return list(analyse(form))


def process(text: str) -> Document:
    doc = Document(text=text, source="test")
    for stage in polish_stages():
        stage(doc)
    return doc


def token(doc: Document, text: str, nth: int = 0):
    return [t for t in doc.tokens if t.text == text][nth]


def test_korea_polnocna_in_the_accusative() -> None:
    doc = process("Waszyngton oskarżył Koreę Północną o dostawy broni.")
    korea, polnocna = token(doc, "Koreę"), token(doc, "Północną")
    assert any(r.lemma == "Korea" and "acc" in r.features for r in korea.analyses)
    assert any(r.lemma == "północny" and "acc" in r.features for r in polnocna.analyses)
    assert korea.chosen.lemma == "Korea" and korea.chosen.tag == "subst:sg:acc:f"
    assert "nazwa_geograficzna" in korea.chosen.names
    assert polnocna.chosen.lemma == "północny" and polnocna.chosen.tag == "adj:sg:acc:f:pos"


def test_wymienili_is_a_plural_masculine_personal_past_form() -> None:
    (reading,) = readings("wymienili")
    assert reading.lemma == "wymienić" and reading.tag == "praet:pl:m1:perf"
    assert reading.pos == "praet" and reading.features[:2] == ("pl", "m1")


def test_putina_has_the_surname_reading() -> None:
    putin = [r for r in readings("Putina") if r.lemma == "Putin"]
    assert putin and all("nazwisko" in r.names for r in putin)
    assert {r.tag for r in putin} == {"subst:sg:gen:m1", "subst:sg:acc:m1"}  # Morfeusz's gen.acc, expanded


@pytest.mark.parametrize("form", ["Szojgu", "Dzong", "Kimem"])
def test_unknown_capitalised_words_are_proper_noun_candidates(form: str) -> None:
    assert readings(form) == [Analysis(lemma=form, tag="ign", labels=("proper_candidate",))]


def test_unknown_lowercase_word_is_ign_without_the_label() -> None:
    (reading,) = readings("szmergielowatość")
    assert reading.pos == "ign" and reading.lemma == "szmergielowatość" and reading.labels == ()


def test_the_cache_returns_the_same_object_for_the_same_form() -> None:
    first = analyse("Pjongjangu")
    assert analyse("Pjongjangu") is first
    assert isinstance(first, tuple)  # immutable: tokens get their own list of the shared readings


def test_tokens_do_not_share_a_mutable_list() -> None:
    doc = process("Moskwa i Moskwa.")
    a, b = token(doc, "Moskwa", 0), token(doc, "Moskwa", 1)
    assert a.analyses == b.analyses and a.analyses is not b.analyses


def test_agglutinate_is_folded_into_the_verb() -> None:
    rs = readings("zrobiłbym")
    assert rs and all(r.lemma == "zrobić" and r.pos == "praet" for r in rs)
    assert all("by" in r.labels and "aglt:sg:pri" in r.labels for r in rs)
    assert {r.features[1] for r in rs} == {"m1", "m2", "m3"}


def test_agglutinative_and_whole_word_paths_are_both_kept() -> None:
    rs = readings("Miałem")
    assert any(r.lemma == "mieć" and r.pos == "praet" and "aglt:sg:pri" in r.labels for r in rs)
    assert any(r.lemma == "miał" and r.tag == "subst:sg:inst:m3" for r in rs)
    doc = process("Miałem rację, powiedział premier.")
    assert token(doc, "Miałem").chosen.lemma == "mieć"


def test_ordinal_reading() -> None:
    assert readings("78.") == [Analysis(lemma="78", tag="dig", labels=("ordinal",))]


@pytest.mark.parametrize(
    "form, label", [("18.08.2023", "date"), ("2023-08-15", "date"), ("17:46", "time"), ("2,5", None)]
)
def test_number_readings(form: str, label: str | None) -> None:
    (reading,) = readings(form)
    assert reading.tag == "dig" and reading.lemma == form
    assert reading.labels == ((label,) if label else ())


@pytest.mark.parametrize(
    "form, lemma",
    [("tzw.", "tak zwany"), ("m.in.", "między innymi"), ("ws.", "w sprawie"), ("im.", "imienia"), ("dr.", "doktor")],
)
def test_abbreviation_with_its_dot_reads_as_brev(form: str, lemma: str) -> None:
    rs = readings(form)
    assert rs and all(r.pos == "brev" for r in rs)
    assert lemma in {r.lemma for r in rs}


def test_abbreviation_choice_follows_the_listed_expansion() -> None:
    doc = process("Wojna trwa od 2022 r. bez przerwy.")
    assert token(doc, "r.").chosen.lemma == "rok"


def test_hyphenated_compound_takes_the_head_reading() -> None:
    rs = readings("Północno-Wschodniej")
    assert {r.lemma for r in rs} == {"północno-wschodni"}
    assert "adj:sg:gen:f:pos" in {r.tag for r in rs}
    assert {r.lemma for r in readings("polsko-ukraiński")} == {"polsko-ukraiński"}


def test_compound_with_an_unknown_part_is_ign() -> None:
    assert readings("F-16") == [Analysis(lemma="F-16", tag="ign", labels=("proper_candidate",))]
    assert readings("Al-Kaida")[0].pos == "ign"


def test_homonym_suffix_is_stripped_and_kept_as_a_label() -> None:
    rs = readings("zamek")
    assert {r.lemma for r in rs} == {"zamek"}
    assert {lab for r in rs for lab in r.labels if lab.startswith("hom:")} == {"hom:Sm3~a", "hom:Sm3~u"}
    assert clean_lemma("Polak:Sm1~cy") == ("Polak", "Sm1~cy")
    assert clean_lemma("między_innymi") == ("między innymi", None)
    assert clean_lemma(":") == (":", None)


def test_qualifiers_are_split() -> None:
    labels = {lab for r in readings("kota") for lab in r.labels}
    assert {"pot.", "środ."} <= labels


def test_expand_tag() -> None:
    assert expand_tag("subst:sg:gen.acc:m1") == ["subst:sg:gen:m1", "subst:sg:acc:m1"]
    assert expand_tag("praet:sg:_:perf") == [f"praet:sg:{g}:perf" for g in ("m1", "m2", "m3", "f", "n")]
    assert expand_tag("ign") == ["ign"]


def test_readings_from_a_hand_made_dag() -> None:
    dag = [
        (0, 1, ("Poszedł", "pójść", "praet:sg:m1.m2.m3:perf", [], [])),
        (1, 2, ("eś", "być", "aglt:sg:sec:imperf:wok", [], [])),
    ]
    rs = readings_from_dag("Poszedłeś", dag)
    assert [r.tag for r in rs] == ["praet:sg:m1:perf", "praet:sg:m2:perf", "praet:sg:m3:perf"]
    assert all(r.labels == ("aglt:sg:sec",) for r in rs)
    assert readings_from_dag("Xyz", []) == (Analysis(lemma="Xyz", tag="ign", labels=("proper_candidate",)),)


def test_special_tokens() -> None:
    assert readings("„") == [Analysis(lemma="„", tag="interp")]
    assert readings("https://example.com/x")[0].labels == ("url",)
    assert readings("@MSZ_RP")[0].labels == ("handle", "proper_candidate")
    assert readings("%")[0].lemma == "procent"


def test_choose_prefers_the_case_the_preposition_governs() -> None:
    doc = process("Delegacja z Seulu poleciała na szczyt w stolicy Belgii.")
    na, szczyt = token(doc, "na"), token(doc, "szczyt")
    w, stolicy = token(doc, "w"), token(doc, "stolicy")
    assert {r.tag for r in szczyt.analyses} >= {"subst:sg:nom:m3", "subst:sg:acc:m3"}
    assert na.chosen.tag == "prep:acc" and szczyt.chosen.tag == "subst:sg:acc:m3"
    assert {r.tag for r in stolicy.analyses} >= {"subst:sg:gen:f", "subst:sg:loc:f"}
    assert w.chosen.tag == "prep:loc:nwok" and stolicy.chosen.tag == "subst:sg:loc:f"


def test_choose_agreement_carries_through_an_adjective() -> None:
    doc = process("Przywódcy rozmawiali na trójstronnym szczycie w Camp David.")
    assert token(doc, "na").chosen.tag == "prep:loc"
    assert token(doc, "trójstronnym").chosen.tag == "adj:sg:loc:m3:pos"
    assert token(doc, "szczycie").chosen.tag == "subst:sg:loc:m3"


def test_choose_prefers_a_proper_name_for_a_capitalised_word_inside_a_sentence() -> None:
    doc = process("Rosyjskie drony zaatakowały cele w Ukrainie.")
    assert {r.lemma for r in token(doc, "Ukrainie").analyses} == {"Ukraina", "ukraina"}
    assert token(doc, "Ukrainie").chosen.lemma == "Ukraina"


def test_choose_without_neighbours_and_without_readings() -> None:
    from kronika.lang.base import Token

    bare = Token(0, 3, "xyz")
    assert choose(bare) is None
    na = Token(0, 2, "na", analyses=list(analyse("na")))
    assert choose(na).tag in {"prep:acc", "prep:loc"}  # the preposition, not the interjection


def test_every_token_gets_readings_and_a_choice() -> None:
    doc = process("„Jestem pewien, że wzmocnimy współpracę” – podkreślił Putin 18.08.2023 r. o godz. 17:46.")
    for tok in doc.tokens:
        assert tok.analyses, tok.text
        assert tok.chosen in tok.analyses
    assert token(doc, "podkreślił").lemma == "podkreślić"


def test_stage_is_picklable_and_holds_no_morfeusz() -> None:
    stage = Morphology()
    assert stage.name == "morphology" and stage.assigns == ("tokens.analyses", "tokens.chosen")
    analyse("Kijów")  # make sure the process has its Morfeusz instance
    data = pickle.dumps(polish_stages())
    assert b"morfeusz2" not in data.lower() and len(data) < 1000  # class references only, no instance state
    restored = pickle.loads(data)
    doc = Document(text="Kijów odparł atak.", source="test")
    for stage in restored:
        stage(doc)
    assert doc.tokens[0].chosen.lemma == "Kijów"


def test_polish_stages_order() -> None:
    stages = polish_stages()
    assert [s.name for s in stages][:3] == ["tokenizer", "sentences", "morphology"]
    for s in stages:
        assert isinstance(s.assigns, tuple) and all(isinstance(a, str) for a in s.assigns)
