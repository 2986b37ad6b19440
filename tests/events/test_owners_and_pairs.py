"""Parties named inside other phrases: owners of objects in prepositional and infinitive slots, "oba kraje",
and entries that exclude a neighbouring word or need no partner. Sentences of our own."""
from __future__ import annotations

from tests.events.helpers import code, events_of, keys


def test_pair_phrase_stands_for_the_two_countries_named_last():
    doc = code("Rosja i Chiny prowadzą rozmowy handlowe od miesięcy. W piątek oba kraje podpisały umowę "
               "o współpracy energetycznej.")
    signed = events_of(doc, "SUPPORT")
    assert len(signed) == 1
    assert keys(doc, signed[0]["actor"]) == {"RUS", "CHN"}


def test_pair_phrase_needs_two_antecedents():
    doc = code("W piątek oba kraje podpisały umowę o współpracy energetycznej.")
    assert events_of(doc, "SUPPORT") == []


def test_owner_inside_a_prepositional_object_is_the_recipient():
    doc = code("Iran nie zgodził się z propozycjami amerykańskiej administracji.")
    ev = events_of(doc, "REJECT")
    assert len(ev) == 1
    assert keys(doc, ev[0]["actor"]) == {"IRN"} and keys(doc, ev[0]["recipient"]) == {"USA"}
    assert "recipient:z+inst_owner" in ev[0]["rules"]


def test_owner_of_the_infinitives_object_is_the_recipient_of_an_offer():
    doc = code("Rząd Japonii zaproponował pokryć połowę potrzeb Ukrainy.")
    ev = events_of(doc, "AGREE")
    assert len(ev) == 1
    assert keys(doc, ev[0]["recipient"]) == {"UKR"}
    assert "recipient:inf_owner" in ev[0]["rules"]


def test_signing_a_law_is_not_a_treaty():
    doc = code("Prezydent Litwy Gitanas Nausėda podpisał ustawę o obronie cywilnej.")
    assert events_of(doc, "SUPPORT") == []


def test_one_country_taking_part_in_an_exercise_is_cooperation():
    doc = code("Polska uczestniczyła w ćwiczeniach wojskowych NATO na Bałtyku.")
    ev = events_of(doc, "COOPERATE")
    assert len(ev) == 1
    assert "POL" in keys(doc, ev[0]["actor"])
