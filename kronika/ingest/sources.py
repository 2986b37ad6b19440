"""`read_inputs`: from command-line arguments to Documents, one reader per format.

Arguments are files, directories (searched recursively for files with article extensions, sorted by path;
hidden files and folders and other files, such as .json gold records, are left out), glob patterns (expanded
here when the shell did not) and `-` for standard input.

The format comes from the extension (`ARTICLE_EXTENSIONS`). Standard input, and a file named explicitly
with another extension, is sniffed: JSON Lines if its first non-blank character is `{`, HTML if it opens
with an HTML tag, else text (see `kronika.ingest.sniff`).

`Document.source` is the path as found (a JSON Lines record's `id`, else `<path>:<line>`); standard input
is named `-` (`-:<line>` for its JSON Lines records).

Nothing here raises for a bad input: each unreadable file, and each unusable line of a JSON Lines file,
becomes an IngestError, and reading goes on with the rest.
"""
from __future__ import annotations

import glob
import json
import logging
import os
import sys
from dataclasses import dataclass
from typing import IO, Iterable, Iterator

from kronika.ingest.dates import parse_date
from kronika.ingest.document import DocDate, Document
from kronika.ingest.encoding import decode_bytes
from kronika.ingest.errors import IngestError
from kronika.ingest.failures import ReadFailure
from kronika.ingest.html import read_html
from kronika.ingest.jsonl import read_jsonl, record_document
from kronika.ingest.langid import LANGUAGES, normalize_lang
from kronika.ingest.metadata import MAX_DOCUMENT_BYTES, ReadOptions
from kronika.ingest.sniff import HEAD_BYTES, HTML, JSONL, TEXT, binary_reason, control_reason, sniff_format
from kronika.ingest.text import read_text

ARTICLE_EXTENSIONS: dict[str, str] = {
    ".txt": TEXT, ".text": TEXT,
    ".jsonl": JSONL, ".ndjson": JSONL,
    ".html": HTML, ".htm": HTML, ".xhtml": HTML,
}
STDIN = "-"
STDIN_SOURCE = "-"  # as given on the command line (tests/test_cli.py expects it)

Item = Document | IngestError

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Input:
    """One input to read: a file path (with its format if the extension tells it) or standard input."""

    path: str
    fmt: str | None = None

    @property
    def is_stdin(self) -> bool:
        return self.path == STDIN


def read_inputs(
    paths: Iterable[str],
    *,
    date: str | None = None,
    lang: str | None = None,
    stdin: IO | None = None,
    max_bytes: int = MAX_DOCUMENT_BYTES,
) -> Iterator[Item]:
    """Every Document in `paths`, in order, and an IngestError for every input (or JSON line) that fails.

    `date` (YYYY, YYYY-MM, YYYY-MM-DD, or any form `parse_date` takes) dates documents whose input carries
    no date; `lang` (one of LANGUAGES) replaces detection for documents whose input states no language;
    `stdin` is read for '-' (default sys.stdin; text or binary); `max_bytes` caps single-document inputs.

    Raises ValueError at once (before reading anything) for a malformed `date` or an unsupported `lang`;
    never raises for bad inputs.
    """
    if isinstance(paths, str):
        paths = [paths]
    try:
        default_date = parse_date(date) if date else DocDate()
    except ValueError as exc:
        raise ValueError(f"--date: {exc}") from None
    lang_code = normalize_lang(lang) if lang else None
    if lang and lang_code not in LANGUAGES:
        raise ValueError(f"--lang: {lang!r} is not one of {', '.join(LANGUAGES)}")
    options = ReadOptions(date=default_date, lang=lang_code, max_bytes=max_bytes)
    return _read_all(list(paths), options, stdin)


def _read_all(paths: list[str], options: ReadOptions, stdin: IO | None) -> Iterator[Item]:
    for item in expand_inputs(paths):
        if isinstance(item, IngestError):
            yield item
        elif item.is_stdin:
            yield from _read_stdin(stdin if stdin is not None else sys.stdin, options)
        else:
            yield from _read_file(item, options)


