"""`kronika bench`: throughput, memory and time per stage of the full pipeline over a corpus.

Absolute speed depends on the machine, so the same process first times a calibration pass (read the corpus
files and split them into words with one regular expression) and reports the pipeline's words/s as a ratio
to it: "pipeline is 0.031× baseline words/s" means the same on a laptop and on a CI runner.

The trained models' throughput is given in tokens as the pipeline's tokenizer counts them (punctuation
included): tokens/s over the time of the tagger (`disambiguation`) and name recogniser (`ner`) stages.
"""
from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kronika.ingest import Document, IngestError
from kronika.ingest.sources import STDIN, Input, expand_inputs
from kronika.pipeline import Pipeline, default_pipeline
from kronika.run import RunStats, process

DEFAULT_CORPUS = Path(__file__).resolve().parent.parent / "examples" / "articles"
WORD = re.compile(r"\w+")
MODEL_STAGES = ("disambiguation", "ner")
"""The stages of the trained models, whose throughput is reported in tokens/s."""
# The calibration pass repeats until it has run this long, so that a tiny corpus still gives a stable rate.
MIN_BASELINE_SECONDS = 0.2
MAX_BASELINE_PASSES = 10_000


def count_words(text: str) -> int:
    """Words as the benchmark counts them: runs of word characters (`\\w+`)."""
    return len(WORD.findall(text))


@dataclass
class BenchResult:
    """What one `run_bench` measured. Times are seconds summed over all passes; counts are per pass.

    `stage_seconds` splits `wall_seconds` (time spent inside `kronika.run.process`) into reading ('read'),
    each pipeline stage, building records ('record') and the pipeline's own overhead ('other': the garbage
    collection rounds of `kronika.pipeline.HeapFreezer` count there).
    """

    corpus: list[str]
    repeat: int = 1
    documents: int = 0
    words: int = 0
    tokens: int = 0  # as the pipeline's tokenizer counts them (`Document.tokens`); not counted with workers > 1
    failed_inputs: int = 0
    wall_seconds: float = 0.0
    setup_seconds: float = 0.0
    stage_seconds: dict[str, float] = field(default_factory=dict)
    baseline_seconds: float = 0.0
    baseline_passes: int = 0
    rss_before_mb: float = 0.0
    peak_rss_mb: float = 0.0
    message: str | None = None

    @property
    def documents_per_second(self) -> float:
        return self.documents * self.repeat / self.wall_seconds if self.wall_seconds > 0 else 0.0

    @property
    def words_per_second(self) -> float:
        return self.words * self.repeat / self.wall_seconds if self.wall_seconds > 0 else 0.0

    @property
    def baseline_words_per_second(self) -> float:
        return self.words * self.baseline_passes / self.baseline_seconds if self.baseline_seconds > 0 else 0.0

    @property
    def model_seconds(self) -> float:
        """Seconds spent in the trained models' stages (`MODEL_STAGES`), summed over all passes."""
        return sum(self.stage_seconds.get(name, 0.0) for name in MODEL_STAGES)

    @property
    def model_tokens_per_second(self) -> float:
        """Tokens per second of the tagger and name recogniser stages together (0.0 when not timed: several
        processes, or a pipeline without them)."""
        seconds = self.model_seconds
        return self.tokens * self.repeat / seconds if seconds > 0 else 0.0

    @property
    def ratio(self) -> float:
        """Pipeline words/s over calibration words/s (0.0 when either is unknown)."""
        base = self.baseline_words_per_second
        return self.words_per_second / base if base > 0 else 0.0

    def lines(self) -> list[str]:
        """The benchmark for people, stable in order and format."""
        corpus = ", ".join(self.corpus) if self.corpus else "(none)"
        if self.message:
            return [f"kronika bench: {self.message}", f"corpus           {corpus}"]
        failed = f"; {self.failed_inputs} input(s) failed" if self.failed_inputs else ""
        out = [
            f"kronika bench: {self.documents} document(s), {self.words:,} words, {self.repeat} pass(es){failed}",
            f"corpus           {corpus}",
            f"wall time        {self.wall_seconds:.3f} s  (pipeline setup {self.setup_seconds:.3f} s with models loaded, not included)",
            f"documents/s      {self.documents_per_second:,.2f}",
            f"words/s          {self.words_per_second:,.0f}",
            f"baseline words/s {self.baseline_words_per_second:,.0f}  (read the files + regex word split, same process)",
            f"pipeline is {self.ratio:.3g}× baseline words/s",
        ]
        if self.model_seconds > 0:
            out.append(f"model tokens/s   {self.model_tokens_per_second:,.0f}  ({' + '.join(MODEL_STAGES)}: "
                       f"{self.tokens:,} tokens per pass, {self.model_seconds:.3f} s)")
        out += [
            f"peak RSS         {self.peak_rss_mb:.1f} MB  ({self.rss_before_mb:.1f} MB before the pipeline was built)",
            f"{'time per stage':<20} {'seconds':>9} {'share':>7}",
        ]
        for name, seconds in self.stage_seconds.items():
            share = seconds / self.wall_seconds if self.wall_seconds > 0 else 0.0
            out.append(f"  {name:<18} {seconds:>9.3f} {share:>7.1%}")
        return out

    def as_dict(self) -> dict[str, Any]:
        """The benchmark for programs: the fields plus the derived rates."""
        return {
            "corpus": list(self.corpus),
            "repeat": self.repeat,
            "documents": self.documents,
            "words": self.words,
            "tokens": self.tokens,
            "documents_processed": self.documents * self.repeat,
            "failed_inputs": self.failed_inputs,
            "wall_seconds": self.wall_seconds,
            "setup_seconds": self.setup_seconds,
            "stage_seconds": dict(self.stage_seconds),
            "documents_per_second": self.documents_per_second,
            "words_per_second": self.words_per_second,
            "baseline_words_per_second": self.baseline_words_per_second,
            "ratio_to_baseline": self.ratio,
            "model_seconds": self.model_seconds,
            "model_tokens_per_second": self.model_tokens_per_second,
            "rss_before_mb": self.rss_before_mb,
            "peak_rss_mb": self.peak_rss_mb,
            "message": self.message,
        }


