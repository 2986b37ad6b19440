"""Opening stores: creation, schema versions, read-only mode, files that are not stores."""
from __future__ import annotations

import duckdb
import pytest

from kronika.store import SCHEMA_VERSION, Store, StoreError


def test_a_new_store_records_its_schema_version(db_path):
    with Store(db_path) as store:
        meta = dict(store.connection.execute("SELECT key, value FROM meta").fetchall())
        assert meta["schema_version"] == str(SCHEMA_VERSION)
        assert meta["created_by"].startswith("kronika ")
        assert store.schema_version == SCHEMA_VERSION
    assert db_path.is_file()
    with Store(db_path, read_only=True) as store:  # reopening does not recreate
        assert store.counts()["documents"] == 0


def test_a_store_from_a_newer_kronika_is_refused(db_path):
    with Store(db_path):
        pass
    con = duckdb.connect(str(db_path))
    con.execute("UPDATE meta SET value = ? WHERE key = 'schema_version'", [str(SCHEMA_VERSION + 1)])
    con.close()
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            Store(db_path, read_only=read_only)
        assert str(db_path) in str(err.value) and "newer kronika" in str(err.value)


def test_a_file_that_is_not_duckdb_is_a_clear_error(tmp_path):
    junk = tmp_path / "notes.duckdb"
    junk.write_text("Ten plik nie jest bazą danych DuckDB.\n" * 50, encoding="utf-8")
    for read_only in (False, True):
        with pytest.raises(StoreError) as err:
            Store(junk, read_only=read_only)
        assert str(junk) in str(err.value)
    assert junk.read_text(encoding="utf-8").startswith("Ten plik")  # left untouched


def test_a_duckdb_database_of_other_tables_is_not_a_store(tmp_path):
    other = tmp_path / "other.duckdb"
    con = duckdb.connect(str(other))
    con.execute("CREATE TABLE people (name VARCHAR)")
    con.close()
    with pytest.raises(StoreError, match="not a kronika store"):
        Store(other)


def test_read_only_on_a_missing_file_does_not_create_it(tmp_path):
    missing = tmp_path / "missing.duckdb"
    with pytest.raises(StoreError) as err:
        Store(missing, read_only=True)
    assert str(missing) in str(err.value)
    assert not missing.exists()


def test_a_directory_is_not_a_store(tmp_path):
    with pytest.raises(StoreError, match="directory"):
        Store(tmp_path)


def test_an_empty_file_becomes_a_new_store(tmp_path):
    empty = tmp_path / "fresh.duckdb"
    empty.touch()
    with Store(empty) as store:
        assert store.counts()["documents"] == 0
    with Store(empty, read_only=True) as store:
        assert store.schema_version == SCHEMA_VERSION


def test_read_only_store_refuses_writes(filled, records):
    with Store(filled, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.add(records[0])
        assert store.counts()["documents"] == 3


def test_closed_store_says_so(db_path):
    store = Store(db_path)
    store.close()
    store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        store.counts()


def test_in_memory_store_works(records):
    with Store(":memory:") as store:
        assert store.add(records[2]) is True
        assert len(store.events()) == 3
