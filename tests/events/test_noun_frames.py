"""Noun frames of attacks and wars ("ataki X na Y w Z", "agresywne działania X w Y", "wojna X z Y") and support
shown by welcoming an act ("z zadowoleniem przyjął decyzję X")."""
from __future__ import annotations

from .helpers import code, events_of, keys, names


def _only(doc, category: str) -> dict:
    found = events_of(doc, category)
    assert len(found) == 1, [(e["event"], e["actor"], e["recipient"], e["rules"]) for e in doc.events]
    return found[0]


def test_attack_noun_on_a_facility_targets_the_place_it_stands_in():
    doc = code("Dyskusja dotyczyła ataków rosyjskiej armii na port w Odessie.")
    ev = _only(doc, "ASSAULT")
    assert keys(doc, ev["actor"]) == {"RUS"}
    assert keys(doc, ev["recipient"]) == {"UKR"}
    assert "recipient:w+loc" in ev["rules"] and "frame:attack" in ev["rules"]


def test_aggressive_actions_in_a_country_target_that_country():
    doc = code("Ambasador wielokrotnie bronił publicznie agresywnych działań Rosji w Gruzji.")
    ev = _only(doc, "ASSAULT")
    assert keys(doc, ev["actor"]) == {"RUS"}
    assert keys(doc, ev["recipient"]) == {"GEO"}
    assert "recipient:w+loc" in ev["rules"]


def test_war_started_by_an_agent_with_a_partner_in_the_instrumental():
    doc = code("Sankcje są odpowiedzią na rozpoczęcie przez Rosję wojny z Ukrainą w lutym 2022 roku.")
    ev = [e for e in events_of(doc, "ASSAULT") if "rozpoczac_wojne" in e["rules"]]
    assert len(ev) == 1, [(e["event"], e["rules"]) for e in doc.events]
    assert keys(doc, ev[0]["actor"]) == {"RUS"}
    assert keys(doc, ev[0]["recipient"]) == {"UKR"}
    assert "recipient:z+inst" in ev[0]["rules"]


def test_attack_noun_with_a_time_phrase_has_no_place_target():
    doc = code("Rosyjski atak w nocy nie wyrządził szkód.")
    assert events_of(doc, "ASSAULT") == []


def test_welcoming_a_decision_supports_its_owner():
    doc = code("Prezydent Francji Emmanuel Macron z zadowoleniem przyjął decyzję Kanady.")
    ev = _only(doc, "SUPPORT")
    assert names(doc, ev["actor"]) == {"Emmanuel Macron"}
    assert keys(doc, ev["recipient"]) == {"CAN"}
    assert "przyjac_z_zadowoleniem" in ev["rules"]
    assert events_of(doc, "CONSULT") == []