# --- expanding arguments -------------------------------------------------------------------------------

def _format_of(path: str) -> str | None:
    return ARTICLE_EXTENSIONS.get(os.path.splitext(path)[1].lower())


def _walk(root: str) -> list[str]:
    found: list[tuple[tuple[str, ...], str]] = []
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = [d for d in dirnames if not d.startswith(".")]
        for name in filenames:
            if name.startswith(".") or _format_of(name) is None:
                continue
            full = os.path.join(dirpath, name)
            found.append((tuple(os.path.relpath(full, root).split(os.sep)), full))
    return [full for _, full in sorted(found)]


def _directory_inputs(root: str) -> Iterator[Input | IngestError]:
    files = _walk(root)
    if not files:
        exts = ", ".join(ARTICLE_EXTENSIONS)
        yield IngestError(root, f"no article files ({exts}) in this directory")
    for path in files:
        yield Input(path, _format_of(path))


def expand_inputs(paths: Iterable[str]) -> Iterator[Input | IngestError]:
    """The inputs named by `paths`, in argument order: '-' as stdin, directories as their article files
    (sorted), unmatched glob patterns expanded (sorted); 'no such file' / 'no files match' errors."""
    for path in paths:
        if path == STDIN:
            yield Input(STDIN)
        elif os.path.isdir(path):
            yield from _directory_inputs(path)
        elif os.path.lexists(path):
            yield Input(path, _format_of(path))
        elif glob.has_magic(path):
            matches = sorted(glob.glob(path, recursive=True))
            if not matches:
                yield IngestError(path, "no files match this pattern")
            for match in matches:
                if os.path.isdir(match):
                    yield from _directory_inputs(match)
                else:
                    yield Input(match, _format_of(match))
        else:
            yield IngestError(path, "no such file")


# --- reading -------------------------------------------------------------------------------------------

class _Peeked:
    """A binary stream whose first bytes (`head`) were already read, with read() and readline()."""

    def __init__(self, raw, head: bytes):
        self._raw = raw
        self._buf = head

    def read(self, n: int = -1) -> bytes:
        buf, self._buf = self._buf, b""
        if n is None or n < 0:
            return buf + self._raw.read()
        if len(buf) >= n:
            self._buf = buf[n:]
            return buf[:n]
        return buf + self._raw.read(n - len(buf))

    def readline(self, limit: int = -1) -> bytes:
        if self._buf:
            end = self._buf.find(b"\n")
            if end >= 0 and (limit < 0 or end < limit):
                line, self._buf = self._buf[: end + 1], self._buf[end + 1:]
                return line
            if limit >= 0 and len(self._buf) >= limit:
                line, self._buf = self._buf[:limit], self._buf[limit:]
                return line
            buf, self._buf = self._buf, b""
            return buf + self._raw.readline(limit - len(buf) if limit >= 0 else -1)
        return self._raw.readline(limit)


class _EncodedText:
    """A text stream seen as UTF-8 bytes (for a StringIO or other text-only stdin)."""

    def __init__(self, raw):
        self._raw = raw

    def read(self, n: int = -1) -> bytes:
        return self._raw.read(n).encode("utf-8")

    def readline(self, limit: int = -1) -> bytes:
        return self._raw.readline(limit).encode("utf-8")


def _binary(stream: IO):
    if hasattr(stream, "buffer"):
        return stream.buffer
    return stream if isinstance(stream.read(0), bytes) else _EncodedText(stream)


def _read_file(inp: Input, options: ReadOptions) -> Iterator[Item]:
    path = inp.path
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        yield IngestError(path, "no such file")
        return
    except IsADirectoryError:
        yield IngestError(path, "is a directory")
        return
    except PermissionError:
        yield IngestError(path, "cannot read: permission denied")
        return
    except OSError as exc:
        yield IngestError(path, f"cannot open: {exc.strerror or exc}")
        return
    with f:
        try:
            size = os.fstat(f.fileno()).st_size
            head = f.read(HEAD_BYTES)
        except OSError as exc:
            yield IngestError(path, f"cannot read: {exc.strerror or exc}")
            return
        yield from _read_stream(_Peeked(f, head), head, path, inp.fmt, options, size=size)


