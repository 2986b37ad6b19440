"""Roles from valency frames, on sentences of our own."""
from __future__ import annotations

from tests.events.helpers import code, events_of, names


def _one(doc, category):
    found = events_of(doc, category)
    assert len(found) == 1, [(e["event"], e["evidence"]["trigger"]["text"]) for e in doc.events]
    return found[0]


def test_accusative_recipient_of_oskarzyc():
    doc = code("Prokuratura Ukrainy oskarżyła Rosję o zbrodnie wojenne.")
    ev = _one(doc, "ACCUSE")
    assert names(doc, ev["actor"]) == {"Ukraine"}
    assert names(doc, ev["recipient"]) == {"Russia"}
    assert ev["mode"] == ["allege"]


def test_free_word_order_object_first():
    doc = code("Rosję oskarżyła w piątek Ukraina o zbrodnie wojenne.")
    ev = _one(doc, "ACCUSE")
    assert names(doc, ev["actor"]) == {"Ukraine"}
    assert names(doc, ev["recipient"]) == {"Russia"}


def test_dative_recipient_of_grozic():
    doc = code("Iran zagroził Izraelowi odwetem.")
    ev = _one(doc, "THREATEN")
    assert names(doc, ev["actor"]) == {"Iran"}
    assert names(doc, ev["recipient"]) == {"Israel"}


def test_reciprocal_spotkac_sie_puts_both_sides_in_actor():
    doc = code("Premier Polski Donald Tusk spotkał się w Brukseli z kanclerzem Niemiec Friedrichem Merzem.")
    ev = _one(doc, "CONSULT")
    assert names(doc, ev["actor"]) == {"Donald Tusk", "Friedrich Merz"}
    assert ev["recipient"] == []


def test_meeting_in_one_partys_capital_makes_that_party_the_host():
    doc = code("Premier Polski Donald Tusk spotkał się w Berlinie z kanclerzem Niemiec Friedrichem Merzem.")
    ev = _one(doc, "CONSULT")
    assert names(doc, ev["actor"]) == {"Donald Tusk"}
    assert names(doc, ev["recipient"]) == {"Friedrich Merz"}
    assert "host_by_place" in ev["rules"]


def test_passive_przez_marks_the_actor():
    doc = code("Ambasada Izraela została zaatakowana przez Iran.")
    ev = _one(doc, "ASSAULT")
    assert names(doc, ev["actor"]) == {"Iran"}
    assert names(doc, ev["recipient"]) == {"Israel"}
    assert "passive" in ev["rules"]


def test_coordinated_subject_is_a_compound_actor():
    doc = code("Polska i Litwa poparły Ukrainę.")
    ev = _one(doc, "SUPPORT")
    assert names(doc, ev["actor"]) == {"Poland", "Lithuania"}
    assert names(doc, ev["recipient"]) == {"Ukraine"}


def test_dropped_subject_takes_the_previous_sentences_subject():
    doc = code("Kanclerz Niemiec Friedrich Merz przyjechał do Kijowa. Zapowiedział nowy pakiet pomocy wojskowej dla Ukrainy.")
    visit = _one(doc, "CONSULT")
    assert names(doc, visit["actor"]) == {"Friedrich Merz"}
    assert visit["mode"] == ["visit"]
    pledge = _one(doc, "AGREE")
    assert names(doc, pledge["actor"]) == {"Friedrich Merz"}
    assert names(doc, pledge["recipient"]) == {"Ukraine"}
    assert "actor:previous_sentence" in pledge["rules"]


def test_country_adjective_is_the_actor_of_a_noun_trigger():
    doc = code("Po rosyjskiej inwazji na Ukrainę Finlandia złożyła wniosek o członkostwo w NATO.")
    ev = _one(doc, "ASSAULT")
    assert names(doc, ev["actor"]) == {"Russia"}
    assert names(doc, ev["recipient"]) == {"Ukraine"}


def test_bare_speech_verb_is_not_an_event():
    doc = code("Minister spraw zagranicznych Francji powiedział dziennikarzom, że jest zmęczony.")
    assert doc.events == []


def test_negated_agreement_becomes_reject():
    doc = code("Węgry nie zgodziły się z propozycją Komisji Europejskiej.")
    ev = _one(doc, "REJECT")
    assert names(doc, ev["actor"]) == {"Hungary"}
    assert "negated->REJECT" in ev["rules"]


def test_internal_data_is_aligned_with_events():
    doc = code("Iran zagroził Izraelowi odwetem. Polska i Litwa poparły Ukrainę.")
    internal = doc.spans["event_triggers"]
    assert len(internal) == len(doc.events) == 2
    for ev, it in zip(doc.events, internal):
        lo, hi = it["trigger_tokens"]
        assert doc.tokens[lo].start == ev["evidence"]["trigger"]["start"]
        assert doc.tokens[hi - 1].end == ev["evidence"]["trigger"]["end"]
        assert it["lexicon_entry"] in ev["rules"]
