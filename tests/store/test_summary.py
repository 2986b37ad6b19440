"""`print_summary`: the figures and the tables it prints."""
from __future__ import annotations

import io
import re

from rich.console import Console

from kronika.store import Store
from kronika.store.queries import summary_stats
from kronika.store.summary import print_summary


def render(store, width: int = 120) -> list[str]:
    buf = io.StringIO()
    print_summary(store, Console(file=buf, width=width, color_system=None))
    return [line.rstrip() for line in buf.getvalue().splitlines()]


def line_with(lines: list[str], *words: str) -> str:
    hits = [line for line in lines if all(w in line for w in words)]
    assert hits, f"no line with {words!r} in:\n" + "\n".join(lines)
    return hits[0]


def cells(line: str) -> list[str]:
    return [c for c in re.split(r"\s{2,}|│", line.strip()) if c]


def test_summary_stats(store):
    stats = summary_stats(store.connection)
    assert stats["counts"] == {"documents": 3, "entities": 17, "mentions": 21, "events": 9, "quotes": 4, "timexes": 4}
    assert stats["languages"] == [("pl", 3)]
    assert stats["doc_dates"] == ("2023-01-11", "2023-06-23", 0)
    assert stats["outlets"] == [("Gazeta Przykładowa", 2), ("Serwis Testowy", 1)]
    assert stats["actors"][0] == ("Russia", "RUS", 3, 2, 1)  # one name across two documents
    assert ("Andrzej Duda", "POL", 2, 2, 0) in stats["actors"]
    assert ("Ukrinform", "UKR", 1, 0, 0) not in stats["actors"]  # sources are not actors
    assert stats["categories"][:2] == [("CONSULT", 2), ("REJECT", 2)]
    assert stats["statuses"] == [("asserted", 7), ("alleged", 1), ("planned", 1)]
    assert stats["undated_events"] == 2
    assert [(r["date"], r["event"]) for r in stats["recent"][:2]] == [("2023-06-23", "SANCTION"), ("2023-05", "REJECT")]
    assert len(stats["recent"]) == 7  # only dated events


def test_print_summary(store):
    lines = render(store)
    text = "\n".join(lines)
    assert "3 documents · 17 entities · 21 mentions · 9 events · 4 quotes · 4 timexes" in text
    assert cells(line_with(lines, "languages")) == ["languages", "pl 3"]
    assert cells(line_with(lines, "published")) == ["published", "2023-01-11 … 2023-06-23"]
    assert cells(line_with(lines, "outlets")) == ["outlets", "Gazeta Przykładowa 2, Serwis Testowy 1"]
    assert "Top actors" in text
    assert cells(line_with(lines, "Russia", "RUS")) == ["Russia", "RUS", "3", "2", "1"]
    assert cells(line_with(lines, "Andrzej Duda", "POL", "2")) == ["Andrzej Duda", "POL", "2", "2", "0"]
    assert "Events by category" in text and "Events by status" in text
    assert cells(line_with(lines, "CONSULT", "asserted")) == ["CONSULT", "2", "asserted", "7"]
    assert "2 events without a date" in text
    recent = lines[lines.index(line_with(lines, "Most recent events")):]
    first_row = next(line for line in recent if "2023-" in line)
    assert cells(first_row)[:4] == ["2023-06-23", "SANCTION", "Council of the European Union → Russia", "asserted"]
    assert "Gazeta Przykładowa" in first_row  # wide console: outlet column shown


def test_print_summary_narrow_console_keeps_rows_readable(store):
    lines = render(store, width=80)
    assert all(len(line) <= 80 for line in lines)
    assert line_with(lines, "2023-06-23", "SANCTION", "asserted", "pakiet sankcji")


def test_print_summary_of_an_empty_store(db_path):
    with Store(db_path) as store:
        lines = render(store)
    assert any("0 documents" in line for line in lines)
    assert any("The store is empty" in line for line in lines)
    assert not any("Top actors" in line for line in lines)
