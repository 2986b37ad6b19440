"""Round seven of the Polish time rules: recurring hours and frequencies, hours said as words, weekday ranges and
weekends, spans of recent or coming units, dates with "br." or a weekday in brackets, seasons of two years, and
the KPWr evaluation's handling of quantity words, SET prepositions and times of an unknown day.
All sentences are our own; the helper's document date is Thursday 2025-12-04."""
from __future__ import annotations

from kronika.time.evaluation import GoldTimex, TimexScore, _core_extent, _kpwr_value, kpwr_convention, score_document
from tests.time.helpers import analyse, timex_for


def _pairs(doc) -> list[tuple[str, str]]:
    return [(t["text"], t["value"]) for t in doc.timexes]


# dates


def test_a_date_with_br_is_this_years_and_keeps_the_abbreviation():
    doc = analyse("Zebranie odbędzie się 10 maja br. w świetlicy.")
    assert _pairs(doc) == [("10 maja br.", "2025-05-10")]
    doc = analyse("Turniej rozegrany zostanie w dniach 8-10 lutego br. w hali.")
    assert _pairs(doc) == [("w dniach 8", "2025-02-08"), ("10 lutego br.", "2025-02-10")]


def test_a_weekday_in_brackets_joins_its_date_and_the_clock_time_after_it():
    doc = analyse("Wernisaż zaplanowano na 11 grudnia br. (czwartek) o godz. 18.00 w galerii.")
    assert _pairs(doc) == [("na 11 grudnia br. (czwartek) o godz. 18.00", "2025-12-11T18:00")]
    assert timex_for(doc, "na 11 grudnia br. (czwartek) o godz. 18.00")["type"] == "TIME"


def test_the_year_abbreviation_without_a_dot_or_glued_to_the_year_belongs_to_the_date():
    doc = analyse("Basen czynny od 20.06.2009 r do końca wakacji.")
    assert timex_for(doc, "od 20.06.2009 r")["value"] == "2009-06-20"
    doc = analyse("Pismo wysłano 16 czerwca 2005r. Odpowiedzi brak.")
    assert timex_for(doc, "16 czerwca 2005r.")["value"] == "2005-06-16"


def test_a_day_range_of_a_numeric_date_is_two_days():
    doc = analyse("Zawody rozegrane zostaną w dniach 6-7.03.2010 r. w ośrodku.")
    assert _pairs(doc) == [("w dniach 6", "2010-03-06"), ("7.03.2010 r.", "2010-03-07")]
    doc = analyse("Zawody rozegrane zostaną w dniach 6-7.03.2010r. w ośrodku.")  # the tokenizer splits "7.03" "."
    assert [t["value"] for t in doc.timexes] == ["2010-03-06", "2010-03-07"]


def test_two_months_share_the_year_written_after_the_second():
    doc = analyse("Most będzie gotowy na przełomie kwietnia i maja przyszłego roku.")
    assert [t["value"] for t in doc.timexes] == ["2026-04", "2026-05"]


def test_a_day_something_is_set_for_is_not_pushed_back_a_year_by_a_past_verb():
    doc = analyse("Premierę zapowiedziano na 13 sierpnia.", date="2025-07-25")
    assert timex_for(doc, "na 13 sierpnia")["value"] == "2025-08-13"
    doc = analyse("Premiera odbyła się 13 sierpnia.", date="2025-07-25")
    assert doc.timexes[0]["value"] == "2024-08-13"


def test_a_season_of_two_years_is_two_dates_and_sets_no_story_year():
    doc = analyse("Przygotowania do sezonu 2004/2005 już trwają, a 1 sierpnia ruszą treningi.", date="2004-07-10")
    assert _pairs(doc)[:2] == [("2004", "2004"), ("2005", "2005")]
    assert doc.timexes[0]["range"]["end"] == "2005"
    assert timex_for(doc, "1 sierpnia")["value"] == "2004-08-01"


def test_a_season_takes_the_story_year():
    doc = analyse("W dniach 8-17 sierpnia 2010 r. zorganizowano obóz letni dla młodzieży.")
    assert timex_for(doc, "letni")["value"] == "2010-SU"


