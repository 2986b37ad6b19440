"""The exception readers raise internally; `read_inputs` turns it into an IngestError."""
from __future__ import annotations


class ReadFailure(Exception):
    """An input (or one line of it) cannot be read. `str(exc)` is the message shown to the user."""

    def __init__(self, message: str, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.line = line
