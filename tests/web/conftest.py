"""Fixtures of the web tests: a store holding hand-made records with events (validated), and an API client."""
from __future__ import annotations

from pathlib import Path

import pytest

from kronika.record import validate
from kronika.store import Store
from tests.web.records import web_records


def build_store(path: Path) -> Path:
    """Write the web test records (validated) into a new store at `path`."""
    with Store(path) as store:
        for record in web_records():
            assert store.add(validate(record))
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory) -> Path:
    """A store file with the eight web test records (shared by the session; opened read-only by the app)."""
    return build_store(tmp_path_factory.mktemp("web") / "web.duckdb")


@pytest.fixture(scope="session")
def client(web_db: Path):
    from fastapi.testclient import TestClient

    from kronika.web import create_app

    with TestClient(create_app(web_db)) as c:
        yield c
