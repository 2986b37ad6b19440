"""Names the knowledge base lacks: the gate on recogniser spans, base forms of foreign names, places and
patronymic forms added to the data."""
from __future__ import annotations

from types import SimpleNamespace

from kronika.actors.names import base_candidates, foreign_word_base, is_code, plausible_ner_span, same_name_forms
from tests.actors.test_linking import by_name, entities


def span(text: str, part: str, typ: str, base: str | None = None) -> SimpleNamespace:
    start = text.index(part)
    return SimpleNamespace(start=start, end=start + len(part), type=typ, base_form=base or part)


# ------------------------------------------------------------------ base forms of foreign words

def test_a_base_written_elsewhere_in_the_document_wins():
    words = {"Kobachidze", "premier", "Gruzji"}
    assert foreign_word_base("Kobachidzem", words) == "Kobachidze"   # not "Kobachidz"
    assert foreign_word_base("Kobachidzem", set()) == "Kobachidz"    # the sure -em rule without evidence


def test_sure_endings_apply_without_evidence():
    assert foreign_word_base("Ghaniego", set()) == "Ghani"
    assert foreign_word_base("Changoszwilego", set()) == "Changoszwili"
    assert foreign_word_base("Sorokinem", set()) == "Sorokin"


def test_unsure_endings_keep_the_written_form():
    assert foreign_word_base("Salisbury", set()) == "Salisbury"     # not the tagger's "Salisbur"
    assert foreign_word_base("Kurmasheva", set()) == "Kurmasheva"
    assert foreign_word_base("Sorokinem", set(), nominative=True) == "Sorokinem"


def test_masculine_genitive_drops_a_and_guesses_need_a_rule():
    assert foreign_word_base("Witkoffa", set(), masculine_oblique=True) == "Witkoff"
    assert foreign_word_base("Witkoffa", set()) == "Witkoffa"
    assert foreign_word_base("Petrobalticu", set(), guess="Petrobaltic") == "Petrobaltic"
    assert foreign_word_base("Salisbury", set(), guess="Salisbur") == "Salisbury"


def test_apostrophe_endings_are_cut():
    assert foreign_word_base("Rocky'ego", set()) == "Rocky"


def test_candidates_come_longest_ending_first():
    cands = [c for c, _r in base_candidates("Tutsich")]
    assert cands[0] == "Tutsi"


# ------------------------------------------------------------------ the gate on recogniser spans

def test_codes_and_prefixed_names_are_not_plausible():
    assert is_code("SCOT-M") and is_code("ORP") and not is_code("Orlen")
    assert not plausible_ner_span(["DORSZ"], None)
    assert not plausible_ner_span(["Gerald"], "USS")
    assert not plausible_ner_span(["Michała"], "św.")
    assert plausible_ner_span(["Holger", "Neumann"], "generał")


def test_unknown_all_caps_code_makes_no_entity_but_a_kb_acronym_does():
    text = "Okręt ORP Kormoran wypłynął z Gdyni, a dowództwo RSZ i NATO potwierdziły ćwiczenia."
    ner = [span(text, "ORP", "orgName"), span(text, "RSZ", "orgName"), span(text, "Kormoran", "orgName")]
    names = [e["name"] for e in entities(text, "2025-06-01", ner=ner)]
    assert "ORP" not in names and "RSZ" not in names and "Kormoran" not in names
    assert "NATO" in names


def test_a_foreign_surname_gets_its_base_from_another_mention():
    text = ("Sekretarz stanu spotkał się w Tbilisi z Irakli Mdinaradzem. "
            "Mdinaradze zapewnił, że partia nie wycofa ustawy.")
    ner = [span(text, "Irakli Mdinaradzem", "persName", "Irakla Mdinaradz")]
    assert by_name(entities(text, "2024-05-15", ner=ner), "Irakli Mdinaradze")["type"] == "person"


def test_a_foreign_place_keeps_its_written_form():
    text = "Śledztwo w sprawie otrucia w Salisbury prowadzi brytyjska policja."
    ner = [span(text, "Salisbury", "placeName", "Salisbur")]
    names = [e["name"] for e in entities(text, "2024-12-04", ner=ner)]
    assert "Salisbur" not in names and "Salisbury" in names


# ------------------------------------------------------------------ data: places and patronymics

def test_a_russian_oblast_is_a_place_of_russia():
    text = "Drony spadły w obwodzie moskiewskim, podało ministerstwo obrony Rosji."
    ent = by_name(entities(text, "2024-09-10"), "Moscow Oblast")
    assert ent["type"] == "location" and ent["country"] == "RUS"


def test_name_and_patronymic_is_the_person():
    text = "„Władimirze Władimirowiczu, dziękuję za zaproszenie” – powiedział gość na Kremlu."
    ent = by_name(entities(text, "2024-06-19"), "Vladimir Putin")
    assert ent["country"] == "RUS"


def test_role_with_a_genitive_domain_gives_the_unknown_person_country_and_sector():
    text = "Minister rozmawiał z rosyjskim wiceministrem energetyki Pawłem Sorokinem o dostawach ropy."
    ner = [span(text, "Pawłem Sorokinem", "persName", "Paweł Sorokin")]
    ent = next(e for e in entities(text, "2025-12-03", ner=ner) if e["type"] == "person" and "Sorokin" in e["name"])
    assert ent["country"] == "RUS" and ent["sector"] == "GOV"


# ------------------------------------------------------------------ inflected forms of one unknown name

def test_a_fleeting_vowel_comes_back_after_the_ending_is_cut():
    assert foreign_word_base("Pavlem", set()) == "Pavel"            # "Pavl" cannot end a Polish word
    assert foreign_word_base("Pavlem", {"Pavl"}) == "Pavl"          # the document writes the bare stem
    assert foreign_word_base("Sorokinem", set()) == "Sorokin"       # no cluster: nothing inserted


def test_forms_of_one_word_in_two_cases_are_the_same_name():
    assert same_name_forms("Angelą", "Angela") and same_name_forms("Angela", "Angelą")
    assert same_name_forms("Pavlem", "Pavel")
    assert not same_name_forms("Angela", "Andrea")


def test_an_unknown_name_in_two_cases_is_one_entity_named_by_its_nominative():
    text = ("Reporterzy rozmawiali w Dallas z ratowniczką Nadią Brooks. "
            "Później Nadia Brooks powiedziała, że akcja trwała całą noc.")
    ner = [span(text, "Nadią Brooks", "persName"), span(text, "Nadia Brooks", "persName")]
    persons = [e for e in entities(text, "2025-03-01", ner=ner) if e["type"] == "person"]
    assert [e["name"] for e in persons] == ["Nadia Brooks"]
    assert len(persons[0]["mentions"]) == 2


def test_a_foreign_first_name_with_a_fleeting_vowel_gets_it_back_in_the_entity():
    text = "Ambasador spotkał się w Brnie z czeskim dyplomatą Pavlem Horákem."
    ner = [span(text, "Pavlem Horákem", "persName")]
    names = [e["name"] for e in entities(text, "2025-03-01", ner=ner)]
    assert "Pavel Horák" in names
