"""Reading document records back from the tables (the inverse of writer.py)."""
from __future__ import annotations

import json
from collections import defaultdict
from typing import Any, Iterator, Sequence

import duckdb

from kronika.store.layout import DOC, ENTITY, EVENT, MENTION, QUOTE, TIMEX

BATCH = 500


def _dicts(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cur = con.execute(sql, list(params))
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def _grouped(con: duckdb.DuckDBPyConnection, table: str, ids: list[str], order: str) -> dict[str, list[dict]]:
    rows = _dicts(con, f"SELECT * FROM {table} WHERE doc_id IN (SELECT unnest(?)) ORDER BY doc_id, {order}", [ids])
    out: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        out[row["doc_id"]].append(row)
    return out


def _rebuild_batch(con: duckdb.DuckDBPyConnection, ids: list[str], include_text: bool) -> list[dict]:
    found = {d["id"]: d for d in _dicts(con, "SELECT * FROM documents WHERE id IN (SELECT unnest(?))", [ids])}
    docs = [found[i] for i in ids if i in found]
    entities = _grouped(con, "entities", ids, "position")
    mentions = _grouped(con, "mentions", ids, "entity_id, position")
    events = _grouped(con, "events", ids, "position")
    roles = _grouped(con, "event_roles", ids, "event_id, role, position")
    quotes = _grouped(con, "quotes", ids, "position")
    timexes = _grouped(con, "timexes", ids, "position")
    records = []
    for doc in docs:
        doc_id = doc["id"]
        mentions_of: dict[str, list[dict]] = defaultdict(list)
        for m in mentions.get(doc_id, []):
            mentions_of[m["entity_id"]].append(MENTION.rebuild(m))
        roles_of: dict[tuple[str, str], list[str]] = defaultdict(list)
        for r in roles.get(doc_id, []):
            roles_of[(r["event_id"], r["role"])].append(r["entity_id"])

        def entity(row: dict) -> dict:
            return ENTITY.rebuild(row, lambda key: mentions_of.get(row["entity_id"], []))

        def event(row: dict) -> dict:
            return EVENT.rebuild(row, lambda key: roles_of.get((row["event_id"], key), []))

        layers: dict[str, Any] = {
            "doc": DOC.rebuild(doc),
            "entities": [entity(r) for r in entities.get(doc_id, [])],
            "events": [event(r) for r in events.get(doc_id, [])],
            "quotes": [QUOTE.rebuild(r) for r in quotes.get(doc_id, [])],
            "timexes": [TIMEX.rebuild(r) for r in timexes.get(doc_id, [])],
        }
        if not include_text:
            layers["doc"].pop("text", None)
        extra = json.loads(doc["record_extra"]) if doc.get("record_extra") else {}
        records.append({key: layers[key] if key in layers else extra[key] for key in doc["record_keys"]})
    return records


def iter_records(
    con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str] | None = None, *, include_text: bool = True
) -> Iterator[dict[str, Any]]:
    """Every stored record (or those of `doc_ids`, in that order), rebuilt from the tables, in ingestion order.

    A rebuilt record equals the record that was stored, key for key (`doc.text` left out when
    `include_text` is False).
    """
    if doc_ids is None:
        ids = [r[0] for r in con.execute("SELECT id FROM documents ORDER BY seq").fetchall()]
    else:
        ids = list(dict.fromkeys(doc_ids))
    for start in range(0, len(ids), BATCH):
        yield from _rebuild_batch(con, ids[start:start + BATCH], include_text)
