"""The pipeline: stages that each add one layer to a Document, in order (see DESIGN.md)."""
from __future__ import annotations

import gc
import time
from collections import defaultdict
from typing import Callable, Iterable, Protocol

from kronika.ingest.document import Document


class Stage(Protocol):
    """A pipeline component: a name, the Document layers it writes, and a call that writes them."""

    name: str
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> None: ...


class HeapFreezer:
    """Keeps Python's cyclic garbage collector off the long-lived heap: models, lexicons and the per-form caches of
    the stages (hundreds of thousands of objects after a few hundred articles).

    Each document allocates thousands of objects that live through many young collections and are promoted to the
    oldest generation; that promotion triggers full collections, and every full collection walks the whole heap
    (0.3–0.7 s each: about a sixth of the pipeline's time over a corpus). So after the first document and then
    every `freeze_every` documents, `after_document` collects what is not frozen yet (cheap: a few documents' worth)
    and moves every surviving object to the collector's permanent generation (`gc.freeze`, a constant-time list
    splice): the automatic collections then only walk what was allocated since.
    Frozen objects are still freed by reference counting. Cyclic garbage frozen by chance (a document that is a
    reference cycle, still held by the caller at that moment) is collected every `collect_every` documents, when
    everything is unfrozen, collected and frozen again, so nothing leaks for good. Does nothing while the
    collector is disabled.
    """

    def __init__(self, freeze_every: int = 16, collect_every: int = 1024):
        self.freeze_every = freeze_every
        self.collect_every = collect_every
        self.documents = 0

    def after_document(self) -> None:
        if not gc.isenabled():
            return
        self.documents += 1
        if self.documents % self.collect_every == 0:
            gc.unfreeze()
            gc.collect()
            gc.freeze()
        elif self.documents % self.freeze_every == 1:
            gc.collect()  # walks only what is not frozen: the documents since the last freeze and cache growth
            gc.freeze()


class Pipeline:
    """Runs the stages for a document's language and keeps time per stage (for `kronika bench`).

    With `manage_gc` (the default) a `HeapFreezer` keeps the garbage collector off the long-lived heap (its time
    counts outside every stage)."""

    def __init__(self, stages_by_lang: dict[str, list[Stage]], manage_gc: bool = True):
        self.stages_by_lang = stages_by_lang
        self.seconds: dict[str, float] = defaultdict(float)
        self.heap = HeapFreezer() if manage_gc else None

    def stages_for(self, lang: str | None) -> list[Stage]:
        return self.stages_by_lang.get(lang or "", self.stages_by_lang.get("pl", []))

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages_for(doc.lang):
            t0 = time.perf_counter()
            stage(doc)
            self.seconds[stage.name] += time.perf_counter() - t0
        if self.heap is not None:
            self.heap.after_document()
        return doc

    def warm_up(self) -> None:
        """Let every stage that loads something on first use (a model, its tables, a compiled loop) load it now
        (its `warm_up` method), so that the first document does not pay for it."""
        for stages in self.stages_by_lang.values():
            for stage in stages:
                warm_up = getattr(stage, "warm_up", None)
                if warm_up is not None:
                    warm_up()

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
    _skip_overridden_choice(pl)
    # English has no layer of its own yet: it is read, identified and recorded with empty layers.
    return Pipeline({"pl": pl, "en": []})


def _skip_overridden_choice(stages: list) -> None:
    """When the trained tagger (`disambiguation`) comes right after `morphology`, the morphology stage's heuristic
    choice is overwritten for every token whenever the tagger has a model: let it skip that choice then."""
    from kronika.lang.pl.morphology import Morphology
    from kronika.lang.pl.tagger import Disambiguation

    for stage, after in zip(stages, stages[1:]):
        if isinstance(stage, Morphology) and isinstance(after, Disambiguation):
            stage.heuristic_choice = "unless_tagged"


StageFactory = Callable[[], Stage]
