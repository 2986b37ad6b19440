"""The document record (docs/record.md): built from a Document, checked against the shipped schema."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

from kronika.ingest.document import Document


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("kronika.spec").joinpath("document.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


class InvalidRecord(RuntimeError):
    """A record that breaks the contract: a bug in kronika, never the input's fault."""


def validation_errors(record: dict) -> list[str]:
    """Every way the record breaks the schema, as 'path: message' lines (empty when valid)."""
    errors = []
    for err in sorted(_validator().iter_errors(record), key=lambda e: list(e.absolute_path)):
        path = "/".join(str(p) for p in err.absolute_path) or "(record)"
        errors.append(f"{path}: {err.message}")
    return errors


def validate(record: dict) -> dict:
    errors = validation_errors(record)
    if errors:
        raise InvalidRecord("; ".join(errors[:5]))
    return record


def to_record(doc: Document, *, include_text: bool = False) -> dict[str, Any]:
    """The SPEC.md document record of a processed Document (validated)."""
    meta: dict[str, Any] = {
        "id": doc.id,
        "source": doc.source,
        "lang": doc.lang or "und",
        "date": doc.date.as_dict(),
        "title": doc.title,
        "outlet": doc.outlet,
        "url": doc.url,
    }
    if include_text:
        meta["text"] = doc.text
    record = {
        "doc": meta,
        "entities": list(doc.entities),
        "events": list(doc.events),
        "quotes": list(doc.quotes),
        "timexes": list(doc.timexes),
    }
    return validate(record)


def dumps(record: dict, pretty: bool = False) -> str:
    if pretty:
        return json.dumps(record, ensure_ascii=False, indent=2)
    return json.dumps(record, ensure_ascii=False, separators=(",", ":"))
