"""The shortcuts of the base-form rule give what the plain computations give: the head of a one-word phrase
without the beam search, the guess rules found by their ending, and base forms remembered per type key."""
from __future__ import annotations

import pytest

from kronika.ingest.document import Document
from kronika.lang.base import Analysis, Token
from kronika.lang.pl import basenames, polish_stages
from kronika.lang.pl import ner as ner_mod
from kronika.lang.pl.basenames import (_beam_head, _best_alone, _matching_rules, _remembered, base_form, rules,
                                       type_key)

SENTENCES = [
    "Minister Anna Zielińska spotkała się we wtorek w Gdańsku z przedstawicielami Komisji Europejskiej.",
    "Ambasador Kanady w Warszawie zapowiedział, że delegacja z Ottawy przyjedzie do Krakowa w maju.",
    "Rozmawiali o tym Polacy, Anglicy i Czesi z Obamą, Kowalskim, Nowakową oraz Tabeńskim w Tarnowie.",
    "Zespół Feyenoordu grał z Wisłą Kraków na stadionie w Rotterdamie przy Marszałkowskiej.",
    "Wykład Hansa Grubescha w Sejmie RP i NATO zebrał tłumy Warszawiaków.",
]
CLASSES = ("person", "place", "org", "facility", "adj", "")


def _tokens(text: str) -> list[Token]:
    doc = Document(text=text, source="test")
    for stage in polish_stages()[:4]:  # tokenizer, sentences, morphology and, with a model, the tagger
        stage(doc)
    return doc.tokens


def test_the_head_of_one_word_is_what_the_beam_search_finds():
    tried = 0
    for text in SENTENCES:
        for tok in _tokens(text):
            for cls in CLASSES:
                expected = _beam_head([tok], 0, cls)
                best = _best_alone(_remembered(tok, cls)[2])
                assert ([] if best is None else [(0, best)]) == expected, (tok.text, cls)
                tried += bool(expected)
    assert tried > 100


def test_a_word_with_readings_of_equal_cost_in_several_cases_keeps_the_first_case():
    readings = [Analysis("Nowak", "subst:sg:gen:m1", ("nazwisko",)),
                Analysis("Nowak", "subst:sg:acc:m1", ("nazwisko",))]
    tok = Token(0, 6, "Nowaka", analyses=readings)
    expected = _beam_head([tok], 0, "person")
    assert expected[0][1].reading.tag == "subst:sg:gen:m1"
    assert [(0, _best_alone(_remembered(tok, "person")[2]))] == expected


def _plain_matching_rules(form: str, cls: str):
    """`_matching_rules` by trying every guess rule in turn."""
    low = form.lower()
    out = []
    for g in rules().guesses:
        if not low.endswith(g.ending) or len(form) <= len(g.ending) + 1 or cls in g.not_in:
            continue
        stem = form[: len(form) - len(g.ending)]
        if g.after is None or g.after.search(stem.lower()):
            out.append((g, stem))
    return out


@pytest.mark.parametrize("form", ["Tabeńskiego", "Obamy", "Grubescha", "Feyenoordem", "Nomejki", "Yalskiej", "Kimem",
                                  "Joe’a", "Xi", "A", "Ąę", "Schwarzeneggerowi", "Szojgu", "Mbappégo"])
def test_guess_rules_are_found_by_their_ending_as_by_trying_each(form):
    for cls in CLASSES:
        assert _matching_rules(form, cls) == _plain_matching_rules(form, cls)


def test_types_of_one_key_give_the_same_base_forms_and_share_remembered_ones(monkeypatch):
    toks = [t for t in _tokens("Spotkanie z Markiem Nowakiem trwało godzinę.") if t.text[:1].isupper()][1:]
    assert [t.text for t in toks] == ["Markiem", "Nowakiem"]
    assert type_key("persName") == type_key("persName_surname") == ("person", False, False)
    assert type_key("orgName") != type_key("placeName")
    for typ in ("persName", "persName_surname", "persName_forename"):
        assert base_form(toks, typ) == "Marek Nowak"
    monkeypatch.setattr(ner_mod, "_BASE_FORMS", type(ner_mod._BASE_FORMS)())
    calls = []

    def counting(tokens, typ):
        calls.append(typ)
        return base_form(tokens, typ)

    monkeypatch.setattr(basenames, "base_form", counting)
    assert ner_mod._base_form(toks, "persName") == ner_mod._base_form(toks, "persName_surname") == "Marek Nowak"
    assert calls == ["persName"]  # the second type's key is the first's: remembered
