"""kronika's command line: `kronika extract | ingest | events | export | summary | eval | bench`."""
from __future__ import annotations

import json
import sys
from enum import Enum
from pathlib import Path
from typing import List, Optional

import typer

from kronika import __version__

app = typer.Typer(
    name="kronika",
    help="Event data from Polish news: who did what to whom, when, where, according to whom.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

PathsArg = typer.Argument(..., help="Files, directories, globs, or '-' for standard input.")
DateOpt = typer.Option(None, "--date", help="Publication date (YYYY, YYYY-MM or YYYY-MM-DD) for inputs that carry none.")
LangOpt = typer.Option(None, "--lang", help="Language of the inputs (pl, en) instead of detecting it.")
DbOpt = typer.Option(..., "--db", help="DuckDB store file.")
WorkersOpt = typer.Option(1, "--workers", "-j", min=0,
                          help="Processes to run the pipeline in (0: one per core); the output order stays the same.")


def _version(value: bool) -> None:
    if value:
        typer.echo(f"kronika {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Print the version and exit."),
) -> None:
    """kronika reads news and writes event records (see docs/record.md)."""


def _fail(message: str, code: int = 2) -> None:
    typer.echo(f"kronika: error: {message}", err=True)
    raise typer.Exit(code=code)


def _user_errors(fn):
    """Turn the errors a user can cause (bad options, bad files) into one clear line and exit status 2."""
    import functools

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        from kronika.eval import EvalError
        from kronika.store import StoreError

        try:
            return fn(*args, **kwargs)
        except BrokenPipeError:  # `kronika export … | head`: the reader has gone, which is fine
            import os

            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            raise typer.Exit(code=0)
        except (EvalError, StoreError, ValueError, OSError) as exc:
            _fail(str(exc))

    return wrapper


def _finish(stats) -> None:
    typer.echo(f"kronika: {stats.summary()}", err=True)
    if stats.failed:
        raise typer.Exit(code=1)


@app.command()
@_user_errors
def extract(
    paths: List[str] = PathsArg,
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Write JSON Lines here instead of stdout."),
    pretty: bool = typer.Option(False, "--pretty", help="Indent each record (no longer one record per line)."),
    with_text: bool = typer.Option(False, "--with-text", help="Include the body text as doc.text."),
    date: Optional[str] = DateOpt,
    lang: Optional[str] = LangOpt,
    workers: int = WorkersOpt,
) -> None:
    """Print one document record per input document, as JSON Lines."""
    from kronika.record import dumps
    from kronika.run import RunStats, default_workers, process_records

    stats = RunStats()
    out = open(output, "w", encoding="utf-8") if output else sys.stdout
    try:
        for record in process_records(paths, date=date, lang=lang, include_text=with_text, stats=stats,
                                      workers=workers or default_workers()):
            out.write(dumps(record, pretty=pretty) + "\n")
            out.flush() if out is sys.stdout else None
    finally:
        if output:
            out.close()
    _finish(stats)


@app.command()
@_user_errors
def ingest(
    paths: List[str] = PathsArg,
    db: Path = DbOpt,
    date: Optional[str] = DateOpt,
    lang: Optional[str] = LangOpt,
    workers: int = WorkersOpt,
) -> None:
    """Extract records and store every layer in a DuckDB file (each document in one transaction)."""
    from kronika.run import RunStats, default_workers, process_records
    from kronika.store import Store

    stats = RunStats()
    added = 0
    with Store(db) as store:
        for record in process_records(paths, date=date, lang=lang, include_text=True, stats=stats,
                                      workers=workers or default_workers()):
            added += store.add(record)
    typer.echo(f"kronika: stored {added} new document(s) in {db} ({stats.read - added} already there)", err=True)
    _finish(stats)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"


