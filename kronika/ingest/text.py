"""Plain-text articles, optionally opened by header lines (the seed format).

Format: the body, optionally preceded by header fields, each a lower-case key, an optional colon, and a value:

    date 2023-08
    title Kim i Putin wymienili listy
    outlet Polsat News
    url https://example.pl/artykul
    lang pl
    Przywódca Korei Północnej …

- `date` takes YYYY, YYYY-MM or YYYY-MM-DD and keeps that precision (`date 2023-08` is month precision);
  an ISO timestamp (`2023-08-15T10:00+09:00`) gives its calendar day.
- `date`, `url` and `lang` take a single token, so they may also stand inline before the body on the same
  line: ` date 2023-08 Przywódca Korei Północnej …` (the seed file starts like that).
- `title` and `outlet` take the rest of their line, so each needs a line of its own.
- Headers are recognised only at the start of the text, before any body text; each key at most once.
  A `date` whose value looks like a date but is not one (`date 2023-13`) makes the file an error rather
  than silently dating it wrong; a first line that merely starts with a key word ("date of …") is body.

The header is removed: `Document.text` is the body only, and all offsets point into it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from kronika.ingest.dates import parse_date
from kronika.ingest.document import DocDate, Document
from kronika.ingest.failures import ReadFailure
from kronika.ingest.langid import normalize_lang
from kronika.ingest.metadata import ReadOptions, make_document

_SPACE = re.compile(r"\s*")
_TOKEN_FIELD = re.compile(r"(?P<key>date|url|lang):?[ \t]+(?P<value>\S+)(?=\s|$)")
_LINE_FIELD = re.compile(r"(?P<key>title|outlet):?[ \t]+(?P<value>[^\r\n]*\S)[ \t]*(?=\r?\n|$)")
_VALUE_SHAPE = {
    "date": re.compile(r"\d{4}[-\d:T.+Z]*"),  # parse_date decides; a timestamp keeps its day
    "url": re.compile(r"https?://\S+"),
    "lang": re.compile(r"[a-z]{2,3}(?:[-_][A-Za-z0-9]+)*"),
}


@dataclass(frozen=True)
class Header:
    """The header fields of a text article (all optional)."""

    date: DocDate = DocDate()
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    lang: str | None = None


def split_header(text: str) -> tuple[Header, str]:
    """(header, body) for a text article in the format above. Raises ReadFailure for a malformed date
    header or a repeated key; text without a header comes back whole with an empty Header."""
    fields: dict[str, str] = {}
    pos = _SPACE.match(text).end()
    body_start = 0
    while True:
        m = _TOKEN_FIELD.match(text, pos)
        if m and not _VALUE_SHAPE[m.group("key")].fullmatch(m.group("value")):
            m = None
        if m is None:
            m = _LINE_FIELD.match(text, pos)
        if m is None:
            break
        key, value = m.group("key"), m.group("value")
        if key in fields:
            raise ReadFailure(f"header {key!r} given twice")
        fields[key] = value
        pos = _SPACE.match(text, m.end()).end()
        body_start = pos
    if not fields:
        return Header(), text
    date = DocDate()
    if "date" in fields:
        try:
            date = parse_date(fields["date"])
        except ValueError as exc:
            raise ReadFailure(f"header 'date {fields['date']}': {exc}") from None
    header = Header(
        date=date,
        title=fields.get("title"),
        outlet=fields.get("outlet"),
        url=fields.get("url"),
        lang=normalize_lang(fields.get("lang")),
    )
    return header, text[body_start:]


def read_text(text: str, source: str, options: ReadOptions) -> Document:
    """The Document in a decoded text article. Raises ReadFailure for an empty body or a bad header."""
    if not text.strip():
        raise ReadFailure("empty file (only whitespace)")
    header, body = split_header(text)
    if not body.strip():
        raise ReadFailure("no text after the header")
    return make_document(
        body, source, options,
        date=header.date, lang=header.lang, title=header.title, outlet=header.outlet, url=header.url,
    )
