"""Sentence splitting: ordinals, dates, abbreviations, initials, dialogue, quotes, headlines, the seed article."""
from __future__ import annotations

import json

import pytest

from kronika.ingest.document import Document
from kronika.lang.pl.abbreviations import MAY_END, NEVER_FINAL, abbreviations
from kronika.lang.pl.sentences import SentenceSplitter, is_proper_name, split_sentences
from kronika.lang.pl.tokenizer import tokenize


def sentences(text: str) -> list[str]:
    tokens, paras = tokenize(text)
    return [text[s.start : s.end] for s in split_sentences(tokens, paras)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # ordinals and dates
        (
            "Do wymiany listów doszło z okazji 78. rocznicy wyzwolenia Korei. Obie strony chwaliły sojusz.",
            ["Do wymiany listów doszło z okazji 78. rocznicy wyzwolenia Korei.", "Obie strony chwaliły sojusz."],
        ),
        (
            "Porozumienie podpisano 18.08.2023 r. w Camp David i ogłoszono je wieczorem.",
            ["Porozumienie podpisano 18.08.2023 r. w Camp David i ogłoszono je wieczorem."],
        ),
        (
            "W zamachu zginęło 78. Policja szuka sprawców.",
            ["W zamachu zginęło 78.", "Policja szuka sprawców."],
        ),
        # "r." truly ending a sentence, and "r." before a name continuing it
        (
            "Rosja napadła na Ukrainę w lutym 2022 r. Od tego czasu zginęły dziesiątki tysięcy ludzi.",
            ["Rosja napadła na Ukrainę w lutym 2022 r.", "Od tego czasu zginęły dziesiątki tysięcy ludzi."],
        ),
        (
            "Traktat wszedł w życie w 1999 r. W odpowiedzi Moskwa zerwała rozmowy.",
            ["Traktat wszedł w życie w 1999 r.", "W odpowiedzi Moskwa zerwała rozmowy."],
        ),
        (
            "W lutym 2022 r. Rosja rozpoczęła pełnoskalową inwazję.",
            ["W lutym 2022 r. Rosja rozpoczęła pełnoskalową inwazję."],
        ),
        (
            "W 2024 r. Polska przeznaczyła na obronność ponad 4 proc. PKB.",
            ["W 2024 r. Polska przeznaczyła na obronność ponad 4 proc. PKB."],
        ),
        (
            "Z Gazy ewakuowano ok. 20 tys. Mieszkańcy wracają do zniszczonych domów.",
            ["Z Gazy ewakuowano ok. 20 tys.", "Mieszkańcy wracają do zniszczonych domów."],
        ),
        (
            "Rozmawiano o handlu, energii, migracji itd. Następnie przywódcy zjedli obiad.",
            ["Rozmawiano o handlu, energii, migracji itd.", "Następnie przywódcy zjedli obiad."],
        ),
        ("Szkoła im. Jana Pawła II przyjęła uchodźców.", ["Szkoła im. Jana Pawła II przyjęła uchodźców."]),
        ("Negocjacje w Kijowie prowadził min. Sikorski.", ["Negocjacje w Kijowie prowadził min. Sikorski."]),
        (
            "Według sondażu 60 proc. Polaków popiera pomoc dla Ukrainy.",
            ["Według sondażu 60 proc. Polaków popiera pomoc dla Ukrainy."],
        ),
        ("W nocy temperatura spadnie do -6 st. C na wschodzie kraju.", ["W nocy temperatura spadnie do -6 st. C na wschodzie kraju."]),
        (
            "Samoloty stacjonują w 22. Bazie Lotnictwa Taktycznego. Misja potrwa trzy miesiące.",
            ["Samoloty stacjonują w 22. Bazie Lotnictwa Taktycznego.", "Misja potrwa trzy miesiące."],
        ),
        (
            "Zbiórka trwa od grudnia. 34. Finał WOŚP odbędzie się w styczniu.",
            ["Zbiórka trwa od grudnia.", "34. Finał WOŚP odbędzie się w styczniu."],
        ),
        (
            "Sprawę skomentował mł. asp. Jan Nowak z policji, a st. bryg. Paweł Zając potwierdził dane.",
            ["Sprawę skomentował mł. asp. Jan Nowak z policji, a st. bryg. Paweł Zając potwierdził dane."],
        ),
        # initials
        ("Donald J. Trump przyjął w Białym Domu J. Kowalskiego.", ["Donald J. Trump przyjął w Białym Domu J. Kowalskiego."]),
        ("Książkę o wojnie napisała J.K. Rowling.", ["Książkę o wojnie napisała J.K. Rowling."]),
        # dialogue with dashes
        (
            "- Jestem pewien, że zwyciężymy - powiedział Putin.",
            ["- Jestem pewien, że zwyciężymy - powiedział Putin."],
        ),
        (
            "- Jestem pewien, że … - powiedział Putin.",
            ["- Jestem pewien, że … - powiedział Putin."],
        ),
        (
            "- Wygramy tę wojnę! - zapewnił Zełenski. - Nie oddamy ani metra ziemi - dodał.",
            ["- Wygramy tę wojnę! - zapewnił Zełenski.", "- Nie oddamy ani metra ziemi - dodał."],
        ),
        (
            "– Czy Rosja zaatakuje Mołdawię? – pytał dziennikarz. – Nie wykluczamy tego – odparł minister.",
            ["– Czy Rosja zaatakuje Mołdawię? – pytał dziennikarz.", "– Nie wykluczamy tego – odparł minister."],
        ),
        # quotation marks
        (
            "„Nie ustąpimy!” – zapowiedział Zełenski w Kijowie.",
            ["„Nie ustąpimy!” – zapowiedział Zełenski w Kijowie."],
        ),
        (
            "Rzecznik Kremla oświadczył: „To prowokacja.” Następnie opuścił salę.",
            ["Rzecznik Kremla oświadczył: „To prowokacja.”", "Następnie opuścił salę."],
        ),
        (
            'Demonstranci skandowali "Precz z wojną!". Policja nie interweniowała.',
            ['Demonstranci skandowali "Precz z wojną!".', "Policja nie interweniowała."],
        ),
        (
            'Według KCNA Kim napisał, że "przyjaźń obu krajów jest niezwyciężona". Moskwa odpowiedziała ciepło.',
            ['Według KCNA Kim napisał, że "przyjaźń obu krajów jest niezwyciężona".', "Moskwa odpowiedziała ciepło."],
        ),
        # ?! … and omissions
        ("Czy to już wojna?! Eksperci uspokajają.", ["Czy to już wojna?!", "Eksperci uspokajają."]),
        (
            "Rozmowy utknęły w martwym punkcie… Dyplomaci nie tracą jednak nadziei.",
            ["Rozmowy utknęły w martwym punkcie…", "Dyplomaci nie tracą jednak nadziei."],
        ),
        (
            "Szpitale są przepełnione. (...) Potrzebna jest pomoc międzynarodowa.",
            ["Szpitale są przepełnione.", "(...) Potrzebna jest pomoc międzynarodowa."],
        ),
        ("Zginęło 12 osób. 40 zostało rannych.", ["Zginęło 12 osób.", "40 zostało rannych."]),
        # headlines and paragraphs
        (
            "Szczyt NATO w Hadze\nSojusznicy zgodzili się zwiększyć wydatki. Rosja protestuje.",
            ["Szczyt NATO w Hadze", "Sojusznicy zgodzili się zwiększyć wydatki.", "Rosja protestuje."],
        ),
        (
            "Premier Japonii odwiedził Seul, gdzie rozmawiał o\nbezpieczeństwie w regionie.",
            ["Premier Japonii odwiedził Seul, gdzie rozmawiał o", "bezpieczeństwie w regionie."],
        ),
    ],
)
def test_hard_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


