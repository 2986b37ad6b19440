"""Polish time expressions of every kind → (type, value), with a day-precise and a month-only document date."""
from __future__ import annotations

import pytest

from tests.time.helpers import analyse, timex_for

# document date Thursday 2025-12-04
DAY_CASES = [
    ("Spotkanie zaplanowano na 18 sierpnia.", "na 18 sierpnia", "DATE", "2025-08-18"),
    ("Umowę podpisano 18.08.2023 r. w Genewie.", "18.08.2023 r.", "DATE", "2023-08-18"),
    ("Szczyt zakończył się 4 grudnia 2025 roku w Hadze.", "4 grudnia 2025 roku", "DATE", "2025-12-04"),
    ("Ministrowie spotkali się we wtorek w Brukseli.", "we wtorek", "DATE", "2025-12-02"),
    ("Premier przemawiał w ubiegły piątek w Sejmie.", "w ubiegły piątek", "DATE", "2025-11-28"),
    ("Wybory odbędą się w najbliższą niedzielę.", "w najbliższą niedzielę", "DATE", "2025-12-07"),
    ("W czwartkowy poranek kanclerz zabrał głos.", "W czwartkowy poranek", "TIME", "2025-12-04TMO"),
    ("Wczoraj rakiety spadły na Charków.", "Wczoraj", "DATE", "2025-12-03"),
    ("Przedwczoraj doszło do ataku.", "Przedwczoraj", "DATE", "2025-12-02"),
    ("Jutro delegacja poleci do Kijowa.", "Jutro", "DATE", "2025-12-05"),
    ("Dwa dni temu Izrael ostrzelał Gazę.", "Dwa dni temu", "DATE", "2025-12-02"),
    ("Za tydzień rozpocznie się szczyt.", "Za tydzień", "DATE", "2025-W50"),
    ("Rozmowy wznowią w przyszłym tygodniu.", "w przyszłym tygodniu", "DATE", "2025-W50"),
    ("W ubiegłym roku NATO przyjęło Szwecję.", "W ubiegłym roku", "DATE", "2024"),
    ("W tym miesiącu Rada zbierze się dwa razy.", "W tym miesiącu", "DATE", "2025-12"),
    ("Pod koniec lipca minister odwiedził Pjongjang.", "Pod koniec lipca", "DATE", "2025-07"),
    ("Na początku sierpnia ruszyła ofensywa.", "Na początku sierpnia", "DATE", "2025-08"),
    ("W połowie września armia wycofała się.", "W połowie września", "DATE", "2025-09"),
    ("Jesienią parlament wybrał premiera.", "Jesienią", "DATE", "2025-FA"),
    ("Ludobójstwo w Rwandzie zaczęło się w 1994 r.", "w 1994 r.", "DATE", "1994"),
    ("W latach 2014–2021 trwała misja.", "W latach 2014–2021", "DURATION", "P7Y"),
    ("Granice ustalono w XX wieku.", "w XX wieku", "DATE", "19"),
    ("Zespół grał w latach 90. ubiegłego stulecia.", "w latach 90.", "DATE", "199"),
    ("Alarm ogłoszono o godz. 17:46 czasu lokalnego.", "o godz. 17:46", "TIME", "2025-12-04T17:46"),
    ("Nocą z niedzieli na poniedziałek drony zaatakowały Kijów.", "Nocą z niedzieli na poniedziałek", "TIME",
     "2025-11-30TNI"),
    ("Kraj walczy z korupcją od ponad 30 lat.", "od ponad 30 lat", "DURATION", "P30Y"),
    ("Protest trwał przez trzy dni.", "przez trzy dni", "DURATION", "P3D"),
    ("Obrady trwały ponad pięć godzin.", "ponad pięć godzin", "DURATION", "PT5H"),
    ("Konflikt trwa od lat.", "od lat", "DURATION", "PXY"),
    ("Szczyt odbywa się co roku w Davos.", "co roku", "SET", "P1Y"),
    ("Teraz sytuacja jest inna.", "Teraz", "DATE", "PRESENT_REF"),
    ("Niedawno rząd zmienił zdanie.", "Niedawno", "DATE", "PAST_REF"),
]

# document date 2023-08 (month only): never more precise than that
MONTH_CASES = [
    ("Spotkanie zaplanowano na 18 sierpnia.", "na 18 sierpnia", "DATE", "2023-08-18"),
    ("Ministrowie spotkali się we wtorek w Brukseli.", "we wtorek", "DATE", "2023-08"),
    ("Wczoraj rakiety spadły na Charków.", "Wczoraj", "DATE", "PAST_REF"),
    ("W tym miesiącu Rada zbierze się dwa razy.", "W tym miesiącu", "DATE", "2023-08"),
    ("Pod koniec lipca minister odwiedził Pjongjang.", "Pod koniec lipca", "DATE", "2023-07"),
    ("W ubiegłym roku NATO przyjęło Szwecję.", "W ubiegłym roku", "DATE", "2022"),
    ("Protest trwał przez trzy dni.", "przez trzy dni", "DURATION", "P3D"),
]


