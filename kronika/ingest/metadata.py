"""What every reader shares: the caller's options and the rules that fill a Document's metadata."""
from __future__ import annotations

from dataclasses import dataclass

from kronika.ingest.document import DocDate, Document
from kronika.ingest.langid import detect_language

#: Largest single-document input (a .txt or .html file, or stdin text) read, in bytes.
MAX_DOCUMENT_BYTES = 50 * 1024 * 1024


@dataclass(frozen=True)
class ReadOptions:
    """The caller's settings for one `read_inputs` run.

    `date` fills documents whose input carries no date (it never overrides one the input carries);
    `lang` replaces language detection (a language the input states itself still wins);
    `max_bytes` limits single-document inputs and single JSON Lines records.
    """

    date: DocDate = DocDate()
    lang: str | None = None
    max_bytes: int = MAX_DOCUMENT_BYTES


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def make_document(
    text: str,
    source: str,
    options: ReadOptions,
    *,
    date: DocDate | None = None,
    lang: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    url: str | None = None,
) -> Document:
    """A Document from a reader's findings: the input's own date, else `options.date`; the input's own
    language, else `options.lang`, else detection. Empty strings count as absent."""
    own_date = date if date is not None and date.precision != "unknown" else None
    doc = Document(
        text=text,
        source=source,
        date=own_date or options.date,
        title=_clean(title),
        outlet=_clean(outlet),
        url=_clean(url),
    )
    doc.lang = lang or options.lang or detect_language(doc.text)
    return doc
