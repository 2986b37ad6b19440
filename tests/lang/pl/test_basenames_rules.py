"""Base forms of names from Morfeusz readings alone (no tagger choice): the head-phrase search, the guesses for
unknown words, letter case and the rule data (kronika/lang/pl/data/basenames.yaml)."""
from __future__ import annotations

import pytest

from kronika.lang.base import Token
from kronika.lang.pl.basenames import base_form, guesses, name_class, rules
from kronika.lang.pl.morphology import analyse


def _tokens(name: str) -> list[Token]:
    out, pos = [], 0
    for word in name.split(" "):
        out.append(Token(pos, pos + len(word), word, analyses=list(analyse(word))))
        pos += len(word) + 1
    return out


@pytest.mark.parametrize(
    "name,type,expected",
    [
        # an ambiguous first name agrees with an unknown adjectival surname: genitive, not the woman's name
        ("Zdzisława Pąkowskiego", "persName", "Zdzisław Pąkowski"),
        ("Halinie Brzękalskiej", "persName", "Halina Brzękalska"),
        # the head and its adjective go to the nominative, the genitive complement stays
        ("Ministerstwa Spraw Zagranicznych", "orgName", "Ministerstwo Spraw Zagranicznych"),
        ("Rady Bezpieczeństwa", "orgName", "Rada Bezpieczeństwa"),
        ("Polskiego Stronnictwa Ludowego", "orgName", "Polskie Stronnictwo Ludowe"),
        ("Prawa i Sprawiedliwości", "orgName", "Prawo i Sprawiedliwość"),
        # a leading numeral is kept, the phrase after it inflects
        ("II wojny światowej", "", "II wojna światowa"),
        # plural names keep their number
        ("Stanach Zjednoczonych", "placeName_country", "Stany Zjednoczone"),
        # a place name prefers the geographic reading ("Polski" the country, not the surname)
        ("Polski", "placeName_country", "Polska"),
        # an undeclined foreign name in the nominative stays as written
        ("Nicolas Sarkozy", "persName", "Nicolas Sarkozy"),
        ("Siergiej Szojgu", "persName", "Siergiej Szojgu"),
        # a genitive-plural reading with no ending ("Big" of biga) is taken as a foreign word
        ("Big Cyc", "orgName", "Big Cyc"),
        # after "im." (named after) the patron's name stays in the genitive
        ("Zespołu Szkół im. Stanisława Staszica", "orgName", "Zespół Szkół im. Stanisława Staszica"),
        # each part of a hyphenated adjective keeps its capital
        ("Poradni Psychologiczno-Pedagogicznej", "orgName", "Poradnia Psychologiczno-Pedagogiczna"),
        # a name in capitals that changes gets capital initials; one already in the nominative stays
        ("TRYBUNAŁU KONSTYTUCYJNEGO", "orgName", "Trybunał Konstytucyjny"),
        ("RADA MIASTA", "orgName", "RADA MIASTA"),
        # a generic facility word opening the name is lower-cased (KPWr convention)
        ("Placu Zbawiciela", "nam_fac_square", "plac Zbawiciela"),
        # a one-word adjectival name gives the adjective's lemma
        ("Marszałkowskiej", "nam_fac_road", "marszałkowski"),
        # unknown one-word names: guessed from the ending
        ("Pąkowskiego", "persName", "Pąkowski"),
        ("Kimem", "persName", "Kim"),
        # a foreign name in -e declines like an adjective without its -e
        ("Frunzego", "persName", "Frunze"),
        # names in a person's name agree in case: an unknown surname after a genitive first name is a genitive,
        # a man's surname may decline like a feminine noun, a foreign first name may not decline at all
        ("Piotra Obamy", "persName", "Piotr Obama"),
        ("Mike Tannera", "persName", "Mike Tanner"),
        # a surname-only homograph of a first name's form loses to the first name
        ("Szymona", "persName_forename", "Szymon"),
        # a lemma in Polish spelling beats a foreign homograph (Jacek, not Jack)
        ("Jacka Kowalskiego", "persName", "Jacek Kowalski"),
        # an ethnonym beats a lower-case common noun in an organisation-like group name, an archaic reading
        # loses to a current one
        ("Anglicy", "nam_org_nation", "Anglik"),
        ("Amerykanie", "nam_org_nation", "Amerykanin"),
        # a place form fitting -ów, -owo and -owa lemmas: the commonest -ów
        ("Tarnowie", "placeName_settlement", "Tarnów"),
        ("Wilanowie", "placeName_settlement", "Wilanów"),
        # ... but a place's own nominative is not pushed aside by that preference
        ("Borowa", "placeName", "Borowa"),
        # a woman's first name that is also the genitive of a rare man's name is the woman's; a common man's
        # name keeps its genitive reading
        ("Krystyna", "persName_forename", "Krystyna"),
        ("Barbara", "persName_forename", "Barbara"),
        ("Stanisława", "persName_forename", "Stanisław"),
        # two unknown words agreeing in the genitive are read so, not both as undeclined nominatives
        ("Baracka Obamy", "persName", "Barack Obama"),
        # an unknown surname in -ki after a man's genitive first name: -ko; after a woman's: -ka
        ("Wojciecha Nomejki", "persName", "Wojciech Nomejko"),
        ("Beaty Zarembianki", "persName", "Beata Zarembianka"),
        # ... while -ski stays an adjectival surname's nominative
        ("Tomasz Bonarowski", "persName", "Tomasz Bonarowski"),
        # the locative of an unknown feminine place name alternates its stem's last consonant
        ("Fukuoce", "placeName_settlement", "Fukuoka"),
        ("Antananarywie", "placeName_settlement", "Antananarywa"),
        # ... but a plural place in -ice and a foreign word outside place names are not read so
        ("Blizanowice", "placeName_settlement", "Blizanowice"),
        # an unknown man's name in -sa, -cha, -ra, -xa is a genitive (a foreign man's name), not a woman's nominative
        ("Kelbarusa", "persName", "Kelbarus"),
        ("Grubescha", "persName", "Grubesch"),
        ("Luxa", "persName", "Lux"),
        # an unknown -ego word is a foreign name in -e rather than an unknown Polish adjectival one
        ("Malherbego", "persName", "Malherbe"),
        # a foreign name in -le, -ce, -age keeps its -e before the instrumental -m
        ("Oraclem", "orgName", "Oracle"),
        # a name whose only readings are vocatives is taken as written
        ("Emilio", "persName", "Emilio"),
        # an initial inside a person's name does not end the phrase; nor does a particle ("van", "de")
        ("Jana K. Wiśniewskiego", "persName", "Jan K. Wiśniewski"),
        ("Ludwiga van Beethovena", "persName", "Ludwig van Beethoven"),
        # an ending cut off after an apostrophe is glued back to its word
        ("Joe ’ a Cockera", "persName", "Joe Cocker"),
        # in an organisation's name a second noun in an oblique case is a complement, not an apposition ...
        ("Partii Woli", "orgName", "Partia Woli"),
        # ... while nominatives may stand side by side, a foreign phrase stays as written ...
        ("Wisła Kraków", "orgName", "Wisła Kraków"),
        ("Golden State Warriors", "orgName", "Golden State Warriors"),
        # ... and no name follows an unknown word whose ending is an oblique case's
        ("Feyenoordem Rotterdam", "orgName", "Feyenoord Rotterdam"),
        # an unknown word with an adjective's ending agrees with the noun before it
        ("Akademii Yalskiej", "orgName", "Akademia Yalska"),
        # the genitive of a plurale tantum is not a foreign word as written
        ("Mistrzostw Wielkopolski", "nam_eve_human_sport", "Mistrzostwa Wielkopolski"),
        # an event's head is a common noun rather than a homonymous place
        ("Ligi Europy", "nam_eve_human_sport", "Liga Europy"),
        # a legal act's title starts with a capital
        ("ustawy o ochronie zabytków", "nam_pro_title_document", "Ustawa o ochronie zabytków"),
        # a team's nickname keeps its number, another one-word name gives its lemma
        ("Kanonierów", "nam_org_group_team", "Kanonierzy"),
        ("Kanonierów", "nam_org_nation", "Kanonier"),
        # no space inside quotation marks
        ("Fundacji „ Nowy Dom ”", "orgName", "Fundacja „Nowy Dom”"),
    ],
)
def test_base_forms_from_readings(name, type, expected):
    assert base_form(_tokens(name), type) == expected


