"""The store's schema: creating it in a new database and checking the version of an existing one."""
from __future__ import annotations

from datetime import datetime, timezone
from functools import lru_cache
from importlib import resources

import duckdb

from kronika import __version__
from kronika.store.errors import StoreError

SCHEMA_VERSION = 1
TABLES = ("meta", "documents", "entities", "mentions", "events", "event_roles", "quotes", "timexes")


@lru_cache(maxsize=1)
def schema_sql() -> str:
    """The DDL of the current schema version (kronika/store/schema.sql)."""
    return resources.files("kronika.store").joinpath("schema.sql").read_text("utf-8")


def table_names(con: duckdb.DuckDBPyConnection) -> set[str]:
    rows = con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()
    return {r[0] for r in rows}


def create(con: duckdb.DuckDBPyConnection) -> None:
    """Create every table and record the schema version, in one transaction."""
    con.execute("BEGIN TRANSACTION")
    try:
        con.execute(schema_sql())
        con.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [
                ("schema_version", str(SCHEMA_VERSION)),
                ("created_by", f"kronika {__version__}"),
                ("created_at", datetime.now(timezone.utc).isoformat(timespec="seconds")),
            ],
        )
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def check(con: duckdb.DuckDBPyConnection, path: str, *, read_only: bool) -> int:
    """Make sure the database is a kronika store this kronika can read (creating it when new and writable).

    Returns the schema version. Raises StoreError naming `path` for a database of other tables, for a
    store made by a newer kronika, and for an empty database opened read-only.
    """
    tables = table_names(con)
    if not tables:
        if read_only:
            raise StoreError(f"{path}: empty database, not a kronika store")
        create(con)
        return SCHEMA_VERSION
    if "meta" not in tables:
        raise StoreError(f"{path}: a DuckDB database, but not a kronika store (no meta table)")
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    try:
        version = int(row[0]) if row else None
    except ValueError:
        version = None
    if version is None:
        raise StoreError(f"{path}: kronika store without a readable schema_version in its meta table")
    if version > SCHEMA_VERSION:
        raise StoreError(
            f"{path}: store schema version {version} was written by a newer kronika; "
            f"this kronika ({__version__}) reads schema version {SCHEMA_VERSION} and older"
        )
    if version < SCHEMA_VERSION:  # pragma: no cover - there is no older version yet
        raise StoreError(f"{path}: store schema version {version} has no migration to {SCHEMA_VERSION}")
    missing = [t for t in TABLES if t not in tables]
    if missing:
        raise StoreError(f"{path}: kronika store is missing table(s) {', '.join(missing)}")
    return version