ALL_FORMS = [e.form for e in abbreviations().entries]
MAY_END_FORMS = [e.form for e in abbreviations().entries if e.group == MAY_END]


@pytest.mark.parametrize("form", ALL_FORMS)
def test_every_listed_abbreviation_in_mid_sentence(form: str) -> None:
    text = f"Rozmowy trwały długo, a {form} Putin mówił jeszcze o sankcjach."
    assert sentences(text) == [text]
    # the dotless spellings ("dr", "mln") are listed for their oblique dotted form too ("z dr. Putinem")
    if not form.endswith("."):
        dotted = f"Rozmowy trwały długo, a {form}. Putin mówił jeszcze o sankcjach."
        assert sentences(dotted) == [dotted]


@pytest.mark.parametrize("form", MAY_END_FORMS)
def test_an_abbreviation_that_may_end_a_sentence_does_before_a_common_capitalised_word(form: str) -> None:
    first = f"Wydatki na armię rosły od 10 {form if form.endswith('.') else form + '.'}"
    text = first + " Następnie rząd przyjął budżet."
    assert sentences(text) == [first, "Następnie rząd przyjął budżet."]


def test_a_never_final_abbreviation_never_ends_a_sentence() -> None:
    never = [e.form for e in abbreviations().entries if e.group == NEVER_FINAL]
    assert "tzw." in never and "gen." in never and "m.in." in never
    for form in never:
        text = f"Mowa była o {form} Następnie rząd przyjął budżet."
        assert len(sentences(text)) == 1, form


