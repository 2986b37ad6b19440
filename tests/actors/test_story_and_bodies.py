"""Context countries from the story (places count for their state, journalists belong to the outlet's country)
and bodies named by a common noun ("komisja śledcza" … "komisji")."""
from __future__ import annotations

from kronika.actors.linker import Linker
from tests.actors.test_linking import analysed, by_name, entities, texts
from tests.actors.test_names import span


def test_places_where_the_story_happens_count_for_their_state():
    # Russia is named twice, but the story happens in three British places
    text = ("Śledczy pracowali w Londynie, w Salisbury i w Szkocji. Rosja odrzuciła zarzuty, a Rosja wezwała "
            "ambasadora. Martin Hale powiedział, że dowody są jednoznaczne.")
    ner = [span(text, "Martin Hale", "persName")]
    assert by_name(entities(text, "2025-12-04", ner=ner), "Martin Hale")["country"] == "GBR"


def test_without_places_the_most_mentioned_country_still_decides():
    text = ("Rosja odrzuciła zarzuty, a Rosja wezwała ambasadora Wielkiej Brytanii. "
            "Martin Hale powiedział, że dowody są jednoznaczne.")
    ner = [span(text, "Martin Hale", "persName")]
    assert by_name(entities(text, "2025-12-04", ner=ner), "Martin Hale")["country"] == "RUS"


def test_a_host_or_journalist_belongs_to_the_outlets_country():
    text = ("Prezydent USA mówił o Wenezueli, a USA i Wenezuela wymieniły ostrzeżenia. "
            "Na pytanie prowadzącego Tomasza Bielawskiego gość odpowiedział, że rozmowy trwają.")
    ner = [span(text, "Tomasza Bielawskiego", "persName", "Tomasz Bielawski")]
    ent = by_name(entities(text, "2025-12-01", ner=ner), "Tomasz Bielawski")
    assert ent["country"] == "POL"


def test_the_outlet_country_comes_from_the_kb_before_the_language():
    from kronika.actors.context_country import outlet_country

    doc = analysed("Tekst.", "2025-12-01")
    doc.outlet = "Reuters"
    assert outlet_country(Linker(doc)) == "GBR"
    doc.outlet = None
    assert outlet_country(Linker(doc)) == "POL"


def test_a_body_named_by_a_common_noun_is_one_entity_with_its_later_mentions():
    text = ("Brytyjska komisja śledcza opublikowała raport o otruciu. Rosja zaprzecza, a Rosja grozi odwetem. "
            "Przewodniczący komisji Martin Hale powiedział, że Rosja ponosi odpowiedzialność.")
    ner = [span(text, "Martin Hale", "persName")]
    ents = entities(text, "2025-12-04", ner=ner)
    body = next(e for e in ents if e["name"].lower() == "brytyjska komisja śledcza")
    assert body["country"] == "GBR" and body["sector"] == "JUD"
    assert texts(body) == ["Brytyjska komisja śledcza", "komisji"]
    assert by_name(ents, "Martin Hale")["country"] == "GBR"   # the body right before the name


def test_a_body_without_a_country_lies_where_the_last_place_is():
    # most places are Russian, but the last one before the body is Polish
    text = ("Po podobnych sprawach w Moskwie i w Petersburgu policja zatrzymała mężczyznę w Gdańsku. Prokuratura postawiła mu zarzut szpiegostwa na rzecz "
            "Rosji. Rosja nie skomentowała sprawy, a Rosja wydaliła konsula.")
    ents = entities(text, "2025-03-01")
    body = next(e for e in ents if e["name"].lower() == "prokuratura")
    assert body["type"] == "organization" and body["country"] == "POL"
