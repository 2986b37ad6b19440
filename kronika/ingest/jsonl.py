"""JSON Lines corpora: one article per line, streamed (a 2 GB file is never held in memory).

A record is a JSON object with `text` (required, a non-empty string) and any of:
`id` (becomes `Document.source`; without it the source is `<path>:<line>`), `title`,
`published` or `date` (ISO 8601, RFC 822 such as `Thu, 04 Dec 2025 19:56:00 +0100`, or `04.12.2025`;
a timestamp keeps the calendar day written in it), `url`, `outlet`, `lang`. Other fields are ignored.

Blank lines are skipped silently. Every other line that cannot be used yields an IngestError with its
line number, and reading goes on with the next line.

Encoding: detected once per file from a sample (see `kronika.ingest.encoding`), taken from the first line
that is not plain ASCII onwards (up to `SAMPLE_BYTES`), then each line is decoded on its own; a line that
does not decode is an error for that line only.
"""
from __future__ import annotations

import codecs
import json
import logging
from collections import deque
from typing import Iterator, Protocol

from kronika.ingest.dates import parse_date
from kronika.ingest.document import DocDate, Document
from kronika.ingest.encoding import BrokenUTF8, detect_encoding
from kronika.ingest.errors import IngestError
from kronika.ingest.failures import ReadFailure
from kronika.ingest.langid import normalize_lang
from kronika.ingest.metadata import ReadOptions, make_document

log = logging.getLogger(__name__)

#: How many bytes (whole lines, from the first non-ASCII line) the encoding is detected from.
SAMPLE_BYTES = 1 << 20

_JSON_TYPES = {dict: "an object", list: "an array", str: "a string", int: "a number", float: "a number",
               bool: "a boolean", type(None): "null"}


class LineStream(Protocol):
    def readline(self, limit: int = -1, /) -> bytes: ...


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value), type(value).__name__)


def _raw_lines(stream: LineStream, max_bytes: int) -> Iterator[tuple[int, bytes | int]]:
    """(line number, bytes without the line break) for every line; an over-long line is (number, its size)."""
    n = 0
    readline = stream.readline
    while True:
        line = readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            size = len(line)
            while True:  # skip the rest of the line without holding it
                chunk = readline(1 << 20)
                size += len(chunk)
                if not chunk or chunk.endswith(b"\n"):
                    break
            yield n, size - (1 if chunk.endswith(b"\n") else 0)
            continue
        yield n, line.rstrip(b"\r\n")


def _decoded_lines(raw: Iterator[tuple[int, bytes | int]], max_bytes: int) -> Iterator[tuple[int, str | ReadFailure]]:
    """(line number, text or failure) for every non-blank line, decoding as the module docstring says."""
    encoding: str | None = None
    per_line = False  # the sample did not decide: detect each non-ASCII line on its own
    pending: deque[tuple[int, bytes | int]] = deque()
    while True:
        if pending:
            n, line = pending.popleft()
        else:
            item = next(raw, None)
            if item is None:
                return
            n, line = item
        if isinstance(line, int):
            yield n, ReadFailure(f"line {n}: record too large ({line} bytes > limit {max_bytes} bytes)", n)
            continue
        if n == 1 and line.startswith(codecs.BOM_UTF8):
            line = line[len(codecs.BOM_UTF8):]
            encoding = encoding or "utf-8"
        if line.isascii():
            if line.strip():
                yield n, line.decode("ascii")
            continue
        if encoding is None and not per_line:
            sample, size = [line], len(line)
            while size < SAMPLE_BYTES:
                item = next(raw, None)
                if item is None:
                    break
                pending.append(item)
                if isinstance(item[1], bytes):
                    sample.append(item[1])
                    size += len(item[1])
            try:
                encoding = detect_encoding(b"\n".join(sample))
            except BrokenUTF8:
                encoding = "utf-8"  # a UTF-8 file with a bad line: that line fails below
            except ReadFailure:
                per_line = True
        enc = encoding
        if enc is None:
            try:
                enc = detect_encoding(line)
            except ReadFailure as exc:
                yield n, ReadFailure(f"line {n}: {exc.message}", n)
                continue
        try:
            text = line.decode(enc)
        except UnicodeDecodeError as exc:
            yield n, ReadFailure(
                f"line {n}: cannot decode as {_encoding_label(enc)} (byte 0x{line[exc.start]:02X} at column {exc.start + 1})", n
            )
            continue
        if text.strip():
            yield n, text


def _encoding_label(enc: str) -> str:
    return {"utf-8": "UTF-8", "utf-8-sig": "UTF-8", "cp1250": "cp1250", "iso8859_2": "ISO-8859-2"}.get(enc, enc)


def record_document(obj: object, path: str, n: int, options: ReadOptions) -> Document:
    """The Document for the record `obj` on line `n` of `path`. Raises ReadFailure (with the line) if unusable."""
    if not isinstance(obj, dict):
        raise ReadFailure(f"line {n}: not a JSON object (got {_json_type(obj)})", n)
    if "text" not in obj:
        raise ReadFailure(f"line {n}: record has no 'text'", n)
    text = obj["text"]
    if not isinstance(text, str):
        raise ReadFailure(f"line {n}: 'text' is not a string (got {_json_type(text)})", n)
    if not text.strip():
        raise ReadFailure(f"line {n}: record has an empty 'text'", n)
    rid = obj.get("id")
    if isinstance(rid, str) and rid.strip():
        source = rid.strip()
    elif isinstance(rid, int) and not isinstance(rid, bool):
        source = str(rid)
    else:
        source = f"{path}:{n}"
    date = DocDate()
    for key in ("published", "date"):
        value = obj.get(key)
        if value is None or value == "":
            continue
        try:
            date = parse_date(value)
        except ValueError as exc:
            log.warning("%s:%d: ignoring %r: %s", path, n, key, exc)
        break
    return make_document(
        text, source, options,
        date=date,
        lang=normalize_lang(obj.get("lang")),
        title=obj.get("title") if isinstance(obj.get("title"), str) else None,
        outlet=obj.get("outlet") if isinstance(obj.get("outlet"), str) else None,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
    )


def read_jsonl(stream: LineStream, path: str, options: ReadOptions) -> Iterator[Document | IngestError]:
    """One Document per usable record of the JSON Lines `stream` (named `path`), one IngestError per
    unusable line, in line order; an IngestError 'empty file' when no line holds anything."""
    seen = False
    for n, item in _decoded_lines(_raw_lines(stream, options.max_bytes), options.max_bytes):
        seen = True
        if isinstance(item, ReadFailure):
            yield IngestError(path, item.message, n)
            continue
        try:
            obj = json.loads(item)
        except json.JSONDecodeError as exc:
            yield IngestError(path, f"line {n}: malformed JSON: {exc.msg} at column {exc.colno}", n)
            continue
        except RecursionError:
            yield IngestError(path, f"line {n}: malformed JSON: nested too deeply", n)
            continue
        try:
            doc = record_document(obj, path, n, options)
        except ReadFailure as exc:
            yield IngestError(path, exc.message, n)
            continue
        except Exception as exc:  # a reader bug must not stop the run; it is logged with its traceback
            log.exception("%s:%d: unexpected error", path, n)
            yield IngestError(path, f"line {n}: unexpected error: {type(exc).__name__}: {exc}", n)
            continue
        yield doc
    if not seen:
        yield IngestError(path, "empty file (only blank lines)")