def test_sentences_never_cross_a_paragraph() -> None:
    text = "Kim przyjechał pociągiem do Władywostoku, gdzie czekał na\n„Putina” i jego ministrów. Rozmowy trwały."
    tokens, paras = tokenize(text)
    result = split_sentences(tokens, paras)
    for s in result:
        para = paras[s.paragraph]
        assert para.start <= s.start and s.end <= para.end
    assert [s.paragraph for s in result] == [0, 1, 1]


def test_capitalised_name_check() -> None:
    for name in ["Putin", "Rosja", "Polska", "Ukraina", "Sikorski", "Szojgu", "PKB", "NATO"]:
        assert is_proper_name(name), name
    assert is_proper_name("Polaków") and is_proper_name("C")
    for word in ["Od", "Jak", "Następnie", "W", "Z", "Mieszkańcy", "Policja", "Rząd"]:
        assert not is_proper_name(word), word


def check_tiling(doc: Document) -> None:
    """Sentences cover every token once, in order, within their paragraph, with matching offsets."""
    expected_start = 0
    for s in doc.sentences:
        assert s.token_start == expected_start and s.token_end > s.token_start
        assert s.start == doc.tokens[s.token_start].start and s.end == doc.tokens[s.token_end - 1].end
        para = doc.paragraphs[s.paragraph]
        assert para.start <= s.start and s.end <= para.end
        expected_start = s.token_end
    assert expected_start == len(doc.tokens)


# The seed article, sentence by sentence: (paragraph, first token, last word). The text is read from ../shared.
SEED_SENTENCES = [
    (0, "Przywódca", "Reuters"),
    (1, "Władimir", "więzi"),
    (1, "Wyciekły", "korespondencji"),
    (2, "Do", "Japonii"),
    (2, "Według", "imperialistów"),
    (3, "Podkreślał", "ery"),
    (3, "Zaznaczył", "sprawy"),
    (4, "Z", "dwustronnych"),
    (4, '"', "KCNA"),
    (5, "Korea", "Moskwie"),
    (6, "Reuters", "rakietowych"),
    (6, "Pjongjang", "zbrojeniowym"),
    (7, "Pod", "szturmowych"),
    (8, "Przywódcy", "David"),
]


def test_seed_article(seed_txt) -> None:
    raw = seed_txt.read_text(encoding="utf-8")
    doc = Document(text=raw[raw.index("Przywódca") :], source=str(seed_txt))
    from kronika.lang.pl.tokenizer import Tokenizer

    Tokenizer()(doc)
    SentenceSplitter()(doc)
    check_tiling(doc)
    assert len(doc.paragraphs) == 9
    assert len(doc.sentences) == len(SEED_SENTENCES) == 14
    got = []
    for s in doc.sentences:
        words = [t.text for t in doc.tokens[s.token_start : s.token_end] if t.kind == "word"]
        got.append((s.paragraph, doc.tokens[s.token_start].text, words[-1]))
    assert got == SEED_SENTENCES
    # each paragraph's first sentence starts it and its last sentence ends it
    for p_index, para in enumerate(doc.paragraphs):
        in_para = [s for s in doc.sentences if s.paragraph == p_index]
        assert in_para[0].start == para.start and in_para[-1].end == para.end
    # prose sentences end with a period, possibly after a closing quote; the two headlines do not
    endings = [doc.text[s.end - 2 : s.end] for s in doc.sentences]
    headlines = [i for i, e in enumerate(endings) if not e.endswith(".")]
    assert headlines == [2, 9]
    # the ordinal "78." is inside its sentence
    ordinal = next(t for t in doc.tokens if t.text == "78.")
    assert doc.sentences[3].start < ordinal.start < doc.sentences[3].end


