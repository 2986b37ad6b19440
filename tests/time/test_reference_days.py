"""Event dates from the text's own reference points (issue 5): a written-out day fixing the week of a weekday
in a month-only dated text, "DD month ubiegłego roku", "wówczas" after a season, the story's year not set by a
clause about a noun, "tego samego dnia" after such a clause, nights, impersonal past forms. Sentences of our own."""
from __future__ import annotations

from kronika.time.anchoring import event_date
from kronika.time.tense import PAST, verb_tense
from tests.time.helpers import analyse, timex_for


def _trigger(doc, word: str) -> tuple[int, tuple[int, int]]:
    start = doc.text.index(word)
    index = next(i for i, s in enumerate(doc.sentences) if s.start <= start < s.end)
    return index, (start, start + len(word))


# --- a weekday in a text dated only to the month --------------------------------------------------------------

def test_a_written_out_day_in_the_paragraph_fixes_the_week_of_a_weekday():
    doc = analyse("Prezydent Litwy odwiedził w piątek Rygę. Do Łotwy przyleciał 8 maja, dzień przed rozmowami.",
                  date="2024-05")
    assert timex_for(doc, "w piątek")["value"] == "2024-05-10"  # 8 May 2024 is a Wednesday; Friday the 10th
    i, span = _trigger(doc, "odwiedził")
    assert event_date(doc, i, span)["date"] == "2024-05-10"


def test_a_later_paragraph_reads_its_weekday_against_the_last_written_day_before_it():
    text = ("Ministrowie spotkali się 8 maja w Rydze.\n\n"
            "Jak podało w sobotę radio, rozmowy trwały do późna.")
    doc = analyse(text, date="2024-05")
    assert timex_for(doc, "w sobotę")["value"] == "2024-05-11"


def test_without_a_written_day_the_weekday_stays_a_month():
    doc = analyse("Prezydent Litwy odwiedził w piątek Rygę.", date="2024-05")
    assert timex_for(doc, "w piątek")["value"] == "2024-05"


def test_a_written_day_of_another_month_does_not_fix_the_week():
    doc = analyse("Sąd skazał go 19 kwietnia. Premier przyjął w piątek delegację.", date="2024-05")
    assert timex_for(doc, "w piątek")["value"] == "2024-05"


def test_a_weekday_too_far_from_the_written_day_stays_a_month():
    # 2 May 2024 is a Thursday; the Monday within three days of it is 29 April, outside the document's month
    doc = analyse("Rozmowy zaczęły się 2 maja. W poniedziałek premier wyjechał.", date="2024-05")
    assert timex_for(doc, "W poniedziałek")["value"] == "2024-05"


def test_a_day_precise_document_date_is_not_overridden():
    doc = analyse("Premier przyjął w piątek delegację. Do Polski przyleciała 2 grudnia.", date="2025-12-04")
    assert timex_for(doc, "w piątek")["value"] == "2025-11-28"


# --- "24 lutego ubiegłego roku" -------------------------------------------------------------------------------

def test_a_day_and_month_of_last_year():
    doc = analyse("Wojska przekroczyły granicę 24 lutego ubiegłego roku.", date="2023-02-20")
    t = timex_for(doc, "24 lutego ubiegłego roku")
    assert t["value"] == "2022-02-24"
    assert not any(x["text"] == "ubiegłego roku" for x in doc.timexes)


def test_a_day_and_month_of_next_year_and_this_year():
    doc = analyse("Umowa wejdzie w życie 1 stycznia przyszłego roku, a ustawę uchwalono 3 marca tego roku.",
                  date="2023-06-10")
    assert timex_for(doc, "1 stycznia przyszłego roku")["value"] == "2024-01-01"
    assert timex_for(doc, "3 marca tego roku")["value"] == "2023-03-03"


# --- "wówczas" after a season ---------------------------------------------------------------------------------

