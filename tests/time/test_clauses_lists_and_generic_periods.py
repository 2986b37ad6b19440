"""The governing verb across a subordinating conjunction, past tense typed without Polish letters, lists of years,
yearly recurring kinds of events, "któregoś dnia", "miesiąc czasu", "w pierwszym tygodniu ferii" (our own
sentences; document date 2025-12-04 unless stated)."""
from kronika.time.tense import _undiacritised_past

from tests.time.helpers import analyse, timex_for


def test_a_conjunction_separates_the_writers_present_from_the_reported_past():
    # "piszę" is nearer, but "bo" opens the clause of "w październiku", whose verb is "ogłosił" (past)
    doc = analyse("Piszę o tym, bo jeszcze w październiku prezes spółki, Jan Nowak ogłosił swoją dymisję.",
                  date="2025-04-10")
    assert timex_for(doc, "w październiku")["value"] == "2024-10"


def test_a_conjunction_does_not_hide_the_verb_of_its_own_clause():
    doc = analyse("Rzecznik zapowiada, że w październiku minister przedstawi projekt.", date="2025-04-10")
    assert timex_for(doc, "w październiku")["value"] == "2025-10"


def test_a_past_tense_form_without_polish_letters_is_past():
    assert _undiacritised_past("przeszla") and _undiacritised_past("pozostal")
    assert _undiacritised_past("zostalismy")
    assert not _undiacritised_past("getbola") and not _undiacritised_past("emaila")
    doc = analyse("Ustawa juz przeszla - w listopadzie.", date="2025-04-10")
    assert timex_for(doc, "w listopadzie")["value"] == "2024-11"


def test_the_next_year_of_a_list_is_a_year():
    doc = analyse("Zespół grał na festiwalu w latach: 1999, 2003 i 2008.")
    assert [t["value"] for t in doc.timexes if t["type"] == "DATE"] == ["1999", "2003", "2008"]


def test_a_number_after_a_comma_and_a_day_is_no_listed_year():
    doc = analyse("The meeting took place on December 4, 2025 in Paris.")
    assert not [t for t in doc.timexes if t["text"] == "2025"]


def test_a_season_of_a_yearly_event_is_every_years():
    doc = analyse("Zespół zagra na wiosennej trasie, która rokrocznie odwiedza kilkanaście miast.")
    assert timex_for(doc, "wiosennej")["value"] == "XXXX-SP"
    doc = analyse("Zespół zagrał na wiosennej trasie po kraju.")
    assert timex_for(doc, "wiosennej")["value"] == "2025-SP"


def test_a_yearly_word_does_not_make_a_stated_month_generic():
    doc = analyse("W maju miasto ugości coroczny zjazd miłośników fotografii.", date="2025-04-10")
    assert timex_for(doc, "W maju")["value"] == "2025-05"


def test_some_day_is_a_day_the_text_does_not_name():
    doc = analyse("Trzeba założyć, że któregoś dnia wszyscy będziemy mieć własne roboty.")
    t = timex_for(doc, "któregoś dnia")
    assert (t["type"], t["value"]) == ("DATE", "XXXX-XX-XX")


def test_a_unit_of_time_is_a_duration_without_czasu():
    doc = analyse("Komisja poprosiła o tydzień czasu na odpowiedź.")
    t = timex_for(doc, "tydzień")
    assert (t["type"], t["value"]) == ("DURATION", "P1W")


def test_an_ordinal_week_of_a_named_period_is_a_week_of_the_year():
    doc = analyse("W pierwszym tygodniu wakacji biblioteka przygotowała zajęcia dla dzieci.", date="2025-06-30")
    assert timex_for(doc, "W pierwszym tygodniu")["value"] == "2025-WXX"
    doc = analyse("W pierwszym tygodniu lipca biblioteka będzie zamknięta.", date="2025-06-30")
    assert timex_for(doc, "W pierwszym tygodniu lipca")["value"] == "2025-07"
