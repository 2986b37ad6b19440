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


def mention(category: str, actor: list[str], recipient: list[str], date: str | None = None,
            precision: str | None = None, entry: str = "x", **internal) -> tuple[dict, dict]:
    """One coded mention (event record, internal data) as the coder hands it to `merge.merge_events`."""
    ev = {"id": "", "event": category, "actor": actor, "recipient": recipient, "date": date,
          "precision": precision or ("day" if date else "unknown"), "date_text": date, "enddate": None,
          "location": None, "mode": [], "confidence": 0.5, "rules": [entry],
          "evidence": {"start": 0, "end": 1, "trigger": {"start": 0, "end": 1, "text": "x"}}}
    return ev, {"sentence": 0, "trigger_tokens": [0, 1], "lexicon_entry": entry, "negated": False, "merged": [],
                **internal}
