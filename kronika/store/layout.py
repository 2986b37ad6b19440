"""How each object of a document record maps onto table columns, and back.

An object (the `doc` header, an entity, a mention, an event, a quote, a timex) is flattened into
`(path, value)` pairs: the keys of its known nested objects (`doc.date`, `event.location`,
`event.evidence`, `event.evidence.trigger`) become paths like `evidence.trigger.start`; everything else
is a leaf. A leaf whose path has a column is stored there; a leaf with no column goes to the row's
`extra` JSON; the ordered list of paths goes to the row's `keys`. `rebuild` inverts this exactly, so a
record read back from the tables equals the record that was written (numbers compare equal; an integer
stored in a DOUBLE column comes back as a float).
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Callable

Path = tuple[str, ...]


def encode_path(path: Path) -> str:
    """`('evidence', 'trigger', 'start')` -> `'evidence.trigger.start'`; `~` and `.` inside keys are escaped."""
    return ".".join(part.replace("~", "~0").replace(".", "~1") for part in path)


def decode_path(text: str) -> Path:
    """The inverse of `encode_path`."""
    return tuple(part.replace("~1", ".").replace("~0", "~") for part in text.split("."))


@dataclass(frozen=True)
class Layout:
    """The mapping of one kind of record object onto one table.

    `columns`: path -> column name. `nested`: paths of dict values that are flattened (others are leaves).
    `children`: top-level keys whose values are stored in other tables (entity mentions, event roles).
    """

    table: str
    columns: dict[Path, str]
    nested: frozenset[Path] = frozenset()
    children: frozenset[str] = frozenset()

    def flatten(self, obj: dict[str, Any]) -> list[tuple[Path, Any]]:
        """The object's leaves as (path, value), in key order; child keys appear as 1-tuples with their value."""
        if not isinstance(obj, dict):
            raise TypeError(f"{self.table}: expected an object, got {type(obj).__name__}")
        out: list[tuple[Path, Any]] = []
        self._walk(obj, (), out)
        return out

    def _walk(self, obj: dict[str, Any], prefix: Path, out: list[tuple[Path, Any]]) -> None:
        for key, value in obj.items():
            if not isinstance(key, str):
                raise TypeError(f"{self.table}: non-string key {key!r}")
            path = prefix + (key,)
            if path in self.nested and isinstance(value, dict) and value:
                self._walk(value, path, out)
            else:
                out.append((path, value))

    def split(self, obj: dict[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
        """(column values including `keys` and `extra`, child values by key).

        Unmapped leaves go to `extra` as JSON (None when there are none)."""
        columns: dict[str, Any] = {}
        children: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        keys: list[str] = []
        for path, value in self.flatten(obj):
            encoded = encode_path(path)
            keys.append(encoded)
            if len(path) == 1 and path[0] in self.children:
                children[path[0]] = value
            elif path in self.columns:
                columns[self.columns[path]] = value
            else:
                extra[encoded] = value
        columns["keys"] = keys
        columns["extra"] = json.dumps(extra, ensure_ascii=False) if extra else None
        return columns, children

    def rebuild(self, row: dict[str, Any], child_value: Callable[[str], Any] | None = None) -> dict[str, Any]:
        """The object a row was made from. `row` maps column names to values (with `keys` and `extra`);
        `child_value(key)` supplies the value of a child key (mentions, actor, ...)."""
        extra = json.loads(row["extra"]) if row.get("extra") else {}
        obj: dict[str, Any] = {}
        for encoded in row["keys"]:
            path = decode_path(encoded)
            if len(path) == 1 and path[0] in self.children:
                if child_value is None:
                    raise ValueError(f"{self.table}: no value for child key {path[0]!r}")
                value = child_value(path[0])
            elif path in self.columns:
                value = row[self.columns[path]]
            else:
                value = extra[encoded]
            _set(obj, path, value)
        return obj


def _set(obj: dict[str, Any], path: Path, value: Any) -> None:
    for part in path[:-1]:
        obj = obj.setdefault(part, {})
    obj[path[-1]] = value


def _cols(*names: str) -> dict[Path, str]:
    return {(n,): n for n in names}


DOC = Layout(
    table="documents",
    columns={
        ("id",): "id", ("source",): "source", ("lang",): "lang",
        ("date", "value"): "date_value", ("date", "precision"): "date_precision",
        **_cols("title", "outlet", "url", "text"),
    },
    nested=frozenset({("date",)}),
)

ENTITY = Layout(
    table="entities",
    columns={("id",): "entity_id", **_cols("name", "type", "country", "sector", "wikidata")},
    children=frozenset({"mentions"}),
)

MENTION = Layout(table="mentions", columns=_cols("start", "end", "text"))

EVENT = Layout(
    table="events",
    columns={
        ("id",): "event_id",
        **_cols("event", "mode", "context", "date", "enddate", "precision", "date_text", "status"),
        ("location", "name"): "location_name", ("location", "country"): "location_country",
        **_cols("event_scale", "quad_code", "cameo"),
        ("evidence", "start"): "evidence_start", ("evidence", "end"): "evidence_end",
        ("evidence", "trigger", "start"): "trigger_start", ("evidence", "trigger", "end"): "trigger_end",
        ("evidence", "trigger", "text"): "trigger_text",
        **_cols("confidence", "rules"),
    },
    nested=frozenset({("location",), ("evidence",), ("evidence", "trigger")}),
    children=frozenset({"actor", "recipient", "attribution"}),
)

QUOTE = Layout(
    table="quotes",
    columns={("id",): "quote_id", **_cols("speaker", "addressee", "kind", "text", "start", "end", "cue", "attribution")},
)

TIMEX = Layout(table="timexes", columns=_cols("start", "end", "text", "type", "value", "rule"))

ROLES = ("actor", "recipient", "attribution")
LAYERS = ("doc", "entities", "events", "quotes", "timexes")
