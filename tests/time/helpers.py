"""Run the Polish language stages and the time stage on a sentence of our own."""
from __future__ import annotations

from kronika.ingest.document import DocDate, Document
from kronika.lang.pl import polish_stages
from kronika.time import TimexStage


def analyse(text: str, date: str | None = "2025-12-04") -> Document:
    doc = Document(text=text, source="test", date=DocDate.parse(date))
    for stage in [*polish_stages(), TimexStage()]:
        stage(doc)
    return doc


def timex_for(doc: Document, phrase: str) -> dict:
    """The timex whose text is `phrase` (fails when there is none)."""
    found = [t for t in doc.timexes if t["text"] == phrase]
    assert found, f"no timex {phrase!r} in {[t['text'] for t in doc.timexes]}"
    return found[0]
