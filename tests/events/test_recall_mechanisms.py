"""Recall mechanisms: attacks on named places, requests whose addressee is an alliance or follows a relative
clause, common-noun subjects standing for a named body, and denials inside a "że" clause."""
from __future__ import annotations

from .helpers import code, events_of, keys, names


def _only(doc, category: str) -> dict:
    found = events_of(doc, category)
    assert len(found) == 1, [(e["event"], e["actor"], e["recipient"], e["rules"]) for e in doc.events]
    return found[0]


def test_attack_on_a_city_after_a_time_phrase_targets_the_city():
    doc = code("Rosja zaatakowała w nocy Kijów rakietami i dronami.")
    ev = _only(doc, "ASSAULT")
    assert keys(doc, ev["actor"]) == {"RUS"}
    assert keys(doc, ev["recipient"]) == {"UKR"}


def test_strike_into_a_city_keys_by_its_country():
    doc = code("Rosyjskie drony uderzyły w Odessę.")
    ev = _only(doc, "ASSAULT")
    assert keys(doc, ev["actor"]) == {"RUS"}
    assert keys(doc, ev["recipient"]) == {"UKR"}
    assert "recipient:w+acc" in ev["rules"]


def test_warning_with_by_after_a_comma_is_a_request_by_the_subject_before_the_relative_clause():
    doc = code("Putin, który przemawiał jako pierwszy, ostrzegł Kijów, by nie prowokował Moskwy.")
    ev = _only(doc, "REQUEST")
    assert names(doc, ev["actor"]) == {"Vladimir Putin"}
    assert keys(doc, ev["recipient"]) == {"UKR"}
    assert "subject_before_relative_clause" in ev["rules"]


def test_request_to_the_allies_goes_to_the_alliance_named_before():
    doc = code("Estonia jest członkiem NATO od 2004 roku. Rosyjskie drony naruszyły jej przestrzeń powietrzną. "
               "Estonia zwróciła się do sojuszników o konsultacje.")
    ev = _only(doc, "REQUEST")
    assert keys(doc, ev["actor"]) == {"EST"}
    assert names(doc, ev["recipient"]) == {"NATO"}


def test_common_noun_subject_takes_the_ministry_named_before_and_answers_its_accuser():
    doc = code("Jewgienij Prigożyn oskarżył Ministerstwo Obrony Rosji o ostrzał swoich obozów. "
               "Resort stanowczo zaprzeczył, nazywając to prowokacją.")
    ev = _only(doc, "REJECT")
    assert names(doc, ev["actor"]) == {"Ministry of Defence (Russia)"}
    assert "actor:common_noun_antecedent" in ev["rules"]
    assert names(doc, ev["recipient"]) == {"Yevgeny Prigozhin"}


def test_a_denial_naming_the_denied_fact_does_not_take_the_accuser():
    doc = code("Stany Zjednoczone oskarżyły Iran o dostarczanie dronów Rosji. "
               "Teheran zaprzeczył tym doniesieniom.")
    ev = _only(doc, "REJECT")
    assert keys(doc, ev["actor"]) == {"IRN"}
    assert ev["recipient"] == []


def test_negated_act_inside_a_that_clause_is_a_denial_by_the_speaker():
    doc = code("Ministerstwo Obrony Rosji oświadczyło, że nie planowało atakowania obiektów na terytorium Polski.")
    ev = _only(doc, "REJECT")
    assert names(doc, ev["actor"]) == {"Ministry of Defence (Russia)"}
    assert keys(doc, ev["recipient"]) == {"POL"}
    assert "zapewnic_ze_nie" in ev["rules"]


def test_an_asserted_act_inside_a_that_clause_is_no_denial():
    doc = code("Ministerstwo Obrony Rosji oświadczyło, że wojska zaatakowały cele w Charkowie.")
    assert not events_of(doc, "REJECT")
