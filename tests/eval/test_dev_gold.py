"""The scorer on the real dev gold folder (../shared/gold/dev): every field the gold files use is read."""
from __future__ import annotations

import json

import pytest

from kronika.eval import evaluate
from kronika.eval.gold import GoldTexts, load_gold_dir
from tests.eval.cases import write_jsonl


@pytest.fixture(scope="module")
def dev(shared):
    folder = shared / "gold" / "dev"
    if not any(folder.glob("*.json")):
        pytest.skip("no dev gold files")
    return folder


def _empty_prediction(gold: dict) -> dict:
    return {"doc": {"id": "sha256:" + "0" * 64, "source": gold["doc"]["source"], "lang": "pl",
                    "date": gold["doc"]["date"]},
            "entities": [], "events": [], "quotes": [], "timexes": []}


def test_empty_predictions_score_zero_recall(dev, tmp_path):
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted(dev.glob("*.json"))]
    pred = write_jsonl(tmp_path / "pred.jsonl", [_empty_prediction(g) for g in golds])
    report = evaluate(dev, pred)
    assert len(report.paired) == len(golds) and report.unpaired_gold == []
    for layer in ("entities", "events", "quotes", "timexes"):
        counts = report.total.layers[layer]
        assert counts.recall == 0.0 and counts.tp == 0
        assert counts.fn == sum(len(g[layer]) for g in golds)
    assert report.total.accuracies["event_date"].share is None
    assert len(report.lines()) >= 10


def test_gold_as_its_own_prediction_scores_one(dev, tmp_path):
    records = []
    for path in sorted(dev.glob("*.json")):
        record = json.loads(path.read_text(encoding="utf-8"))
        for entity in record["entities"]:
            entity.pop("aliases", None)  # a prediction has no aliases: the name alone must match
        records.append(record)
    report = evaluate(dev, write_jsonl(tmp_path / "pred.jsonl", records))
    for layer in ("entities", "events", "quotes", "timexes"):
        counts = report.total.layers[layer]
        assert (counts.precision, counts.recall) == (1.0, 1.0), layer
    for key, acc in report.total.accuracies.items():
        assert acc.n > 0 and acc.correct == acc.n, key


def test_every_dev_gold_text_is_found(dev, news_jsonl):
    texts = GoldTexts(news_jsonl)
    for record in load_gold_dir(dev):
        text = texts.text(record)
        assert text, record.name
        for v in record.layer("events"):
            assert " ".join(v["evidence"]["text"].split()) in " ".join(text.split()), (record.name, v["id"])
