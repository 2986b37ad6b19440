"""Source chains and the scope of "Według X" on sentences of our own."""
from __future__ import annotations

import pytest

from kronika.attribution import StatusStage

from .helpers import add_event, names, run

CHAINS = [
    ("Rosja i Chiny podpisały w poniedziałek umowę gazową - poinformowała agencja TASS, którą cytuje Reuters.",
     "podpisały", ["TASS", "Reuters"]),
    ("Rosyjskie wojska ostrzelały Charków - przekazał Reuters, powołując się na agencję RIA Nowosti.",
     "ostrzelały", ["RIA Novosti", "Reuters"]),
    ("Jak podaje CNN, powołując się na źródła w Pentagonie, USA wyślą na Ukrainę nowe rakiety.",
     "wyślą", ["United States Department of Defense", "CNN"]),
    ("Stany Zjednoczone oskarżyły Iran o dostarczanie broni Rosji.", "dostarczanie", ["United States"]),
    ("Stany Zjednoczone oskarżyły Iran o dostarczanie broni Rosji.", "oskarżyły", []),
    ("Iran wysłał Rosji drony.", "wysłał", []),
]


@pytest.mark.parametrize("text,trigger,chain", CHAINS)
def test_chain(text, trigger, chain):
    doc = run(text)
    event = add_event(doc, trigger)
    StatusStage()(doc)
    assert names(doc, event["attribution"]) == chain


def test_wedlug_opening_a_paragraph_governs_the_paragraph_only():
    doc = run("Według Reutersa Iran przekazał Rosji drony. Teheran wysłał też amunicję.\n\n"
              "Kijów zaapelował o nowe sankcje.")
    events = [add_event(doc, t) for t in ("przekazał", "wysłał", "zaapelował")]
    StatusStage()(doc)
    assert [names(doc, e["attribution"]) for e in events] == [["Reuters"], ["Reuters"], []]


def test_wedlug_inside_a_paragraph_governs_its_sentence():
    doc = run("Kijów zaapelował o nowe sankcje. Według Reutersa Iran przekazał Rosji drony. "
              "Teheran wysłał też amunicję.")
    events = [add_event(doc, t) for t in ("zaapelował", "przekazał", "wysłał")]
    StatusStage()(doc)
    assert [names(doc, e["attribution"]) for e in events] == [[], ["Reuters"], []]


def test_speaker_of_reported_speech_is_a_source_of_what_it_reports():
    doc = run("Donald Tusk powiedział, że Rosja zaatakowała polską infrastrukturę.")
    event = add_event(doc, "zaatakowała", "ASSAULT")
    StatusStage()(doc)
    assert names(doc, event["attribution"]) == ["Donald Tusk"]


def test_speaker_is_no_source_of_his_own_speech_act():
    doc = run("Dmitrij Pieskow zapowiedział, że Moskwa podejmie kontrśrodki - podała agencja TASS.")
    actor = next(e["id"] for e in doc.entities if e["name"] == "Dmitry Peskov")
    event = add_event(doc, "podejmie kontrśrodki", "THREATEN", actor=[actor])
    StatusStage()(doc)
    assert names(doc, event["attribution"]) == ["TASS"]


def test_seed_letters_carry_kcna_reuters(seed_txt):
    from kronika.ingest import read_inputs

    from .helpers import _stages

    [doc] = [d for d in read_inputs([str(seed_txt)]) if not isinstance(d, Exception)]
    for stage in _stages():
        stage(doc)
    letters = add_event(doc, "wymienili we wtorek listy")
    accusation = add_event(doc, "oskarżyły", "ACCUSE")
    denial = add_event(doc, "zaprzeczyły", "REJECT")
    summit = add_event(doc, "mają omówić", "AGREE")
    StatusStage()(doc)
    assert names(doc, letters["attribution"]) == ["Korean Central News Agency", "Reuters"]
    assert names(doc, accusation["attribution"]) == ["Reuters"]
    assert names(doc, denial["attribution"]) == ["Reuters"]
    assert summit["attribution"] == [] and summit["status"] == "planned"
