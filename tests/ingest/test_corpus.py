"""The real corpus (../shared/data/polish-news-2025, skipped when absent): all 726 articles, in UTF-8 and
re-encoded to cp1250 and ISO-8859-2."""
from __future__ import annotations

import json

import pytest

from kronika.ingest import Document, IngestError, read_inputs
from kronika.ingest.langid import LANGUAGES


@pytest.fixture(scope="module")
def records(news_jsonl):
    with open(news_jsonl, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


@pytest.fixture(scope="module")
def corpus_docs(news_jsonl):
    return list(read_inputs([str(news_jsonl)]))


def key(doc: Document):
    return (doc.source, doc.date, doc.text, doc.title, doc.url, doc.outlet, doc.lang)


def test_all_726_articles(corpus_docs, records):
    assert len(records) == 726
    assert all(isinstance(d, Document) for d in corpus_docs)
    assert [d.source for d in corpus_docs] == [r["id"] for r in records]
    # ISO timestamps keep the calendar day written in them
    assert [d.date.value for d in corpus_docs] == [r["published"][:10] for r in records]
    assert {d.date.precision for d in corpus_docs} == {"day"}
    assert [d.title for d in corpus_docs] == [" ".join(r["title"].split()) for r in records]
    assert all(d.lang in LANGUAGES for d in corpus_docs)
    assert sum(d.lang == "pl" for d in corpus_docs) >= 700


def _encodable(text: str, encoding: str) -> str:
    """`text` with every character the legacy encoding lacks replaced by '?'."""
    return "".join(ch if ch.encode(encoding, "ignore") else "?" for ch in text)


@pytest.mark.parametrize("encoding", ["cp1250", "iso8859_2"])
def test_reencoded_corpus_reads_the_same(tmp_path, records, corpus_docs, encoding):
    """Characters the legacy encoding cannot hold (emoji, zero-width spaces, and for ISO-8859-2 also „” –)
    are replaced by '?' in *both* copies, so all 726 records are compared, none skipped; records that needed
    no replacement are also compared with the untouched original."""
    sanitized = [
        {k: _encodable(v, encoding) if isinstance(v, str) else v for k, v in r.items()} for r in records
    ]
    lines = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in sanitized)
    utf8_path = tmp_path / "korpus-utf8.jsonl"
    legacy_path = tmp_path / f"korpus-{encoding}.jsonl"
    utf8_path.write_bytes(lines.encode("utf-8"))
    legacy_path.write_bytes(lines.encode(encoding))
    legacy_bytes = legacy_path.read_bytes()
    assert not legacy_bytes.isascii()  # raw legacy bytes, not \\u escapes
    with pytest.raises(UnicodeDecodeError):
        legacy_bytes.decode("utf-8")

    utf8_docs = list(read_inputs([str(utf8_path)]))
    legacy_docs = list(read_inputs([str(legacy_path)]))
    assert len(legacy_docs) == 726
    assert all(isinstance(d, Document) for d in legacy_docs)
    assert [key(d) for d in legacy_docs] == [key(d) for d in utf8_docs]

    untouched = [i for i, (r, s) in enumerate(zip(records, sanitized)) if r == s]
    assert len(untouched) > 300
    assert [key(legacy_docs[i]) for i in untouched] == [key(corpus_docs[i]) for i in untouched]


def test_binary_file_among_inputs_is_reported_and_skipped(tmp_path, news_jsonl):
    binary = tmp_path / "archiwum.jsonl"
    binary.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 4)
    items = list(read_inputs([str(binary), str(news_jsonl)]))
    assert items[0] == IngestError(str(binary), "binary file (NUL bytes), skipped")
    assert len(items) == 727 and all(isinstance(d, Document) for d in items[1:])


def test_corpus_through_stdin_reads_the_same(news_jsonl, corpus_docs):
    """Lines crossing the sniffing buffer's edge come out whole."""
    with open(news_jsonl, "rb") as f:
        docs = list(read_inputs(["-"], stdin=f))
    assert [key(d) for d in docs] == [key(d) for d in corpus_docs]
