"""Ingest: readers, one per format, all yielding the same Document (or an IngestError).

`read_inputs(paths)` is the one entry point: it expands directories, globs and '-' (stdin),
picks the reader for each file, and never raises for a bad input: it yields an IngestError
naming the file (and line) and goes on with the rest.
"""
from kronika.ingest.dates import parse_date
from kronika.ingest.document import DocDate, Document, document_id, normalize_text
from kronika.ingest.errors import IngestError
from kronika.ingest.langid import LANGUAGES
from kronika.ingest.sources import ARTICLE_EXTENSIONS, read_inputs

__all__ = [
    "ARTICLE_EXTENSIONS", "DocDate", "Document", "IngestError", "LANGUAGES",
    "document_id", "normalize_text", "parse_date", "read_inputs",
]
