"""Fixtures of the store tests: the three hand-made records, validated, and stores holding them."""
from __future__ import annotations

from pathlib import Path

import pytest

from kronika.record import validate
from kronika.store import Store
from tests.store.records import all_records


@pytest.fixture()
def records() -> list[dict]:
    """Fresh copies of the three records (A: Duda–Zelensky, B: strike on Kyiv, C: EU sanctions)."""
    return [validate(r) for r in all_records()]


@pytest.fixture()
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "kronika.duckdb"


@pytest.fixture()
def filled(db_path: Path, records: list[dict]) -> Path:
    """A store file holding the three records (closed again, ready to be opened)."""
    with Store(db_path) as store:
        assert [store.add(r) for r in records] == [True, True, True]
    return db_path


@pytest.fixture()
def store(filled: Path):
    """The filled store, opened read-only."""
    with Store(filled, read_only=True) as s:
        yield s
