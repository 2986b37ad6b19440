"""What a reader reports instead of a Document when an input cannot be read."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class IngestError:
    """One unreadable input (a whole file, or one line of a JSON Lines file).

    `message` says what is wrong and, for one line of a file, starts with "line N:"; `line` holds N.
    """

    source: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        return f"{self.source}: {self.message}"