class _ClockedPipeline:
    """Calls a Pipeline and remembers when the last call began and ended (to split process() time)."""

    def __init__(self, pipeline: Pipeline):
        self.pipeline = pipeline
        self.started = self.ended = 0.0

    def __call__(self, doc: Document) -> Document:
        self.started = time.perf_counter()
        try:
            return self.pipeline(doc)
        finally:
            self.ended = time.perf_counter()


def peak_rss_mb() -> float:
    """The peak resident set size of this process so far, in MB (2**20 bytes)."""
    try:
        import resource
    except ImportError:  # Windows
        import psutil

        info = psutil.Process().memory_info()
        return getattr(info, "peak_wset", info.rss) / 2**20
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / 2**20 if sys.platform == "darwin" else peak / 2**10  # bytes on macOS, KiB elsewhere


def current_rss_mb() -> float:
    import psutil

    return psutil.Process().memory_info().rss / 2**20


def _corpus_files(paths: list[str]) -> list[str]:
    return [item.path for item in expand_inputs(paths) if isinstance(item, Input) and not item.is_stdin]


def calibrate(files: list[str], min_passes: int) -> tuple[float, int]:
    """(seconds, passes) of reading every file and splitting its text into words, repeated at least
    `min_passes` times and until MIN_BASELINE_SECONDS have passed (at most MAX_BASELINE_PASSES)."""
    passes = 0
    start = time.perf_counter()
    while True:
        for path in files:
            with open(path, "rb") as fh:
                count_words(fh.read().decode("utf-8", errors="replace"))
        passes += 1
        elapsed = time.perf_counter() - start
        if passes >= MAX_BASELINE_PASSES or (passes >= min_passes and elapsed >= MIN_BASELINE_SECONDS):
            return elapsed, passes