def test_then_after_a_season_of_last_year_is_that_season():
    text = ("W niedzielę minister zabrał głos w Sejmie. Zimą ubiegłego roku rząd zamknął ambasadę. "
            "Sąsiad odpowiedział wówczas wydaleniem dyplomatów.")
    doc = analyse(text, date="2025-05-12")
    assert timex_for(doc, "wówczas")["value"] == "2024-WI"
    i, span = _trigger(doc, "odpowiedział")
    result = event_date(doc, i, span)
    assert (result["date"], result["precision"]) == ("2024", "year")


# --- the story's year ------------------------------------------------------------------------------------------

def test_a_year_in_a_clause_about_a_noun_does_not_set_the_story_year():
    text = ("Uwolniono dziennikarza, zatrzymanego na granicy w marcu 2022 roku. "
            "Sąd skazał go 19 lipca na osiem lat.")
    doc = analyse(text, date="2024-08-02")
    assert timex_for(doc, "19 lipca")["value"] == "2024-07-19"


def test_a_year_in_the_main_clause_still_sets_the_story_year():
    doc = analyse("W 2010 roku powódź zalała miasto. Woda opadła 19 lipca.", date="2024-08-02")
    assert timex_for(doc, "19 lipca")["value"] == "2010-07-19"


# --- "tego samego dnia" ----------------------------------------------------------------------------------------

def test_the_same_day_skips_a_day_named_in_a_clause_about_a_noun():
    text = ("Rada przyjęła w piątek nowe przepisy. Umożliwiła to Austria, która w czwartek wycofała weto. "
            "Norwegia ogłosiła tego samego dnia podobne kroki.")
    doc = analyse(text, date="2025-07-18")
    assert timex_for(doc, "tego samego dnia")["value"] == "2025-07-18"


def test_the_same_day_follows_a_day_of_the_main_clause():
    doc = analyse("Rada przyjęła w czwartek nowe przepisy. Norwegia ogłosiła tego samego dnia podobne kroki.",
                  date="2025-07-18")
    assert timex_for(doc, "tego samego dnia")["value"] == "2025-07-17"


# --- nights ------------------------------------------------------------------------------------------------------

def test_last_night_is_the_night_before_the_document_day():
    doc = analyse("Wojsko zestrzeliło minionej nocy dwanaście dronów.", date="2025-08-16")
    assert timex_for(doc, "minionej nocy")["value"] == "2025-08-15TNI"


def test_a_past_night_on_the_document_day_is_the_night_before():
    doc = analyse("Straż graniczna w nocy zatrzymała przemytników.", date="2025-09-10")
    assert timex_for(doc, "w nocy")["value"] == "2025-09-09TNI"


def test_a_night_after_a_named_day_is_that_day_s_night():
    doc = analyse("W poniedziałek rozpoczęły się manewry. W nocy żołnierze przekroczyli rzekę.",
                  date="2025-09-10")
    assert timex_for(doc, "W nocy")["value"] == "2025-09-08TNI"


def test_the_same_night_is_one_expression():
    doc = analyse("W piątek wieczorem zaczął się szturm. Jeszcze tej samej nocy prokuratura wszczęła śledztwo.",
                  date="2025-06-25")
    assert timex_for(doc, "tej samej nocy")["value"] == "2025-06-20TNI"


def test_the_midnight_between_two_weekdays_begins_the_second():
    doc = analyse("Przejścia graniczne zostaną zamknięte od północy z czwartku na piątek.", date="2025-09-10")
    assert timex_for(doc, "od północy z czwartku na piątek")["value"] == "2025-09-12T00:00"


# --- impersonal past -----------------------------------------------------------------------------------------------

def test_an_impersonal_past_form_points_a_weekday_back():
    doc = analyse("Porozumienie ogłoszono w środę w Kairze.", date="2025-01-19")
    k = next(i for i, t in enumerate(doc.tokens) if t.text == "ogłoszono")
    assert verb_tense(doc.tokens, k) == PAST
    assert timex_for(doc, "w środę")["value"] == "2025-01-15"
