"""The pipeline: stages that each add one layer to a Document, in order (see DESIGN.md)."""
from __future__ import annotations

import time
from collections import defaultdict
from typing import Callable, Iterable, Protocol

from kronika.ingest.document import Document


class Stage(Protocol):
    """A pipeline component: a name, the Document layers it writes, and a call that writes them."""

    name: str
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> None: ...


class Pipeline:
    """Runs the stages for a document's language and keeps time per stage (for `kronika bench`)."""

    def __init__(self, stages_by_lang: dict[str, list[Stage]]):
        self.stages_by_lang = stages_by_lang
        self.seconds: dict[str, float] = defaultdict(float)

    def stages_for(self, lang: str | None) -> list[Stage]:
        return self.stages_by_lang.get(lang or "", self.stages_by_lang.get("pl", []))

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages_for(doc.lang):
            t0 = time.perf_counter()
            stage(doc)
            self.seconds[stage.name] += time.perf_counter() - t0
        return doc

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def default_pipeline() -> Pipeline:
    """The full pipeline for every language kronika handles."""
    from kronika.actors.stage import ActorsStage
    from kronika.attribution import QuotesStage, StatusStage
    from kronika.events.stage import EventStage
    from kronika.lang.pl import polish_stages
    from kronika.time import TimexStage

    # language layer → time expressions → actors → quotes → (events) → status and attribution of events
    # (each later stage reads what the earlier ones wrote)
    pl = polish_stages() + [TimexStage(), ActorsStage(), QuotesStage(), EventStage(), StatusStage()]
    # English has no layer of its own yet: it is read, identified and recorded with empty layers.
    return Pipeline({"pl": pl, "en": []})


StageFactory = Callable[[], Stage]
