"""Exports of a store: document records (JSON Lines), PLOVER-style events (JSON Lines), flat event tables
(CSV, Parquet). docs/store.md §Exports describes every field."""
from __future__ import annotations

import csv
import json
import os
import sys
from contextlib import contextmanager
from typing import IO, Any, Iterator

from kronika import __version__
from kronika.store.errors import StoreError
from kronika.store.queries import EVENT_COLUMNS, event_rows

FORMATS = ("jsonl", "plover", "csv", "parquet", "gdelt")
LIST_SEPARATOR = ";"

# The flat event table of the CSV and Parquet exports: one row per event, lists joined with ';'.
FLAT_COLUMNS = EVENT_COLUMNS


def export(store, fmt: str, output: str | os.PathLike[str] | None, *, include_text: bool = True) -> int:
    """Write the store in format `fmt` to `output` (a path; None means standard output) and return the
    number of items written: documents for `jsonl`, events for `plover`, `csv` and `parquet`.

    - `jsonl`: one stored document record per line, rebuilt from the tables, in ingestion order; equal to
      the record that was added (with `doc.text` unless `include_text` is False).
    - `plover`: one event per line, PLOVER/POLECAT field names, actors inlined (see docs/store.md).
    - `csv`: the flat event table with a header row; lists joined with ';'.
    - `parquet`: the same flat table (needs an output path).
    - `gdelt`: GDELT 2.0 event-table rows, tab-separated, no header (see kronika.store.gdelt).
    """
    if fmt not in FORMATS:
        raise StoreError(f"unknown export format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "parquet":
        if output is None:
            raise StoreError("Parquet export needs an output file")
        return _parquet(store, output)
    with _open(output) as out:
        if fmt == "jsonl":
            return _jsonl(store, out, include_text)
        if fmt == "plover":
            return _plover(store, out)
        if fmt == "gdelt":
            from kronika.store.gdelt import write_gdelt

            return write_gdelt(store.connection, out)
        return _csv(store, out)


@contextmanager
def _open(output: str | os.PathLike[str] | None) -> Iterator[IO[str]]:
    if output is None:
        yield sys.stdout
        sys.stdout.flush()
        return
    with open(output, "w", encoding="utf-8", newline="") as fh:
        yield fh


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)


def _jsonl(store, out: IO[str], include_text: bool) -> int:
    n = 0
    for record in store.records(include_text=include_text):
        out.write(_dumps(record) + "\n")
        n += 1
    return n


# -- PLOVER ---------------------------------------------------------------------------------------------

def _plover_actor(entity: dict[str, Any]) -> dict[str, Any]:
    """An actor object: kronika's entity fields plus PLOVER's names for them (`code`, `actor_text`)."""
    return {
        "name": entity["name"],
        "country": entity["country"],
        "code": entity["country"],
        "sector": entity["sector"],
        "type": entity["type"],
        "wikidata": entity["wikidata"],
        "actor_text": entity["actor_text"],
        "entity_id": entity["id"],
    }


def plover_event(row: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER-style event object from a detailed event row (queries.event_rows(detail=True))."""
    location = None
    if row["location_name"] is not None or row["location_country"] is not None:
        location = {"name": row["location_name"], "cc3": row["location_country"]}
    return {
        "id": f"{row['doc_id']}:{row['event_id']}",
        "event_id": row["event_id"],
        "event_date": row["date"],
        "event_enddate": row["enddate"],
        "date_precision": row["precision"],
        "date_text": row["date_text"],
        "event_type": row["event"],
        "mode": row["mode"],
        "context": row["context"],
        "status": row["status"],
        "actor": [_plover_actor(a) for a in row["actors"]],
        "recipient": [_plover_actor(a) for a in row["recipients"]],
        "attribution": [a["name"] for a in row["attributions"]],
        "event_loc": location,
        "event_text": row["evidence"],
        "evidence": {"start": row["evidence_start"], "end": row["evidence_end"]},
        "trigger": {"text": row["trigger"], "start": row["trigger_start"], "end": row["trigger_end"]},
        "quad_code": row["quad_code"],
        "event_scale": row["event_scale"],
        "cameo": row["cameo"],
        "confidence": row["confidence"],
        "rules": row["rules"],
        "doc_id": row["doc_id"],
        "source": row["source"],
        "url": row["url"],
        "outlet": row["outlet"],
        "headline": row["title"],
        "pub_date": row["doc_date"],
        "language": row["lang"],
        "coder": f"kronika {__version__}",
    }


def _plover(store, out: IO[str]) -> int:
    n = 0
    for row in event_rows(store.connection, detail=True):
        out.write(_dumps(plover_event(row)) + "\n")
        n += 1
    return n


# -- flat tables ----------------------------------------------------------------------------------------

def flat_row(row: dict[str, Any]) -> dict[str, Any]:
    """An event row with its lists joined by ';' (empty list -> empty string)."""
    return {
        c: LIST_SEPARATOR.join("" if x is None else str(x) for x in row[c]) if isinstance(row[c], list) else row[c]
        for c in FLAT_COLUMNS
    }


def _csv(store, out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=list(FLAT_COLUMNS), lineterminator="\n")
    writer.writeheader()
    n = 0
    for row in event_rows(store.connection):
        writer.writerow(flat_row(row))
        n += 1
    return n


def _parquet(store, output: str | os.PathLike[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {
        "event_scale": pa.float64(), "confidence": pa.float64(), "quad_code": pa.int32(),
        "trigger_start": pa.int32(), "trigger_end": pa.int32(),
        "evidence_start": pa.int32(), "evidence_end": pa.int32(),
    }
    schema = pa.schema([(c, types.get(c, pa.string())) for c in FLAT_COLUMNS])
    rows = [flat_row(r) for r in event_rows(store.connection)]
    pq.write_table(pa.Table.from_pylist(rows, schema=schema), os.fspath(output))
    return len(rows)
