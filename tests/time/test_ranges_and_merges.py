"""Ranges ("w dniach 3–10 sierpnia", "10.30 – 13.30") as two linked expressions, an event's `enddate` from them,
and the date forms of round five ("7-go października", "wrześniu br.", "ostatnia niedziela września")."""
from __future__ import annotations

from kronika.time.anchoring import event_date
from kronika.time.evaluation import _core_extent
from kronika.time.rules import load_rules
from tests.time.helpers import analyse, timex_for


def _trigger(doc, word: str) -> tuple[int, tuple[int, int]]:
    start = doc.text.index(word)
    index = next(i for i, s in enumerate(doc.sentences) if s.start <= start < s.end)
    return index, (start, start + len(word))


def test_a_day_range_is_two_linked_dates_and_dates_the_event_with_an_enddate():
    doc = analyse("Szczyt klimatyczny COP30 obradował w Belém w dniach 10–21 listopada.")
    first = timex_for(doc, "w dniach 10")
    second = timex_for(doc, "21 listopada")
    assert (first["value"], second["value"]) == ("2025-11-10", "2025-11-21")
    assert first["range"] == second["range"] == {"start": "2025-11-10", "end": "2025-11-21",
                                                 "text": "w dniach 10–21 listopada"}
    assert doc.text[slice(*_core_extent(doc, first))] == "10"  # KPWr: "w dniach" is not part of the extent
    i, span = _trigger(doc, "obradował")
    assert event_date(doc, i, span) == {"date": "2025-11-10", "precision": "day", "enddate": "2025-11-21",
                                        "date_text": "w dniach 10–21 listopada", "reach": "clause"}


def test_a_range_over_two_months_with_one_year():
    doc = analyse("Igrzyska w Paryżu trwały od 26 lipca do 11 sierpnia 2024 r.")
    values = [t["value"] for t in doc.timexes]
    assert values == ["2024-07-26", "2024-08-11"]
    i, span = _trigger(doc, "trwały")
    assert event_date(doc, i, span)["enddate"] == "2024-08-11"


def test_clock_ranges_are_two_times_on_the_day_and_stay_apart_from_it():
    doc = analyse("Obrady Rady Europejskiej 18 grudnia w godzinach 10.30 – 13.30 poprowadzi António Costa.")
    assert timex_for(doc, "18 grudnia")["value"] == "2025-12-18"
    assert timex_for(doc, "w godzinach 10.30")["value"] == "2025-12-18T10:30"
    assert timex_for(doc, "13.30")["value"] == "2025-12-18T13:30"


def test_a_list_of_days_is_two_dates_without_a_range():
    doc = analyse("Wybory do Bundestagu odbyły się 22 i 23 lutego.")
    a, b = timex_for(doc, "22"), timex_for(doc, "23 lutego")
    assert (a["value"], b["value"]) == ("2025-02-22", "2025-02-23")
    assert "range" not in a and "range" not in b


def test_ordinal_day_with_suffix_after_a_weekday():
    doc = analyse("Konferencja prasowa odbędzie się w czwartek, 11-go grudnia w Brukseli.")
    assert timex_for(doc, "w czwartek, 11-go grudnia")["value"] == "2025-12-11"


def test_date_and_part_of_day_merge():
    doc = analyse("W czwartek 11 grudnia rano premierzy spotkają się w Brukseli.")
    assert timex_for(doc, "W czwartek 11 grudnia rano")["value"] == "2025-12-11TMO"


def test_month_of_this_year_abbreviated():
    doc = analyse("Umowę z Mercosurem podpisano we wrześniu br. w Brasílii.")
    assert timex_for(doc, "we wrześniu br.")["value"] == "2025-09"


def test_last_and_nth_weekday_of_a_month():
    doc = analyse("Ostatnia niedziela września przyniosła wybory w Mołdawii.")
    assert timex_for(doc, "Ostatnia niedziela września")["value"] == "2025-09-28"
    doc = analyse("W pierwszy poniedziałek listopada rozpoczęła się sesja ONZ.")
    assert timex_for(doc, "W pierwszy poniedziałek listopada")["value"] == "2025-11-03"


def test_an_age_before_a_name_is_no_duration_but_a_duration_before_a_noun_is():
    doc = analyse("17-letni Oskar wygrał turniej szachowy w Warszawie.")
    assert not any(t["text"] == "17-letni" for t in doc.timexes)
    doc = analyse("Rząd ogłosił 3-dniowy szczyt w Genewie.")
    assert timex_for(doc, "3-dniowy")["value"] == "P3D"


def test_guard_lists_load_as_one_matcher():
    rule = next(r for r in load_rules() if r.name == "duration_adjective")
    assert rule.not_next is not None and "@person_noun" in rule.not_next.source
    assert "/" in rule.not_next.source  # the capitalised-name item is part of the same guard