def test_a_surname_reading_does_not_make_a_place_a_proper_name():
    # "Pióra" as a place: the common noun's form (pióro) the tagger chose, not the surname Piór; in a person's
    # name the surname stays the likelier reading
    rs = analyse("Pióra")
    chosen = next(r for r in rs if r.lemma == "pióro" and ":sg:gen:" in r.tag)
    assert base_form([Token(0, 5, "Pióra", analyses=list(rs), chosen=chosen)], "placeName") == "Pióro"
    assert base_form([Token(0, 5, "Pióra", analyses=list(rs), chosen=chosen)], "persName") == "Piór"


def test_an_oblique_ending_marks_the_word_taken_as_written():
    # "-em" is never a nominative: the word as written carries the mark that stops an apposition after it
    from kronika.lang.pl.basenames import candidates

    tok = _tokens("Feyenoordem")[0]
    as_written = [c for c in candidates(tok, "org") if "as_written" in c.reading.labels]
    assert as_written and "oblique_ending" in as_written[0].reading.labels
    tok = _tokens("Lightning")[0]
    as_written = [c for c in candidates(tok, "org") if "as_written" in c.reading.labels]
    assert as_written and "oblique_ending" not in as_written[0].reading.labels


def test_guesses_for_an_unknown_adjectival_surname():
    best = guesses("Pąkowskiego")[0]
    assert best.reading.lemma == "Pąkowski"
    assert best.reading.tag in {"subst:sg:gen:m1", "subst:sg:acc:m1", "subst:sg:gen:m3"}


