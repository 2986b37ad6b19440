"""Organisations (SPEC.md §4 codes, media, armed groups) and role words."""
from __future__ import annotations

import re

import pytest

from kronika.actors.kb import load_kb

SPEC_IGO_CODES = ["EU", "NATO", "UN", "UNSC", "UNHCR", "UNICEF", "WHO", "IAEA", "OSCE", "CoE", "AU", "ASEAN",
                  "OAS", "SCO", "CSTO", "BRICS", "G7", "G20", "OPEC", "IMF", "WB", "WTO", "ICC", "ICJ", "ECHR",
                  "CJEU", "Interpol"]


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_every_spec_code_is_an_igo(kb):
    missing = [code for code in SPEC_IGO_CODES if code not in kb.igo_codes]
    assert missing == []
    for code in SPEC_IGO_CODES:
        org = kb.organization(code)
        assert org.sector == "IGO" and org.country == code and org.polish_names


def test_spec_section_4_codes_are_covered(kb, shared):
    spec = (shared / "spec" / "SPEC.md").read_text(encoding="utf-8")
    section = spec.split("## 4.", 1)[1]
    codes = re.findall(r"`([A-Za-z0-9]+)`", section)
    assert len(codes) >= 20
    assert [c for c in codes if c not in kb.igo_codes] == []


@pytest.mark.parametrize("form,org_id", [
    ("ONZ", "UN"), ("Organizacji Narodów Zjednoczonych", "UN"), ("UE", "EU"), ("Unii Europejskiej", "EU"),
    ("Sojuszu Północnoatlantyckiego", "NATO"), ("Radzie Bezpieczeństwa ONZ", "UNSC"), ("MAEA", "IAEA"),
    ("MTK", "ICC"), ("MFW", "IMF"), ("Międzynarodowego Funduszu Walutowego", "IMF"),
    ("KCNA", "kcna"), ("RIA Nowosti", "ria-novosti"), ("Hamasu", "hamas"), ("Hezbollahu", "hezbollah"),
    ("Pentagonu", "pentagon"), ("Kneset", "knesset"), ("Komisji Europejskiej", "european-commission"),
])
def test_organisations_by_name(kb, form, org_id):
    assert org_id in [o.id for o in kb.organizations_by_name(form)]


@pytest.mark.parametrize("org_id,country,sector", [
    ("pap", "POL", "MED"), ("reuters", "GBR", "MED"), ("associated-press", "USA", "MED"), ("afp", "FRA", "MED"),
    ("kcna", "PRK", "MED"), ("tass", "RUS", "MED"), ("yonhap", "KOR", "MED"), ("xinhua", "CHN", "MED"),
    ("al-jazeera", "QAT", "MED"), ("m23", "COD", "REB"), ("hamas", "PSE", "REB"), ("houthis", "YEM", "REB"),
    ("wagner-group", "RUS", "REB"), ("sejm", "POL", "LEG"), ("state-duma", "RUS", "LEG"),
    ("verkhovna-rada", "UKR", "LEG"), ("pentagon", "USA", "MIL"), ("mossad", "ISR", "SPY"),
    ("fsb", "RUS", "SPY"), ("cia", "USA", "SPY"), ("abw", "POL", "SPY"), ("sbu", "UKR", "SPY"),
])
def test_organisation_country_and_sector(kb, org_id, country, sector):
    org = kb.organization(org_id)
    assert (org.country, org.sector) == (country, sector)


def test_brussels_is_a_weak_metonym_of_the_eu(kb):
    eu = kb.organization("EU")
    assert any(m.text == "Bruksela" and m.weak for m in eu.metonyms)


def test_dated_periods_change_an_organisation_s_sector(kb):
    taliban = kb.organization("taliban")
    assert taliban.on("2019-05")[0] == "REB"
    assert taliban.on("2023-01")[:2] == ("GOV", "AFG")
    hts = kb.organization("hts")
    assert hts.on("2024-06")[0] == "REB"
    assert hts.on("2025-01-01")[0] == "GOV"


