"""Writing one document record into the tables, in one transaction.

`write_record` either stores every row of the record or none: the rows are inserted between BEGIN and
COMMIT, and any error (a constraint, a malformed record, an interrupt) rolls the transaction back.
A document whose `doc.id` is already stored is not written again.
"""
from __future__ import annotations

import json
import time
from collections import Counter
from typing import Any, Sequence

import duckdb

from kronika.store.dates import event_interval
from kronika.store.errors import StoreError
from kronika.store.layout import DOC, ENTITY, EVENT, LAYERS, MENTION, QUOTE, ROLES, TIMEX, Layout


class RecordRows:
    """The rows of one record, table by table (column name -> value dicts)."""

    def __init__(self) -> None:
        self.tables: dict[str, list[dict[str, Any]]] = {
            "documents": [], "entities": [], "mentions": [], "events": [],
            "event_roles": [], "quotes": [], "timexes": [],
        }


def _list(value: Any, what: str) -> list:
    if not isinstance(value, list):
        raise StoreError(f"{what}: expected a list, got {type(value).__name__}")
    return value


def record_rows(record: dict[str, Any]) -> RecordRows:
    """Every table row of a record. Raises StoreError when the record's shape cannot be stored."""
    if not isinstance(record, dict) or not isinstance(record.get("doc"), dict):
        raise StoreError("a document record is an object with a 'doc' object")
    rows = RecordRows()
    doc_cols, _ = DOC.split(record["doc"])
    doc_id = doc_cols.get("id")
    if not isinstance(doc_id, str) or not doc_id:
        raise StoreError("record without doc.id")
    doc_cols["record_keys"] = list(record.keys())
    extras = {k: v for k, v in record.items() if k not in LAYERS}
    doc_cols["record_extra"] = json.dumps(extras, ensure_ascii=False) if extras else None
    rows.tables["documents"].append(doc_cols)

    for pos, entity in enumerate(_list(record.get("entities", []), "entities")):
        cols, children = ENTITY.split(entity)
        cols.update(doc_id=doc_id, position=pos)
        rows.tables["entities"].append(cols)
        if "mentions" in children:
            for mpos, mention in enumerate(_list(children["mentions"], f"entity {cols.get('entity_id')} mentions")):
                mcols, _ = MENTION.split(mention)
                mcols.update(doc_id=doc_id, entity_id=cols.get("entity_id"), position=mpos)
                rows.tables["mentions"].append(mcols)

    for pos, event in enumerate(_list(record.get("events", []), "events")):
        cols, children = EVENT.split(event)
        cols.update(doc_id=doc_id, position=pos)
        cols["date_from"], cols["date_to"] = event_interval(cols.get("date"), cols.get("enddate"), cols.get("precision"))
        rows.tables["events"].append(cols)
        for role in ROLES:
            if role in children:
                for rpos, entity_id in enumerate(_list(children[role], f"event {cols.get('event_id')} {role}")):
                    rows.tables["event_roles"].append(
                        {"doc_id": doc_id, "event_id": cols.get("event_id"), "role": role,
                         "position": rpos, "entity_id": entity_id}
                    )

    for pos, quote in enumerate(_list(record.get("quotes", []), "quotes")):
        cols, _ = QUOTE.split(quote)
        cols.update(doc_id=doc_id, position=pos)
        rows.tables["quotes"].append(cols)

    for pos, timex in enumerate(_list(record.get("timexes", []), "timexes")):
        cols, _ = TIMEX.split(timex)
        cols.update(doc_id=doc_id, position=pos)
        rows.tables["timexes"].append(cols)
    for table, key in (("entities", "entity_id"), ("events", "event_id"), ("quotes", "quote_id")):
        dups = [k for k, n in Counter(r.get(key) for r in rows.tables[table]).items() if n > 1]
        if dups:
            raise StoreError(f"document {doc_id}: {table} ids used more than once: {', '.join(map(str, dups))}")
    return rows