@app.command()
@_user_errors
def events(
    db: Path = DbOpt,
    actor: Optional[str] = typer.Option(None, help="Actor or recipient: entity name (substring) or country code."),
    country: Optional[str] = typer.Option(None, help="Country code (ISO 3166-1 alpha-3 or IGO code) of actor or recipient."),
    category: Optional[str] = typer.Option(None, help="PLOVER category, e.g. CONSULT."),
    status: Optional[str] = typer.Option(None, help="asserted, alleged, denied, planned, negated or hypothetical."),
    since: Optional[str] = typer.Option(None, help="Events dated on or after this date (YYYY[-MM[-DD]])."),
    until: Optional[str] = typer.Option(None, help="Events dated on or before this date (YYYY[-MM[-DD]])."),
    limit: int = typer.Option(100, help="At most this many events."),
    fmt: OutputFormat = typer.Option(OutputFormat.table, "--format", help="A table for people or JSON Lines for programs."),
) -> None:
    """List stored events with filters."""
    from kronika.store import Store

    with Store(db, read_only=True) as store:
        rows = store.events(actor=actor, country=country, category=category, status=status,
                            since=since, until=until, limit=limit)
    if fmt == OutputFormat.json:
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False, default=str))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(rows)} event(s)")
    for col in ("date", "event", "actor", "recipient", "status", "via", "trigger"):
        table.add_column(col)
    for row in rows:
        table.add_row(str(row.get("date") or "?"), row["event"], ", ".join(row["actor_names"]),
                      ", ".join(row["recipient_names"]), row["status"], " → ".join(row["attribution_names"]),
                      row.get("trigger") or "")
    Console().print(table)


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    plover = "plover"
    csv = "csv"
    parquet = "parquet"
    gdelt = "gdelt"


@app.command()
@_user_errors
def export(
    db: Path = DbOpt,
    fmt: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", help="jsonl (document records), plover, csv, parquet or gdelt (events)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Output file (stdout for jsonl/plover/csv/gdelt when omitted)."),
) -> None:
    """Export the store: document records as JSON Lines, or events as PLOVER JSONL, CSV, Parquet or GDELT (TSV)."""
    from kronika.store import Store
    from kronika.store.export import export as do_export

    if fmt == ExportFormat.parquet and output is None:
        raise typer.BadParameter("Parquet needs an output file (-o FILE).", param_hint="-o")
    with Store(db, read_only=True) as store:
        n = do_export(store, fmt.value, output)
    typer.echo(f"kronika: exported {n} {'document(s)' if fmt == ExportFormat.jsonl else 'event(s)'}", err=True)


@app.command()
@_user_errors
def summary(db: Path = DbOpt) -> None:
    """A readable summary of what a store holds."""
    from kronika.store import Store
    from kronika.store.summary import print_summary

    with Store(db, read_only=True) as store:
        print_summary(store)


# Component benchmarks: `kronika eval KIND --OPTION PATH`; each prints its headline figure on the last line.
# KIND -> (option that names the data, "module:function" taking that path and returning printable lines)
COMPONENT_EVALS = {
    "ner": ("poleval", "kronika.lang.pl.evaluation:eval_ner"),
    "tagger": ("conllu", "kronika.lang.pl.evaluation:eval_tagger"),
    "lemmas": ("polem", "kronika.lang.pl.evaluation:eval_lemmas"),
    "timex": ("kpwr", "kronika.time.evaluation:eval_timex"),
}


def _run_component_eval(kind: str, paths: dict[str, Optional[Path]], extra: list[str]) -> None:
    import importlib

    option, target = COMPONENT_EVALS[kind]
    if extra:
        _fail(f"`kronika eval {kind}` takes no positional arguments (got {' '.join(extra)})")
    path = paths.get(option)
    if path is None:
        _fail(f"`kronika eval {kind}` needs --{option} PATH")
    module, func = target.split(":")
    try:
        evaluate_component = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError):
        _fail(f"`kronika eval {kind}` is not available in this version")
    for line in evaluate_component(path):
        typer.echo(line)