@pytest.mark.parametrize("phrase,offices,sector,typ", [
    ("prezydent", ("head_of_state",), "GOV", "person"),
    ("premier", ("head_of_government",), "GOV", "person"),
    ("minister obrony", ("defence_minister",), "MIL", "person"),
    ("minister spraw zagranicznych", ("foreign_minister",), "GOV", "person"),
    ("szef dyplomacji", ("foreign_minister",), "GOV", "person"),
    ("szef MSZ", ("foreign_minister",), "GOV", "person"),
    ("ambasador", ("ambassador",), "GOV", "person"),
    ("dyplomata", (), "GOV", "person"),
    ("rzecznik", ("spokesperson",), "GOV", "person"),
    ("wojsko", (), "MIL", "organization"),
    ("siły zbrojne", (), "MIL", "organization"),
    ("żołnierze", (), "MIL", "group"),
    ("policja", (), "COP", "organization"),
    ("policjant", (), "COP", "person"),
    ("separatyści", (), "REB", "group"),
    ("bojownicy", (), "REB", "group"),
    ("rebelianci", (), "REB", "group"),
    ("media państwowe", (), "MED", "organization"),
    ("dziennikarz", (), "MED", "person"),
    ("parlament", (), "LEG", "organization"),
    ("posłowie", ("legislator",), "LEG", "group"),
    ("sąd", (), "JUD", "organization"),
    ("prokuratura", (), "JUD", "organization"),
    ("opozycja", (), "POL", "group"),
    ("partia", (), "POL", "organization"),
    ("demonstranci", (), "CVL", "group"),
    ("cywile", (), "CVL", "group"),
    ("służby specjalne", (), "SPY", "organization"),
    ("wywiad", (), "SPY", "organization"),
])
def test_role_words_map_to_sectors(kb, phrase, offices, sector, typ):
    rw = kb.role_word(phrase)
    assert rw is not None, phrase
    assert (rw.offices, rw.sector, rw.type) == (offices, sector, typ)


def test_role_word_lookup_ignores_case_and_marks_weak_words(kb):
    assert kb.role_word("Szef MSZ").offices == ("foreign_minister",)
    assert kb.role_word("lider").weak
    assert kb.role_word("kosmonauta") is None


def test_a_role_phrase_can_be_checked_against_the_kb(kb):
    """"minister obrony Rosji" in a text of August 2023 is the holder of defence_minister for RUS then."""
    rw = kb.role_word("minister obrony")
    holders = {p.name for office in rw.offices for p in kb.holders_on(office, "RUS", "2023-08")}
    assert holders == {"Sergei Shoigu"}
    rw = kb.role_word("szef dyplomacji")
    holders = {p.name for office in rw.offices for p in kb.holders_on(office, "HUN", "2025-12-03")}
    assert holders == {"Péter Szijjártó"}


def _pipeline_entities(text: str) -> list[dict]:
    from kronika.ingest.document import DocDate, Document
    from kronika.pipeline import default_pipeline

    doc = Document(text=text, source="test", date=DocDate.parse("2025-12-01"), lang="pl")
    default_pipeline()(doc)
    return doc.entities


def test_an_organisation_role_word_types_the_unknown_name_after_it():
    # "Portal" opens the sentence: the recogniser alone would take "Press" for a person
    for text in ("Portal Press podał, że dziennikarzy nie wpuszczono na galę.",
                 "Jak podał w piątek portal Press, dziennikarzy nie wpuszczono na galę."):
        found = [e for e in _pipeline_entities(text) if e["name"] == "Press"]
        assert len(found) == 1 and (found[0]["type"], found[0]["sector"]) == ("organization", "MED"), text


def test_the_same_words_without_the_role_word_are_the_same_organisation():
    ents = _pipeline_entities("Premier Izraela udzielił wywiadu portalowi Ynet. W rozmowie z Ynet mówił o Iranie.")
    org = [e for e in ents if e["name"] == "Ynet"]
    assert len(org) == 1 and (org[0]["type"], org[0]["sector"]) == ("organization", "MED")
    assert [m["text"] for m in org[0]["mentions"]] == ["Ynet", "Ynet"]


def test_a_person_after_an_organisations_role_word_stays_a_person():
    ents = _pipeline_entities("Szef fundacji Szimon Sabag zapowiedział otwarcie muzeum. Loty wrócą w maju - powiedział "
                              "gazecie Jozsef Varadi, prezes przewoźnika.")
    assert {e["name"]: e["type"] for e in ents if e["name"] in ("Szimon Sabag", "Jozsef Varadi")} == {
        "Szimon Sabag": "person", "Jozsef Varadi": "person"}


def test_a_name_taken_for_a_place_after_an_organisations_role_word_is_that_organisation():
    ents = {e["name"]: (e["type"], e["sector"]) for e in _pipeline_entities(
        "Mimo to, jak donosi m.in. portal Africa Report, walki wciąż trwają. Dziennikarze gazety Kraków opisali "
        "to samo.")}
    assert ents["Africa Report"] == ("organization", "MED")
    assert ents["Kraków"][0] == "location"  # a place Morfeusz knows stays a place