_FIXED: dict[str, tuple[str, ...]] = {
    "documents": ("record_keys", "record_extra"),
    "entities": ("doc_id", "position"),
    "mentions": ("doc_id", "entity_id", "position"),
    "events": ("doc_id", "position", "date_from", "date_to"),
    "quotes": ("doc_id", "position"),
    "timexes": ("doc_id", "position"),
}
_LAYOUTS: dict[str, Layout] = {
    "documents": DOC, "entities": ENTITY, "mentions": MENTION, "events": EVENT, "quotes": QUOTE, "timexes": TIMEX,
}
ROLE_COLUMNS = ("doc_id", "event_id", "role", "position", "entity_id")
# Insertion order: the documents row first, so a failure anywhere after it exercises the rollback.
TABLE_ORDER = ("documents", "entities", "mentions", "events", "event_roles", "quotes", "timexes")


def _columns(table: str) -> list[str]:
    if table == "event_roles":
        return list(ROLE_COLUMNS)
    layout = _LAYOUTS[table]
    return list(dict.fromkeys([*_FIXED[table], *layout.columns.values(), "keys", "extra"]))


def insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[dict[str, Any]]) -> None:
    """Insert rows (dicts of column values; missing columns are NULL) into one table with one statement:
    each column is passed as one list parameter and unnested (much faster than a statement per row)."""
    if not rows:
        return
    names = _columns(table)
    types = _column_types(con, table)
    quoted = ", ".join(f'"{n}"' for n in names)
    unnests = ", ".join(f"unnest(?::{types[n]}[])" for n in names)
    con.execute(f"INSERT INTO {table} ({quoted}) SELECT {unnests}", [[row.get(n) for row in rows] for n in names])


_TYPES: dict[str, dict[str, str]] = {}


def _column_types(con: duckdb.DuckDBPyConnection, table: str) -> dict[str, str]:
    if table not in _TYPES:
        _TYPES[table] = {name: typ for name, typ, *_ in con.execute(f"DESCRIBE {table}").fetchall()}
    return _TYPES[table]


def exists(con: duckdb.DuckDBPyConnection, doc_id: str) -> bool:
    return con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None


def _is_duplicate(err: BaseException) -> bool:
    text = str(err)
    return isinstance(err, (duckdb.ConstraintException, duckdb.TransactionException)) and (
        "duplicate key" in text.lower() or "conflict" in text.lower()
    )


def write_record(con: duckdb.DuckDBPyConnection, record: dict[str, Any], *, attempts: int = 20) -> bool:
    """Store one record in one transaction. True if it was new; False if its doc.id was already stored.

    Guarantees: after an exception, nothing of the record is stored (the transaction is rolled back)
    and the connection is usable. A concurrent writer storing the same doc.id makes this call return
    False, never a duplicate: the primary keys refuse the second copy, and when the other writer has not
    committed yet this call waits and looks again (up to `attempts` times).
    """
    rows = record_rows(record)
    doc_id = rows.tables["documents"][0]["id"]
    for attempt in range(attempts):
        if exists(con, doc_id):
            return False
        con.execute("BEGIN TRANSACTION")
        try:
            for table in TABLE_ORDER:
                insert_rows(con, table, rows.tables[table])
            con.execute("COMMIT")
            return True
        except BaseException as err:
            _rollback(con)
            if not isinstance(err, duckdb.Error):
                raise
            if not _is_duplicate(err):
                raise StoreError(f"cannot store document {doc_id}: {err}") from err
            # Another writer holds this document (committed or not yet): look again shortly.
            time.sleep(min(0.01 * (attempt + 1), 0.1))
    if exists(con, doc_id):
        return False
    raise StoreError(f"cannot store document {doc_id}: another writer kept it locked")


def _rollback(con: duckdb.DuckDBPyConnection) -> None:
    try:
        con.execute("ROLLBACK")
    except duckdb.TransactionException:
        pass  # a failed COMMIT has already ended the transaction

