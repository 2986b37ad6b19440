"""Persons: lookups by Polish or English spelling, inflected or not."""
from __future__ import annotations

import pytest

from kronika.actors.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.mark.parametrize("form,name", [
    ("Władimir Putin", "Vladimir Putin"),
    ("Władimira Putina", "Vladimir Putin"),
    ("Putinem", "Vladimir Putin"),
    ("Vladimir Putin", "Vladimir Putin"),
    ("Siergieja Szojgu", "Sergei Shoigu"),
    ("Szojgu", "Sergei Shoigu"),
    ("Sergey Shoygu", "Sergei Shoigu"),
    ("Wołodymyrem Zełenskim", "Volodymyr Zelenskyy"),
    ("zełenskiego", "Volodymyr Zelenskyy"),
    ("Kim Dzong Una", "Kim Jong Un"),
    ("Si Jinpinga", "Xi Jinping"),
    ("Alaksandra Łukaszenki", "Alexander Lukashenko"),
    ("Binjamina Netanjahu", "Benjamin Netanyahu"),
    ("Mahmudem Abbasem", "Mahmoud Abbas"),
    ("Ursuli von der Leyen", "Ursula von der Leyen"),
    ("Donaldem Trumpem", "Donald Trump"),
    ("Andrija Sybihy", "Andrii Sybiha"),
])
def test_persons_by_name(kb, form, name):
    assert name in [p.name for p in kb.persons_by_name(form)]


def test_surname_lookup_may_be_ambiguous_but_full_names_are_not(kb):
    assert {p.name for p in kb.persons_by_name("Kim")} >= {"Kim Jong Un", "Kim Yo Jong"}
    assert [p.name for p in kb.persons_by_name("Kim Dzong Un")] == ["Kim Jong Un"]


def test_unknown_names_find_nobody(kb):
    assert kb.persons_by_name("Jan Kowalski-Testowy") == []


def test_required_people_and_spellings_are_present(kb):
    spellings = {n.text for p in kb.persons.values() for n in p.polish_names}
    for name in ["Władimir Putin", "Wołodymyr Zełenski", "Siergiej Szojgu", "Kim Dzong Un", "Xi Jinping",
                 "Si Jinping", "Siergiej Ławrow", "Andrij Sybiha", "Dmytro Kułeba", "Ołeksij Reznikow",
                 "Rustem Umierow", "Alaksandr Łukaszenka", "Mahmud Abbas", "Binjamin Netanjahu",
                 "Recep Tayyip Erdoğan"]:
        assert name in spellings, name


def test_wikidata_ids_where_known(kb):
    assert kb.person("vladimir-putin").wikidata == "Q7747"
    assert kb.person("kim-jong-un").wikidata == "Q56226"
    assert kb.person("sergei-shoigu").wikidata == "Q313981"
    assert kb.person("donald-trump").wikidata == "Q22686"
    assert kb.person("joe-biden").wikidata == "Q6279"


def test_every_person_has_a_gender_for_agreement(kb):
    assert {p.gender for p in kb.persons.values()} == {"m", "f"}
    assert kb.person("ursula-von-der-leyen").gender == "f"


@pytest.mark.parametrize("country", ["USA", "RUS", "UKR", "CHN", "POL", "DEU", "FRA", "GBR", "KOR", "JPN", "ISR",
                                     "IRN", "TUR", "IND", "ITA", "ESP", "CAN", "BLR", "HUN", "SYR"])
def test_priority_countries_have_their_four_offices_filled_in_march_2024(kb, country):
    for office in ("head_of_state", "head_of_government", "foreign_minister", "defence_minister"):
        assert kb.holders_on(office, country, "2024-03-15"), f"no {office} of {country} on 2024-03-15"


def test_short_names_follow_the_family_name(kb):
    assert kb.person("kim-jong-un").short_names()[0] == "Kim"
    assert kb.person("xi-jinping").short_names()[0] == "Xi"
    assert "von der Leyen" in kb.person("ursula-von-der-leyen").short_names()
    assert "Szojgu" in kb.person("sergei-shoigu").short_names()
