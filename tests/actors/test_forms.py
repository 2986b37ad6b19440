"""Inflected forms of Polish names generated from their base forms."""
from __future__ import annotations

import pytest

from kronika.actors.forms import _generate, inflection_models, polish_forms
from kronika.actors.kb import load_kb, polish_forms as kb_polish_forms


@pytest.mark.parametrize("lemma,expected", [
    ("Korea Północna", {"Koreę Północną", "Korei Północnej", "Koreą Północną"}),
    ("Stany Zjednoczone", {"Stanów Zjednoczonych", "Stanach Zjednoczonych", "Stanom Zjednoczonym"}),
    ("Biały Dom", {"Białym Domu", "Białego Domu", "Białemu Domowi"}),
    ("Rada Bezpieczeństwa ONZ", {"Radzie Bezpieczeństwa ONZ", "Rady Bezpieczeństwa ONZ"}),
    ("Demokratyczna Republika Konga", {"Demokratycznej Republiki Konga", "Demokratyczną Republikę Konga"}),
    ("Bośnia i Hercegowina", {"Bośni i Hercegowiny", "Bośnię i Hercegowinę"}),
    ("Zjednoczone Emiraty Arabskie", {"Zjednoczonych Emiratów Arabskich"}),
    ("Papua-Nowa Gwinea", {"Papui-Nowej Gwinei"}),
    ("Unia Europejska", {"Unii Europejskiej", "Unię Europejską"}),
    ("Międzynarodowy Trybunał Karny", {"Międzynarodowego Trybunału Karnego"}),
    ("Kreml", {"Kremla", "Kremlu"}),
    ("Waszyngton", {"Waszyngtonie", "Waszyngtonu"}),
    ("Ukrinform", {"Ukrinformu"}),
])
def test_place_and_organisation_names(lemma, expected):
    forms = polish_forms(lemma)
    assert lemma in forms
    assert expected <= forms, expected - forms


def test_adjectives_agree_with_the_head_and_do_not_cross_genders():
    forms = polish_forms("Korea Północna")
    assert "Korei Północnego" not in forms
    assert "Koreę Północna" not in forms
    assert not any(f.startswith("Koree") for f in forms)  # the head keeps its (singular) number


@pytest.mark.parametrize("lemma,gender,expected", [
    ("Władimir Putin", "m", {"Władimira Putina", "Władimirem Putinem", "Władimirowi Putinowi"}),
    ("Wołodymyr Zełenski", "m", {"Wołodymyra Zełenskiego", "Wołodymyrowi Zełenskiemu"}),
    ("Siergiej Szojgu", "m", {"Siergieja Szojgu", "Siergiejem Szojgu"}),
    ("Kim Dzong Un", "m", {"Kim Dzong Una", "Kim Dzong Unem"}),
    ("Xi Jinping", "m", {"Xi Jinpinga", "Xi Jinpingiem"}),
    ("Dmytro Kułeba", "m", {"Dmytra Kułeby", "Dmytrem Kułebą"}),
    ("Petro Poroszenko", "m", {"Petra Poroszenki", "Petrowi Poroszence"}),
    ("Alaksandr Łukaszenka", "m", {"Alaksandra Łukaszenki", "Alaksandrowi Łukaszence"}),
    ("Ursula von der Leyen", "f", {"Ursuli von der Leyen", "Ursulą von der Leyen"}),
    ("Kaja Kallas", "f", {"Kai Kallas", "Kaję Kallas"}),
    ("Władysław Kosiniak-Kamysz", "m", {"Władysława Kosiniaka-Kamysza"}),
])
def test_personal_names(lemma, gender, expected):
    forms = polish_forms(lemma, person=True, gender=gender)
    assert lemma in forms
    assert expected <= forms, expected - forms


def test_women_s_foreign_surnames_do_not_inflect():
    forms = polish_forms("Giorgia Meloni", person=True, gender="f")
    assert "Giorgii Meloni" in forms
    assert not any(f.endswith(("Meloniego", "Melonim")) for f in forms)
    assert "Kallasa" not in " ".join(polish_forms("Kaja Kallas", person=True, gender="f"))


def test_demonyms_and_role_words_in_both_numbers():
    assert {"Rosjanie", "Rosjan", "Rosjaninem"} <= polish_forms("Rosjanin", both_numbers=True)
    assert {"ministra obrony", "ministrowie obrony"} <= polish_forms("minister obrony", both_numbers=True)
    assert "Rosjanie" not in polish_forms("Rosjanin")


def test_adjectives_known_and_guessed():
    assert {"rosyjskiego", "rosyjska", "rosyjscy", "rosyjską"} <= polish_forms("rosyjski")
    assert {"północnokoreańskiej", "północnokoreańscy"} <= polish_forms("północnokoreański")
    assert {"emirackiego", "emiracka"} <= polish_forms("emiracki")  # unknown to Morfeusz: by analogy


def test_acronyms_and_indeclinable_names_stay_as_they_are():
    assert polish_forms("KRLD") == frozenset({"KRLD"})
    assert polish_forms("Tokio") == frozenset({"Tokio"})


def test_kb_module_exposes_polish_forms():
    assert kb_polish_forms is polish_forms


def test_every_inflection_model_is_known_and_fits_its_ending():
    for model in inflection_models():
        base = model.model.split(":", 1)[0]
        assert base.lower().endswith(model.replaced_ending), model
        assert len(_generate(model.model)) >= 4, f"Morfeusz cannot generate {model.model}"


def test_most_personal_names_in_the_kb_inflect():
    """A regression guard for Morfeusz plus the analogy table. About a sixth of the names are indeclinable in
    Polish (vowel-final names such as "Matteo Renzi", women's foreign surnames, most Japanese names)."""
    kb = load_kb()
    names = [(p.polish_names[0].text, p.gender) for p in kb.persons.values()]
    inflecting = [n for n, g in names if len(polish_forms(n, person=True, gender=g)) > 1]
    assert len(inflecting) / len(names) > 0.8


def test_a_fragment_of_a_multiword_name_stays_and_the_head_inflects():
    # Morfeusz knows "Sri" and "Tel" only as fragments (frag) of "Sri Lanka" and "Tel Awiw"
    assert {"Sri Lanki", "Sri Lankę", "Sri Lance"} <= polish_forms("Sri Lanka")
    assert {"Tel Awiwu", "Tel Awiwie"} <= polish_forms("Tel Awiw")
    assert polish_forms("Buenos Aires") == {"Buenos Aires"}  # nothing to inflect