@app.command(name="eval")
@_user_errors
def eval_(
    args: List[str] = typer.Argument(..., metavar="GOLD_DIR PRED.jsonl | KIND",
                                     help="A gold folder and a predictions file, or a component benchmark: "
                                          + ", ".join(COMPONENT_EVALS) + "."),
    articles: Optional[Path] = typer.Option(None, help="JSON Lines corpus holding the texts of gold files whose doc.source is an article id."),
    as_json: bool = typer.Option(False, "--json", help="Print the scores as one JSON object."),
    categories: bool = typer.Option(False, "--categories", help="Also print event precision and recall per PLOVER category."),
    poleval: Optional[Path] = typer.Option(None, help="`eval ner`: PolEval 2018 Task 2 gold (.json or .json.7z)."),
    conllu: Optional[Path] = typer.Option(None, help="`eval tagger`: a Universal Dependencies .conllu file."),
    polem: Optional[Path] = typer.Option(None, help="`eval lemmas`: KPWr named-entity base forms (.tsv)."),
    kpwr: Optional[Path] = typer.Option(None, help="`eval timex`: the KPWr TIMEX3 folder."),
) -> None:
    """Score predicted records against gold records (docs/record.md, Scoring), or run a component benchmark."""
    if args[0] in COMPONENT_EVALS:
        paths = {"poleval": poleval, "conllu": conllu, "polem": polem, "kpwr": kpwr}
        _run_component_eval(args[0], paths, args[1:])
        return
    if len(args) != 2:
        _fail("usage: kronika eval GOLD_DIR PRED.jsonl  (or: kronika eval " + "|".join(COMPONENT_EVALS) + " --OPTION PATH)")
    from kronika.eval import evaluate

    report = evaluate(Path(args[0]), Path(args[1]), articles=articles)
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False))
    else:
        for line in report.lines():
            typer.echo(line)
        if categories:
            typer.echo("events by category:")
            for line in report.category_lines():
                typer.echo(line)


TRAINERS = {
    "tagger": "kronika.lang.pl.training:train_tagger",
    "ner": "kronika.lang.pl.training:train_ner",
}


@app.command()
@_user_errors
def train(
    model: str = typer.Argument(..., help="What to train: " + ", ".join(TRAINERS) + "."),
    corpus: List[Path] = typer.Argument(..., help="Training data (e.g. NKJP 1M in IOB, .iob or .iob.7z)."),
    output: Optional[Path] = typer.Option(None, "-o", "--output", help="Model file to write (default: the packaged model's path)."),
    seed: int = typer.Option(13, help="Random seed (training is reproducible for a given seed and data)."),
) -> None:
    """Train one of kronika's Polish models from a public corpus (CI never retrains; the models ship in the package)."""
    import importlib

    if model not in TRAINERS:
        _fail(f"unknown model {model!r}; choose one of: {', '.join(TRAINERS)}")
    module, func = TRAINERS[model].split(":")
    try:
        trainer = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError):
        _fail(f"`kronika train {model}` is not available in this version")
    for line in trainer(corpus, output=output, seed=seed):
        typer.echo(line)


@app.command()
@_user_errors
def bench(
    corpus: Optional[List[str]] = typer.Argument(None, help="Inputs to run over (default: the bundled example articles)."),
    repeat: int = typer.Option(1, help="Run the corpus this many times."),
    workers: int = typer.Option(1, "--workers", "-j", min=0,
                                help="Processes to run the pipeline in (0: one per core); time per stage needs 1."),
) -> None:
    """Run the pipeline over a corpus and print documents/s, words/s, peak memory and time per stage."""
    from kronika.bench import run_bench
    from kronika.run import default_workers

    result = run_bench(corpus or None, repeat=repeat, workers=workers or default_workers())
    for line in result.lines():
        typer.echo(line)


