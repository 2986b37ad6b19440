"""HTML pages: main text, title, date, outlet and canonical URL via trafilatura (no network, no fetching)."""
from __future__ import annotations

import re

from kronika.ingest.dates import parse_date
from kronika.ingest.document import DocDate, Document
from kronika.ingest.failures import ReadFailure
from kronika.ingest.langid import normalize_lang
from kronika.ingest.metadata import ReadOptions, make_document

_HTML_LANG = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)*)", re.IGNORECASE)


def html_lang(html: str) -> str | None:
    """The primary language subtag of the page's `<html lang=…>` attribute, if any."""
    m = _HTML_LANG.search(html, 0, 20000)
    return normalize_lang(m.group(1)) if m else None


def read_html(html: str, source: str, options: ReadOptions) -> Document:
    """The article in an HTML page. Raises ReadFailure when trafilatura finds no main text.

    The date is the page's own publication date as trafilatura (htmldate) finds it in the markup,
    never the file's date; the language is the page's `lang` attribute, else `options.lang`, else detection.
    """
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_images=False, include_links=False
        )
    except Exception as exc:  # trafilatura/lxml failures on malformed markup
        raise ReadFailure(f"cannot parse HTML: {type(exc).__name__}: {exc}") from None
    text = getattr(extracted, "text", None) if extracted is not None else None
    if not text or not text.strip():
        raise ReadFailure("HTML page with no extractable article text")
    date = DocDate()
    raw_date = getattr(extracted, "date", None)
    if raw_date:
        try:
            date = parse_date(raw_date)
        except ValueError:
            date = DocDate()
    return make_document(
        text, source, options,
        date=date,
        lang=html_lang(html),
        title=getattr(extracted, "title", None),
        outlet=getattr(extracted, "sitename", None),
        url=getattr(extracted, "url", None),
    )
