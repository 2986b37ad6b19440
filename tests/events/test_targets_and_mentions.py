"""Round-2 mechanisms on sentences of our own: untargeted directed acts dropped, one-party reciprocal acts
dropped, the owner of a verb's object as recipient, prepositions that govern their own noun, persons singular,
adjective-only countries materialised only when used, and every merged mention's offsets."""
from __future__ import annotations

from kronika.events.merge import drop_untargeted
from tests.events.helpers import code, events_of, names


def test_owner_of_the_object_is_the_recipient():
    doc = code("Premier Węgier Viktor Orbán skrytykował w czwartek politykę Ukrainy.")
    ev = events_of(doc, "ACCUSE")
    assert len(ev) == 1
    assert names(doc, ev[0]["actor"]) == {"Viktor Orbán"}
    assert names(doc, ev[0]["recipient"]) == {"Ukraine"}
    assert "recipient:object_genitive" in ev[0]["rules"]


def test_ratification_targets_the_candidate():
    doc = code("Parlament Turcji ratyfikował akcesję Szwecji.")
    ev = events_of(doc, "SUPPORT")
    assert any(names(doc, e["recipient"]) == {"Sweden"} for e in ev)


def test_role_title_country_name_subject_is_the_person():
    doc = code("Prezydent USA Joe Biden potępił atak Rosji na Ukrainę.")
    acc = events_of(doc, "ACCUSE")
    assert len(acc) == 1
    assert names(doc, acc[0]["actor"]) == {"Joe Biden"}


def test_directed_act_without_target_is_dropped():
    doc = code("Minister spraw zagranicznych Francji Jean-Noël Barrot zaapelował w środę o spokój.")
    assert events_of(doc, "REQUEST") == []
    assert any("needs a recipient" in d["reason"] for d in doc.spans["event_dropped"])


def test_one_party_talks_are_dropped_but_two_parties_kept():
    lone = code("Premier Kanady Mark Carney prowadził w poniedziałek rozmowy.")
    assert events_of(lone, "CONSULT") == []
    pair = code("Premier Kanady Mark Carney rozmawiał w poniedziałek z prezydentem Meksyku Claudią Sheinbaum.")
    assert len(events_of(pair, "CONSULT")) == 1


def test_drop_untargeted_keeps_igo_meetings_and_renumbers():
    ents = [{"id": "e1", "name": "NATO", "type": "organization", "sector": "IGO"},
            {"id": "e2", "name": "Poland", "type": "country", "country": "POL"}]
    evs = [{"id": "v1", "event": "CONSULT", "actor": ["e1"], "recipient": []},
           {"id": "v2", "event": "CONSULT", "actor": ["e2"], "recipient": []},
           {"id": "v3", "event": "ASSAULT", "actor": ["e2"], "recipient": []}]
    its = [{"sentence": 0, "trigger_tokens": [0, 1], "lexicon_entry": "x", "reciprocal": True} for _ in evs]
    kept, kept_int, dropped = drop_untargeted(evs, its, {"ASSAULT"}, ents)
    assert [e["actor"] for e in kept] == [["e1"]]
    assert kept[0]["id"] == "v1" and len(kept_int) == 1 and len(dropped) == 2


def test_adjective_country_becomes_entity_only_when_used():
    doc = code("Rosyjskie drony zaatakowały w nocy Odessę. Niemiecka gospodarka słabnie.")
    ev = events_of(doc, "ASSAULT")
    assert len(ev) == 1
    actor = next(e for e in doc.entities if e["id"] == ev[0]["actor"][0])
    assert actor["name"] == "Russia" and actor["type"] == "country" and actor["country"] == "RUS"
    assert [m["text"] for m in actor["mentions"]] == ["Rosyjskie"]
    assert doc.text[actor["mentions"][0]["start"]:actor["mentions"][0]["end"]] == "Rosyjskie"
    assert not any(e.get("country") == "DEU" for e in doc.entities)


def test_trigger_mentions_list_every_merged_mention():
    doc = code("Rosja zaatakowała Ukrainę. Wieczorem Rosja ponownie zaatakowała Ukrainę.")
    ev = events_of(doc, "ASSAULT")
    assert len(ev) == 1
    k = doc.events.index(ev[0])
    spans = doc.spans["event_triggers"][k]["mentions"]
    assert [doc.text[m["start"]:m["end"]] for m in spans] == ["zaatakowała", "zaatakowała"]
    assert spans[0]["start"] < spans[1]["start"]


def test_preposition_with_its_own_noun_does_not_govern_the_name():
    doc = code("Izraelskie lotnictwo zbombardowało w nocy Bejrut.")
    ev = events_of(doc, "ASSAULT")
    assert len(ev) == 1
    assert names(doc, ev[0]["recipient"]) == {"Beirut"} or ev[0]["recipient"]
