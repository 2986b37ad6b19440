"""Classes of expressions found (or rightly not found) after the KPWr error analysis: thousands separators,
halves and quarters, short year ranges, the story's year for a month and day, and words that only look like
time (streets, ages, "środowisko", "lutowanie"). Sentences of our own; document date Thursday 2025-12-04."""
from __future__ import annotations

import pytest

from tests.time.helpers import analyse, timex_for

FOUND = [
    ("Lodowiec cofał się przez ok. 26 000 lat, twierdzą geolodzy.", "przez ok. 26 000 lat", "DURATION", "P26000Y"),
    ("Oblężenie Sarajewa trwało blisko 1 425 dni.", "blisko 1 425 dni", "DURATION", "P1425D"),
    ("W drugiej połowie XX wieku Korea została podzielona.", "W drugiej połowie XX wieku", "DATE", "19-H2"),
    ("W pierwszej połowie 2022 roku inflacja w strefie euro rosła.", "W pierwszej połowie 2022 roku", "DATE",
     "2022-H1"),
    ("Rozstrzygnięcie nastąpi w pierwszej połowie maja (głosowanie w przyszłym roku).", "w pierwszej połowie maja", "DATE", "2026-05-H1"),
    ("W trzecim kwartale 2024 r. PKB Niemiec spadł.", "W trzecim kwartale 2024 r.", "DATE", "2024-Q3"),
    ("W czwartym kwartale ubiegłego roku eksport zbóż z Ukrainy wzrósł.", "W czwartym kwartale ubiegłego roku",
     "DATE", "2024-Q4"),
    ("W latach 1987-94 zespół grał w Jarocinie.", "W latach 1987-94", "DURATION", "P7Y"),
    ("Relacja: Genewa, 31 sierpnia.", "31 sierpnia", "DATE", "2025-08-31"),
]


@pytest.mark.parametrize("text,phrase,ttype,value", FOUND)
def test_found(text, phrase, ttype, value):
    t = timex_for(analyse(text), phrase)
    assert (t["type"], t["value"]) == (ttype, value)


NOT_TIME = [
    ("Konsulat Litwy mieści się przy ul. Listopadowej w Warszawie.", "Listopadowej"),
    ("Lutowanie płytek zajęło technikom z Tajwanu całą zmianę.", "Lutowanie"),
    ("Ochrona środowiska była tematem szczytu COP29 w Baku.", "środowiska"),
    ("43-letni mieszkaniec Odessy zginął w ataku dronów.", "43-letni"),
    ("Ofiarą była dziewczynka w wieku 6-7 lat, podały władze Gazy.", "7 lat"),
    ("Najstarszy z zakładników ma 84 lata.", "84 lata"),
    ("Redaktor Gościa Niedzielnego pojechał do Watykanu.", "Niedzielnego"),
    ("Ambasada otworzyła wystawę pt. \"Kultura Japonii\" w Kijowie.", "pt."),
    ("Muzeum w Meksyku pokazuje kalendarz Majów z Jukatanu.", "Majów"),
    ("Uchodźcy z Sudanu nie maja dostępu do wody, alarmuje ONZ.", "maja"),
    ("Ośrodek w Bejrucie przyjmuje dzieci 6 letnich i starsze.", "letnich"),
]


@pytest.mark.parametrize("text,word", NOT_TIME)
def test_not_time(text, word):
    doc = analyse(text)
    assert all(word not in t["text"] for t in doc.timexes), doc.timexes


def test_a_month_and_day_take_the_year_the_story_is_about():
    doc = analyse("Do ataku na World Trade Center doszło w 2001 r. Już 20 września prezydent Bush przemawiał w "
                  "Kongresie.")
    assert timex_for(doc, "20 września")["value"] == "2001-09-20"


def test_without_a_story_year_the_document_date_gives_the_year():
    doc = analyse("Już 20 września prezydent przemawiał w Kongresie.")
    assert timex_for(doc, "20 września")["value"] == "2025-09-20"


def test_a_bound_or_a_bare_number_does_not_set_the_story_year():
    doc = analyse("Od 1990 r. prokuratura zbiera dane. Pismo wysłano 18 maja, a numer 2020 nadano później.")
    assert timex_for(doc, "18 maja")["value"] == "2025-05-18"


@pytest.mark.parametrize("text,phrase,value", [
    ("W dzisiejszym wydaniu dziennik opisuje szczyt w Hadze.", "dzisiejszym", "2025-12-04"),
    ("We wczorajszej debacie premier Węgier bronił weta.", "wczorajszej", "2025-12-03"),
    ("Na jutrzejszym posiedzeniu Rada UE omówi sankcje.", "jutrzejszym", "2025-12-05"),
])
def test_day_adjectives_are_found_by_lemma(text, phrase, value):
    assert timex_for(analyse(text), phrase)["value"] == value


def test_the_past_and_the_future_as_nouns_are_not_time_expressions():
    doc = analyse("Politycy rozmawiali o przyszłości Europy i o przeszłości Bałkanów.")
    assert doc.timexes == []
