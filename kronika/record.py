"""The document record (docs/record.md): built from a Document, checked against the shipped schema."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from importlib import resources
from typing import Any, Callable

from kronika.ingest.document import Document


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("kronika.spec").joinpath("document.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator():
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


# --- a compiled check -----------------------------------------------------------------------------------------
# jsonschema walks the schema anew for every record (about 2 ms a document). `compile_check` turns the schema
# once into nested Python checks of the keywords it uses; `validate` accepts a record they accept and otherwise
# asks jsonschema, which stays the authority (and gives the messages). A schema with a keyword the compiler does
# not know is checked by jsonschema alone.

Check = Callable[[Any], bool]
ANNOTATIONS = frozenset({"$schema", "$id", "$defs", "$comment", "title", "description", "examples", "default"})


class Unsupported(ValueError):
    """The schema uses a keyword (or form) `compile_check` does not implement."""


def _is_number(x: Any) -> bool:
    return isinstance(x, (int, float)) and not isinstance(x, bool)


TYPES: dict[str, Check] = {  # as jsonschema's draft 2020-12 type checker
    "object": lambda x: isinstance(x, dict),
    "array": lambda x: isinstance(x, list),
    "string": lambda x: isinstance(x, str),
    "null": lambda x: x is None,
    "boolean": lambda x: isinstance(x, bool),
    "number": _is_number,
    "integer": lambda x: _is_number(x) and (isinstance(x, int) or x.is_integer()),
}


def _enum_check(values: list) -> Check:
    if not all(v is None or isinstance(v, (str, int, float)) for v in values):
        raise Unsupported("enum of non-scalars")
    strings = frozenset(v for v in values if isinstance(v, str))
    numbers = [v for v in values if _is_number(v)]
    bools = [v for v in values if isinstance(v, bool)]
    has_null = None in values

    def check(x: Any) -> bool:
        if isinstance(x, str):
            return x in strings
        if x is None:
            return has_null
        if isinstance(x, bool):  # jsonschema keeps true apart from 1
            return any(x is b for b in bools)
        if _is_number(x):
            return any(x == v for v in numbers)
        return False

    return check


def compile_check(root: dict[str, Any]) -> Check:
    """A function record → bool that accepts exactly what `root` (draft 2020-12, local "#/$defs/…" references,
    the keywords below) accepts; raises `Unsupported` for anything else."""
    compiled: dict[str, Check] = {}

    def ref(pointer: str) -> Check:
        prefix = "#/$defs/"
        if not pointer.startswith(prefix) or pointer[len(prefix):] not in root.get("$defs", {}):
            raise Unsupported(f"$ref {pointer}")
        name = pointer[len(prefix):]
        if name not in compiled:
            compiled[name] = lambda x: compiled[name + "!"](x)  # placeholder for recursive references
            compiled[name + "!"] = build(root["$defs"][name])
            compiled[name] = compiled[name + "!"]
        return compiled[name]

    def build(node: Any) -> Check:
        if node is True or node == {}:
            return lambda x: True
        if node is False:
            return lambda x: False
        if not isinstance(node, dict):
            raise Unsupported(repr(node))
        checks: list[Check] = []
        for key, value in node.items():
            if key in ANNOTATIONS:
                continue
            if key == "type":
                names = [value] if isinstance(value, str) else list(value)
                if not all(n in TYPES for n in names):
                    raise Unsupported(f"type {value}")
                type_checks = [TYPES[n] for n in names]
                checks.append(lambda x, tc=type_checks: any(t(x) for t in tc))
            elif key == "$ref":
                checks.append(ref(value))
            elif key == "enum":
                checks.append(_enum_check(list(value)))
            elif key == "pattern":
                rx = re.compile(value)
                checks.append(lambda x, rx=rx: not isinstance(x, str) or rx.search(x) is not None)
            elif key == "minLength":
                checks.append(lambda x, n=value: not isinstance(x, str) or len(x) >= n)
            elif key == "minimum":
                checks.append(lambda x, n=value: not _is_number(x) or x >= n)
            elif key == "maximum":
                checks.append(lambda x, n=value: not _is_number(x) or x <= n)
            elif key == "minItems":
                checks.append(lambda x, n=value: not isinstance(x, list) or len(x) >= n)
            elif key == "items":
                item = build(value)
                checks.append(lambda x, item=item: not isinstance(x, list) or all(item(v) for v in x))
            elif key == "required":
                names = tuple(value)
                checks.append(lambda x, names=names: not isinstance(x, dict) or all(n in x for n in names))
            elif key == "properties":
                props = {k: build(v) for k, v in value.items()}
                checks.append(lambda x, props=props: not isinstance(x, dict) or all(
                    props[k](v) for k, v in x.items() if k in props))
            elif key == "additionalProperties":
                if value is not False or "patternProperties" in node:
                    raise Unsupported("additionalProperties other than false")
                known = frozenset(node.get("properties", {}))
                checks.append(lambda x, known=known: not isinstance(x, dict) or known.issuperset(x))
            elif key == "allOf":
                parts = [build(v) for v in value]
                checks.append(lambda x, parts=parts: all(p(x) for p in parts))
            else:
                raise Unsupported(key)
        if not checks:
            return lambda x: True
        if len(checks) == 1:
            return checks[0]
        return lambda x, checks=tuple(checks): all(c(x) for c in checks)

    return build(root)


@lru_cache(maxsize=1)
def _compiled() -> Check | None:
    try:
        return compile_check(schema())
    except Unsupported:
        return None


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
    """The record, when it keeps the schema; else InvalidRecord with jsonschema's messages."""
    check = _compiled()
    if check is not None and check(record):
        return record
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