def test_misspelt_maja_before_a_noun_is_the_verb():
    assert analyse("Dwie z tych śrub maja długość 16mm.").timexes == []
    assert timex_for(analyse("Od maja ceny wzrosną."), "Od maja")["value"] == "2026-05"


def test_season_adjectives_are_adjectives_only():
    assert analyse("Letnicy i mieszkańcy sprzątali razem letniska nad jeziorem.").timexes == []
    assert timex_for(analyse("Obóz letni trwał dwa tygodnie."), "letni")["value"] == "2025-SU"


# clock times


def test_hours_said_as_ordinal_words():
    doc = analyse("Bar jest otwarty do dwudziestej, a w soboty do pierwszej w nocy.")
    assert [t["text"] for t in doc.timexes if t["type"] == "TIME"] == ["do dwudziestej", "do pierwszej w nocy"]
    doc = analyse("Wrócili o ósmej wieczorem, a wyjechali o czwartej nad ranem.")
    assert [t["value"][-5:] for t in doc.timexes] == ["20:00", "04:00"]
    assert analyse("Drużyna awansowała do pierwszej ligi.").timexes == []
    doc = analyse("Zasnęliśmy o północy.")
    assert timex_for(doc, "o północy")["value"] == "2025-12-04T24:00"


def test_parts_of_day_with_a_modifier_an_adverb_or_an_adjective():
    doc = analyse("Dowiedziała się o tym późnym wieczorem.")
    assert timex_for(doc, "późnym wieczorem")["value"] == "2025-12-04TEV"
    assert timex_for(analyse("Rano spadł pierwszy śnieg."), "Rano")["value"] == "2025-12-04TMO"
    assert timex_for(analyse("Wspólne wieczorne zajęcia bardzo się podobały."), "wieczorne")["value"] == \
        "XXXX-XX-XXTEV"
    assert analyse("Telefon pracuje w trybie nocnym, a w nocy obowiązuje cisza nocna.").timexes[0]["text"] == \
        "w nocy"
    doc = analyse("Dziś po północy radni zagłosują nad budżetem.")
    assert _pairs(doc) == [("Dziś po północy", "2025-12-05TNI")]


def test_opening_hours_fall_on_no_one_day():
    doc = analyse("Od przyszłego tygodnia urząd będzie czynny do godz. 18.")
    assert timex_for(doc, "do godz. 18")["value"] == "XXXX-XX-XXT18:00"
    doc = analyse("Pływalnia jest otwarta od poniedziałku do soboty w godzinach 7.00 do 15.00.")
    assert [t["value"] for t in doc.timexes if t["type"] == "TIME"] == ["XXXX-XX-XXT07:00", "XXXX-XX-XXT15:00"]
    doc = analyse("Losowania odbywają się codziennie o godz. 21.30.")
    assert timex_for(doc, "o godz. 21.30")["value"] == "XXXX-XX-XXT21:30"
    # one named day makes them that day's; a cue after the time belongs to another clause
    doc = analyse("Czytelnia w czwartek 4 grudnia będzie czynna do godz. 15.")
    assert timex_for(doc, "do godz. 15")["value"] == "2025-12-04T15:00"
    doc = analyse("Wiec odbędzie się 9 grudnia. Start o godz. 12, gdy ruch zwykle rośnie.")
    assert timex_for(doc, "o godz. 12")["value"] == "2025-12-09T12:00"


def test_a_clock_time_after_a_month_and_no_day_is_a_day_of_that_month():
    doc = analyse("Po jednym z lipcowych weekendów mam dosyć. Poszliśmy spać o północy, a rano był hałas.")
    assert timex_for(doc, "o północy")["value"] == "2025-07-XXT24:00"
    assert timex_for(doc, "rano")["value"] == "2025-07-XXTMO"


# weekdays and weekends


def test_a_weekday_range_ends_after_it_starts_and_is_linked():
    doc = analyse("Od piątku do wtorku w mieście trwa festiwal.")
    start, end = doc.timexes
    assert (start["text"], end["text"]) == ("Od piątku", "wtorku")
    assert start["value"] < end["value"]
    assert start["range"] == end["range"] and start["range"]["end"] == end["value"]