@pytest.mark.parametrize("text,phrase,ttype,value", DAY_CASES)
def test_day_precise_document_date(text, phrase, ttype, value):
    t = timex_for(analyse(text, "2025-12-04"), phrase)
    assert (t["type"], t["value"]) == (ttype, value)


@pytest.mark.parametrize("text,phrase,ttype,value", MONTH_CASES)
def test_month_only_document_date(text, phrase, ttype, value):
    t = timex_for(analyse(text, "2023-08"), phrase)
    assert (t["type"], t["value"]) == (ttype, value)


def test_unknown_document_date_keeps_what_the_text_says():
    doc = analyse("Spotkanie zaplanowano na 18 sierpnia.", None)
    assert timex_for(doc, "na 18 sierpnia")["value"] == "XXXX-08-18"


@pytest.mark.parametrize(
    "text,phrase,value",
    [
        # the governing verb's tense points a bare weekday back or forward (document: Thursday 2025-12-04)
        ("Prezydent spotkał się we wtorek z premierem.", "we wtorek", "2025-12-02"),
        ("Prezydent spotka się we wtorek z premierem.", "we wtorek", "2025-12-09"),
        ("Głosowanie odbędzie się w piątek.", "w piątek", "2025-12-05"),
        ("Głosowanie odbyło się w piątek.", "w piątek", "2025-11-28"),
        ("Delegacja ma przylecieć w poniedziałek.", "w poniedziałek", "2025-12-08"),
        ("Delegacja będzie obradować w poniedziałek.", "w poniedziałek", "2025-12-08"),
        ("Delegacja przyleciała w poniedziałek.", "w poniedziałek", "2025-12-01"),
        ("Traktat podpisano w czwartek.", "w czwartek", "2025-12-04"),
    ],
)
def test_weekday_direction_by_tense(text, phrase, value):
    assert timex_for(analyse(text), phrase)["value"] == value


def test_month_only_document_keeps_month_precision_for_a_bare_weekday():
    doc = analyse("Ministrowie spotkali się we wtorek w Brukseli.", "2023-08")
    assert timex_for(doc, "we wtorek")["value"] == "2023-08"


def test_anniversary_pins_the_weekday_in_a_month_only_document():
    text = ("Kim i Putin wymienili we wtorek listy. Wymiana nastąpiła z okazji 78. rocznicy wyzwolenia Korei "
            "spod japońskich rządów.")
    doc = analyse(text, "2023-08")
    assert timex_for(doc, "we wtorek")["value"] == "2023-08-15"
    assert doc.spans["time_anchors"][0]["date"] == "2023-08-15"
    # the anniversary is evidence, not a timex of its own
    assert not any("rocznic" in t["text"] for t in doc.timexes)


def test_anniversary_of_another_weekday_does_not_pin():
    # 80th anniversary of the Warsaw Uprising: 2024-08-01, a Thursday; a Tuesday stays at month precision
    text = "Prezydenci spotkali się we wtorek. Wcześniej obchodzono 80. rocznicę wybuchu Powstania Warszawskiego."
    doc = analyse(text, "2024-08")
    assert timex_for(doc, "we wtorek")["value"] == "2024-08"


def test_offsets_rules_and_text_are_exact():
    text = "Rozmowy w Rijadzie zaczęły się we wtorek, a skończyły 18 sierpnia o godz. 17:46."
    doc = analyse(text)
    assert doc.timexes, "no timexes"
    for t in doc.timexes:
        assert doc.text[t["start"]:t["end"]] == t["text"]
        assert t["rule"]
        assert set(t) == {"start", "end", "text", "type", "value", "rule"}
    assert timex_for(doc, "we wtorek")["rule"] == "weekday"
    merged = timex_for(doc, "18 sierpnia o godz. 17:46")
    assert merged["type"] == "TIME" and merged["value"] == "2025-08-18T17:46"


def test_relative_to_the_last_mentioned_date():
    doc = analyse("Policja zatrzymała mężczyznę 20 marca. Dzień później sąd go aresztował.")
    assert timex_for(doc, "Dzień później")["value"] == "2025-03-21"


def test_plain_numbers_are_not_years():
    doc = analyse("W zamachu zginęło 1500 osób, a 2000 żołnierzy wysłano na granicę.")
    assert doc.timexes == []
