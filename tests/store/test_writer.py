"""Adding records: one transaction per document, idempotence, concurrent adds of one id."""
from __future__ import annotations

import copy
import threading

import duckdb
import pytest

from kronika.store import Store, StoreError
from kronika.store import writer
from tests.store.records import record_a, record_b

TABLES = ("documents", "entities", "mentions", "events", "event_roles", "quotes", "timexes")


def rows_of(store: Store, doc_id: str) -> dict[str, int]:
    con = store.connection
    out = {"documents": con.execute("SELECT count(*) FROM documents WHERE id = ?", [doc_id]).fetchone()[0]}
    for table in TABLES[1:]:
        out[table] = con.execute(f"SELECT count(*) FROM {table} WHERE doc_id = ?", [doc_id]).fetchone()[0]
    return out


def test_fixture_records_are_valid(records):
    # validated by kronika.record.validate in the fixture; here: they exercise every layer
    for r in records:
        assert r["entities"] and r["events"] and r["quotes"] and r["timexes"] and r["doc"]["text"]
    statuses = {e["status"] for r in records for e in r["events"]}
    assert {"asserted", "planned", "alleged"} <= statuses
    precisions = {e["precision"] for r in records for e in r["events"]}
    assert {"day", "month", "unknown"} <= precisions


def test_add_stores_every_layer(db_path, records):
    a = records[0]
    with Store(db_path) as store:
        assert store.add(a) is True
        assert rows_of(store, a["doc"]["id"]) == {
            "documents": 1, "entities": 6, "mentions": 8, "events": 3,
            "event_roles": 7, "quotes": 1, "timexes": 1,
        }
        assert store.has(a["doc"]["id"])
        assert not store.has("sha256:" + "0" * 64)


def test_adding_the_same_record_twice_stores_it_once(db_path, records):
    with Store(db_path) as store:
        assert store.add(records[0]) is True
        before = store.counts()
        assert store.add(copy.deepcopy(records[0])) is False
        assert store.counts() == before
    with Store(db_path) as store:  # and across sessions
        assert store.add(records[0]) is False
        assert store.counts()["documents"] == 1


def test_a_record_breaking_a_not_null_constraint_leaves_nothing(db_path, records):
    bad = copy.deepcopy(records[1])
    bad["quotes"][0]["speaker"] = None  # quotes.speaker is NOT NULL; inserted after documents, entities, events
    doc_id = bad["doc"]["id"]
    with Store(db_path) as store:
        assert store.add(records[0]) is True
        with pytest.raises(StoreError) as err:
            store.add(bad)
        assert doc_id in str(err.value)
        assert rows_of(store, doc_id) == dict.fromkeys(TABLES, 0)
        # the store still works: the other document is intact, the fixed record goes in
        assert rows_of(store, records[0]["doc"]["id"])["events"] == 3
        assert store.add(records[1]) is True
        assert rows_of(store, doc_id)["quotes"] == 2


@pytest.mark.parametrize("exc", [RuntimeError("disk on fire"), KeyboardInterrupt()])
def test_an_interrupted_add_is_rolled_back(db_path, records, monkeypatch, exc):
    real_insert = writer.insert_rows
    seen = []

    def failing_insert(con, table, rows):
        seen.append(table)
        if table == "events":
            raise exc
        real_insert(con, table, rows)

    monkeypatch.setattr(writer, "insert_rows", failing_insert)
    doc_id = records[0]["doc"]["id"]
    with Store(db_path) as store:
        with pytest.raises(type(exc)):
            store.add(records[0])
        assert seen[:3] == ["documents", "entities", "mentions"]  # the documents row had been written
        assert rows_of(store, doc_id) == dict.fromkeys(TABLES, 0)
        monkeypatch.setattr(writer, "insert_rows", real_insert)
        assert store.add(records[0]) is True
        assert rows_of(store, doc_id)["events"] == 3


def test_the_primary_key_decides_when_two_writers_race(db_path, records, monkeypatch):
    # The second writer's "already stored?" check ran before the first writer committed (stale answer):
    # the primary key on documents.id must turn its add into a no-op, not a duplicate or a crash.
    real_exists = writer.exists
    calls: list[str] = []

    def stale_then_real(con, doc_id):
        calls.append(doc_id)
        return False if len(calls) == 1 else real_exists(con, doc_id)

    doc_id = records[0]["doc"]["id"]
    with Store(db_path) as first, Store(db_path) as second:
        assert first.add(records[0]) is True
        monkeypatch.setattr(writer, "exists", stale_then_real)
        assert second.add(copy.deepcopy(records[0])) is False
        assert len(calls) == 2  # the insert was tried and refused by the key, then the store was asked again
        assert rows_of(second, doc_id) == {
            "documents": 1, "entities": 6, "mentions": 8, "events": 3, "event_roles": 7, "quotes": 1, "timexes": 1,
        }


def test_uncommitted_duplicate_loses_at_commit(db_path, records):
    # Two open transactions insert the same document; the one that commits second must fail cleanly.
    doc_id = records[0]["doc"]["id"]
    with Store(db_path) as a, Store(db_path) as b:
        rows = writer.record_rows(records[0])
        b.connection.execute("BEGIN TRANSACTION")
        for table in writer.TABLE_ORDER:
            writer.insert_rows(b.connection, table, rows.tables[table])
        assert a.add(records[0]) is True  # a commits first
        with pytest.raises(duckdb.TransactionException):
            b.connection.execute("COMMIT")
        assert rows_of(a, doc_id)["documents"] == 1 and rows_of(a, doc_id)["mentions"] == 8


def test_threads_adding_the_same_record_store_it_once(db_path, records):
    with Store(db_path):
        pass  # create the schema first
    barrier = threading.Barrier(4)
    results: list[bool] = []
    errors: list[BaseException] = []

    def worker() -> None:
        try:
            with Store(db_path) as store:
                barrier.wait()
                results.append(store.add(copy.deepcopy(records[1])))
        except BaseException as err:  # pragma: no cover - reported below
            errors.append(err)

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert sorted(results) == [False, False, False, True]
    with Store(db_path, read_only=True) as store:
        assert store.counts()["documents"] == 1
        assert store.counts()["events"] == 3


def test_add_many_counts_new_documents(db_path, records):
    with Store(db_path) as store:
        assert store.add_many(records[:2]) == 2
        assert store.add_many(records) == 1


def test_a_record_without_doc_id_is_refused(db_path):
    with Store(db_path) as store:
        with pytest.raises(StoreError):
            store.add({"doc": {"source": "x"}, "entities": [], "events": [], "quotes": [], "timexes": []})
        with pytest.raises(StoreError):
            store.add({"entities": []})
        assert store.counts()["documents"] == 0


def test_duplicate_entity_ids_in_one_record_are_refused_whole(db_path):
    rec = record_b()
    rec["entities"].append(copy.deepcopy(rec["entities"][0]))
    with Store(db_path) as store:
        with pytest.raises(StoreError, match="ids used more than once"):
            store.add(rec)
        assert store.counts() == dict.fromkeys(("documents", "entities", "mentions", "events", "quotes", "timexes"), 0)
        assert store.add(record_a()) is True
