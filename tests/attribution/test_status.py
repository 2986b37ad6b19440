"""The status of events from markers around their triggers, on sentences of our own."""
from __future__ import annotations

import pytest

from kronika.attribution import StatusStage

from .helpers import add_event, run

CASES = [
    ("Korea Północna miała dostarczać Rosji amunicję.", "dostarczać", "alleged"),
    ("Iran rzekomo przekazał drony Rosji.", "przekazał", "alleged"),
    ("Iran podobno przekazał drony Rosji.", "przekazał", "alleged"),
    ("Według nieoficjalnych informacji Iran przekazał drony Rosji.", "przekazał", "alleged"),
    ("Stany Zjednoczone oskarżyły Iran o dostarczanie broni Rosji.", "dostarczanie", "alleged"),
    ("Stany Zjednoczone oskarżyły Iran o dostarczanie broni Rosji.", "oskarżyły", "asserted"),
    ("Przywódcy Francji i Niemiec mają omówić współpracę 18 sierpnia.", "omówić", "planned"),
    ("Premier spotka się z prezydentem w Paryżu.", "spotka", "planned"),
    ("Unia Europejska planuje nałożyć nowe sankcje.", "nałożyć", "planned"),
    ("Ministrowie nie spotkali się w Brukseli.", "spotkali", "negated"),
    ("Jeśli rozmowy się powiodą, Rosja wycofa wojska.", "wycofa", "hypothetical"),
    ("W regionie może dojść do starć.", "dojść", "hypothetical"),
    ("Iran przekazał Rosji drony.", "przekazał", "asserted"),
    ("Ministrowie spotkali się w Brukseli.", "spotkali", "asserted"),
]


@pytest.mark.parametrize("text,trigger,status", CASES)
def test_status(text, trigger, status):
    doc = run(text)
    event = add_event(doc, trigger)
    StatusStage()(doc)
    assert event["status"] == status


def test_nie_negates_only_its_own_verb():
    doc = run("Rosja nie podpisała porozumienia, ale wycofała wojska z Chersonia.")
    signed, withdrew = add_event(doc, "podpisała", "AGREE"), add_event(doc, "wycofała", "RETREAT")
    StatusStage()(doc)
    assert (signed["status"], withdrew["status"]) == ("negated", "asserted")


def test_a_threat_about_the_future_is_asserted():
    doc = run("Rosja przejmie kontrolę nad Donbasem siłą.")
    event = add_event(doc, "przejmie kontrolę", "THREATEN")
    StatusStage()(doc)
    assert event["status"] == "asserted"


def test_denial_in_the_actors_own_words():
    doc = run("Rosyjskie ministerstwo obrony oświadczyło, że nie atakowało obiektów w Polsce.")
    ministry = next(e["id"] for e in doc.entities if e.get("sector") in ("GOV", "MIL") or e["type"] == "organization")
    event = add_event(doc, "atakowało", "ASSAULT", actor=[ministry])
    StatusStage()(doc)
    assert event["status"] == "denied"


def test_events_without_trigger_offsets_default_to_asserted():
    doc = run("Iran przekazał Rosji drony.")
    doc.events.append({"id": "v1", "event": "AID", "actor": [], "recipient": [], "evidence": {"text": "x"}})
    StatusStage()(doc)
    assert doc.events[0]["status"] == "asserted" and doc.events[0]["attribution"] == []


def _with_mentions(doc, event, *triggers: str) -> None:
    """Register further mentions of `event` the way the event coder does (doc.spans["event_triggers"])."""
    spans = []
    for t in triggers:
        start = doc.text.index(t)
        spans.append({"start": start, "end": start + len(t)})
    doc.spans["event_triggers"] = [{"mentions": spans}]


def test_status_and_chain_come_from_every_mention_of_a_merged_event():
    doc = run("Iran przekazał Rosji drony. Według Reutersa Teheran miał wysłać je już w marcu.")
    event = add_event(doc, "przekazał", "AID")
    _with_mentions(doc, event, "miał wysłać")
    StatusStage()(doc)
    assert event["status"] == "alleged"
    assert [next(e["name"] for e in doc.entities if e["id"] == i) for i in event["attribution"]] == ["Reuters"]


def test_an_alleged_event_also_denied_stays_alleged():
    doc = run("Korea Północna zaprzeczyła, jakoby dostarczała Rosji amunicję. Pjongjang miał dostarczać "
              "pociski od wielu miesięcy.")
    event = add_event(doc, "dostarczała", "AID")
    _with_mentions(doc, event, "dostarczać")
    StatusStage()(doc)
    assert event["status"] == "alleged"


def test_without_further_mentions_the_trigger_decides():
    doc = run("Korea Północna zaprzeczyła, jakoby dostarczała Rosji amunicję.")
    event = add_event(doc, "dostarczała", "AID")
    StatusStage()(doc)
    assert event["status"] == "denied"
