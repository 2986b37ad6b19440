"""Exports: records round-trip through the tables; PLOVER, CSV and Parquet carry the events."""
from __future__ import annotations

import csv
import json

import duckdb
import pyarrow.parquet as pq
import pytest

from kronika.record import validation_errors
from kronika.store import Store, StoreError
from kronika.store.export import FLAT_COLUMNS, export
from tests.store.records import record_a, record_c

A, C = record_a()["doc"]["id"], record_c()["doc"]["id"]


def test_jsonl_round_trip_gives_back_the_records(store, records, tmp_path):
    out = tmp_path / "records.jsonl"
    assert export(store, "jsonl", out) == 3
    back = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert back == records  # same records, in ingestion order, doc.text included
    assert all(validation_errors(r) == [] for r in back)
    # what the tables could not hold in columns came back too: keys that were absent stay absent,
    # nulls stay null, unknown keys and nested extras are kept
    a_entities = back[0]["entities"]
    assert "wikidata" not in a_entities[0] and a_entities[4]["wikidata"] is None
    assert back[2]["events"][2]["note"] == "blocking before the vote; months approximate"
    assert back[0]["events"][0]["evidence"]["text"].startswith("Prezydent")
    assert "confidence" not in back[0]["events"][2] and "location" not in back[0]["events"][2]
    assert back[1]["quotes"][1] == records[1]["quotes"][1] and "addressee" not in back[1]["quotes"][1]


def test_jsonl_without_text_to_stdout(store, capsys):
    assert export(store, "jsonl", None, include_text=False) == 3
    back = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert all("text" not in r["doc"] for r in back)
    assert [r["doc"]["id"] for r in back] == [r["doc"]["id"] for r in store.records()]


def test_stored_record_by_id(store, records):
    assert store.record(records[1]["doc"]["id"]) == records[1]
    assert store.record("sha256:" + "f" * 64) is None
    ids = [records[2]["doc"]["id"], records[0]["doc"]["id"]]
    assert [r["doc"]["id"] for r in store.records(ids)] == ids


def test_round_trip_of_unusual_shapes(db_path, records):
    rec = records[0]
    rec["doc"]["extra.field"] = {"nested": [1, 2]}  # unknown doc key with a dot in its name
    rec["events"][0]["location"] = {"name": "Lviv", "country": "UKR", "geonameid": 702550}
    rec["events"][1]["location"] = {}
    rec["entities"][0]["aliases"] = ["Duda", "prezydent RP"]
    rec["entities"][1]["mentions"][0]["sentence"] = 0
    rec["timexes"][0]["value"] = None
    with Store(db_path) as store:
        store.add(rec)
        assert store.record(rec["doc"]["id"]) == rec
        # the known nested values are still in their columns
        loc = store.connection.execute(
            "SELECT location_name, location_country FROM events WHERE event_id = 'v1'").fetchone()
        assert loc == ("Lviv", "UKR")


def test_plover_events(store, tmp_path):
    out = tmp_path / "events.plover.jsonl"
    assert export(store, "plover", out) == 9
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    by_id = {e["id"]: e for e in events}
    assert len(by_id) == 9  # ids unique across documents
    v1 = by_id[f"{A}:v1"]
    assert v1["event_type"] == "CONSULT" and v1["event_date"] == "2023-01-11" and v1["date_precision"] == "day"
    assert v1["mode"] == ["visit"] and v1["context"] == ["diplomatic"] and v1["status"] == "asserted"
    assert v1["actor"] == [{"name": "Andrzej Duda", "country": "POL", "code": "POL", "sector": "GOV",
                            "type": "person", "wikidata": None, "actor_text": "Andrzej Duda", "entity_id": "e1"}]
    assert v1["recipient"][0]["wikidata"] == "Q3874799"
    assert v1["recipient"][0]["actor_text"] == "Wołodymyrem Zełenskim"
    assert v1["event_text"].startswith("Prezydent Andrzej Duda spotkał się")
    assert v1["trigger"]["text"] == "spotkał się"
    assert v1["event_loc"] == {"name": "Lviv", "cc3": "UKR"}
    assert v1["doc_id"] == A and v1["source"] == "przyklady/duda-zelenski-lwow.txt"
    assert v1["url"] == "https://example.org/2023/01/11/duda-zelenski-lwow" and v1["outlet"] == "Gazeta Przykładowa"
    assert v1["quad_code"] == 1 and v1["cameo"] == "042"
    assert by_id[f"{A}:v3"]["attribution"] == ["Ukrinform"]
    # actor_text prefers a mention inside the evidence sentence: Russia is "Moskwa" there, not "Rosji"
    threat = by_id[f"{C}:v2"]
    assert threat["actor"][0]["actor_text"] == "Moskwa" and threat["event_date"] is None
    assert by_id[f"{C}:v3"]["status"] == "alleged" and by_id[f"{C}:v3"]["event_enddate"] == "2023-06"


