"""Telling formats and binary data apart by content, for stdin and files with an unknown extension."""
from __future__ import annotations

import codecs
import re

from kronika.ingest.encoding import unsupported_bom

JSONL, HTML, TEXT = "jsonl", "html", "text"

#: How many leading bytes sniffing looks at.
HEAD_BYTES = 8192

_HTML_START = re.compile(
    rb"\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title|article|div|p|h1)\b",
    re.IGNORECASE | re.DOTALL,
)
_CONTROL = re.compile("[\x00-\x08\x0e-\x19\x1b-\x1f]")


def sniff_format(head: bytes) -> str:
    """JSONL if the first non-blank character is '{', HTML if the text opens with an HTML tag, else text."""
    if head.startswith(codecs.BOM_UTF8):
        head = head[len(codecs.BOM_UTF8):]
    stripped = head.lstrip()
    if stripped.startswith(b"{"):
        return JSONL
    if _HTML_START.match(stripped):
        return HTML
    return TEXT


def binary_reason(data: bytes) -> str | None:
    """Why `data` is not text ('binary file (NUL bytes), skipped'), or None if it may be text.

    UTF-16/32 text also contains NUL bytes; a byte-order mark gets it a message naming the encoding.
    """
    bom = unsupported_bom(data)
    if bom:
        return f"cannot decode: {bom} text is not supported (save it as UTF-8)"
    if b"\x00" in data:
        return "binary file (NUL bytes), skipped"
    return None


def control_reason(text: str) -> str | None:
    """'binary file (control characters), skipped' when over 1% of `text` is C0 control characters
    other than whitespace (tab, newlines, form feed) and DOS end-of-file; else None."""
    n = len(_CONTROL.findall(text))
    if n and n > len(text) / 100:
        return "binary file (control characters), skipped"
    return None
