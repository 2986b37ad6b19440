"""Counted demonyms as groups of people, the state of KB-less places, and page furniture that ends at a sentence
end (kronika/actors/linker.py, context_country.py)."""
from __future__ import annotations

from tests.actors.test_linking import by_name, entities, texts
from tests.actors.test_names import span


# ------------------------------------------------------------------ plural demonyms: the state or its people

def test_counted_demonyms_are_a_group_of_the_nations_people():
    text = ("Litewska policja zatrzymała trzech Łotyszy na granicy. Łotysze mieli przy sobie drony. "
            "Sąd w Wilnie zajmie się sprawą w marcu.")
    ents = entities(text, "2025-03-01")
    group = by_name(ents, "Łotysze")
    assert (group["type"], group["country"], group["sector"]) == ("group", "LVA", "CVL")
    assert texts(group) == ["Łotyszy", "Łotysze"]
    assert not [e for e in ents if e["type"] == "country" and e["country"] == "LVA"]


def test_uncounted_demonyms_stand_for_the_state():
    text = "Amerykanie zażądali od Kijowa odpowiedzi w sprawie umowy o minerałach."
    ents = entities(text, "2025-03-01")
    assert by_name(ents, "United States")["type"] == "country"


# ------------------------------------------------------------------ the state of a place the KB lacks

def test_a_place_followed_by_a_region_lies_in_the_regions_state():
    text = "Pożar wybuchł w zakładach w Gelsenkirchen w Nadrenii Północnej-Westfalii, podała policja."
    ents = entities(text, "2025-05-01", ner=[span(text, "Gelsenkirchen", "placeName")])
    assert by_name(ents, "Gelsenkirchen")["country"] == "DEU"


def test_a_place_followed_by_an_adjective_and_a_country_lies_in_it():
    text = "Turyści utknęli w osadzie Abisko w północnej Szwecji z powodu śnieżycy, a Francja wysłała pomoc francuskim turystom."
    ents = entities(text, "2025-02-01", ner=[span(text, "Abisko", "placeName")])
    assert by_name(ents, "Abisko")["country"] == "SWE"


def test_an_organisation_followed_by_a_country_is_based_there():
    text = "Sankcje objęły również rafinerię Gujarat Petro w Indiach, należącą do rosyjskiego koncernu."
    ents = entities(text, "2025-07-18", ner=[span(text, "Gujarat Petro", "orgName")])
    assert by_name(ents, "Gujarat Petro")["country"] == "IND"


def test_a_proper_place_name_takes_the_story_country_as_a_last_resort():
    text = ("Drony wleciały nad Polskę. Polska zamknęła lotniska, a polskie myśliwce poderwano z bazy. "
            "Szczątki spadły koło Zwolenia.")
    ents = entities(text, "2025-09-10", ner=[span(text, "Zwolenia", "placeName", "Zwoleń")])
    assert by_name(ents, "Zwoleń")["country"] == "POL"


def test_a_common_noun_used_as_a_place_gets_no_story_country():
    text = "Polska i Polska wzywają do jedności, bo Zachód musi wspierać sojuszników, mówią w Warszawie."
    ents = entities(text, "2025-09-10", ner=[span(text, "Zachód", "geogName")])
    assert by_name(ents, "Zachód")["country"] is None


# ------------------------------------------------------------------ page furniture

def test_a_page_label_covers_only_up_to_the_first_sentence_end():
    text = ("Udostępnij Kopiuj link Pies Max pobił rekord. Mieszka w Oklahoma City z rodziną i "
            "lubi długie spacery po parku.")
    ents = entities(text, "2025-06-01")
    assert by_name(ents, "Oklahoma City")["country"] == "USA"
