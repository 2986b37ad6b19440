"""Speaker resolution mechanisms on sentences of our own: people named inside a quote are not its speaker,
quoted titles between cue and subject, quotes after a headline, adjuncts between cue and "że", "Jak
zaznaczył, …", person nouns as subjects, coordinated subjects, and foreign names in an oblique case."""
from __future__ import annotations

from .helpers import entity_name, run


def _only(doc):
    assert len(doc.quotes) == 1, doc.quotes
    return doc.quotes[0]


def test_person_named_inside_dash_speech_is_not_its_speaker():
    doc = run("Donald Tusk spotkał się w piątek z dziennikarzami w Warszawie. - Rozmawiałem wczoraj z "
              "Emmanuelem Macronem. Prezydent Francji jest gotów do współpracy - dodał.")
    q = _only(doc)
    assert (q["kind"], entity_name(doc, q["speaker"])) == ("direct", "Donald Tusk")


def test_quoted_programme_title_between_cue_and_subject_is_stepped_over():
    doc = run('- Widać wyraźnie, że Emmanuel Macron chce porozumienia - powiedział w "Faktach po Faktach" '
              "szef MSZ Radosław Sikorski.")
    q = _only(doc)
    assert entity_name(doc, q["speaker"]) == "Radosław Sikorski"


def test_quote_after_a_headline_without_full_stop_is_direct():
    doc = run('Siergiej Ławrow zabrał głos po spotkaniu w Genewie. Rozmowy bez przełomu '
              '"Nie zgodzimy się na takie warunki, to jest dla nas jasne" - przekonywał.')
    q = _only(doc)
    assert (q["kind"], entity_name(doc, q["speaker"]), q["cue"]) == ("direct", "Sergey Lavrov", "przekonywać")
    assert q["text"].startswith("Nie zgodzimy się")


def test_adjunct_between_cue_and_complementiser():
    doc = run("Ursula von der Leyen powiedziała podczas konferencji w Brukseli, że Unia przygotuje "
              "kolejny pakiet sankcji.")
    q = _only(doc)
    assert (q["kind"], entity_name(doc, q["speaker"]), q["cue"]) == ("indirect", "Ursula von der Leyen",
                                                                   "powiedzieć")
    assert q["text"] == "Unia przygotuje kolejny pakiet sankcji"


def test_jak_plus_cue_opens_indirect_speech():
    doc = run("Premier Donald Tusk rozmawiał w środę z dziennikarzami. Jak zaznaczył, Polska nie wyśle "
              "swoich żołnierzy na Ukrainę.")
    q = _only(doc)
    assert (q["kind"], entity_name(doc, q["speaker"]), q["cue"]) == ("indirect", "Donald Tusk", "zaznaczyć")
    assert q["text"] == "Polska nie wyśle swoich żołnierzy na Ukrainę"


def test_person_noun_subject_takes_a_person_not_a_country():
    # "Szefowa unijnej dyplomacji" is a person: Ukraine (feminine singular, nearer) cannot be the speaker.
    doc = run("Kaja Kallas przyjechała w poniedziałek do Kijowa. Wizyta trwała dwa dni. Ukraina otrzymała "
              "nowe zapewnienia. Szefowa unijnej dyplomacji zapewniła, że Unia nie zostawi Kijowa samego.")
    q = _only(doc)
    assert entity_name(doc, q["speaker"]) == "Kaja Kallas"


def test_coordinated_subject_of_a_plural_cue_is_its_first_conjunct():
    doc = run("Josep Borrell i Komisja Europejska ostrzegali, że ustawa oddali Gruzję od Unii Europejskiej.")
    q = _only(doc)
    assert entity_name(doc, q["speaker"]) == "Josep Borrell"


def test_foreign_name_in_the_instrumental_is_no_dropped_subject():
    doc = run("Péter Szijjártó rozmawiał w poniedziałek z rosyjskim wiceministrem Pavlem Sorokinem. "
              "Podkreślił, że dostawy ropy na Węgry są bezpieczne.")
    q = _only(doc)
    assert entity_name(doc, q["speaker"]) == "Péter Szijjártó"
