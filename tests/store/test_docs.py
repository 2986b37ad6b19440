"""docs/store.md documents every table and column of the schema (and nothing that is not there)."""
from __future__ import annotations

import re
from pathlib import Path

from kronika.store import Store
from kronika.store.export import FLAT_COLUMNS
from kronika.store.schema import TABLES

DOC = Path(__file__).resolve().parents[2] / "docs" / "store.md"


def documented_columns() -> dict[str, list[str]]:
    """Table name -> the columns listed in the table under its `### `name`` heading."""
    out: dict[str, list[str]] = {}
    current = None
    for line in DOC.read_text(encoding="utf-8").splitlines():
        heading = re.fullmatch(r"### `(\w+)`", line.strip())
        if heading:
            current = heading.group(1)
            out[current] = []
        elif line.startswith("## "):
            current = None
        elif current and line.startswith("| `"):
            out[current].append(re.match(r"\| `(\w+)`", line).group(1))
    return out


def test_every_column_is_documented():
    documented = documented_columns()
    with Store(":memory:") as store:
        for table in TABLES:
            actual = [row[0] for row in store.connection.execute(f"DESCRIBE {table}").fetchall()]
            assert documented.get(table) == actual, f"docs/store.md: columns of {table}"


def test_every_event_row_key_is_documented():
    text = DOC.read_text(encoding="utf-8")
    section = text[text.index("## Querying events"):text.index("## Exports")]
    missing = [c for c in FLAT_COLUMNS if f"`{c}`" not in section]
    assert missing == []
