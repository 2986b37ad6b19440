"""Running the pipeline up to the quotes stage on short texts of our own, and making test events."""
from __future__ import annotations

from functools import lru_cache

from kronika.ingest.document import DocDate, Document


@lru_cache(maxsize=1)
def _stages():
    from kronika.actors.stage import ActorsStage
    from kronika.attribution import QuotesStage
    from kronika.lang.pl import polish_stages
    from kronika.time import TimexStage

    return polish_stages() + [TimexStage(), ActorsStage(), QuotesStage()]


def run(text: str, date: str = "2024-05-10") -> Document:
    """The document after the language layer, timexes, actors and quotes."""
    doc = Document(text=text, source="test.txt", date=DocDate.parse(date), lang="pl")
    for stage in _stages():
        stage(doc)
    return doc


def entity_name(doc: Document, eid: str | None) -> str | None:
    return next((e["name"] for e in doc.entities if e["id"] == eid), None)


def names(doc: Document, ids: list[str]) -> list[str | None]:
    return [entity_name(doc, i) for i in ids]


def add_event(doc: Document, trigger: str, category: str = "CONSULT", actor: list[str] | None = None,
              occurrence: int = 0) -> dict:
    """An event whose trigger is the `occurrence`-th match of `trigger` in the text (offsets only)."""
    start = -1
    for _ in range(occurrence + 1):
        start = doc.text.index(trigger, start + 1)
    event = {"id": f"v{len(doc.events) + 1}", "event": category, "actor": actor or [], "recipient": [],
             "evidence": {"start": start, "end": start + len(trigger),
                          "trigger": {"start": start, "end": start + len(trigger), "text": trigger}}}
    doc.events.append(event)
    return event
