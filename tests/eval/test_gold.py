"""Gold texts, the articles corpus, and the matching algorithms."""
from __future__ import annotations

import json
from pathlib import Path

from kronika.eval import evaluate
from kronika.eval.gold import GoldTexts, Record, load_gold_dir
from kronika.eval.matching import greedy_matching, maximum_matching
from kronika.ingest.document import document_id
from tests.eval.cases import event, pred_entity, write_jsonl

ARTICLE = ("Ministrowie spraw zagranicznych Polski i Litwy podpisali w Wilnie porozumienie o ochronie granicy. "
           "Rozmowy dotyczyły też migracji z Białorusi.")


def write_gold(folder: Path, name: str, doc: dict, **layers) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    record = {"doc": {"lang": "pl", "date": {"value": "2024-06", "precision": "month"}, **doc},
              "entities": [{"id": "e1", "name": "Poland", "type": "country", "country": "POL", "aliases": ["Polska"]},
                           {"id": "e2", "name": "Lithuania", "type": "country", "country": "LTU"}],
              "events": [], "quotes": [], "timexes": []}
    record.update(layers)
    path = folder / f"{name}.json"
    path.write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return path


def test_text_from_doc_text_sibling_file_and_articles(tmp_path):
    folder = tmp_path / "gold"
    write_gold(folder, "inline", {"source": "x", "text": "  Tekst\r\nw rekordzie. "})
    write_gold(folder, "sibling", {"source": "sibling.txt"})
    (folder / "sibling.txt").write_text("date 2024-06 Tekst z pliku obok.", encoding="utf-8")
    write_gold(folder, "article", {"source": "pl-7"})
    write_gold(folder, "nowhere", {"source": "pl-8"})
    articles = write_jsonl(tmp_path / "articles.jsonl", [{"id": "pl-7", "text": ARTICLE}])
    texts = GoldTexts(articles)
    by_name = {r.name: texts.text(r) for r in load_gold_dir(folder)}
    assert by_name["inline"] == "Tekst\nw rekordzie."
    assert by_name["sibling"] == "Tekst z pliku obok."  # the header line is not part of the text
    assert by_name["article"] == ARTICLE
    assert by_name["nowhere"] is None


def test_gold_entity_keys_and_aliases():
    record = Record({"doc": {}, "entities": [
        {"id": "e1", "name": "Poland", "type": "country", "country": "POL", "aliases": ["Polska"]},
        {"id": "e2", "name": "Belarusian opposition", "type": "group", "country": None,
         "aliases": ["białoruska opozycja"], "note": "ignored"}]}, name="g")
    assert record.entity_keys("e1") == {"pol"}
    assert record.entity_keys("e2") == {"belarusian opposition", "bialoruska opozycja"}
    assert record.entity_keys("e9") == set()


def _offsets_only_prediction(source: str) -> dict:
    start = ARTICLE.index("podpisali")
    return {"doc": {"id": document_id(ARTICLE), "source": source, "lang": "pl",
                    "date": {"value": "2024-06", "precision": "month"}},
            "entities": [pred_entity("p1", "Polska", "country", "POL"), pred_entity("p2", "Litwa", "country", "LTU")],
            "events": [
                event("pv1", "AGREE", ["p1", "p2"], [], {"start": 0, "end": 10, "trigger": {"start": 0, "end": 5}},
                      date="2024-05-30", precision="day"),
                event("pv2", "AGREE", ["p1", "p2"], [],
                      {"start": 0, "end": start + 20, "trigger": {"start": start, "end": start + 9}},
                      date="2024-06", precision="month"),
            ],
            "quotes": [], "timexes": []}


def _article_gold(folder: Path) -> None:
    evidence = {"text": "Polski i Litwy podpisali w Wilnie porozumienie", "trigger": {"text": "podpisali"}}
    write_gold(folder, "pl-7", {"source": "pl-7"},
               events=[event("v1", "AGREE", ["e1", "e2"], [], evidence, date="2024-06", precision="month")])


def test_articles_option_gives_the_text_for_offsets_only_evidence(tmp_path):
    """pv2's evidence (cut from the article) overlaps gold's more than pv1's, so pv2 is matched: date right."""
    _article_gold(tmp_path / "gold")
    articles = write_jsonl(tmp_path / "articles.jsonl", [{"id": "pl-6", "text": "Inny."}, {"id": "pl-7", "text": ARTICLE}])
    pred = write_jsonl(tmp_path / "pred.jsonl", [_offsets_only_prediction("pl-7")])
    with_text = evaluate(tmp_path / "gold", pred, articles=articles)
    without = evaluate(tmp_path / "gold", pred)
    assert (with_text.total.accuracies["event_date"].correct, with_text.total.accuracies["event_date"].n) == (1, 1)
    assert (without.total.accuracies["event_date"].correct, without.total.accuracies["event_date"].n) == (0, 1)


def test_default_articles_path_next_to_the_gold_folders(tmp_path):
    """Without --articles: <gold_dir>/../../data/polish-news-2025/articles.jsonl; pairing by the text's id too."""
    gold_dir = tmp_path / "gold" / "dev"
    _article_gold(gold_dir)
    corpus = tmp_path / "data" / "polish-news-2025"
    corpus.mkdir(parents=True)
    write_jsonl(corpus / "articles.jsonl", [{"id": "pl-7", "text": ARTICLE}])
    pred = write_jsonl(tmp_path / "pred.jsonl", [_offsets_only_prediction("corpus.jsonl:1")])
    report = evaluate(gold_dir, pred)
    assert report.paired == ["pl-7"]
    assert (report.total.accuracies["event_date"].correct, report.total.accuracies["event_date"].n) == (1, 1)


def test_greedy_takes_the_best_score_first():
    # gold 0 fits both preds, gold 1 only pred 0: greedy by score gives gold 0 pred 0 and leaves gold 1
    assert greedy_matching({(0, 0): 0.9, (0, 1): 0.2, (1, 0): 0.5}) == [(0, 0)]
    assert greedy_matching({(0, 0): 0.5, (1, 0): 0.5, (1, 1): 0.1}) == [(0, 0), (1, 1)]


def test_maximum_matching_finds_the_most_pairs():
    assert maximum_matching({(0, 0): 1.0, (0, 1): 1.0, (1, 0): 1.0}) == [(0, 1), (1, 0)]
    assert maximum_matching({(0, 0): 1.0, (1, 0): 1.0}) == [(0, 0)]
    assert maximum_matching({}) == []
