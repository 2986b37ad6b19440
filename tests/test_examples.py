"""The bundled example articles: readable, dated, and their gold records consistent with their texts."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronika.eval import evaluate
from kronika.ingest import Document, read_inputs
from kronika.record import dumps, to_record
from kronika.run import process

ARTICLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
GOLD = sorted(ARTICLES.glob("*.json"))
CATEGORIES = {"AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
              "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"}


def test_there_are_at_least_twelve_examples_each_with_gold():
    texts = sorted(ARTICLES.glob("*.txt"))
    assert len(texts) >= 12
    assert [p.stem for p in texts] == [p.stem for p in GOLD]


def test_examples_cover_every_plover_category_and_several_statuses():
    events = [v for p in GOLD for v in json.loads(p.read_text("utf-8"))["events"]]
    assert {v["event"] for v in events} == CATEGORIES
    assert {"asserted", "alleged", "planned", "negated", "hypothetical"} <= {v["status"] for v in events}


@pytest.mark.parametrize("gold_path", GOLD, ids=[p.stem for p in GOLD])
def test_gold_matches_its_article(gold_path):
    gold = json.loads(gold_path.read_text("utf-8"))
    (doc,) = [d for d in read_inputs([str(ARTICLES / gold["doc"]["source"])])]
    assert isinstance(doc, Document)
    assert doc.date.as_dict() == gold["doc"]["date"]
    assert doc.title == gold["doc"]["title"]
    assert doc.lang == "pl"
    flat = " ".join(doc.text.split())

    def present(s: str) -> bool:
        return " ".join(s.split()) in flat

    ids = {e["id"] for e in gold["entities"]}
    for v in gold["events"]:
        assert present(v["evidence"]["text"]), v["id"]
        assert present(v["evidence"]["trigger"]["text"]), v["id"]
        assert set(v["actor"]) | set(v["recipient"]) | set(v["attribution"]) <= ids, v["id"]
    for q in gold["quotes"]:
        assert present(q["text"]), q["id"]
        assert q["speaker"] in ids
    for t in gold["timexes"]:
        assert present(t["text"]), t["text"]


def test_eval_scores_the_pipeline_on_the_examples(tmp_path):
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for _, rec in process([str(ARTICLES)]):
            f.write(dumps(rec) + "\n")
    report = evaluate(ARTICLES, pred)
    assert sorted(report.paired) == [p.stem for p in GOLD]
    assert not report.unpaired_gold
