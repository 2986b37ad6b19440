"""Edge cases of scoring, each on a tiny gold/prediction pair written into tmp_path."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronika.eval import EvalError, evaluate
from kronika.eval.normalize import normalize_name, tokens
from kronika.eval.scoring import date_correct
from tests.eval.cases import entity, event, pred_entity, write_jsonl

TEXT = "Kim Dzong Un spotkał się z Władimirem Putinem na kosmodromie Wostocznyj. Rozmowy trwały cztery godziny."
EVIDENCE = {"text": "Kim Dzong Un spotkał się z Władimirem Putinem", "trigger": {"text": "spotkał się"}}


def gold(name: str = "kim-putin", **layers) -> dict:
    record = {"doc": {"source": f"{name}.txt", "text": TEXT, "lang": "pl",
                      "date": {"value": "2023-09-13", "precision": "day"}},
              "entities": [], "events": [], "quotes": [], "timexes": []}
    record.update(layers)
    return record


def pred(source: str = "kim-putin.txt", **layers) -> dict:
    record = {"doc": {"id": "sha256:" + "0" * 64, "source": source, "lang": "pl",
                      "date": {"value": "2023-09-13", "precision": "day"}},
              "entities": [], "events": [], "quotes": [], "timexes": []}
    record.update(layers)
    return record


def run(tmp_path: Path, golds: list[dict], preds: list[dict], names: list[str] | None = None):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir(parents=True, exist_ok=True)
    for i, record in enumerate(golds):
        name = names[i] if names else Path(record["doc"]["source"]).stem
        (gold_dir / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    return evaluate(gold_dir, write_jsonl(tmp_path / "pred.jsonl", preds))


def counts(report, layer: str) -> tuple[int, int, int]:
    c = report.total.layers[layer]
    return c.tp, c.fp, c.fn


# --- normalisation ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("a, b", [
    ("Władimir Putin", "wladimir putin"),
    ("Łukaszenka", "LUKASZENKA"),
    ("Kim Jong-un", "Kim Jong Un"),
    ("U.S.", "US"),
    ("  Korea   Północna ", "korea polnocna"),
    ("Democratic People's Republic of Korea", "Democratic Peoples Republic of Korea"),
])
def test_names_that_normalise_alike(a, b):
    assert normalize_name(a) == normalize_name(b)


@pytest.mark.parametrize("a, b", [("Korea Północna", "Korea Południowa"), ("Putin", "Putina")])
def test_names_that_stay_apart(a, b):
    assert normalize_name(a) != normalize_name(b)


def test_tokens_drop_punctuation_and_diacritics():
    assert tokens("„Jestem pewien” – podkreślił Putin.") == ["jestem", "pewien", "podkreslil", "putin"]


# --- pairing ---------------------------------------------------------------------------------------------

def test_pairing_by_equal_source_and_by_stem(tmp_path):
    golds = [gold("a", entities=[entity("e1", "Kim Jong Un", "person", "PRK")]),
             gold("b", entities=[entity("e1", "Vladimir Putin", "person", "RUS")])]
    golds[1]["doc"]["source"] = "article-17"
    preds = [pred("/somewhere/else/a.txt", entities=[pred_entity("p1", "Kim Jong Un", "person", "PRK")]),
             pred("article-17", entities=[pred_entity("p1", "Vladimir Putin", "person", "RUS")])]
    report = run(tmp_path, golds, preds, names=["a", "b"])
    assert report.paired == ["a", "b"]
    assert counts(report, "entities") == (2, 0, 0)


def test_gold_without_prediction_is_all_missed(tmp_path):
    golds = [gold("a", entities=[entity("e1", "Kim Jong Un", "person", "PRK")]),
             gold("b", entities=[entity("e1", "Vladimir Putin", "person", "RUS"),
                                 entity("e2", "Russia", "country", "RUS")],
                  timexes=[{"text": "cztery godziny", "type": "DURATION", "value": "PT4H"}])]
    preds = [pred("a.txt", entities=[pred_entity("p1", "Kim", "person", "PRK")])]
    report = run(tmp_path, golds, preds)
    assert report.unpaired_gold == ["b"]
    assert counts(report, "entities") == (0, 1, 3)
    assert counts(report, "timexes") == (0, 0, 1)
    assert report.total.layers["entities"].recall == 0.0
    assert any(line == "no prediction (scored as all missed): b" for line in report.lines())


def test_second_prediction_for_one_document_is_ignored(tmp_path):
    golds = [gold(entities=[entity("e1", "Kim Jong Un", "person", "PRK")])]
    preds = [pred(entities=[pred_entity("p1", "Kim Jong Un", "person", "PRK")]),
             pred(entities=[pred_entity("p1", "Putin", "person", "RUS")])]
    report = run(tmp_path, golds, preds)
    assert report.duplicate_pred == 1
    assert counts(report, "entities") == (1, 0, 0)


def test_missing_files_raise_a_clear_error(tmp_path):
    with pytest.raises(EvalError, match="no gold"):
        evaluate(tmp_path, write_jsonl(tmp_path / "p.jsonl", []))
    (tmp_path / "g").mkdir()
    (tmp_path / "g" / "x.json").write_text(json.dumps(gold()), encoding="utf-8")
    with pytest.raises(EvalError, match="prediction file not found"):
        evaluate(tmp_path / "g", tmp_path / "absent.jsonl")
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"doc": {}}\n{not json\n', encoding="utf-8")
    with pytest.raises(EvalError, match="bad.jsonl:2"):
        evaluate(tmp_path / "g", bad)


# --- entities --------------------------------------------------------------------------------------------

def test_entities_by_alias_code_and_one_to_one(tmp_path):
    golds = [gold(entities=[
        entity("e1", "North Korea", "country", "PRK", ["Korea Północna", "Pjongjang"]),
        entity("e2", "Vladimir Putin", "person", "RUS", ["Władimir Putin"]),
        entity("e3", "Vostochny Cosmodrome", "location", "RUS", ["kosmodrom Wostocznyj"]),
    ])]
    preds = [pred(entities=[
        pred_entity("p1", "KRLD", "country", "PRK"),            # another name, same ISO code
        pred_entity("p2", "Korea Północna", "country", "PRK"),  # same gold entity: one-to-one
        pred_entity("p3", "Wladimir Putin", "person", "RUS"),   # alias without diacritics
        pred_entity("p4", "Wostocznyj", "location", "RUS"),     # code match is for countries only
    ])]
    assert counts(run(tmp_path, golds, preds), "entities") == (2, 2, 1)


# --- events ----------------------------------------------------------------------------------------------

KIM_PUTIN = [entity("e1", "Kim Jong Un", "person", "PRK"), entity("e2", "Vladimir Putin", "person", "RUS"),
             entity("e3", "NATO", "organization", "NATO"), entity("e4", "Wagner Group", "group", None, ["Grupa Wagnera"])]


def pred_people(*extra: dict) -> list[dict]:
    return [pred_entity("p1", "Kim", "person", "PRK"), pred_entity("p2", "Putin", "person", "RUS"), *extra]


def test_gold_without_recipient_accepts_any_recipient(tmp_path):
    golds = [gold(entities=KIM_PUTIN, events=[event("v1", "CONSULT", ["e1", "e2"], [], EVIDENCE)])]
    preds = [pred(entities=pred_people(), events=[event("pv1", "CONSULT", ["p1"], ["p2"], EVIDENCE)])]
    assert counts(run(tmp_path, golds, preds), "events") == (1, 0, 0)


def test_gold_recipient_must_be_shared(tmp_path):
    golds = [gold(entities=KIM_PUTIN, events=[event("v1", "CONSULT", ["e1"], ["e2"], EVIDENCE)])]
    preds = [pred(entities=pred_people(), events=[event("pv1", "CONSULT", ["p1"], [], EVIDENCE),
                                                  event("pv2", "CONSULT", ["p2"], ["p1"], EVIDENCE)])]
    assert counts(run(tmp_path, golds, preds), "events") == (0, 2, 1)


def test_category_must_be_equal(tmp_path):
    golds = [gold(entities=KIM_PUTIN, events=[event("v1", "CONSULT", ["e1"], [], EVIDENCE)])]
    preds = [pred(entities=pred_people(), events=[event("pv1", "AGREE", ["p1"], [], EVIDENCE)])]
    assert counts(run(tmp_path, golds, preds), "events") == (0, 1, 1)


def test_keys_igo_code_and_name_when_no_country(tmp_path):
    golds = [gold(entities=KIM_PUTIN, events=[event("v1", "ACCUSE", ["e3"], ["e4"], EVIDENCE)])]
    preds = [pred(entities=[pred_entity("p1", "Sojusz", "organization", "NATO"),
                            pred_entity("p2", "Grupa Wagnera", "group", None),
                            pred_entity("p3", "Wagnerowcy", "group", None)],
                  events=[event("pv1", "ACCUSE", ["p1"], ["p3"], EVIDENCE),
                          event("pv2", "ACCUSE", ["p1"], ["p2"], EVIDENCE)])]
    report = run(tmp_path, golds, preds)
    assert counts(report, "events") == (1, 1, 0)


def test_two_predictions_cannot_share_one_gold_event(tmp_path):
    golds = [gold(entities=KIM_PUTIN, events=[event("v1", "CONSULT", ["e1", "e2"], [], EVIDENCE,
                                                    date="2023-09-13", precision="day")])]
    near = {"text": "Kim Dzong Un spotkał się z Władimirem Putinem na kosmodromie", "trigger": {"text": "spotkał"}}
    far = {"text": "Rozmowy trwały cztery godziny", "trigger": {"text": "Rozmowy"}}
    preds = [pred(entities=pred_people(), events=[
        event("pv1", "CONSULT", ["p2"], [], far, date="2023-09-12", precision="day"),
        event("pv2", "CONSULT", ["p1"], [], near, date="2023-09-13", precision="day")])]
    report = run(tmp_path, golds, preds)
    assert counts(report, "events") == (1, 1, 0)
    # the greater evidence overlap wins, whatever the order of the predictions
    assert report.total.accuracies["event_date"].correct == 1


def test_attribution_order_matters(tmp_path):
    sources = [entity("e5", "Korean Central News Agency", "organization", "PRK", ["KCNA"]),
               entity("e6", "Reuters", "organization", "GBR")]
    golds = [gold(entities=KIM_PUTIN + sources, events=[
        event("v1", "CONSULT", ["e1"], [], EVIDENCE, attribution=["e5", "e6"]),
        event("v2", "AGREE", ["e1"], [], EVIDENCE, attribution=["e5", "e6"]),
        event("v3", "REJECT", ["e1"], [], EVIDENCE, attribution=["e5", "e6"])])]
    p_sources = [pred_entity("p5", "KCNA", "organization", "PRK"), pred_entity("p6", "Reuters", "organization", "GBR")]
    preds = [pred(entities=pred_people(*p_sources), events=[
        event("pv1", "CONSULT", ["p1"], [], EVIDENCE, attribution=["p5", "p6"]),
        event("pv2", "AGREE", ["p1"], [], EVIDENCE, attribution=["p6", "p5"]),
        event("pv3", "REJECT", ["p1"], [], EVIDENCE, attribution=["p5"])])]
    acc = run(tmp_path, golds, preds).total.accuracies["event_attribution"]
    assert (acc.correct, acc.n) == (1, 3)


def test_status_accuracies(tmp_path):
    golds = [gold(entities=KIM_PUTIN, events=[
        event("v1", "CONSULT", ["e1"], [], EVIDENCE, status="asserted"),
        event("v2", "AGREE", ["e1"], [], EVIDENCE, status="planned"),
        event("v3", "AID", ["e1"], ["e2"], EVIDENCE, status="alleged")])]
    preds = [pred(entities=pred_people(), events=[
        event("pv1", "CONSULT", ["p1"], [], EVIDENCE, status="asserted"),
        event("pv2", "AGREE", ["p1"], [], EVIDENCE, status="planned"),
        event("pv3", "AID", ["p1"], ["p2"], EVIDENCE, status="asserted")])]
    acc = run(tmp_path, golds, preds).total.accuracies
    assert (acc["event_status"].correct, acc["event_status"].n) == (2, 3)
    assert (acc["event_status_not_asserted"].correct, acc["event_status_not_asserted"].n) == (1, 2)


# --- event dates -----------------------------------------------------------------------------------------

@pytest.mark.parametrize("gold_date, gold_prec, pred_date, pred_prec, ok", [
    ("2023-08-15", "day", "2023-08-15", "day", True),
    ("2023-08-15", "day", "2023-08-16", "day", False),
    ("2023-08-15", "day", "2023-08", "month", False),      # less precise than gold
    ("2023-08", "month", "2023-08-15", "day", True),       # agrees at gold's precision
    ("2023-08", "month", "2023-07-31", "day", False),
    ("2023", "year", "2023-11", "month", True),
    ("2023-W33", "week", "2023-W33", "week", True),
    ("2023-W33", "week", "2023-08-15", "day", True),       # 15 August 2023 is in ISO week 33
    ("2023-W33", "week", "2023-08-21", "day", False),
    (None, "unknown", None, "unknown", True),
    (None, "unknown", "2023-08-15", "day", False),
    ("2023-08", "month", None, "unknown", False),
])
def test_date_at_gold_precision(gold_date, gold_prec, pred_date, pred_prec, ok):
    assert date_correct({"date": gold_date, "precision": gold_prec}, {"date": pred_date, "precision": pred_prec}) is ok


# --- quotes and timexes ----------------------------------------------------------------------------------

def test_quote_needs_half_the_gold_tokens_and_the_speaker(tmp_path):
    quote = {"id": "q1", "speaker": "e2", "kind": "direct", "text": "Rosja pomoże Korei w budowie satelitów"}
    golds = [gold(entities=KIM_PUTIN, quotes=[quote])]

    def q(speaker: str, text: str) -> dict:
        return {"id": "x", "speaker": speaker, "kind": "direct", "text": text, "start": 0, "end": 1}

    half = run(tmp_path / "a", golds, [pred(entities=pred_people(), quotes=[q("p2", "Rosja pomoże Korei")])])
    less = run(tmp_path / "b", golds, [pred(entities=pred_people(), quotes=[q("p2", "Rosja pomoże")])])
    other = run(tmp_path / "c", golds, [pred(entities=pred_people(),
                                             quotes=[q("p1", "Rosja pomoże Korei w budowie satelitów")])])
    assert counts(half, "quotes") == (1, 0, 0)
    assert counts(less, "quotes") == (0, 1, 1)
    assert counts(other, "quotes") == (0, 1, 1)


def test_timex_by_overlapping_span_or_equal_text(tmp_path):
    start = TEXT.index("cztery godziny")
    golds = [gold(timexes=[{"start": start, "end": start + 14, "type": "DURATION", "value": "PT4H"},
                           {"text": "cztery godziny", "type": "DURATION", "value": "PT4H"}])]
    preds = [pred(timexes=[
        {"start": start + 7, "end": start + 14, "text": "godziny", "type": "DURATION", "value": "PT1H"},
        {"start": 0, "end": 3, "text": "Cztery godziny", "type": "DURATION", "value": "PT4H"},
        {"start": 0, "end": 3, "text": "kosmodromie", "type": "DATE", "value": None}])]
    report = run(tmp_path, golds, preds)
    assert counts(report, "timexes") == (2, 1, 0)
    acc = report.total.accuracies["timex_value"]
    assert (acc.correct, acc.n) == (1, 2)
