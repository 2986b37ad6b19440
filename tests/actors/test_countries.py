"""Countries: ISO codes, Polish names cross-checked against CLDR (babel), lookups by name and form."""
from __future__ import annotations

from pathlib import Path

import pytest

from kronika.actors.kb import DATA, _read_tsv, load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


@pytest.fixture(scope="module")
def exceptions() -> dict[tuple[str, str], str]:
    return {(row["iso3"], row["check"]): row["cldr"] for row in _read_tsv(DATA / "cldr_exceptions.tsv")}


def test_every_iso_code_is_present(kb):
    babel = pytest.importorskip("babel")
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    # every alpha-2 territory CLDR names in Polish that is an ISO 3166-1 country code
    territories = babel.Locale("pl").territories
    non_iso = {"AC", "CP", "CQ", "DG", "EA", "EU", "EZ", "IC", "QO", "TA", "UN", "XA", "XB", "ZZ"}
    cldr_alpha2 = {code for code in territories if len(code) == 2 and code not in non_iso}
    ours = {c.alpha2 for c in kb.countries.values()}
    assert cldr_alpha2 - ours == set()
    assert ours - cldr_alpha2 == set()
    assert len([c for c in kb.countries.values() if c.code != "XKX"]) == 249
    assert all(len(a) == 1 for code, a in aliases.items() if code in kb.countries)


def test_alpha3_and_alpha2_agree_with_cldr(kb, exceptions):
    pytest.importorskip("babel")
    from babel.core import get_global

    aliases = get_global("territory_aliases")
    for c in kb.countries.values():
        if (c.code, "alpha3") in exceptions:
            continue
        assert aliases.get(c.code) == [c.alpha2], f"{c.code}: CLDR says {aliases.get(c.code)}, we say {c.alpha2}"


def test_cldr_polish_name_is_among_ours(kb, exceptions):
    babel = pytest.importorskip("babel")
    territories = babel.Locale("pl").territories
    for c in kb.countries.values():
        cldr = territories.get(c.alpha2)
        ours = {n.text for n in c.polish_names}
        if (c.code, "polish_name") in exceptions:
            assert exceptions[(c.code, "polish_name")] == cldr, f"{c.code}: exceptions table is stale"
            assert cldr not in ours
            continue
        assert cldr in ours, f"{c.code}: CLDR's {cldr!r} not in {sorted(ours)}"


def test_first_polish_name_is_strong_and_official(kb):
    assert kb.country("PRK").polish_name == "Korea Północna"
    assert kb.country("USA").polish_name == "Stany Zjednoczone"
    assert kb.country("kp").code == "PRK"
    for c in kb.countries.values():
        assert not c.polish_names[0].weak, c.code


def test_english_names_follow_wikipedia_titles(kb):
    expected = {"PRK": "North Korea", "KOR": "South Korea", "USA": "United States", "RUS": "Russia",
                "COD": "Democratic Republic of the Congo", "COG": "Republic of the Congo",
                "GBR": "United Kingdom", "CZE": "Czech Republic", "CIV": "Ivory Coast", "PSE": "State of Palestine"}
    assert {code: kb.country(code).name for code in expected} == expected


def test_countries_by_polish_name(kb):
    index = kb.countries_by_polish_name
    assert index["KRLD"] == ("PRK",)
    assert index["Stany Zjednoczone"] == ("USA",)
    assert set(index["Kongo"]) == {"COD", "COG"}  # weak for both
    assert index["RFN"] == ("DEU",)


def test_countries_by_inflected_form(kb):
    assert kb.countries_by_form("Koreę Północną") == ("PRK",)
    assert kb.countries_by_form("Stanach Zjednoczonych") == ("USA",)
    assert kb.countries_by_form("Republiki Południowej Afryki") == ("ZAF",)
    assert kb.countries_by_form("Białorusi") == ("BLR",)
    assert kb.countries_by_form("Narnii") == ()


def test_adjectives_demonyms_and_metonyms(kb):
    prk = kb.country("PRK")
    assert "północnokoreański" in {n.text for n in prk.adjectives}
    assert {"Pjongjang"} <= {n.text for n in prk.capitals}
    rus = kb.country("RUS")
    assert "Rosjanin" in {n.text for n in rus.demonyms}
    assert "Kreml" in {n.text for n in rus.seats}
    usa = kb.country("USA")
    assert {"Biały Dom"} <= {n.text for n in usa.seats}
    assert "Waszyngton" in {n.text for n in usa.capitals}
    assert any(n.text == "Ameryka" and n.weak for n in usa.polish_names)
    assert any(n.text == "Bruksela" and n.weak for n in kb.country("BEL").capitals)


def test_wikidata_ids_of_countries_in_the_gold_style(kb):
    assert kb.country("USA").wikidata == "Q30"
    assert kb.country("RUS").wikidata == "Q159"
    assert kb.country("UKR").wikidata == "Q212"


def test_data_file_is_tab_separated_with_header():
    header = next(line for line in Path(DATA / "countries.tsv").read_text(encoding="utf-8").splitlines()
                  if line and not line.startswith("#"))
    assert header.split("\t")[:4] == ["iso3", "iso2", "kind", "name_en"]
