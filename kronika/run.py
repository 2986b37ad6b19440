"""Running the pipeline over inputs: what `extract`, `ingest` and `bench` share."""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from typing import Callable, Iterable, Iterator

from kronika.ingest import Document, IngestError, read_inputs
from kronika.pipeline import Pipeline, default_pipeline
from kronika.record import to_record


@dataclass
class RunStats:
    read: int = 0
    failed: int = 0
    errors: list[IngestError] = field(default_factory=list)

    def summary(self) -> str:
        return f"{self.read} document(s) read, {self.failed} input(s) failed"


def report_to_stderr(err: IngestError) -> None:
    print(f"kronika: error: {err}", file=sys.stderr)


def process(
    paths: Iterable[str],
    *,
    date: str | None = None,
    lang: str | None = None,
    pipeline: Pipeline | None = None,
    stats: RunStats | None = None,
    on_error: Callable[[IngestError], None] = report_to_stderr,
) -> Iterator[tuple[Document, dict]]:
    """Yield (document, record) for every readable input; report and count the rest."""
    pipeline = pipeline or default_pipeline()
    stats = stats if stats is not None else RunStats()
    for item in read_inputs(list(paths), date=date, lang=lang):
        if isinstance(item, IngestError):
            stats.failed += 1
            stats.errors.append(item)
            on_error(item)
            continue
        pipeline(item)
        stats.read += 1
        yield item, to_record(item)
