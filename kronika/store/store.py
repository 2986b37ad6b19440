"""The Store: one DuckDB file holding document records as tables (docs/store.md)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

import duckdb

from kronika.store import queries, reader, schema, writer
from kronika.store.errors import StoreError

MEMORY = ":memory:"


class Store:
    """A kronika store. Use it as a context manager: `with Store(path) as store: store.add(record)`.

    - `Store(path)` opens the file for writing, creating it (and the schema) when it does not exist or is
      an empty file.
    - `Store(path, read_only=True)` opens an existing store read-only; a missing file is a StoreError.
    - Opening a file that is not a DuckDB database, a DuckDB database that is not a kronika store, or a
      store written by a newer kronika (higher schema version) raises StoreError naming the path.
    """

    def __init__(self, path: str | os.PathLike[str], read_only: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self._con: duckdb.DuckDBPyConnection | None = None
        if self.path != MEMORY:
            p = Path(self.path)
            if p.is_dir():
                raise StoreError(f"{self.path}: is a directory, not a store file")
            if read_only and not p.exists():
                raise StoreError(f"{self.path}: no such store")
            if not read_only and p.is_file() and p.stat().st_size == 0:
                p.unlink()  # an empty file (e.g. from mktemp) holds nothing: start a new store there
        elif read_only:
            raise StoreError("an in-memory store cannot be opened read-only")
        try:
            self._con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError(f"{self.path}: cannot open as a kronika store: {err}") from err
        try:
            self.schema_version = schema.check(self._con, self.path, read_only=read_only)
        except BaseException:
            self.close()
            raise

    # -- life cycle -------------------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def close(self) -> None:
        """Close the connection (idempotent)."""
        if self._con is not None:
            self._con.close()
            self._con = None

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The DuckDB connection, for queries of your own (read the tables; write only through `add`)."""
        if self._con is None:
            raise StoreError(f"{self.path}: store is closed")
        return self._con

    def __repr__(self) -> str:
        return f"Store({self.path!r}, read_only={self.read_only})"

    # -- writing ----------------------------------------------------------------------------------
    def add(self, record: dict[str, Any]) -> bool:
        """Store one document record (with `doc.text`, for evidence text) in one transaction.

        Returns True when the document was new, False when a document with the same `doc.id` is already
        stored (nothing is written). On any error nothing of the record is stored; a record the tables
        cannot hold raises StoreError.
        """
        if self.read_only:
            raise StoreError(f"{self.path}: store is open read-only")
        return writer.write_record(self.connection, record)

    def add_many(self, records: Iterable[dict[str, Any]]) -> int:
        """`add` each record (one transaction each); the number of new documents."""
        return sum(self.add(r) for r in records)

    # -- reading ----------------------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        return writer.exists(self.connection, doc_id)

    def counts(self) -> dict[str, int]:
        """Rows per layer: documents, entities, mentions, events, quotes, timexes."""
        return queries.counts(self.connection)

    def records(self, doc_ids: Sequence[str] | None = None, *, include_text: bool = True) -> Iterator[dict]:
        """Stored document records rebuilt from the tables, in ingestion order (or in the order of `doc_ids`).
        Each equals the record given to `add`."""
        return reader.iter_records(self.connection, doc_ids, include_text=include_text)

    def record(self, doc_id: str, *, include_text: bool = True) -> dict | None:
        """The stored record of one document, or None."""
        return next(iter(self.records([doc_id], include_text=include_text)), None)

    def events(
        self,
        actor: str | None = None,
        country: str | None = None,
        category: str | None = None,
        status: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: int | None = 100,
    ) -> list[dict[str, Any]]:
        """Stored events matching every given filter, in date order (see queries.event_rows for the
        filters and the row keys)."""
        return queries.event_rows(
            self.connection, actor=actor, country=country, category=category, status=status,
            since=since, until=until, limit=limit,
        )
