"""The record contract: ids, dates, schema validation."""
from __future__ import annotations

import json

import pytest

from kronika.ingest.document import DocDate, Document, document_id, normalize_text
from kronika.record import InvalidRecord, dumps, schema, to_record, validate, validation_errors

BODY = "Prezydent Andrzej Duda spotkał się w piątek w Kijowie z Wołodymyrem Zełenskim.\r\n\r\nRozmawiali o dostawach broni."


def test_id_is_stable_across_newlines_and_unicode_forms():
    decomposed = "Zełenski spotkał sie\u0301"  # "się" with a combining acute instead of the precomposed letter
    composed = "Zełenski spotkał sié"
    assert document_id(decomposed) == document_id(composed)
    assert document_id("a\r\nb") == document_id("a\nb") == document_id("a\rb")
    assert document_id("  a\nb \n") == document_id("a\nb")
    assert document_id("a\nb") != document_id("a b")


def test_id_is_sha256_of_normalised_text():
    import hashlib

    assert document_id(BODY) == "sha256:" + hashlib.sha256(normalize_text(BODY).encode()).hexdigest()


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2023-08", ("2023-08", "month")),
        ("2023-08-15", ("2023-08-15", "day")),
        ("2023", ("2023", "year")),
        ("2025-12-04T19:56:00+01:00", ("2025-12-04", "day")),
        (None, (None, "unknown")),
        ("", (None, "unknown")),
    ],
)
def test_docdate_keeps_the_input_precision(value, expected):
    d = DocDate.parse(value)
    assert (d.value, d.precision) == expected


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "sierpień 2023", "23-08-15"])
def test_docdate_rejects_what_is_not_a_date(bad):
    with pytest.raises(ValueError):
        DocDate.parse(bad)


def test_docdate_refuses_false_precision():
    with pytest.raises(ValueError):
        DocDate("2023-08", "day")


def test_record_of_a_document_validates_and_keeps_metadata():
    doc = Document(text=BODY, source="duda-kijow.txt", date=DocDate.parse("2023-08"), lang="pl", title="Duda w Kijowie")
    rec = to_record(doc)
    assert rec["doc"]["id"] == doc.id
    assert rec["doc"]["date"] == {"value": "2023-08", "precision": "month"}
    assert rec["doc"]["title"] == "Duda w Kijowie"
    assert "text" not in rec["doc"]
    assert to_record(doc, include_text=True)["doc"]["text"] == normalize_text(BODY)
    assert json.loads(dumps(rec)) == rec
    assert "\n" not in dumps(rec)


def _record_with_event(**changes):
    text = "Rosja ostrzelała Kijów w nocy z niedzieli na poniedziałek."
    rec = {
        "doc": {"id": document_id(text), "source": "x.txt", "lang": "pl", "date": {"value": "2024-01-02", "precision": "day"}},
        "entities": [
            {"id": "e1", "name": "Russia", "type": "country", "country": "RUS", "mentions": [{"start": 0, "end": 5, "text": "Rosja"}]},
            {"id": "e2", "name": "Kyiv", "type": "location", "country": "UKR", "mentions": [{"start": 17, "end": 22}]},
        ],
        "events": [
            {"id": "v1", "event": "ASSAULT", "mode": ["aerial"], "context": ["military"], "actor": ["e1"], "recipient": ["e2"],
             "date": "2024-01-01", "precision": "day", "status": "asserted", "attribution": [],
             "evidence": {"start": 0, "end": 58, "trigger": {"start": 6, "end": 16, "text": "ostrzelała"}}}
        ],
        "quotes": [],
        "timexes": [{"start": 23, "end": 57, "text": "w nocy z niedzieli na poniedziałek", "type": "DATE", "value": "2024-01-01"}],
    }
    rec["events"][0].update(changes)
    return rec


def test_schema_accepts_a_full_event():
    assert validation_errors(_record_with_event()) == []


@pytest.mark.parametrize(
    "change,where",
    [
        ({"event": "ATTACK"}, "events/0/event"),
        ({"actor": []}, "events/0/actor"),
        ({"status": "rumoured"}, "events/0/status"),
        ({"precision": "hour"}, "events/0/precision"),
        ({"confidence": 1.5}, "events/0/confidence"),
        ({"evidence": {"start": 0, "end": 5}}, "events/0/evidence"),
    ],
)
def test_schema_rejects_broken_events_and_says_where(change, where):
    errors = validation_errors(_record_with_event(**change))
    assert errors and errors[0].startswith(where)
    with pytest.raises(InvalidRecord):
        validate(_record_with_event(**change))


def test_shipped_schema_agrees_with_the_shared_contract(shared):
    """Our copy may add optional fields but must require and allow what the shared schema does."""
    theirs = json.loads((shared / "spec" / "kronika-document.schema.json").read_text())
    ours = schema()
    assert ours["required"] == theirs["required"]
    for name, d in theirs["$defs"].items():
        if "required" in d:
            mine = ours["$defs"]["pubdate" if name == "docdate" else name]
            assert mine["required"] == d["required"], name
    assert ours["$defs"]["event"]["properties"]["event"]["enum"] == theirs["$defs"]["event"]["properties"]["event"]["enum"]
    assert ours["$defs"]["event"]["properties"]["status"]["enum"] == theirs["$defs"]["event"]["properties"]["status"]["enum"]