def test_csv_flat_table(store, tmp_path):
    out = tmp_path / "events.csv"
    assert export(store, "csv", out) == 9
    with open(out, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 9 and tuple(rows[0].keys()) == FLAT_COLUMNS
    first, second = rows[0], rows[1]
    assert (first["doc_id"], first["event_id"]) == (A, "v1")
    assert first["actor_names"] == "Andrzej Duda" and first["mode"] == "visit" and first["quad_code"] == "1"
    assert second["actor_names"] == "Andrzej Duda;Volodymyr Zelenskyy" and second["actor_countries"] == "POL;UKR"
    assert second["attribution_names"] == "Ukrinform" and second["recipient_names"] == ""
    assert first["evidence"] == store.events(limit=1)[0]["evidence"]
    rules = {(r["doc_id"], r["event_id"]): r["rules"] for r in rows}
    assert rules[(A, "v1")] == "pl.consult.spotkac_sie;pl.date.weekday"


def test_parquet_flat_table(store, tmp_path):
    out = tmp_path / "events.parquet"
    assert export(store, "parquet", out) == 9
    table = pq.read_table(out)
    assert table.column_names == list(FLAT_COLUMNS)
    assert str(table.schema.field("event_scale").type) == "double"
    assert str(table.schema.field("quad_code").type) == "int32"
    rows = table.to_pylist()
    assert (rows[0]["doc_id"], rows[0]["event_id"]) == (A, "v1")
    assert rows[1]["actor_names"] == "Andrzej Duda;Volodymyr Zelenskyy"
    assert rows[0]["event_scale"] == 1.0 and rows[0]["trigger"] == "spotkał się"
    # DuckDB reads it back too, and the CSV export has the same values
    con = duckdb.connect()
    n, events = con.execute("SELECT count(*), list(DISTINCT event ORDER BY event) FROM read_parquet(?)",
                            [str(out)]).fetchone()
    assert n == 9 and events == ["AGREE", "ASSAULT", "CONSULT", "REJECT", "REQUEST", "SANCTION", "THREATEN"]
    csv_out = tmp_path / "events.csv"
    export(store, "csv", csv_out)
    with open(csv_out, encoding="utf-8", newline="") as fh:
        csv_rows = list(csv.DictReader(fh))
    for p, c in zip(rows, csv_rows):
        assert p["evidence"] == c["evidence"] and p["recipient_names"] == c["recipient_names"]
        assert ("" if p["confidence"] is None else str(p["confidence"])) == c["confidence"]


def test_stdout_and_errors(store, capsys):
    assert export(store, "plover", None) == 9
    assert len(capsys.readouterr().out.splitlines()) == 9
    assert export(store, "csv", None) == 9
    assert len(capsys.readouterr().out.splitlines()) == 10  # header + 9 (no newlines inside values here)
    with pytest.raises(StoreError, match="output file"):
        export(store, "parquet", None)
    with pytest.raises(StoreError, match="unknown export format"):
        export(store, "xml", None)


def test_empty_store_exports_nothing(db_path, tmp_path):
    with Store(db_path) as store:
        assert export(store, "jsonl", tmp_path / "a.jsonl") == 0
        assert export(store, "csv", tmp_path / "a.csv") == 0
        assert export(store, "parquet", tmp_path / "a.parquet") == 0
        assert pq.read_table(tmp_path / "a.parquet").num_rows == 0
    assert (tmp_path / "a.jsonl").read_text() == ""
