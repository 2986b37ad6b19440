"""Collectives that stand for a party: a region's leaders or allies ("europejscy przywódcy"), a leader's
government ("administracja Trumpa")."""
from __future__ import annotations

from tests.events.helpers import code


def _entity_of(doc, text: str) -> dict | None:
    for e in doc.entities:
        if any(m["text"] == text for m in e["mentions"]):
            return e
    return None


def test_european_leaders_and_allies_are_europe():
    doc = code("Europejscy przywódcy spotkali się w Brukseli, a europejscy sojusznicy Kijowa obiecali pomoc.")
    assert _entity_of(doc, "Europejscy przywódcy")["name"] == "Europe"
    assert _entity_of(doc, "europejscy sojusznicy")["name"] == "Europe"


def test_european_states_after_their_noun_are_europe_but_a_single_thing_is_not():
    doc = code("Państwa europejskie nałożyły sankcje na Rosję. Europejski parlament obradował w Strasburgu.")
    assert _entity_of(doc, "Państwa europejskie")["name"] == "Europe"
    assert _entity_of(doc, "Europejski parlament") is None


def test_a_sitting_leaders_administration_is_his_state():
    doc = code("Administracja Trumpa nałożyła sankcje na Rosję.")
    assert _entity_of(doc, "Administracja")["country"] == "USA"
    sanctions = [e for e in doc.events if e["event"] == "SANCTION"]
    assert sanctions and {x["country"] for x in doc.entities if x["id"] in sanctions[0]["actor"]} == {"USA"}


def test_a_former_leaders_government_is_not_the_state_today():
    # Biden held no office on 2025-12-04: "rząd Bidena" is history, not the US government of the day
    doc = code("Rząd Bidena wprowadził te przepisy w 2021 roku.", date="2025-12-04")
    assert _entity_of(doc, "Rząd") is None


def test_a_name_an_indeclinable_first_name_kept_from_declining_takes_its_parts_base_forms():
    doc = code("Łukaszenka ułaskawił niemieckiego obywatela Rico Kriegera.")
    assert _entity_of(doc, "Rico Kriegera")["name"] == "Rico Krieger"
    doc = code("Maria Kowalska spotkała się z ministrem.")
    assert _entity_of(doc, "Maria Kowalska")["name"] == "Maria Kowalska"
    # a part's base form that is another stem, not the word with its ending cut off, is not taken
    doc = code("Polska przekazała Rosji Pawła Rubcowa, zatrzymanego przez ABW w Przemyślu.")
    assert all(e["name"] != "Paweł Rubcowo" for e in doc.entities)


def test_a_name_after_znany_jako_is_another_name_of_the_same_person():
    doc = code("Rosja odzyskała Pawła Rubcowa, znanego jako Pablo González, zatrzymanego wcześniej w Polsce.")
    person = _entity_of(doc, "Pablo González")
    assert person is not None and "Pawła Rubcowa" in {m["text"] for m in person["mentions"]}
