"""Tokenizer: offsets, hard tokens, paragraphs."""
from __future__ import annotations

import json

import pytest

from kronika.lang.base import Span
from kronika.lang.pl.tokenizer import Tokenizer, paragraphs, tokenize

TEXTS = [
    "Prezydent Ukrainy Wołodymyr Zełenski spotkał się 18.08.2023 r. o godz. 17:46 z sekretarzem generalnym NATO.",
    "Inflacja w strefie euro spadła do 2,5 proc., a stopy procentowe obniżono o 0.25 pkt proc. w czerwcu.",
    "„Nie oddamy ani metra” – zapowiedział gen. Ołeksandr Syrski, cytowany przez agencję Reuters.",
    "Rozmowy polsko-ukraińskie w sprawie eksportu zboża (tzw. korytarzy solidarnościowych) utknęły.\n\n"
    "Ministrowie mają się spotkać ponownie w Brukseli.",
    "Pisz do redakcji: kontakt@example.pl lub na https://example.com/kontakt?id=7. Obserwuj @MSZ_RP i #Ukraina!",
    "Donald J. Trump zapowiedział cła na stal – m.in. z Kanady i Meksyku – w wysokości 25 proc…",
    "W latach 2014-2015 w Donbasie zginęło ok. 1 200 osób.\tSzef MSZ Radosław Sikorski skomentował to w TVN24.",
    "«Cisza przed burzą» – pisze dziennik ‘Le Monde’ o sytuacji w Azji Północno-Wschodniej… Czy to już kryzys?!",
    "O'Brien, doradca ds. bezpieczeństwa, przyleciał F-16 do bazy w Łasku 2023-08-15; COVID-19 go nie zatrzymał.",
    "  Wiodący spacją akapit  \n   \n  i drugi z tabulacją\t\n",
]


@pytest.mark.parametrize("text", TEXTS)
def test_offsets_point_into_the_text(text: str) -> None:
    tokens, paras = tokenize(text)
    assert tokens
    last_end = 0
    for tok in tokens:
        assert text[tok.start : tok.end] == tok.text
        assert tok.start >= last_end, "tokens overlap or are out of order"
        assert tok.text and not any(ch.isspace() for ch in tok.text)
        assert tok.kind in {"word", "number", "punct", "symbol"}
        last_end = tok.end


@pytest.mark.parametrize("text", TEXTS)
def test_every_visible_character_is_in_exactly_one_token(text: str) -> None:
    tokens, _ = tokenize(text)
    covered = [0] * len(text)
    for tok in tokens:
        for i in range(tok.start, tok.end):
            covered[i] += 1
    for i, ch in enumerate(text):
        assert covered[i] == (0 if ch.isspace() else 1), f"character {i} {ch!r}"


def texts(text: str) -> list[str]:
    return [t.text for t in tokenize(text)[0]]


@pytest.mark.parametrize(
    "text, token",
    [
        ("Konflikt w Azji Północno-Wschodniej narasta.", "Północno-Wschodniej"),
        ("Podpisano polsko-ukraiński protokół.", "polsko-ukraiński"),
        ("Umowę podpisano 18.08.2023 r. w Waszyngtonie.", "18.08.2023"),
        ("Alarm ogłoszono o 17:46 czasu lokalnego.", "17:46"),
        ("PKB wzrósł o 2,5 proc.", "2,5"),
        ("Kurs wyniósł 10.5 hrywny.", "10.5"),
        ("Spotkanie zaplanowano na 2023-08-15.", "2023-08-15"),
        ("Rozmawiano m.in. o sankcjach.", "m.in."),
        ("To tzw. flota cieni.", "tzw."),
        ("Dowodził gen. Załużny.", "gen."),
        ("Wykład wygłosił prof. Nowak.", "prof."),
        ("Rezolucja ws. Gazy przepadła.", "ws."),
        ("Wojna wybuchła w 2022 r. na Ukrainie.", "r."),
        ("Rozmawiał z dr. Kowalskim.", "dr."),
        ("Szczegóły na https://www.gov.pl/web/dyplomacja/komunikat-1.", "https://www.gov.pl/web/dyplomacja/komunikat-1"),
        ("Pytania prosimy kierować na biuro@msz.gov.pl.", "biuro@msz.gov.pl"),
        ("Oświadczenie opublikowało @MSZ_RP w nocy.", "@MSZ_RP"),
        ("Wpisy oznaczano #StandWithUkraine od rana.", "#StandWithUkraine"),
        ("Donald J. Trump przemawiał.", "J."),
        ("Samoloty F-16 wystartowały.", "F-16"),
        ("Wysłał SMS-em ostrzeżenie.", "SMS-em"),
        ("Zatrzymano 22-latka z Gdańska.", "22-latka"),
        ("Wypowiedział się Conan O'Brien.", "O'Brien"),
        ("Według portalu wPolityce.pl, rząd upadnie.", "wPolityce.pl"),
        ("Pacjentów przybywa. (...) Trzeba działać.", "(...)"),
        ("Czy to już wojna?! Nie wiadomo.", "?!"),
    ],
)
def test_hard_tokens_stay_whole(text: str, token: str) -> None:
    assert token in texts(text)


