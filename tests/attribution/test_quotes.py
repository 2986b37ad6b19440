"""Quotes on sentences of our own: every kind, dash speech, dropped and pronominal subjects, addressees."""
from __future__ import annotations

import pytest

from kronika.attribution.quotes import looks_like_name, quote_spans

from .helpers import entity_name, names, run

CASES = [
    # text, kind, speaker, quoted text, cue
    ("„Nie pozwolimy na eskalację” – powiedział Emmanuel Macron.",
     "direct", "Emmanuel Macron", "Nie pozwolimy na eskalację", "powiedzieć"),
    ('Premier Donald Tusk podkreślił, że Polska "nie ustąpi ani o krok".',
     "partial", "Donald Tusk", "nie ustąpi ani o krok", "podkreślić"),
    ("«Rozmowy były konstruktywne» - oświadczył Siergiej Ławrow.",
     "direct", "Sergey Lavrov", "Rozmowy były konstruktywne", "oświadczyć"),
    ("- Jestem pewien, że porozumienie zostanie podpisane. To dobry dzień - powiedział Wołodymyr Zełenski.",
     "direct", "Volodymyr Zelenskyy", "Jestem pewien, że porozumienie zostanie podpisane. To dobry dzień",
     "powiedzieć"),
    ("Szef MSZ Radosław Sikorski spotkał się z Antonym Blinkenem. Ocenił, że rozmowa była owocna.",
     "indirect", "Radosław Sikorski", "rozmowa była owocna", "ocenić"),
    ("Premier Donald Tusk powiadomił, że rząd przyjął nowy budżet.",
     "indirect", "Donald Tusk", "rząd przyjął nowy budżet", "powiadomić"),
]


@pytest.mark.parametrize("text,kind,speaker,quoted,cue", CASES)
def test_quote_kinds(text, kind, speaker, quoted, cue):
    doc = run(text)
    assert len(doc.quotes) == 1, doc.quotes
    q = doc.quotes[0]
    assert (q["kind"], entity_name(doc, q["speaker"]), q["text"], q["cue"]) == (kind, speaker, quoted, cue)
    assert doc.text[q["start"]:q["end"]] == q["text"]


def test_dropped_subject_follows_gender_agreement():
    # "Podkreśliła" is feminine singular: the speaker is von der Leyen, not Tusk, who is mentioned later.
    doc = run("Ursula von der Leyen rozmawiała w piątek z dziennikarzami. Potem głos zabrał Donald Tusk. "
              "Podkreśliła, że Unia Europejska będzie nadal wspierać Ukrainę.")
    [q] = doc.quotes
    assert entity_name(doc, q["speaker"]) == "Ursula von der Leyen"
    assert q["text"] == "Unia Europejska będzie nadal wspierać Ukrainę"


def test_masculine_dropped_subject_takes_the_man():
    doc = run("Ursula von der Leyen rozmawiała w piątek z dziennikarzami. Potem głos zabrał Donald Tusk. "
              "Podkreślił, że Polska nie zmieni zdania.")
    [q] = doc.quotes
    assert entity_name(doc, q["speaker"]) == "Donald Tusk"


def test_pronoun_speaker():
    doc = run('Władimir Putin przemawiał w Petersburgu. Jego zdaniem "Zachód przegrał tę wojnę".')
    [q] = doc.quotes
    assert (q["kind"], entity_name(doc, q["speaker"]), q["cue"]) == ("partial", "Vladimir Putin", "zdaniem")


def test_addressee_in_a_letter():
    doc = run('Kim Dzong Un w liście do Władimira Putina napisał, że "przyjaźń obu narodów jest niezłomna".')
    [q] = doc.quotes
    assert entity_name(doc, q["speaker"]) == "Kim Jong Un"
    assert entity_name(doc, q["addressee"]) == "Vladimir Putin"


def test_no_addressee_without_one():
    doc = run("„Nie pozwolimy na eskalację” – powiedział Emmanuel Macron.")
    assert doc.quotes[0]["addressee"] is None


def test_quote_attribution_from_wedlug():
    doc = run('"Jesteśmy gotowi do rozmów" - powiedział Władimir Putin, według agencji TASS.')
    [q] = doc.quotes
    assert entity_name(doc, q["speaker"]) == "Vladimir Putin"
    assert names(doc, q["attribution"]) == ["TASS"]


def test_media_report_is_a_source_not_a_quote():
    doc = run("Rosja i Chiny podpisały w poniedziałek umowę gazową - poinformowała agencja TASS.")
    assert doc.quotes == []


def test_quoted_names_and_unattributed_quotes_are_not_quotes():
    doc = run('Żołnierze wzięli udział w ćwiczeniach "Baltic Shield". Rząd nazwał to "nową erą".')
    assert [q["text"] for q in doc.quotes] == [] or all(q["text"] != "Baltic Shield" for q in doc.quotes)
    assert looks_like_name("Freezing Winds '25")
    assert not looks_like_name("nowej drogi")
    assert looks_like_name("Fakty po Faktach") and not looks_like_name("Nie ma na to zgody")


def test_quote_spans_pair_marks():
    text = 'A „b c” d "e f" g «h».'
    assert [text[s + 1:e] for s, e in quote_spans(text)] == ["b c", "e f", "h"]


def test_seed_quotes(seed_txt):
    from kronika.ingest import read_inputs

    from .helpers import _stages

    [doc] = [d for d in read_inputs([str(seed_txt)]) if not isinstance(d, Exception)]
    for stage in _stages():
        stage(doc)
    got = [(q["kind"], entity_name(doc, q["speaker"]), q["cue"]) for q in doc.quotes]
    assert got == [("partial", "Kim Jong Un", "napisać"), ("indirect", "Kim Jong Un", "podkreślać"),
                   ("partial", "Kim Jong Un", "zaznaczyć"), ("direct", "Vladimir Putin", "podkreślić")]
    assert entity_name(doc, doc.quotes[0]["addressee"]) == "Vladimir Putin"
    assert entity_name(doc, doc.quotes[3]["addressee"]) == "Kim Jong Un"
    assert all(names(doc, q["attribution"]) == ["Korean Central News Agency"] for q in doc.quotes)


def test_topic_after_cue_is_indirect_speech():
    doc = run("Premier Donald Tusk poinformował o zamknięciu granicy z Białorusią.")
    [q] = doc.quotes
    assert (q["kind"], entity_name(doc, q["speaker"]), q["cue"]) == ("indirect", "Donald Tusk", "poinformować")
    assert q["text"] == "zamknięciu granicy z Białorusią"


def test_a_passive_verb_of_informing_makes_its_subject_the_one_told():
    doc = run("Rosja została poinformowana o wizycie na kilka godzin przed wylotem prezydenta.")
    assert doc.quotes == []
    doc = run("Informacja o wizycie została przekazana przez rzecznika Kremla Dmitrija Pieskowa.")
    assert all(entity_name(doc, q["speaker"]) != "Russia" for q in doc.quotes)


def test_a_place_does_not_speak_but_a_capital_speaks_for_its_state():
    doc = run("Ukraina oskarża Rosję o porwania dzieci. Według Kijowa Rosja deportowała tysiące dzieci.")
    assert [entity_name(doc, q["speaker"]) for q in doc.quotes] == ["Ukraine"]
    doc = run("Według Michigan Tech Earthquake Magnitude Scale wstrząs był silny.")
    assert doc.quotes == []