def test_a_rule_can_exclude_a_name_class():
    # -u is a masculine genitive/locative of things and places ("Freiburgu"), not of people
    assert any(g.reading.lemma == "Freiburg" for g in guesses("Freiburgu", "place"))
    assert not any(g.reading.lemma == "Szojg" for g in guesses("Szojgu", "person"))


def test_feminine_locative_guesses_only_in_place_names():
    assert any(g.reading.lemma == "Fukuoka" for g in guesses("Fukuoce", "place"))
    assert not any(g.reading.lemma == "Spaka" for g in guesses("Space", ""))
    assert not any(g.reading.lemma.endswith("ga") for g in guesses("Sulakwelidze", "place"))


def test_name_classes_of_both_type_sets():
    assert name_class("persName_surname") == "person"
    assert name_class("nam_liv_person_last") == "person"
    assert name_class("placeName_country") == "place"
    assert name_class("nam_org_institution") == "org"
    assert name_class("nam_adj_country") == "adj"
    assert name_class("date") == ""


def test_rules_load_with_unique_names():
    r = rules()
    assert r.guesses and r.generic_heads and "plural" in r.costs
    assert "Barbar" in r.rare_first_names and "Stanisław" not in r.rare_first_names
    assert "person" in r.apposition_classes and "org" not in r.apposition_classes
    assert "de" in r.particles and "a" in r.apostrophe_endings
    assert any(g.oblique for g in r.guesses) and any(g.adjective for g in r.guesses)
    assert [len(g.ending) for g in r.guesses] == sorted((len(g.ending) for g in r.guesses), reverse=True)