def _read_stdin(stdin: IO | None, options: ReadOptions) -> Iterator[Item]:
    if stdin is None or getattr(stdin, "closed", False):
        yield IngestError(STDIN_SOURCE, "no standard input to read")
        return
    try:
        raw = _binary(stdin)
        head = raw.read(HEAD_BYTES)
    except (OSError, ValueError) as exc:
        yield IngestError(STDIN_SOURCE, f"cannot read standard input: {exc}")
        return
    yield from _read_stream(_Peeked(raw, head), head, STDIN_SOURCE, None, options, size=None)


def _read_stream(stream: _Peeked, head: bytes, source: str, fmt: str | None, options: ReadOptions,
                 *, size: int | None) -> Iterator[Item]:
    """Read one opened input. `size` is the file size when known (None for stdin)."""
    what = "file" if size is not None else "input"
    if not head:
        yield IngestError(source, f"empty {what} (0 bytes)")
        return
    reason = binary_reason(head)
    if reason:
        yield IngestError(source, reason)
        return
    sniffed = fmt is None
    fmt = fmt or sniff_format(head)
    if fmt == JSONL and not (sniffed and size is not None and size <= options.max_bytes):
        yield from _guarded_jsonl(stream, source, options)
        return
    if size is not None and size > options.max_bytes:
        yield IngestError(source, f"{what} too large ({size} bytes > limit {options.max_bytes} bytes)")
        return
    try:
        data = stream.read(options.max_bytes + 1)
    except OSError as exc:
        yield IngestError(source, f"cannot read: {exc.strerror or exc}")
        return
    if len(data) > options.max_bytes:
        yield IngestError(source, f"{what} too large (more than the limit of {options.max_bytes} bytes)")
        return
    if fmt == JSONL:  # sniffed, small: a single (possibly pretty-printed) JSON object, or JSON Lines
        yield from _read_sniffed_json(data, source, options)
        return
    try:
        yield _read_single(data, source, fmt, options, what)
    except ReadFailure as exc:
        yield IngestError(source, exc.message, exc.line)
    except Exception as exc:  # a reader bug must not stop the run; it is logged with its traceback
        log.exception("%s: unexpected error", source)
        yield IngestError(source, f"unexpected error while reading: {type(exc).__name__}: {exc}")


def _guarded_jsonl(stream, source: str, options: ReadOptions) -> Iterator[Item]:
    try:
        yield from read_jsonl(stream, source, options)
    except OSError as exc:
        yield IngestError(source, f"cannot read: {exc.strerror or exc}")


def _read_sniffed_json(data: bytes, source: str, options: ReadOptions) -> Iterator[Item]:
    """A sniffed JSON input: one whole JSON object (e.g. a pretty-printed record) is one record;
    anything else is read as JSON Lines, line by line."""
    import io

    if b"\x00" in data:
        yield IngestError(source, "binary file (NUL bytes), skipped")
        return
    try:
        obj = json.loads(decode_bytes(data)[0])
    except (ReadFailure, ValueError, RecursionError):
        obj = None
    if isinstance(obj, dict):
        try:
            yield record_document(obj, source, 1, options)
        except ReadFailure as exc:
            yield IngestError(source, exc.message, exc.line)
        return
    yield from _guarded_jsonl(io.BytesIO(data), source, options)


def _read_single(data: bytes, source: str, fmt: str, options: ReadOptions, what: str) -> Document:
    """The one Document in a text or HTML input. Raises ReadFailure."""
    if not data.strip():
        raise ReadFailure(f"empty {what} (only whitespace)")
    reason = binary_reason(data)
    if reason:
        raise ReadFailure(reason)
    text, _encoding = decode_bytes(data)
    reason = control_reason(text)
    if reason:
        raise ReadFailure(reason)
    if not text.strip():
        raise ReadFailure(f"empty {what} (only whitespace)")
    if fmt == HTML:
        return read_html(text, source, options)
    return read_text(text, source, options)
