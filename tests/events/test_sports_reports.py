"""In a sports report a meeting of two clubs is a match, not talks (`frames.yaml`: sport_words, match_entries)."""
from __future__ import annotations

from .helpers import code, events_of, names

MATCH = "Wczorajsze spotkanie Legii Warszawa z Lechem Poznań zakończyło się remisem. "
REPORT = ("Trener drużyny chwalił zawodników po meczu. Kibice na stadionie widzieli dwa gole i jedną czerwoną kartkę. "
          "W tabeli ligi obie drużyny mają po 30 punktów, a do końca sezonu zostało pięć kolejek.")


def test_a_meeting_of_clubs_in_a_sports_report_is_a_match():
    doc = code(MATCH + REPORT)
    assert events_of(doc, "CONSULT") == []
    assert any(d["reason"] == "a match in a sports report" for d in doc.spans["event_dropped"])


def test_the_same_meeting_outside_a_sports_report_is_coded():
    # no sports words around it: nothing says it is a match
    doc = code("Wczorajsze spotkanie Legii Warszawa z Lechem Poznań zakończyło się porozumieniem w sprawie fuzji.")
    assert len(events_of(doc, "CONSULT")) == 1


def test_politicians_meeting_in_a_sports_report_are_kept():
    doc = code("Przed meczem prezydent Andrzej Duda spotkał się z premierem Włoch. " + REPORT, "2023-06-02")
    consult = events_of(doc, "CONSULT")
    assert len(consult) == 1 and "Andrzej Duda" in names(doc, consult[0]["actor"])
