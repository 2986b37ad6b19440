"""Running the pipeline over inputs: what `extract`, `ingest` and `bench` share."""
from __future__ import annotations

import multiprocessing
import os
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


# ---------------------------------------------------------------- several processes

_WORKER_PIPELINE: Pipeline | None = None
WARM_UP_TEXT = "Prezydent Polski spotkał się w środę w Warszawie z kanclerzem Niemiec."


def default_workers() -> int:
    """One worker per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _process_one(job: tuple[Document, bool]) -> dict:
    doc, include_text = job
    assert _WORKER_PIPELINE is not None
    _WORKER_PIPELINE(doc)
    return to_record(doc, include_text=include_text)


def _documents(paths: list[str], date: str | None, lang: str | None, stats: RunStats,
               on_error: Callable[[IngestError], None]) -> Iterator[Document]:
    for item in read_inputs(paths, date=date, lang=lang):
        if isinstance(item, IngestError):
            stats.failed += 1
            stats.errors.append(item)
            on_error(item)
            continue
        yield item


def process_records(
    paths: Iterable[str],
    *,
    date: str | None = None,
    lang: str | None = None,
    include_text: bool = False,
    workers: int = 1,
    pipeline: Pipeline | None = None,
    stats: RunStats | None = None,
    on_error: Callable[[IngestError], None] = report_to_stderr,
) -> Iterator[dict]:
    """Yield the record of every readable input, in input order; report and count the rest.

    With `workers` > 1 the documents are read here and run through the pipeline in that many processes
    (forked after the models are loaded, so they share them); records come back in input order, so the
    output is the same as with one worker."""
    stats = stats if stats is not None else RunStats()
    paths = list(paths)
    if workers <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        for doc, record in process(paths, date=date, lang=lang, pipeline=pipeline, stats=stats, on_error=on_error):
            yield to_record(doc, include_text=True) if include_text else record
        return
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline or default_pipeline()
    _WORKER_PIPELINE(Document(text=WARM_UP_TEXT, source="warm-up", lang="pl"))  # load the models before forking
    jobs = ((doc, include_text) for doc in _documents(paths, date, lang, stats, on_error))
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        for record in pool.imap(_process_one, jobs, chunksize=4):
            stats.read += 1
            yield record
