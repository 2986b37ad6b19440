"""Run the full Polish pipeline (with the event coder) on a text of our own."""
from __future__ import annotations

from functools import lru_cache

from kronika.ingest.document import DocDate, Document


@lru_cache(maxsize=1)
def _pipeline():
    from kronika.pipeline import default_pipeline

    return default_pipeline()


def code(text: str, date: str = "2025-12-04") -> Document:
    doc = Document(text=text, source="test", date=DocDate.parse(date), lang="pl")
    _pipeline()(doc)
    return doc


def names(doc: Document, ids: list[str]) -> set[str]:
    by_id = {e["id"]: e for e in doc.entities}
    return {by_id[i]["name"] for i in ids}


def keys(doc: Document, ids: list[str]) -> set[str]:
    by_id = {e["id"]: e for e in doc.entities}
    return {by_id[i].get("country") or by_id[i]["name"] for i in ids}


def events_of(doc: Document, category: str) -> list[dict]:
    return [e for e in doc.events if e["event"] == category]
