"""The Document: what every reader yields and every later stage adds a layer to."""
from __future__ import annotations

import hashlib
import unicodedata
from dataclasses import dataclass, field
from typing import Any

PRECISIONS = ("day", "month", "year", "unknown")


def normalize_text(text: str) -> str:
    """NFC, newlines as \\n, surrounding whitespace removed: the text all offsets point into."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n\n")
    return text.strip()


def document_id(text: str) -> str:
    """SPEC.md: 'sha256:' + hex digest of the UTF-8 text after NFC and newline normalisation."""
    return "sha256:" + hashlib.sha256(normalize_text(text).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class DocDate:
    """A publication date never more precise than its source: value is YYYY, YYYY-MM or YYYY-MM-DD."""

    value: str | None = None
    precision: str = "unknown"

    def __post_init__(self) -> None:
        if self.precision not in PRECISIONS:
            raise ValueError(f"unknown date precision {self.precision!r}")
        expected = {"day": 10, "month": 7, "year": 4}
        if self.precision == "unknown":
            if self.value is not None:
                raise ValueError("a date of unknown precision has no value")
        elif self.value is None or len(self.value) != expected[self.precision]:
            raise ValueError(f"date {self.value!r} does not have {self.precision} precision")

    @classmethod
    def parse(cls, value: str | None) -> "DocDate":
        """'2023', '2023-08' or '2023-08-15' (a longer ISO timestamp keeps its calendar day)."""
        if not value:
            return cls()
        value = value.strip()
        import re

        m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:[T ].*)?", value)
        if not m:
            raise ValueError(f"not an ISO date: {value!r}")
        y, mo, d = m.groups()
        import datetime as _dt

        if d:
            _dt.date(int(y), int(mo), int(d))  # validates
            return cls(f"{y}-{mo}-{d}", "day")
        if mo:
            if not 1 <= int(mo) <= 12:
                raise ValueError(f"not a month: {value!r}")
            return cls(f"{y}-{mo}", "month")
        return cls(y, "year")

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "precision": self.precision}


@dataclass
class Document:
    """One news article. `text` is the body (no header lines), normalised by `normalize_text`.

    Readers fill the metadata; the language layer fills `paragraphs`, `sentences` and `tokens` (and named
    span layers in `spans`, such as the recogniser's names);
    later stages fill `entities`, `events`, `quotes` and `timexes` with SPEC.md-shaped dicts.
    """

    text: str
    source: str
    date: DocDate = field(default_factory=DocDate)
    lang: str | None = None
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    # layers written by the pipeline
    paragraphs: list = field(default_factory=list)
    sentences: list = field(default_factory=list)
    tokens: list = field(default_factory=list)
    spans: dict = field(default_factory=dict)  # named span layers between stages, e.g. spans["ner"]
    entities: list[dict] = field(default_factory=list)
    events: list[dict] = field(default_factory=list)
    quotes: list[dict] = field(default_factory=list)
    timexes: list[dict] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.text = normalize_text(self.text)

    @property
    def id(self) -> str:
        return document_id(self.text)
