"""Speaker mechanisms of the third round, on sentences of our own: the gender of people the knowledge base
does not know (from their first name and surname), a bare surname as subject, a medium's own observation
("Jak zauważa agencja AFP, …"), a long object after "Według", and impersonal cues ("Zwrócono uwagę, że …")
that belong to an institution, never to a person."""
from __future__ import annotations

import pytest

from kronika.attribution.gender import name_gender

from .helpers import entity_name, run


def _speakers(doc) -> list[tuple[str, str | None, str]]:
    return [(q["kind"], entity_name(doc, q["speaker"]), q["cue"]) for q in doc.quotes]


@pytest.mark.parametrize("name, gender", [
    ("Anna Kowalska", "f"),           # Polish feminine surname
    ("Jan Nowicki", "m1"),            # Polish masculine surname
    ("Maria Zacharowa", "f"),         # Russian feminine surname in Polish spelling
    ("Angela Pick", "f"),             # first name known to Morfeusz as a woman's (not the genitive of "Angel")
    ("Nick Stoeberl", "m1"),          # first name unknown as a name: a final consonant
    ("Ursula von der Leyen", "f"),    # unknown first name ending in -a
    ("Nikita Chruszczow", "m1"),      # surname ending decides before the first name
    ("Ilya Yashin", "m1"),            # listed exception to the -a rule
    ("Ruth Dreifuss", "f"),           # listed feminine name without -a
    ("Putin", None),                  # one word: no rule
])
def test_name_gender(name, gender):
    assert name_gender(name) == gender


def test_dropped_feminine_subject_skips_a_man_the_kb_does_not_know():
    doc = run("Na konferencji w Londynie wystąpiła Ingrid Lundqvist. Potem głos zabrał Mick Harland. "
              "Przyznała, że brytyjski rząd nie ma jeszcze planu.")
    assert _speakers(doc) == [("indirect", "Ingrid Lundqvist", "przyznać")]


def test_bare_surname_subject_is_the_person_named_before():
    doc = run("W Berlinie rozmawiali Martina Schulte i Tobias Krenz. Schulte przyznała, że Niemcy wstrzymają dostawy.")
    assert _speakers(doc) == [("indirect", "Martina Schulte", "przyznać")]


def test_medium_observation_with_a_non_reporting_cue_is_a_quote():
    doc = run("Departament Stanu wydał w piątek komunikat. Jak zauważa agencja AFP, decyzja zapadła dzień po "
              "rozmowie prezydentów.")
    assert _speakers(doc) == [("indirect", "Agence France-Presse", "zauważać")]


def test_medium_news_report_stays_a_source():
    doc = run("Jak podaje agencja AFP, prezydenci rozmawiali w piątek przez telefon.")
    assert doc.quotes == []


def test_person_in_a_long_object_of_wedlug_is_the_speaker():
    doc = run("Według zajmującego się sprawami obronności korespondenta Reutersa Marka Jensena Dania wyśle "
              "na Łotwę kolejne okręty.")
    assert _speakers(doc) == [("indirect", "Marek Jensen", "według")]
    assert doc.quotes[0]["text"].startswith("Dania wyśle")


def test_wedlug_a_name_stops_before_the_subject_of_the_clause():
    doc = run("Według NATO Rosja zgromadziła przy granicy kolejne oddziały.")
    assert _speakers(doc) == [("indirect", "NATO", "według")]
    assert doc.quotes[0]["text"].startswith("Rosja zgromadziła")


def test_impersonal_cue_belongs_to_the_institution_not_to_a_person_named_later():
    doc = run("Brytyjskie ministerstwo obrony opublikowało raport o zagrożeniach. Jego autorem jest generał "
              "Patrick Sanders. Zwrócono uwagę, że Rosja odbudowuje swoje siły szybciej, niż sądzono.")
    assert _speakers(doc) == [("indirect", "Ministry of Defence (United Kingdom)", "zwrócić uwagę")]


def test_impersonal_cue_with_no_institution_in_reach_is_no_quote():
    doc = run("Generał Patrick Sanders był w piątek w Kijowie. Zwrócono uwagę, że Rosja odbudowuje swoje siły.")
    assert doc.quotes == []


def test_short_quoted_word_inside_indirect_speech_keeps_the_indirect_quote():
    doc = run("Rzecznik Kremla Dmitrij Pieskow ocenił, że rozmieszczenie wojsk NATO w Finlandii to „prowokacja”, "
              "na którą Rosja odpowie w odpowiednim czasie.")
    assert [(q["kind"], q["text"][:30]) for q in doc.quotes] == [("indirect", "rozmieszczenie wojsk NATO w Fi")]


def test_mostly_quoted_indirect_speech_is_recorded_as_its_partial_quote():
    doc = run('Rzecznik Kremla Dmitrij Pieskow ocenił, że "rozmieszczenie wojsk NATO w Finlandii to prowokacja '
              'wobec Rosji".')
    assert [(q["kind"], q["text"]) for q in doc.quotes] == [
        ("partial", "rozmieszczenie wojsk NATO w Finlandii to prowokacja wobec Rosji")]


def test_country_in_the_genitive_after_an_adjective_is_not_the_subject():
    doc = run("Szefowie rządów Hiszpanii, Danii, Wielkiej Brytanii i Szwecji oraz przewodniczący Rady Europejskiej "
              "podkreślili w poniedziałek w komunikacie, że poprą rozmowy pokojowe.")
    assert "United Kingdom" not in [entity_name(doc, q["speaker"]) for q in doc.quotes]
