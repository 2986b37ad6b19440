"""Base forms of names, on sentences run through the Polish stages (tokenizer → tagger)."""
from __future__ import annotations

import pytest

from kronika.ingest.document import Document
from kronika.lang.base import Analysis, Token
from kronika.lang.pl import polish_stages
from kronika.lang.pl.basenames import base_form, nominative
from kronika.lang.pl.tagger import load_model

pytestmark = pytest.mark.skipif(load_model() is None, reason="no tagger model shipped")


def _tokens(text: str, name: str):
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:4]:  # tokenizer, sentences, morphology, disambiguation
        stage(doc)
    start = text.index(name)
    return [t for t in doc.tokens if t.start >= start and t.end <= start + len(name)]


@pytest.mark.parametrize(
    "text,name,type,expected",
    [
        ("Rozmowy z udziałem Siergieja Szojgu trwały w Moskwie dwa dni.", "Siergieja Szojgu", "persName", "Siergiej Szojgu"),
        ("Putin odwiedził Koreę Północną w czerwcu 2024 roku.", "Koreę Północną", "placeName_country", "Korea Północna"),
        ("Prezydent Rosji spotkał się z Kimem w Pjongjangu.", "Kimem", "persName", "Kim"),
        ("Ambasador pracował w Stanach Zjednoczonych przez pięć lat.", "Stanach Zjednoczonych", "placeName_country", "Stany Zjednoczone"),
        ("Posiedzenie Rady Uniwersytetu Warszawskiego odbyło się wczoraj.", "Rady Uniwersytetu Warszawskiego", "orgName", "Rada Uniwersytetu Warszawskiego"),
        ("Kanclerz rozmawiał z Emmanuelem Macronem o pomocy dla Ukrainy.", "Emmanuelem Macronem", "persName", "Emmanuel Macron"),
        ("Premier Węgier pojechał do Unii Europejskiej na szczyt.", "Unii Europejskiej", "orgName", "Unia Europejska"),
        # an initial and a particle inside a person's name, a foreign man's name in -sch
        ("Spotkanie Marka K. Wiśniewskiego z wyborcami odbyło się w piątek.", "Marka K. Wiśniewskiego", "persName",
         "Marek K. Wiśniewski"),
        ("Koncert Ludwiga van Beethovena zagrano w filharmonii.", "Ludwiga van Beethovena", "persName",
         "Ludwig van Beethoven"),
        ("Wykład Hansa Grubescha o filozofii zebrał tłumy.", "Hansa Grubescha", "persName", "Hans Grubesch"),
        # an organisation's genitive complement stays; a club's city stays in the nominative
        ("Rzecznik Partii Woli zapowiedział konferencję prasową.", "Partii Woli", "orgName", "Partia Woli"),
        ("Piłkarze przegrali z Feyenoordem Rotterdam w sobotę.", "Feyenoordem Rotterdam", "orgName",
         "Feyenoord Rotterdam"),
    ],
)
def test_base_forms_in_context(text, name, type, expected):
    assert base_form(_tokens(text, name), type) == expected


def test_a_word_unknown_to_the_morphology_keeps_its_letters_case():
    toks = _tokens("Sekretarz generalny NATO przyjechał do Kijowa.", "NATO")
    assert base_form(toks, "orgName") == "NATO"


def test_nominative_keeps_number_and_gender():
    reading = Analysis("północny", "adj:sg:acc:f:pos")
    assert nominative(reading, "północną") == "północna"
    plural = Analysis("stan", "subst:pl:loc:m3")
    assert nominative(plural, "stanach") == "stany"


def test_a_guessed_reading_gives_its_guessed_lemma():
    tok = Token(0, 5, "Kimem", analyses=[Analysis("Kimem", "ign")],
                chosen=Analysis("Kim", "subst:sg:inst:m1", labels=("proper_candidate", "guessed")))
    assert base_form([tok], "persName") == "Kim"


def test_empty_name():
    assert base_form([], "persName") == ""