@app.command()
@_user_errors
def serve(
    db: Path = DbOpt,
    host: str = typer.Option("127.0.0.1", help="Address to listen on; anything but this machine needs --token."),
    port: int = typer.Option(8765, min=1, max=65535, help="Port to listen on."),
    token: Optional[str] = typer.Option(None, help="Require this token on every request (Authorization: Bearer T, or ?token=T)."),
) -> None:
    """Serve a store read-only: web interface (events, documents, dyads, network) and JSON API (/docs)."""
    from kronika.store import Store
    from kronika.web.server import check_bind, serve as run_server, url_for

    check_bind(host, token)
    Store(db, read_only=True).close()  # a clear error before the server starts
    typer.echo(f"kronika: serving {db} read-only at {url_for(host, port, token)} (Ctrl-C stops)", err=True)
    run_server(db, host=host, port=port, token=token)


class PlotKind(str, Enum):
    dyad = "dyad"


@app.command()
@_user_errors
def plot(
    kind: PlotKind = typer.Argument(..., help="What to draw: dyad (monthly cooperation and conflict between two actors)."),
    actors: List[str] = typer.Argument(..., metavar="A B", help="The two actors: country/IGO codes (RUS PRK) or names."),
    db: Path = DbOpt,
    output: Path = typer.Option(..., "-o", "--output", help="Image file to write (.png, .svg or .pdf)."),
    since: Optional[str] = typer.Option(None, help="Events dated on or after this date (YYYY[-MM[-DD]])."),
    until: Optional[str] = typer.Option(None, help="Events dated on or before this date (YYYY[-MM[-DD]])."),
    directed: bool = typer.Option(False, "--directed", help="Only A acting on B."),
) -> None:
    """Draw a figure from a store: `plot dyad A B` (events per month by quad class, and the summed PLOVER score)."""
    from kronika.plot import dyad_figure
    from kronika.store import Store
    from kronika.store.analytics import dyad_series

    if len(actors) != 2:
        _fail(f"`kronika plot dyad` needs two actors (A B), got {len(actors)}")
    with Store(db, read_only=True) as store:
        series = dyad_series(store.connection, actors[0], actors[1], directed=directed, since=since, until=until)
    dyad_figure(series, output)
    n = sum(m["events"] for m in series["months"])
    typer.echo(f"kronika: drew {n} event(s) over {len(series['months'])} month(s) to {output}", err=True)


@app.command()
@_user_errors
def explain(
    paths: List[str] = PathsArg,
    date: Optional[str] = DateOpt,
) -> None:
    """Show why events were coded: each sentence with [trigger], <actor> and {recipient} marked, the rules used,
    and the trigger words dropped (with the reason)."""
    from kronika.events.explain import explain_paths

    for line in explain_paths(paths, date=date):
        typer.echo(line)

kb_app = typer.Typer(help="The actor knowledge base: check it, ask it who a name is.", no_args_is_help=True)
app.add_typer(kb_app, name="kb")


@kb_app.command("check")
@_user_errors
def kb_check() -> None:
    """Validate the knowledge base: ids and codes, dated terms (no two holders of one office at once), Polish names."""
    from kronika.actors.tools import check

    problems, summary = check()
    for line in summary:
        typer.echo(line)
    for problem in problems:
        typer.echo(f"problem: {problem}", err=True)
    typer.echo(f"kronika kb check: {len(problems)} problem(s)")
    if problems:
        raise typer.Exit(code=1)


@kb_app.command("who")
@_user_errors
def kb_who(
    name: str = typer.Argument(..., help="A name in any form: 'Szojgu', 'Putina', 'Korea Północna', 'KCNA'."),
    date: Optional[str] = typer.Option(None, "--date", help="Show roles, country and sector on this date (YYYY[-MM[-DD]])."),
) -> None:
    """Show what a name resolves to in the knowledge base (and, with --date, the role held then)."""
    from kronika.actors.tools import who

    lines = who(name, date)
    if not lines:
        _fail(f"nothing in the knowledge base is called {name!r}", code=1)
    for line in lines:
        typer.echo(line)


if __name__ == "__main__":  # pragma: no cover
    app()
