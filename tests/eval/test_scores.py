"""`evaluate` on the hand-made case of cases.py: every figure below was counted by hand.

Entities (12 gold, 12 predicted): matched by name (Emmanuel Macron), alias (Scholz, Litwa, Francja,
Reuters, Unia Europejska, Sojusz Północnoatlantycki, białoruska opozycja), alias after removing diacritics
and ł (Aleksandr Lukaszenka), ISO code of a country (Federacja Rosyjska = RUS) -> tp 10. "Lithuania" also
fits Lithuania, already taken by "Litwa" (one-to-one), and "Kijów" (a location) fits nothing -> fp 2.
Ukraine and Berlin are missed -> fn 2.

Events (6 gold, 6 predicted): pv1 and pv2 both fit v1; pv1's evidence (offsets only, cut from the gold
text) overlaps v1's evidence 9/11 tokens, pv2's 2/13, so pv1 takes v1 and pv2 is a false positive.
pv3-v2, pv4-v3 (NATO actor, RUS recipient), pv5-v4 (keys FRA and UKR, although "Kijów" is no entity
match), pv6-v5 (name key for the group, EU recipient); v6 is missed -> tp 5, fp 1, fn 1.
Date: v1 ok, v2 ok (both unknown), v3 wrong (gold unknown, predicted a day), v4 ok (2024-06-03 is in
2024-W23), v5 ok -> 4/5. Status: v4 planned but predicted asserted -> 4/5, and 0/1 over non-asserted gold.
Attribution (gold chains on v2 and v4): v2 Reuters = Reuters, v4 predicted none -> 1/2.

Quotes (2 gold, 3 predicted): pq1 covers 4 of q1's 7 tokens with the same speaker key -> match; pq2 covers
3 of q2's 10 tokens -> no; pq3 has q1's text but speaker BLR -> no. tp 1, fp 2, fn 1.

Timexes (2 gold, 3 predicted): "w poniedziałek" by equal text (first of the two equal predictions),
"przyszłym tygodniu" by span overlap with gold offsets -> tp 2, fp 1, fn 0; values 1 of 2 right.
"""
from __future__ import annotations

import json

import pytest

from kronika.eval import evaluate
from tests.eval.cases import write_case


@pytest.fixture
def report(tmp_path):
    gold_dir, pred = write_case(tmp_path)
    return evaluate(gold_dir, pred)


def test_layer_counts(report):
    layers = report.total.layers
    assert (layers["entities"].tp, layers["entities"].fp, layers["entities"].fn) == (10, 2, 2)
    assert (layers["events"].tp, layers["events"].fp, layers["events"].fn) == (5, 1, 1)
    assert (layers["quotes"].tp, layers["quotes"].fp, layers["quotes"].fn) == (1, 2, 1)
    assert (layers["timexes"].tp, layers["timexes"].fp, layers["timexes"].fn) == (2, 1, 0)


def test_precision_recall_f1(report):
    layers = report.total.layers
    assert layers["entities"].precision == pytest.approx(10 / 12)
    assert layers["entities"].recall == pytest.approx(10 / 12)
    assert layers["events"].precision == pytest.approx(5 / 6)
    assert layers["events"].recall == pytest.approx(5 / 6)
    assert layers["quotes"].precision == pytest.approx(1 / 3)
    assert layers["quotes"].recall == pytest.approx(1 / 2)
    assert layers["quotes"].f1 == pytest.approx(0.4)
    assert layers["timexes"].precision == pytest.approx(2 / 3)
    assert layers["timexes"].recall == 1.0
    assert layers["timexes"].f1 == pytest.approx(0.8)


def test_accuracies(report):
    acc = report.total.accuracies
    assert (acc["event_date"].correct, acc["event_date"].n) == (4, 5)
    assert (acc["event_status"].correct, acc["event_status"].n) == (4, 5)
    assert (acc["event_status_not_asserted"].correct, acc["event_status_not_asserted"].n) == (0, 1)
    assert (acc["event_attribution"].correct, acc["event_attribution"].n) == (1, 2)
    assert (acc["timex_value"].correct, acc["timex_value"].n) == (1, 2)


def test_documents_pair_by_stem_and_strays_are_counted(report):
    assert report.paired == ["macron-scholz"]
    assert report.unpaired_gold == []
    assert report.unpaired_pred == 1


def test_lines_are_the_report_for_people(report):
    lines = report.lines()
    assert lines[0] == "entities   P=0.833 R=0.833 F1=0.833  tp=10 fp=2 fn=2"
    assert lines[1] == "events     P=0.833 R=0.833 F1=0.833  tp=5 fp=1 fn=1"
    assert lines[2] == "quotes     P=0.333 R=0.500 F1=0.400  tp=1 fp=2 fn=1"
    assert lines[3] == "timexes    P=0.667 R=1.000 F1=0.800  tp=2 fp=1 fn=0"
    assert lines[4].startswith("event date ") and lines[4].endswith("  0.800 (4/5)")
    assert any(line.startswith("event status (not asserted)") and line.endswith("0.000 (0/1)") for line in lines)
    assert any("1 of 1 gold paired" in line and "1 prediction(s) without gold" in line for line in lines)


def test_as_dict_is_json_and_carries_the_same_figures(report):
    data = json.loads(json.dumps(report.as_dict()))
    assert data["layers"]["events"] == {"precision": 0.833333, "recall": 0.833333, "f1": 0.833333,
                                        "tp": 5, "fp": 1, "fn": 1}
    assert data["accuracy"]["event_attribution"] == {"share": 0.5, "correct": 1, "n": 2}
    assert data["documents"]["unpaired_pred"] == 1
    assert data["per_document"]["macron-scholz"]["layers"]["quotes"]["tp"] == 1


def test_offsets_only_evidence_needs_the_gold_text(tmp_path):
    """Without the text file, pv1's evidence has no text: pv2 then takes v1 and its month date is wrong."""
    gold_dir, pred = write_case(tmp_path)
    (gold_dir / "macron-scholz.txt").unlink()
    report = evaluate(gold_dir, pred)
    assert (report.total.accuracies["event_date"].correct, report.total.accuracies["event_date"].n) == (3, 5)
    assert report.total.layers["events"].tp == 5


def test_events_per_category(report):
    cats = {name: (c.tp, c.fp, c.fn) for name, c in report.total.categories.items()}
    # pv2 is the extra CONSULT; v6 (ASSAULT) is missed; every other category has its one match
    assert cats == {"CONSULT": (1, 1, 0), "THREATEN": (1, 0, 0), "ACCUSE": (1, 0, 0), "AID": (1, 0, 0),
                    "REQUEST": (1, 0, 0), "ASSAULT": (0, 0, 1)}
    lines = report.category_lines()
    # every category has one gold event here, so the lines go by name
    assert [ln.split()[0] for ln in lines] == sorted(cats) and any("ASSAULT" in ln and "fn=1" in ln for ln in lines)
    assert report.as_dict()["event_categories"]["CONSULT"]["fp"] == 1