def run_bench(paths: list[str] | None, repeat: int = 1, workers: int = 1) -> BenchResult:
    """Benchmark the full pipeline (`kronika.run.process` with a fresh `default_pipeline()`) over `paths`
    (default: the bundled example articles), `repeat` passes after one calibration pass. With `workers` > 1
    the pipeline runs in that many processes (`kronika.run.process_records`): wall time, documents/s and the
    parent's memory are measured, time per stage is not (each process keeps its own).

    Never raises for a missing or empty corpus: the result then carries a `message` and zero counts.
    Raises ValueError for repeat < 1 or for standard input ('-'), which cannot be read more than once.
    """
    if repeat < 1:
        raise ValueError("--repeat must be at least 1")
    if workers < 1:
        raise ValueError("--workers must be at least 1")
    if paths and STDIN in paths:
        raise ValueError("bench reads its corpus several times: give files or folders, not '-'")
    if not paths:
        if not DEFAULT_CORPUS.is_dir() or not _corpus_files([str(DEFAULT_CORPUS)]):
            return BenchResult(corpus=[str(DEFAULT_CORPUS)], repeat=repeat,
                               message=f"no example articles in {DEFAULT_CORPUS}; name a corpus: kronika bench FILE|DIR…")
        paths = [str(DEFAULT_CORPUS)]
    result = BenchResult(corpus=list(paths), repeat=repeat, rss_before_mb=current_rss_mb())

    result.baseline_seconds, result.baseline_passes = calibrate(_corpus_files(paths), repeat)

    if workers > 1:
        return _run_parallel(result, paths, repeat, workers)
    t0 = time.perf_counter()
    clock = _ClockedPipeline(default_pipeline())
    clock.pipeline.warm_up()
    result.setup_seconds = time.perf_counter() - t0

    read = record = in_pipeline = 0.0
    errors: list[IngestError] = []
    for n in range(repeat):
        stats = RunStats()
        docs = process(paths, pipeline=clock, stats=stats, on_error=errors.append)  # type: ignore[arg-type]
        while True:
            asked = time.perf_counter()
            try:
                doc, _ = next(docs)
            except StopIteration:
                read += time.perf_counter() - asked
                break
            back = time.perf_counter()
            read += clock.started - asked
            in_pipeline += clock.ended - clock.started
            record += back - clock.ended
            if n == 0:
                result.words += count_words(doc.text)
                result.tokens += len(doc.tokens)
        if n == 0:
            result.documents, result.failed_inputs = stats.read, stats.failed

    stages = dict(clock.pipeline.seconds)
    result.stage_seconds = {"read": read, **stages, "record": record,
                            "other": max(in_pipeline - sum(stages.values()), 0.0)}
    result.wall_seconds = read + in_pipeline + record
    result.peak_rss_mb = peak_rss_mb()
    if result.documents == 0:
        result.message = f"no documents could be read from {', '.join(paths)} ({result.failed_inputs} input(s) failed)"
    return result


def _run_parallel(result: BenchResult, paths: list[str], repeat: int, workers: int) -> BenchResult:
    """The multi-process benchmark: wall time of `process_records` with `workers` processes per pass."""
    from kronika.run import process_records

    t0 = time.perf_counter()
    pipeline = default_pipeline()
    pipeline.warm_up()  # in the parent: the worker processes are forked with the models loaded
    result.setup_seconds = time.perf_counter() - t0
    errors: list[IngestError] = []
    wall = 0.0
    for n in range(repeat):
        stats = RunStats()
        start = time.perf_counter()
        for record in process_records(paths, workers=workers, pipeline=pipeline, stats=stats,
                                      on_error=errors.append, include_text=n == 0):
            if n == 0:
                result.words += count_words((record.get("doc") or {}).get("text") or "")
        wall += time.perf_counter() - start
        if n == 0:
            result.documents, result.failed_inputs = stats.read, stats.failed
    result.wall_seconds = wall
    result.stage_seconds = {f"all stages ({workers} processes)": wall}
    result.peak_rss_mb = peak_rss_mb()
    if result.documents == 0:
        result.message = f"no documents could be read from {', '.join(paths)} ({result.failed_inputs} input(s) failed)"
    return result
