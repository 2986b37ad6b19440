"""The `actors` pipeline stage: links every actor mention of a document and writes `doc.entities`."""
from __future__ import annotations

from kronika.actors.linker import link


class ActorsStage:
    """Writes SPEC.md entities (`doc.entities`) from the tokens, the morphology and `doc.spans["ner"]`.

    Holds no heavy state: the knowledge base and the gazetteer are loaded on first use, once per process
    (the gazetteer from its cache file), so the stage pickles small and is cheap to build.
    """

    name = "actors"
    assigns = ("entities",)

    def __call__(self, doc) -> None:
        if (doc.lang or "pl") != "pl" or not doc.tokens:
            doc.entities = []
            return
        doc.entities = link(doc)