def test_a_weekday_with_a_modifier_is_never_the_documents_own_day():
    assert timex_for(analyse("Spotkamy się w przyszły czwartek."), "w przyszły czwartek")["value"] == "2025-12-11"
    assert timex_for(analyse("Spotkali się w ubiegły czwartek."), "w ubiegły czwartek")["value"] == "2025-11-27"
    assert timex_for(analyse("Spotkali się w czwartek."), "w czwartek")["value"] == "2025-12-04"


def test_weekends():
    assert timex_for(analyse("W ubiegły weekend padało."), "W ubiegły weekend")["value"] == "2025-W48-WE"
    doc = analyse("Deszcz padał przez większość weekendu.")
    assert _pairs(doc) == [("weekendu", "P1WE")]
    doc = analyse("Parkingi są płatne także w weekendy.")
    assert (doc.timexes[0]["type"], doc.timexes[0]["value"]) == ("SET", "XXXX-WXX-WE")


# frequencies and durations


def test_frequencies():
    doc = analyse("Jury obraduje raz w miesiącu, komisja dwa razy w tygodniu, a zarząd raz na kwartał.")
    assert [(t["text"], t["type"]) for t in doc.timexes] == [
        ("raz w miesiącu", "SET"), ("dwa razy w tygodniu", "SET"), ("raz na kwartał", "SET")]
    doc = analyse("Co wieczór czytał, średnio trzy na miesiąc.")
    assert [(t["text"], t["type"]) for t in doc.timexes] == [("Co wieczór", "SET"), ("trzy na miesiąc", "SET")]


def test_recent_or_coming_units_without_a_preposition_are_a_span():
    doc = analyse("Piłkarzom zostały ostatnie dni urlopu.")
    assert [(t["text"], t["type"], t["value"]) for t in doc.timexes] == [("ostatnie dni", "DURATION", "PXD")]
    doc = analyse("Będą to sprawdzać przez kilka najbliższych tygodni.")
    assert _pairs(doc) == [("przez kilka najbliższych tygodni", "PXW")]
    doc = analyse("W najbliższych dniach spadnie śnieg.")
    assert (doc.timexes[0]["type"], doc.timexes[0]["value"]) == ("DATE", "FUTURE_REF")


def test_more_durations():
    assert _pairs(analyse("Wykład trwał przez 1,5 godziny.")) == [("przez 1,5 godziny", "PT1.5H")]
    assert _pairs(analyse("Zdał egzamin dzień przed wyjazdem.")) == [("dzień", "P1D")]
    assert analyse("Dzień po dniu pracował w polu.").timexes == []
    assert _pairs(analyse("Po godzinnym spotkaniu wyszli.")) == [("godzinnym", "PT1H")]
    assert analyse("Wstęp kosztuje 3 zł/60 min.").timexes == []
    assert analyse("Inflacja w ujęciu miesięcznym spadła.").timexes == []


# the KPWr evaluation


def test_the_kpwr_extent_keeps_a_quantity_word_and_strips_a_sets_preposition_but_not_co():
    doc = analyse("Od ponad dwóch lat parkingi są płatne w weekendy, a przeglądy są co roku.")
    extents = {t["text"]: doc.text[slice(*_core_extent(doc, t))] for t in doc.timexes}
    assert extents == {"Od ponad dwóch lat": "ponad dwóch lat", "w weekendy": "weekendy", "co roku": "co roku"}


def test_a_time_of_an_unknown_day_is_compared_with_kpwrs_notation():
    assert _kpwr_value("XXXX-XX-XXT18:00") == _kpwr_value("T18:00")
    assert _kpwr_value("2005-06-XXT18:00") == _kpwr_value("2005-06-xxT18:00")
    assert _kpwr_value("2005-06-16T18:00") != _kpwr_value("T18:00")
    doc = analyse("Urząd będzie czynny do godz. 18.")
    score = TimexScore()
    t = doc.timexes[0]
    s, e = _core_extent(doc, t)
    score_document(doc, [GoldTimex(s, e, doc.text[s:e], "TIME", "T18:00")], score, "kpwr")
    assert (score.strict_tp, score.value_ok) == (1, 1)


def test_kpwr_convention_writes_a_weekend_without_its_week_number():
    doc = analyse("W ubiegły weekend padało.")
    assert [t["value"] for t in kpwr_convention(doc)] == ["2025-Wxx-WE"]
