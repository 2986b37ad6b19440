"""Round six of the Polish time rules: names and ages that look like time expressions, bare hour ranges, ranges
of durations, the day a clock time falls on, and the KPWr mapping of vague dates and week numbers.
All sentences are our own."""
from __future__ import annotations

from kronika.time.evaluation import kpwr_convention
from kronika.time.recognizer import recognize
from tests.time.helpers import analyse, timex_for


def _texts(doc) -> list[str]:
    return [t["text"] for t in doc.timexes]


def test_a_capitalised_month_or_weekday_inside_a_sentence_is_part_of_a_name():
    doc = analyse("Wywiadu udzielił nam redaktor Tomasz Grudzień, a zdjęcia zrobiła Anna Sobota.")
    assert doc.timexes == []
    doc = analyse("Sklep stoi przy ulicach Kwiatowej i Listopadowej, obok baru Wielka Środa.")
    assert doc.timexes == []


def test_a_capitalised_time_word_opening_a_sentence_or_a_line_is_still_one():
    doc = analyse("Grudzień był w tym roku wyjątkowo ciepły.")
    assert timex_for(doc, "Grudzień")["value"] == "2025-12"
    doc = analyse("Plan zajęć: Styczeń 2026 – warsztaty dla dzieci; Luty 2026 – zajęcia plastyczne.")
    assert [t["value"] for t in doc.timexes] == ["2026-01", "2026-02"]
    doc = analyse("Pies z bardzo długim ogonem Niedawno trafił do schroniska.")  # a heading run into the text
    assert timex_for(doc, "Niedawno")["value"] == "PAST_REF"


def test_ages_are_not_durations():
    assert analyse("Zatrzymani mężczyźni mają od 19 do 24 lat.").timexes == []
    assert analyse("Zabawka jest przeznaczona dla dzieci w wieku do 6 lat.").timexes == []
    assert analyse("W chwili wyboru miał już 52 lata.").timexes == []
    # "mieć" with minutes is a duration, and the modifier belongs to it
    doc = analyse("Radni będą mieli całe 10 minut na pytania.")
    assert timex_for(doc, "całe 10 minut")["value"] == "PT10M"


def test_a_bare_hour_range_is_two_times_unless_something_counted_follows():
    doc = analyse("Czytelnia w czwartek 4 grudnia będzie czynna od 9 do 15 dla wszystkich.")
    times = [t for t in doc.timexes if t["type"] == "TIME"]
    assert [(t["text"], t["value"]) for t in times] == [("od 9", "2025-12-04T09:00"), ("15", "2025-12-04T15:00")]
    assert analyse("Na wycieczkę zapisało się od 10 do 12 osób.").timexes == []
    assert [t["type"] for t in analyse("Pracownie są otwarte w godz. 8-16.").timexes] == ["TIME", "TIME"]


def test_a_range_of_numbers_of_one_unit_is_two_durations():
    doc = analyse("Remont potrwa od 2 do 3 tygodni, a kolejny etap 5-6 miesięcy.")
    assert [(t["text"], t["value"]) for t in doc.timexes] == [
        ("od 2", "P2W"), ("3 tygodni", "P3W"), ("5", "P5M"), ("6 miesięcy", "P6M")]


def test_a_clock_time_falls_on_the_last_single_day_not_on_a_deadline_or_a_range_of_days():
    doc = analyse("Konferencja odbędzie się 9 grudnia. Zgłoszenia przyjmujemy do 5 grudnia. "
                  "Rejestracja gości od godz. 9.30, transmisja od godz. 10.00.")
    assert timex_for(doc, "od godz. 9.30")["value"] == "2025-12-09T09:30"
    doc = analyse("Festiwal odbędzie się 12 grudnia; poprzedni trwał w dniach 3-5 października. "
                  "Otwarcie o godz. 18.00.")
    assert timex_for(doc, "o godz. 18.00")["value"] == "2025-12-12T18:00"
    doc = analyse("Spotkanie zaplanowano na 10 grudnia, a w 1999 r. było pierwsze. Start o godz. 17.00.")
    assert timex_for(doc, "o godz. 17.00")["value"] == "2025-12-10T17:00"


