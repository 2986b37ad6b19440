"""The country of persons and bodies the KB lacks, read from their context (kronika/actors/context_country.py)."""
from __future__ import annotations

from tests.actors.test_linking import by_name, entities
from tests.actors.test_names import span


def country_of(text: str, part: str, base: str, typ: str = "persName", date: str = "2025-06-01") -> str | None:
    return by_name(entities(text, date, ner=[span(text, part, typ, base)]), base)["country"]


def test_an_ambassador_belongs_to_the_sending_country_not_the_host():
    text = ("Polskie władze wezwały dyplomatę, gdy były ambasador Rosji w Polsce Borys Miedwiediew wręczył notę "
            "w Warszawie.")
    assert country_of(text, "Borys Miedwiediew", "Borys Miedwiediew") == "RUS"


def test_an_ambassador_with_only_a_host_country_is_the_home_country_of_a_polish_text():
    text = "Wojna potrwa jeszcze długo - ocenił w wywiadzie były ambasador w Japonii Jerzy Pomianowski."
    assert country_of(text, "Jerzy Pomianowski", "Jerzy Pomianowski") == "POL"


def test_an_ambassador_posted_to_the_home_country_gets_no_home_country():
    text = ("Rozmowy trwały do wieczora w Nowym Jorku. Minister spotkał się z ambasador w Polsce Mark Brzezinski. "
            "Rozmowy w USA trwały długo, a Stany Zjednoczone i USA wyraziły nadzieję.")
    assert country_of(text, "Mark Brzezinski", "Mark Brzezinski") != "POL"


def test_a_singular_demonym_before_a_name_gives_its_country():
    text = "Policja zatrzymała w Berlinie podejrzanego. To 31-letni Syryjczyk Ahmad Chalil, mówią media."
    assert country_of(text, "Ahmad Chalil", "Ahmad Chalil") == "SYR"


def test_an_organisation_in_the_apposition_after_the_name_gives_its_country():
    text = ("Samoloty wylądowały w Polsce. - To ważny sygnał - powiedział generał Ingo Gerhartz, stojący na czele "
            "Luftwaffe, podczas wizyty w Polsce.")
    ents = entities(text, "2024-03-01", ner=[span(text, "Ingo Gerhartz", "persName")])
    assert by_name(ents, "Ingo Gerhartz")["country"] == "DEU"


def test_a_role_with_a_country_adjective_after_coordinated_names():
    text = ("Śledztwo w Londynie i Salisbury trwało latami. Sprawcami byli Anatolij Czepiga i Aleksandr Miszkin, "
            "zidentyfikowani jako oficerowie rosyjskiego wywiadu wojskowego.")
    ents = entities(text, "2024-12-05", ner=[span(text, "Anatolij Czepiga", "persName"),
                                              span(text, "Aleksandr Miszkin", "persName")])
    assert by_name(ents, "Anatolij Czepiga")["country"] == "RUS"
    assert by_name(ents, "Aleksandr Miszkin")["country"] == "RUS"


def test_a_country_adjective_before_an_organisation_name():
    text = "Ostrzał potwierdziła ukraińska Państwowa Służba Ratunkowa w komunikacie."
    assert country_of(text, "Państwowa Służba Ratunkowa", "Państwowa Służba Ratunkowa", "orgName") == "UKR"


def test_an_organisation_far_after_a_name_gives_no_country_to_it():
    text = "Wiadomość przekazał Oleh Hordijenko, a potwierdziła ją agencja Reutera."
    ents = entities(text, "2024-03-01", ner=[span(text, "Oleh Hordijenko", "persName")])
    assert by_name(ents, "Oleh Hordijenko")["country"] != "GBR"


def test_a_person_without_any_clue_gets_the_story_country_as_last_resort():
    text = ("Sąd w Szwecji ukarał dwóch turystów. Szwedzka prokuratura zbadała nagrania, a Szwecja zaostrzyła przepisy. "
            "Prokurator Lars Nilsson uznał, że zarzut szpiegostwa jest niezasadny.")
    assert country_of(text, "Lars Nilsson", "Lars Nilsson", date="2025-08-01") == "SWE"


def test_kb_bodies_of_general_value():
    text = ("Dowództwo Operacyjne Rodzajów Sił Zbrojnych poderwało myśliwce, a Luftwaffe wysłała samoloty. "
            "Izraelski gabinet bezpieczeństwa zatwierdził plan.")
    ents = entities(text, "2025-09-10")
    countries = {e["name"]: (e["country"], e["sector"]) for e in ents}
    assert countries["Operational Command of the Polish Armed Forces"] == ("POL", "MIL")
    assert countries["German Air Force"] == ("DEU", "MIL")
    assert countries["Security Cabinet of Israel"] == ("ISR", "GOV")
