from __future__ import annotations

import yaml

from kronika.time.anniversaries import load_events
from kronika.time.rules import RULE_TYPES, RULES_DIR, load_lexicon, load_rules, rule_files


def test_every_rule_file_loads_and_names_are_unique():
    names = []
    for path in rule_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert data["rules"], f"{path.name} has no rules"
        for rule in data["rules"]:
            assert {"name", "type", "pattern", "value"} <= set(rule), rule
            assert rule["type"] in RULE_TYPES
            names.append(rule["name"])
    assert len(names) == len(set(names))
    assert len(load_rules()) == len(names)


def test_one_file_per_kind_of_rule():
    kinds = {p.stem for p in rule_files()}
    assert {"dates", "weekdays", "relative", "parts", "durations", "sets", "clock"} <= kinds


def test_lexicon_and_anniversaries_load():
    lexicon = load_lexicon()
    assert lexicon["month"]["sierpień"] == 8
    assert lexicon["weekday"]["wtorek"] == 2
    events = {e.name: e for e in load_events()}
    assert events["liberation_of_korea"].date.isoformat() == "1945-08-15"
    assert (RULES_DIR / "README.md").is_file()