def test_a_clock_time_after_a_date_with_a_comma_and_godz_without_a_dot_joins_it():
    doc = analyse("Prace przyjmujemy do 20 XII 2025, godz 23.59.")
    assert [(t["type"], t["value"]) for t in doc.timexes] == [("TIME", "2025-12-20T23:59")]


def test_years_after_a_name_and_before_a_verb_or_preposition():
    doc = analyse("W 1991 założył wytwórnię, a festiwal Jazz Nad Wartą 2004 we Wronkach był jego pomysłem.")
    assert [t["value"] for t in doc.timexes] == ["1991", "2004"]
    doc = analyse("Batalion Orlik 2025 ćwiczył na poligonie, przyjechało 1500 żołnierzy i ponad 1800 zostało.")
    assert doc.timexes == []


def test_the_pronoun_to_is_not_this():
    doc = analyse("Budowa mostu zajęła im rok.")
    assert all(t["rule"] != "this_unit" for t in doc.timexes)
    assert timex_for(analyse("W tym roku spadło mniej śniegu."), "W tym roku")["value"] == "2025"


def test_present_day_is_not_the_document_day():
    assert analyse("W dzisiejszym świecie każdy nosi telefon.").timexes == []
    assert timex_for(analyse("Dzisiejsze posiedzenie rządu przełożono."), "Dzisiejsze")["value"] == "2025-12-04"


def test_decades_and_centuries_in_words_dates_before_christ_and_split_numeric_dates():
    doc = analyse("Nie mówimy o latach siedemdziesiątych ani o dwudziestowiecznej architekturze.")
    assert [t["value"] for t in doc.timexes] == ["197", "19"]
    assert [t["value"] for t in analyse("Miasto założono w 753 r. p.n.e. według legendy.").timexes] == ["BC0753"]
    assert [t["value"] for t in analyse("Komunikat z 8-06-2006 opublikowano w sieci.").timexes] == ["2006-06-08"]


def test_the_minute_of_a_match_is_a_time_on_the_match_day():
    doc = analyse("W sobotę 29 listopada Warta strzeliła gola w 85. minucie.")
    assert timex_for(doc, "w 85. minucie")["value"] == "2025-11-29TXX:XX"


def test_one_unit_after_na_is_a_duration_but_not_in_a_recurrence():
    assert timex_for(analyse("Wyjechał do Norwegii na rok."), "na rok")["value"] == "P1Y"
    assert [t["rule"] for t in analyse("Z roku na rok przybywa turystów.").timexes] == []


def test_kpwr_convention_writes_vague_dates_by_their_unit_and_leaves_weeks_unnumbered():
    doc = analyse("W ostatnich latach przybyło rowerów, a w najbliższych dniach ruszy wypożyczalnia; "
                  "w przyszłym tygodniu otwarcie. Most zbudowano przed rokiem.")
    mapped = [(t["text"], t["type"], t["value"]) for t in kpwr_convention(doc)]
    assert ("W ostatnich latach", "DATE", "xxxx") in mapped
    assert ("w najbliższych dniach", "DATE", "xxxx-xx-xx") in mapped
    assert ("w przyszłym tygodniu", "DATE", "2025-Wxx") in mapped
    assert ("przed rokiem", "DURATION", "P1Y") in mapped
    # kronika's own values are unchanged
    assert timex_for(doc, "w przyszłym tygodniu")["value"] == "2025-W50"
    assert timex_for(doc, "przed rokiem")["value"] == "2024"


def test_ignore_rules_and_the_name_test_agree_with_and_without_the_prefilter():
    doc = analyse("Jan Grudzień (lat 40) i Ewa Maj mają od 30 do 35 lat; w wieku 6-7 lat zaczęli grać od 9 do 11.")
    fast = [(c.start, c.end, c.rule, c.placeholder) for c in recognize(doc)]
    plain = [(c.start, c.end, c.rule, c.placeholder) for c in recognize(doc, prefilter=False)]
    assert fast == plain
    assert all(c[2] not in ("date_month", "duration_number") for c in fast)