def test_ordinal_keeps_its_dot_before_a_lowercase_word() -> None:
    tokens, _ = tokenize("Obchody 78. rocznicy wyzwolenia Korei odbyły się w Seulu.")
    ordinal = next(t for t in tokens if t.text.startswith("78"))
    assert ordinal.text == "78." and ordinal.kind == "number"


def test_number_before_a_capital_leaves_its_dot_alone() -> None:
    assert texts("W zamachu zginęło 78. Policja szuka sprawców.")[3:6] == ["78", ".", "Policja"]


@pytest.mark.parametrize(
    "text, ordinal",
    [
        ("Myśliwce stacjonują w 22. Bazie Lotnictwa Taktycznego pod Malborkiem.", "22."),
        ("34. Finał WOŚP zagra w styczniu.", "34."),
        ("Program szczytu: 2. Sesja plenarna o Ukrainie.", "2."),
        ("Rok temu zginęło 12 osób. 3. Dywizja wróciła do koszar.", "3."),
    ],
)
def test_short_ordinal_before_a_capital_after_a_preposition_or_at_a_start(text: str, ordinal: str) -> None:
    tokens, _ = tokenize(text)
    assert any(t.text == ordinal and t.kind == "number" for t in tokens)


def test_a_year_before_a_capital_keeps_its_period_apart() -> None:
    assert texts("Wojna zaczęła się w 2022. Potem przyszły sankcje.")[4:7] == ["2022", ".", "Potem"]


def test_year_range_is_split_at_the_hyphen() -> None:
    assert texts("W latach 2014-2015 trwały walki.")[2:5] == ["2014", "-", "2015"]


def test_quotes_and_dashes_are_tokens_of_their_own() -> None:
    text = "„Nie ustąpimy” – powiedział. \"Nigdy\" - dodał. «Koniec» — napisano. 'Tak' orzekł."
    toks = texts(text)
    for mark in ["„", "”", "–", '"', "-", "«", "»", "—", "'"]:
        assert mark in toks
    assert "Nie" in toks and "Nigdy" in toks and "Koniec" in toks and "Tak" in toks


def test_unlisted_word_does_not_keep_its_dot() -> None:
    assert texts("Rozmowy trwały długo.")[-2:] == ["długo", "."]


def test_url_does_not_swallow_the_final_period() -> None:
    assert texts("Komunikat: https://example.com/a?b=1.")[-2:] == ["https://example.com/a?b=1", "."]


def test_space_after() -> None:
    tokens, _ = tokenize("Kim, Putin i (Xi) rozmawiali.")
    flags = {t.text: t.space_after for t in tokens}
    assert flags["Kim"] is False and flags[","] is True and flags["("] is False and flags["Xi"] is False
    assert tokens[-1].text == "." and tokens[-1].space_after is False


def test_kinds() -> None:
    tokens, _ = tokenize("W 2023 r. ceny wzrosły o 5% – podał @GUS_STAT.")
    kinds = {t.text: t.kind for t in tokens}
    assert kinds["2023"] == "number" and kinds["r."] == "word" and kinds["%"] == "symbol"
    assert kinds["–"] == "punct" and kinds["@GUS_STAT"] == "symbol" and kinds["ceny"] == "word"


def test_each_non_empty_line_is_a_paragraph() -> None:
    text = "Szczyt w Wilnie\nSojusznicy obiecali wsparcie.\n\n  Rosja zareagowała ostro.  \n"
    assert paragraphs(text) == [Span(0, 15), Span(16, 45), Span(49, 73)]
    assert text[49:73] == "Rosja zareagowała ostro."


def test_tokens_never_cross_a_line_break() -> None:
    tokens, paras = tokenize("Ukraina-\nRosja")
    assert [t.text for t in tokens] == ["Ukraina", "-", "Rosja"]
    assert len(paras) == 2


def test_stage_writes_tokens_and_paragraphs() -> None:
    from kronika.ingest.document import Document

    doc = Document(text="Kijów odparł atak.\nMoskwa milczy.", source="test")
    stage = Tokenizer()
    assert stage.name == "tokenizer" and stage.assigns == ("tokens", "paragraphs")
    stage(doc)
    assert [t.text for t in doc.tokens] == ["Kijów", "odparł", "atak", ".", "Moskwa", "milczy", "."]
    assert len(doc.paragraphs) == 2


def test_offsets_on_the_news_corpus(news_jsonl) -> None:
    with open(news_jsonl, encoding="utf-8") as fh:
        for line in fh:
            text = json.loads(line)["text"]
            tokens, _ = tokenize(text)
            for tok in tokens:
                assert text[tok.start : tok.end] == tok.text
            visible = sum(1 for ch in text if not ch.isspace())
            assert sum(t.end - t.start for t in tokens) == visible
