"""The Polish data files: they load, they are consistent, and the code does what they say."""
from __future__ import annotations

import pytest

from kronika.lang.pl.abbreviations import MAY_END, NEVER_FINAL, abbreviations, load_abbreviations
from kronika.lang.pl.disambiguation import preferences
from kronika.lang.pl.tokenizer import ordinal_rules, tokenize

FORMS = [e.form for e in abbreviations().entries]


def test_the_table_has_both_groups() -> None:
    groups = {e.group for e in abbreviations().entries}
    assert groups == {NEVER_FINAL, MAY_END}
    assert len(abbreviations()) > 50


@pytest.mark.parametrize("form", FORMS)
def test_every_listed_abbreviation_is_one_token(form: str) -> None:
    spellings = [form] if form.endswith(".") else [form, form + "."]
    for spelling in spellings:
        tokens, _ = tokenize(f"Mówiono o tym {spelling} wczoraj.")
        assert spelling in [t.text for t in tokens]


def test_lookup_rules() -> None:
    table = abbreviations()
    assert table.get("Prof.") is table.get("prof.")
    assert table.get("dr.") is table.get("dr") and table.get("dr").expansion == "doktor"
    assert table.get("r.").may_end_sentence and not table.get("tzw.").may_end_sentence
    assert table.get("długo.") is None


def test_a_repeated_form_is_an_error() -> None:
    with pytest.raises(ValueError, match="twice"):
        load_abbreviations("never_final:\n  tzw.: tak zwany\n  tzw.: tak zwany\n")
    with pytest.raises(ValueError, match="twice"):
        load_abbreviations("never_final:\n  tzw.: tak zwany\nmay_end_sentence:\n  tzw.: tak zwany\n")


def test_an_unknown_group_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown group"):
        load_abbreviations("sometimes_final:\n  r.: rok\n")


def test_an_extended_table_is_used_by_the_tokenizer() -> None:
    table = load_abbreviations("never_final:\n  zw.: zwany\n")
    assert "zw." in [t.text for t in tokenize("Był to zw. raport.", table)[0]]
    assert "zw." not in [t.text for t in tokenize("Był to zw. raport.")[0]]


def test_ordinal_rules_load() -> None:
    rules = ordinal_rules()
    assert rules.max_digits == 3 and {"w", "na"} <= rules.after_words


def test_reading_preferences_load() -> None:
    prefs = preferences()
    assert prefs["pos_priority"]["prep"] > prefs["pos_priority"]["interj"]
    assert set(prefs["bonus"]) == {"preposition_case", "agreement", "proper_name", "abbreviation_expansion"}
    assert all(isinstance(v, int) for section in ("pos_priority", "qualifier_penalty", "bonus")
               for v in prefs[section].values())
