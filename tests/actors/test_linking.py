"""Linking mentions to the knowledge base: one entity per referent, attributes as of the document date."""
from __future__ import annotations

import pickle
from types import SimpleNamespace

import pytest

from kronika.actors.linker import link
from kronika.actors.stage import ActorsStage
from kronika.ingest.document import DocDate, Document
from kronika.lang.pl.morphology import Morphology
from kronika.lang.pl.sentences import SentenceSplitter
from kronika.lang.pl.tokenizer import Tokenizer


def analysed(text: str, date: str = "2023-08-15", ner=None) -> Document:
    doc = Document(text=text, source="test", date=DocDate.parse(date), lang="pl")
    for stage in (Tokenizer(), SentenceSplitter(), Morphology()):
        stage(doc)
    if ner is not None:
        doc.spans["ner"] = ner
    return doc


def entities(text: str, date: str = "2023-08-15", ner=None) -> list[dict]:
    doc = analysed(text, date, ner)
    ents = link(doc)
    for e in ents:  # offsets are exact
        for m in e["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
    return ents


def by_name(ents: list[dict], name: str) -> dict:
    found = [e for e in ents if e["name"] == name]
    assert len(found) == 1, (name, [e["name"] for e in ents])
    return found[0]


def texts(entity: dict) -> list[str]:
    return [m["text"] for m in entity["mentions"]]


@pytest.mark.parametrize("text, name, expected", [
    ("Prezydent Rosji Władimir Putin przyjął na Kremlu gości z Afryki. Putina pytano o wojnę, a Putinowi "
     "wręczono list.", "Vladimir Putin", ["Władimir Putin", "Putina", "Putinowi"]),
    ("Kim Dzong Un obserwował próbę rakiety. Kima otaczali generałowie, a z Kimem rozmawiała jego siostra.",
     "Kim Jong Un", ["Kim Dzong Un", "Kima", "Kimem"]),
    ("Wołodymyr Zełenski przyjechał do Waszyngtonu. Zełenskiego przyjęto w Kongresie, a Zełenskiemu "
     "obiecano pomoc.", "Volodymyr Zelenskyy", ["Wołodymyr Zełenski", "Zełenskiego", "Zełenskiemu"]),
])
def test_inflected_forms_are_one_entity(text, name, expected):
    ent = by_name(entities(text), name)
    assert texts(ent) == expected
    assert [e["id"] for e in entities(text)][0] == "e1"


@pytest.mark.parametrize("date, country, sector", [
    ("2023-07-27", "RUS", "MIL"),   # defence minister
    ("2025-03-01", "RUS", "GOV"),   # Secretary of the Security Council since May 2024
])
def test_person_attributes_as_of_document_date(date, country, sector):
    ent = by_name(entities("Siergiej Szojgu odwiedził Pjongjang i spotkał się z wojskowymi.", date),
                  "Sergei Shoigu")
    assert (ent["type"], ent["country"], ent["sector"], ent["wikidata"]) == ("person", country, sector, "Q313981")


@pytest.mark.parametrize("date, holder", [("2022-05-10", "Joe Biden"), ("2025-06-10", "Donald Trump")])
def test_role_only_mention_resolves_to_the_holder_on_the_date(date, holder):
    ents = entities("Prezydent USA zapowiedział nowe sankcje wobec Iranu.", date)
    ent = by_name(ents, holder)
    assert texts(ent) == ["Prezydent USA"]
    assert by_name(ents, "United States")["type"] == "country"


@pytest.mark.parametrize("text, codes", [
    ("Pjongjang i Moskwa zaprzeczyły doniesieniom o dostawach amunicji.", ["PRK", "RUS"]),
    ("Biały Dom odpowiedział Kremlowi w ostrym tonie.", ["USA", "RUS"]),
    ("Waszyngton i Pekin wznowiły rozmowy handlowe.", ["USA", "CHN"]),
])
def test_capitals_and_seats_used_for_governments_are_countries(text, codes):
    ents = entities(text)
    assert [e["country"] for e in ents if e["type"] == "country"] == codes
    assert not [e for e in ents if e["type"] == "location"]


@pytest.mark.parametrize("text, place, country", [
    ("Rozmowy odbyły się w Moskwie pod koniec tygodnia.", "Moscow", "RUS"),
    ("Delegacja przyleciała do Kijowa w poniedziałek rano.", "Kyiv", "UKR"),
])
def test_capitals_used_as_places_are_locations(text, place, country):
    ent = by_name(entities(text), place)
    assert (ent["type"], ent["country"]) == ("location", country)


def test_coordination_of_countries_makes_no_persons():
    ents = entities("Przywódcy Korei Południowej, USA i Japonii spotkają się w Camp David.")
    assert [e["country"] for e in ents if e["type"] == "country"] == ["KOR", "USA", "JPN"]
    assert not [e for e in ents if e["type"] == "person"]


@pytest.mark.parametrize("text, name, country, sector, count", [
    ("Rosyjskie siły zbrojne ostrzelały port. Ataki przypisano rosyjskim siłom zbrojnym.",
     "russian armed forces", "RUS", "MIL", 2),  # in the KB
    ("Izraelskie media podały, że negocjacje utknęły w martwym punkcie.", "izraelskie media", "ISR", "MED", 1),
    ("Węgierska prokuratura wszczęła śledztwo. Rzecznik węgierskiej prokuratury odmówił komentarza.",
     "węgierska prokuratura", "HUN", "JUD", 2),
])
def test_adjective_and_group_role_word_make_an_actor(text, name, country, sector, count):
    ents = entities(text)
    ent = [e for e in ents if e["name"].lower() == name]
    assert len(ent) == 1 and (ent[0]["country"], ent[0]["sector"]) == (country, sector)
    assert len(ent[0]["mentions"]) == count


def test_government_word_with_a_country_is_the_country():
    ents = entities("Brytyjski rząd nałożył sankcje na rosyjskie banki.")
    assert [e["country"] for e in ents] == ["GBR"]
    assert texts(ents[0]) == ["Brytyjski rząd"]


def test_role_phrase_gives_an_unknown_person_country_and_sector():
    ents = entities("Rosyjski generał Walerij Kowalow dowodził operacją w Donbasie.", "2023-03-01")
    person = [e for e in ents if e["type"] == "person"]
    assert len(person) == 1
    assert (person[0]["name"], person[0]["country"], person[0]["sector"]) == ("Walerij Kowalow", "RUS", "MIL")


def test_unknown_names_keep_their_polish_base_form():
    ents = entities("Dziennikarze rozmawiali z Janem Nowakiem. Później Jan Nowak odmówił komentarza.")
    ent = by_name(ents, "Jan Nowak")
    assert texts(ent) == ["Janem Nowakiem", "Jan Nowak"]


def test_recogniser_spans_name_unknown_entities():
    text = "Szef firmy Orlen Daniel Obajtek spotkał się z przedstawicielami Petrobalticu."
    start = text.index("Daniel")
    org = text.index("Petrobalticu")
    ner = [SimpleNamespace(start=start, end=start + len("Daniel Obajtek"), type="persName",
                           base_form="Daniel Obajtek"),
           SimpleNamespace(start=org, end=org + len("Petrobalticu"), type="orgName", base_form="Petrobaltic")]
    ents = entities(text, ner=ner)
    assert by_name(ents, "Daniel Obajtek")["type"] == "person"
    assert by_name(ents, "Petrobaltic")["type"] == "organization"


@pytest.mark.parametrize("text", [
    "Nie wiadomo, z kim rozmawiał minister podczas wizyty.",
    "Kim jest nowy ambasador, tego jeszcze nie ogłoszono.",
])
def test_pronoun_kim_is_not_kim_jong_un(text):
    assert not [e for e in entities(text) if e["type"] == "person" and e["country"] == "PRK"]


def test_weak_names_need_support():
    # "Unia" alone is a weak name of the EU: linked once the EU is named in full
    with_support = entities("Unia Europejska przyjęła pakiet sankcji. Unia zapowiada kolejne kroki.")
    assert texts(by_name(with_support, "European Union")) == ["Unia Europejska", "Unia"]
    without = entities("Unia zapowiada kolejne kroki.")
    assert not [e for e in without if e["name"] == "European Union"]


def test_boilerplate_teasers_are_not_actors():
    ents = entities("Premier Japonii odwiedził Seul. ZOBACZ: Norwegia kupuje nowe fregaty Rozmowy trwały dwa dni.")
    assert "Norway" not in [e["name"] for e in ents]


def test_stage_writes_entities_and_pickles_small():
    stage = ActorsStage()
    assert (stage.name, stage.assigns) == ("actors", ("entities",))
    doc = analysed("Ukraina i Polska podpisały umowę.")
    stage(doc)
    assert [e["name"] for e in doc.entities] == ["Ukraine", "Poland"]
    assert len(pickle.dumps(stage)) < 1000


def test_seed_entities(seed_txt):
    from kronika.ingest import read_inputs
    from kronika.record import validate

    doc = next(d for d in read_inputs([str(seed_txt)]))
    for stage in (Tokenizer(), SentenceSplitter(), Morphology()):
        stage(doc)
    ActorsStage()(doc)
    got = {e["name"]: e for e in doc.entities}
    expected = {
        "Kim Jong Un": ("person", "PRK", "GOV", 5),
        "Vladimir Putin": ("person", "RUS", "GOV", 5),
        "Sergei Shoigu": ("person", "RUS", "MIL", 1),
        "North Korea": ("country", "PRK", None, 7),
        "Russia": ("country", "RUS", None, 5),
        "Korean Central News Agency": ("organization", "PRK", "MED", 3),
        "Reuters": ("organization", "GBR", "MED", 2),
        "United States": ("country", "USA", None, 2),
        "Japan": ("country", "JPN", None, 3),
        "South Korea": ("country", "KOR", None, 1),
        "Ukraine": ("country", "UKR", None, 2),
    }
    for name, (typ, country, sector, count) in expected.items():
        e = got[name]
        assert (e["type"], e["country"], e["sector"], len(e["mentions"])) == (typ, country, sector, count), name
    validate({"doc": {"id": doc.id, "source": doc.source, "lang": "pl", "date": doc.date.as_dict(),
                      "title": None, "outlet": None, "url": None},
              "entities": doc.entities, "events": [], "quotes": [], "timexes": []})
