from __future__ import annotations

import pytest

from kronika.events.lexicon import LexiconError, build_lexicon, load_lexicon, read_lexicon_files, validate_lexicon_data
from kronika.events.ontology import ontology


def test_shipped_lexicon_loads_and_validates():
    triggers, frames = read_lexicon_files("pl")
    assert validate_lexicon_data(triggers, frames) == []
    assert len(load_lexicon("pl").triggers) > 100


def test_every_entry_is_named_and_names_are_unique():
    triggers, _ = read_lexicon_files("pl")
    names = [t.get("name") for t in triggers["triggers"]]
    assert all(names)
    assert len(names) == len(set(names))


def test_every_plover_category_has_triggers():
    lex = load_lexicon("pl")
    assert {t.category for t in lex.triggers} == set(ontology().categories)


def test_every_frame_a_trigger_names_exists():
    lex = load_lexicon("pl")
    assert {t.frame for t in lex.triggers} <= set(lex.frames)


def test_bad_entries_are_reported():
    triggers, frames = read_lexicon_files("pl")
    bad = {"triggers": [
        {"name": "a", "lemma": "x", "category": "HUG", "frame": "transitive"},
        {"name": "b", "lemma": "y", "category": "ACCUSE", "mode": ["phone"], "frame": "transitive"},
        {"name": "b", "lemma": "z", "category": "ASSAULT", "frame": "nowhere"},
        {"lemma": "w", "category": "ASSAULT"},
        {"name": "c", "lemma": "v", "category": "ASSAULT", "with": [["pocisk:abl"]]},
    ]}
    problems = validate_lexicon_data(bad, frames)
    text = "\n".join(problems)
    assert "unknown category 'HUG'" in text
    assert "mode 'phone' is not a mode of ACCUSE" in text
    assert "duplicate name" in text
    assert "unknown frame 'nowhere'" in text
    assert "no name" in text
    assert "takes one case after ':'" in text
    with pytest.raises(LexiconError):
        build_lexicon(bad, frames)


def test_more_specific_entries_come_first_for_a_lemma():
    lex = load_lexicon("pl")
    entries = lex.by_lemma["wezwać"]
    assert entries[0].specificity >= entries[-1].specificity
    assert {"wezwac_ambasadora", "wezwac_do"} <= {t.name for t in entries}
