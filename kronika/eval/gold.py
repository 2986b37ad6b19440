"""Loading gold folders and predicted JSON Lines into `Record`s, and finding a gold record's text.

A gold file is a document record written by a person (SPEC.md section 2): entities may carry
`aliases`, offsets may be missing, and `note` fields are commentary (never read here).
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterator

from kronika.eval.normalize import normalize_name
from kronika.ingest import Document, read_inputs
from kronika.ingest.document import normalize_text


class EvalError(ValueError):
    """Input the scorer cannot read: a missing gold folder, a malformed gold file or prediction line."""


@dataclass
class Record:
    """One document record (gold or predicted) with its entities indexed by id.

    `name` says where it came from (a gold file's stem, or 'PRED.jsonl:LINE').
    """

    data: dict[str, Any]
    name: str
    path: Path | None = None
    entities: dict[str, dict] = field(init=False)

    def __post_init__(self) -> None:
        for layer in ("entities", "events", "quotes", "timexes"):
            value = self.data.get(layer)
            if value is None:
                self.data[layer] = []
            elif not isinstance(value, list):
                raise EvalError(f"{self.name}: '{layer}' is not a list")
        if not isinstance(self.data.get("doc"), dict):
            raise EvalError(f"{self.name}: no 'doc' object")
        self.entities = {e["id"]: e for e in self.data["entities"] if isinstance(e, dict) and "id" in e}

    @property
    def doc(self) -> dict[str, Any]:
        return self.data["doc"]

    def layer(self, name: str) -> list[dict]:
        return [item for item in self.data[name] if isinstance(item, dict)]

    def entity_names(self, entity: dict) -> set[str]:
        """The normalised names an entity answers to: its name and every gold alias."""
        names = {normalize_name(entity.get("name"))}
        names.update(normalize_name(a) for a in entity.get("aliases") or [] if isinstance(a, str))
        names.discard("")
        return names

    def entity_keys(self, entity_id: str) -> set[str]:
        """SPEC.md's key of an entity: its `country` (or IGO code) when set, else its normalised names.

        Codes and names share one casefolded space, so an entity named "NATO" without a code
        and one coded NATO have the same key. An id that names no entity has no key.
        """
        entity = self.entities.get(entity_id) if isinstance(entity_id, str) else None
        if entity is None:
            return set()
        code = entity.get("country")
        if isinstance(code, str) and code.strip():
            return {normalize_name(code)}
        return self.entity_names(entity)

    def keys_of(self, entity_ids: list[str] | str | None) -> set[str]:
        """The union of the keys of the given entity ids (a single id is taken as a list of one)."""
        if isinstance(entity_ids, str):
            entity_ids = [entity_ids]
        keys: set[str] = set()
        for eid in entity_ids or []:
            keys |= self.entity_keys(eid)
        return keys


def load_gold_dir(gold_dir: Path) -> list[Record]:
    """Every `*.json` gold record in the folder, sorted by file name."""
    gold_dir = Path(gold_dir)
    if not gold_dir.is_dir():
        raise EvalError(f"gold folder not found: {gold_dir}")
    records = []
    for path in sorted(gold_dir.glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise EvalError(f"{path}: cannot read gold record: {exc}") from exc
        if not isinstance(data, dict):
            raise EvalError(f"{path}: a gold record is a JSON object")
        records.append(Record(data, name=path.stem, path=path))
    if not records:
        raise EvalError(f"no gold *.json files in {gold_dir}")
    return records


def load_predictions(pred: Path) -> list[Record]:
    """The predicted records of a JSON Lines file, in file order (blank lines skipped)."""
    pred = Path(pred)
    if not pred.is_file():
        raise EvalError(f"prediction file not found: {pred}")
    records = []
    with pred.open(encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                data = json.loads(line)
            except json.JSONDecodeError as exc:
                raise EvalError(f"{pred}:{lineno}: not a JSON record: {exc}") from exc
            if not isinstance(data, dict):
                raise EvalError(f"{pred}:{lineno}: a record is a JSON object")
            records.append(Record(data, name=f"{pred.name}:{lineno}"))
    return records


def source_stem(source: str | None) -> str:
    """The file stem of a source path or URL ('/a/seed-kim.txt' -> 'seed-kim'); '' for none."""
    if not source:
        return ""
    return PurePosixPath(source.replace("\\", "/")).stem


def _iter_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                try:
                    item = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if isinstance(item, dict):
                    yield item


class GoldTexts:
    """Finds the text of a gold record (SPEC.md section 2), loading the articles corpus once, lazily.

    The text is the record's `doc.text`, else the sibling file named by `doc.source` read as kronika
    reads it (so a seed header line is not part of it), else the `text` of the record whose `id` is
    `doc.source` in the articles JSON Lines. Texts are NFC- and newline-normalised like a Document's.
    """

    def __init__(self, articles: Path | None):
        self.articles = Path(articles) if articles else None
        self._index: dict[str, str] | None = None
        self._cache: dict[str, str | None] = {}

    def text(self, record: Record) -> str | None:
        """The body text the gold record describes, or None when none of the three places has it."""
        if record.name in self._cache:
            return self._cache[record.name]
        found = self._find(record)
        self._cache[record.name] = found
        return found

    def _find(self, record: Record) -> str | None:
        doc = record.doc
        if isinstance(doc.get("text"), str) and doc["text"]:
            return normalize_text(doc["text"])
        source = doc.get("source")
        if not isinstance(source, str) or not source:
            return None
        if record.path is not None:
            sibling = record.path.parent / source
            if sibling.is_file():
                return _read_body(sibling)
        return self._article_index().get(source)

    def _article_index(self) -> dict[str, str]:
        if self._index is None:
            self._index = {}
            if self.articles is not None and self.articles.is_file():
                for item in _iter_jsonl(self.articles):
                    if isinstance(item.get("id"), str) and isinstance(item.get("text"), str):
                        self._index[item["id"]] = normalize_text(item["text"])
        return self._index


def _read_body(path: Path) -> str:
    """A text file's body as kronika's reader gives it (header lines removed); the whole normalised
    file when the reader reports an error for it."""
    for item in read_inputs([str(path)]):
        if isinstance(item, Document):
            return item.text
    return normalize_text(path.read_text(encoding="utf-8", errors="replace"))
