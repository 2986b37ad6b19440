"""'tego dnia' without a day before it, plural 'tych dni', unit-length adjectives, and recurring hours within the
month of the days their sentence names (our own sentences)."""
from kronika.time.evaluation import _kpwr_value

from tests.time.helpers import analyse, timex_for


def test_that_day_refers_back_to_the_day_named_before():
    doc = analyse("Zawody odbyły się 14 września. Tego dnia padał deszcz.")
    assert timex_for(doc, "Tego dnia")["value"] == "2025-09-14"


def test_that_day_with_only_a_month_before_is_a_day_of_that_month():
    doc = analyse("W lipcu w mieście odbył się zlot motocyklistów. Tego dnia przyjechało wielu gości.")
    assert timex_for(doc, "Tego dnia")["value"] == "2025-07-XX"


def test_that_day_with_no_day_before_is_not_the_documents_day():
    doc = analyse("Klub zorganizował zawody na nowym torze. Tego dnia przyjechało wielu zawodników.")
    assert timex_for(doc, "Tego dnia")["value"] == "2025-XX-XX"


def test_plural_those_days_is_not_one_day():
    doc = analyse("To był jeden z tych dni, kiedy nic się nie udawało.")
    assert not [t for t in doc.timexes if "dni" in t["text"]]


def test_a_unit_described_by_its_length_is_one_unit():
    doc = analyse("Starożytni Rzymianie znali ośmiodniowy tydzień targowy.")
    t = timex_for(doc, "ośmiodniowy tydzień")
    assert (t["type"], t["value"]) == ("DURATION", "P1W")
    doc = analyse("Organizatorzy zaplanowali trzydniowy festiwal.")
    assert timex_for(doc, "trzydniowy")["value"] == "P3D"


def test_recurring_hours_fall_in_the_month_of_the_weekdays_their_sentence_names():
    doc = analyse("Od poniedziałku do piątku od 9 do 11 w świetlicy prowadzone są zajęcia plastyczne.")
    hours = [t["value"] for t in doc.timexes if t["type"] == "TIME"]
    assert hours == ["2025-12-XXT09:00", "2025-12-XXT11:00"]


def test_recurring_hours_over_days_of_two_months_fall_on_no_month():
    doc = analyse("Od poniedziałku do piątku od 9 do 11 w świetlicy prowadzone są zajęcia plastyczne.",
                  date="2025-12-30")
    hours = [t["value"] for t in doc.timexes if t["type"] == "TIME"]
    assert hours == ["XXXX-XX-XXT09:00", "XXXX-XX-XXT11:00"]


def test_a_stative_participle_is_a_habitual_cue_but_a_passive_event_is_not():
    doc = analyse("Czytelnia jest zamknięta od środy do piątku w godzinach 8.00 do 12.00.")
    assert [t["value"] for t in doc.timexes if t["type"] == "TIME"] == ["XXXX-XX-XXT08:00", "XXXX-XX-XXT12:00"]
    doc = analyse("Sklep został otwarty 1 grudnia o godz. 9.")
    assert timex_for(doc, "1 grudnia o godz. 9")["value"] == "2025-12-01T09:00"


def test_kpwr_hours_written_without_the_t_are_the_same_duration():
    assert _kpwr_value("P20000H") == _kpwr_value("PT20000H")
    assert _kpwr_value("P30S") == _kpwr_value("PT30S")
    assert _kpwr_value("P5M") != _kpwr_value("PT5M")  # five months, not five minutes
