"""`kronika summary`: what a store holds, as a few readable Rich tables."""
from __future__ import annotations

from typing import Any

from rich import box
from rich.columns import Columns
from rich.console import Console
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from kronika.store.queries import summary_stats

_UNKNOWN = "(unknown)"


_PLURALS = {"document": "documents", "entity": "entities", "mention": "mentions", "event": "events",
            "quote": "quotes", "timex": "timexes"}


def _plural(n: int, word: str) -> str:
    return f"{n} {word if n == 1 else _PLURALS[word]}"


def _counts_line(counts: dict[str, int]) -> Text:
    parts = [_plural(counts[_PLURALS[w]], w) for w in _PLURALS]
    return Text(" · ".join(parts), style="bold")


def _documents_table(stats: dict[str, Any]) -> Table:
    table = Table(title="Documents", box=box.SIMPLE_HEAD, show_header=False, title_justify="left")
    table.add_column("what", style="bold")
    table.add_column("value")
    langs = ", ".join(f"{lang} {n}" for lang, n in stats["languages"]) or "-"
    table.add_row("languages", langs)
    earliest, latest, undated = stats["doc_dates"]
    if earliest:
        dates = earliest if earliest == latest else f"{earliest} … {latest}"
        if undated:
            dates += f" ({undated} undated)"
    else:
        dates = "no publication dates"
    table.add_row("published", dates)
    outlets = ", ".join(f"{outlet or _UNKNOWN} {n}" for outlet, n in stats["outlets"]) or "-"
    table.add_row("outlets", outlets)
    return table


def _actors_table(stats: dict[str, Any]) -> Table:
    table = Table(title="Top actors (events as actor or recipient)", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("actor")
    table.add_column("country")
    table.add_column("events", justify="right")
    table.add_column("as actor", justify="right")
    table.add_column("as recipient", justify="right")
    for name, country, events, as_actor, as_recipient in stats["actors"]:
        table.add_row(name, country or "", str(events), str(as_actor), str(as_recipient))
    return table


def _count_table(title: str, pairs: list[tuple], label: str) -> Table:
    table = Table(title=title, box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column(label)
    table.add_column("events", justify="right")
    for key, n in pairs:
        table.add_row(key or _UNKNOWN, str(n))
    return table


def _recent_table(rows: list[dict[str, Any]], wide: bool) -> Table:
    table = Table(title="Most recent events", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("who → whom", min_width=20)
    table.add_column("status", no_wrap=True)
    table.add_column("trigger", max_width=18, overflow="ellipsis", no_wrap=True)
    if wide:
        table.add_column("outlet", max_width=24, overflow="ellipsis", no_wrap=True)
    for r in rows:
        who = ", ".join(r["actor_names"])
        if r["recipient_names"]:
            who += " → " + ", ".join(r["recipient_names"])
        cells = [r["date"] or "?", r["event"], who, r["status"], r["trigger"] or ""]
        table.add_row(*cells, *([r["outlet"] or r["source"]] if wide else []))
    return table


def print_summary(store, console: Console | None = None, *, top: int = 10, recent: int = 10) -> None:
    """Print the summary of a store: counts; documents by language, publication dates and outlets; the top
    actors by number of events; events by category and by status; the most recent dated events."""
    console = console or Console()
    stats = summary_stats(store.connection, top=top, recent=recent)
    counts = stats["counts"]
    console.print(Panel(_counts_line(counts), title=f"kronika store: {store.path}", title_align="left",
                        expand=False))
    if counts["documents"] == 0:
        console.print("The store is empty: add documents with `kronika ingest FILES --db STORE`.")
        return
    console.print(_documents_table(stats))
    if counts["events"] == 0:
        console.print("No events stored.")
        return
    console.print(_actors_table(stats))
    console.print(Columns([
        _count_table("Events by category", stats["categories"], "category"),
        _count_table("Events by status", stats["statuses"], "status"),
    ], padding=(0, 4)))
    if stats["undated_events"]:
        console.print(Text(f"{_plural(stats['undated_events'], 'event')} without a date", style="dim"))
    if stats["recent"]:
        console.print(_recent_table(stats["recent"], wide=console.width >= 110))
    else:
        console.print("No dated events.")

