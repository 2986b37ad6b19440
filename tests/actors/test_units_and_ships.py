"""Names of military units with their number ("12 Brygada Zmechanizowana", "33. Baza Lotnictwa Transportowego")
and ships named with a navy prefix ("ORP \"Orzeł\"")."""
from __future__ import annotations

from tests.actors.test_linking import by_name, entities
from tests.actors.test_names import span


def test_the_number_before_a_unit_name_is_part_of_the_name():
    text = "Żołnierze z 12 Brygady Zmechanizowanej ćwiczyli w pobliżu Szczecina."
    ner = [span(text, "Brygady Zmechanizowanej", "orgName", "Brygada Zmechanizowana")]
    ent = by_name(entities(text, "2025-05-10", ner=ner), "12 Brygada Zmechanizowana")
    assert ent["mentions"][0]["text"] == "12 Brygady Zmechanizowanej"


def test_an_ordinal_with_its_dot_before_a_base_name_is_kept():
    text = "Samoloty wylądowały w 33. Bazie Lotnictwa Transportowego pod Powidzem."
    ner = [span(text, "Bazie Lotnictwa Transportowego", "orgName", "Baza Lotnictwa Transportowego")]
    names = [e["name"] for e in entities(text, "2025-05-10", ner=ner)]
    assert "33. Baza Lotnictwa Transportowego" in names
    assert "Baza Lotnictwa Transportowego" not in names


def test_a_number_before_other_names_is_not_taken():
    # a count of people before a country's name, and a year before a company: neither is a unit head noun
    text = "W 2024 Orlen kupił udziały, a 300 Polaków wróciło z Libanu."
    ner = [span(text, "Orlen", "orgName")]
    names = [e["name"] for e in entities(text, "2025-05-10", ner=ner)]
    assert "Orlen" in names
    assert not any(n.startswith("2024") for n in names)


def test_a_polish_navy_ship_is_one_military_organisation_with_its_prefix():
    text = 'Na ćwiczenia na Bałtyku wypłynął ORP "Orzeł". Załoga ORP "Orzeł" wróciła do Gdyni po tygodniu.'
    ents = entities(text, "2025-05-10")
    ship = by_name(ents, "ORP Orzeł")
    assert (ship["type"], ship["country"], ship["sector"]) == ("organization", "POL", "MIL")
    assert [m["text"] for m in ship["mentions"]] == ['ORP "Orzeł"', 'ORP "Orzeł"']


def test_a_first_name_inflected_after_a_typographic_apostrophe_joins_the_surname():
    text = "Trump wysłał do Kairu Steve’a Witkoffa, który rozmawiał z mediatorami z Kataru."
    ner = [span(text, "Steve’a", "orgName", "Steve’"), span(text, "Witkoffa", "persName")]
    ents = entities(text, "2025-10-05", ner=ner)
    names = [e["name"] for e in ents]
    assert "Steve" not in names and "Witkoff" not in names
    person = by_name(ents, "Steve Witkoff")
    assert [m["text"] for m in person["mentions"]] == ["Steve’a Witkoffa"]