def test_news_corpus_sentences_tile_the_tokens(news_jsonl) -> None:
    splitter = SentenceSplitter()
    from kronika.lang.pl.tokenizer import Tokenizer

    with open(news_jsonl, encoding="utf-8") as fh:
        for line in list(fh)[:150]:
            doc = Document(text=json.loads(line)["text"], source="corpus")
            Tokenizer()(doc)
            splitter(doc)
            check_tiling(doc)
            for s in doc.sentences:
                last = doc.tokens[s.token_end - 1]
                assert not (last.kind == "number" and last.text.endswith(".")), "split after an ordinal"


def test_stage_declares_what_it_writes() -> None:
    stage = SentenceSplitter()
    assert stage.name == "sentences" and stage.assigns == ("sentences",)


def test_a_headline_fused_into_the_text_ends_before_a_capitalised_opener() -> None:
    assert sentences("Premier zabrał głos w Sejmie O sprawę pytali dziennikarze.") == [
        "Premier zabrał głos w Sejmie", "O sprawę pytali dziennikarze."]
    assert sentences("Nowe kary dla kierowców Według danych policji liczba wypadków spadła.") == [
        "Nowe kary dla kierowców", "Według danych policji liczba wypadków spadła."]


def test_a_capitalised_opener_after_a_number_or_an_abbreviation_keeps_the_sentence() -> None:
    assert len(sentences("Robot ma moc 1300 W za 599 zł.")) == 1
    assert len(sentences("Rozmawiał z nim dr Na końcu spotkania podziękował.")) == 1


def test_a_capitalised_verb_form_ends_a_fused_headline() -> None:
    assert sentences("Szpitale czekają na pieniądze Przypomnijmy, że ustawa weszła w życie w maju.") == [
        "Szpitale czekają na pieniądze", "Przypomnijmy, że ustawa weszła w życie w maju."]
    # after a closing quotation mark: a quoted subheading, then the sentence that reports it
    assert sentences("„Nie zgodzimy się na to” Dodał, że rząd przygotuje własny projekt.") == [
        "„Nie zgodzimy się na to”", "Dodał, że rząd przygotuje własny projekt."]
    assert sentences("Minister broni reformy Odnosząc się do krytyki, powiedział, że zmiany są konieczne.") == [
        "Minister broni reformy", "Odnosząc się do krytyki, powiedział, że zmiany są konieczne."]


def test_a_capitalised_verb_form_keeps_the_sentence_after_a_name_or_at_its_end() -> None:
    # "Muska" is also a form of "muskać", but here it is a surname after a capitalised first name ...
    assert len(sentences("Dziennikarze pytali o plany Elona Muska w Europie.")) == 1
    # ... and a one-word "sentence" would rather be a name Morfeusz reads as a verb
    assert len(sentences("Minister skrytykował zachowanie Muska.")) == 1


def test_a_name_after_a_year_that_ends_a_clause_starts_a_new_sentence() -> None:
    assert sentences("Rząd nie wypełnił zobowiązań podjętych w 2019 r. Donald Tusk zapowiedział zmiany.") == [
        "Rząd nie wypełnił zobowiązań podjętych w 2019 r.", "Donald Tusk zapowiedział zmiany."]
    # a date opening its clause keeps the name as that clause's subject
    assert len(sentences("W 2023 r. Putin spotkał się z Kimem.")) == 1
    assert len(sentences("Z danych wynika, że w 2024 r. Niemcy zarejestrowały więcej patentów.")) == 1


def test_a_photo_credit_fused_into_the_text_is_a_sentence_of_its_own() -> None:
    assert sentences("Premier w Brukseli Źródło: JAN NOWAK/EPA/PAP Rząd przyjął w piątek projekt ustawy.") == [
        "Premier w Brukseli", "Źródło: JAN NOWAK/EPA/PAP", "Rząd przyjął w piątek projekt ustawy."]
    assert sentences("Źródło: Reuters Posłuchaj artykułu.") == ["Źródło: Reuters", "Posłuchaj artykułu."]
    # a colon after another word is no credit
    assert len(sentences("Minister powiedział: Rząd przyjął projekt.")) == 1
