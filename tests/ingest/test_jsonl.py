"""JSON Lines: records to Documents, one error per bad line, streaming, per-file encoding."""
from __future__ import annotations

import io
import json

import pytest

import kronika.ingest.jsonl as jsonl_module
from kronika.ingest import DocDate, Document, IngestError, read_inputs
from kronika.ingest.jsonl import read_jsonl
from kronika.ingest.metadata import ReadOptions
from tests.ingest.texts import PL_CP1250_PUNCTUATION, PL_PARAGRAPH, PL_SECOND, PL_SHORT


def dump(rows) -> str:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n" for r in rows)


def write(tmp_path, rows, name="korpus.jsonl", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(dump(rows).encode(encoding))
    return path


def test_record_fields(tmp_path):
    path = write(tmp_path, [{
        "id": "pap-001", "title": "Szczyt NATO", "published": "2025-06-25T10:15:00+02:00",
        "url": "https://serwis.example/nato", "outlet": "Serwis Testowy", "text": PL_SHORT, "category": "Świat",
    }])
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert (doc.source, doc.title, doc.url, doc.outlet, doc.lang) == (
        "pap-001", "Szczyt NATO", "https://serwis.example/nato", "Serwis Testowy", "pl")
    assert doc.date == DocDate("2025-06-25", "day")
    assert doc.text == PL_SHORT


def test_source_without_id_is_path_and_line(tmp_path):
    path = write(tmp_path, [{"text": PL_SHORT}, "", {"text": PL_SECOND, "id": ""}])
    docs = list(read_inputs([str(path)]))
    assert [d.source for d in docs] == [f"{path}:1", f"{path}:3"]


@pytest.mark.parametrize("field", ["published", "date"])
@pytest.mark.parametrize("value, expected", [
    ("Thu, 04 Dec 2025 19:56:00 +0100", DocDate("2025-12-04", "day")),
    ("2025-12-04T23:30:00-05:00", DocDate("2025-12-04", "day")),
    ("2025-12", DocDate("2025-12", "month")),
])
def test_dates(tmp_path, field, value, expected):
    path = write(tmp_path, [{"id": "x", field: value, "text": PL_SHORT}])
    [doc] = list(read_inputs([str(path)]))
    assert doc.date == expected


def test_date_argument_fills_only_records_without_a_date(tmp_path):
    path = write(tmp_path, [
        {"id": "a", "published": "2025-12-04T19:56:00+01:00", "text": PL_SHORT},
        {"id": "b", "text": PL_SECOND},
        {"id": "c", "published": "wczoraj wieczorem", "text": PL_SECOND},
    ])
    docs = list(read_inputs([str(path)], date="2025-12"))
    assert [d.date.as_dict() for d in docs] == [
        {"value": "2025-12-04", "precision": "day"},
        {"value": "2025-12", "precision": "month"},
        {"value": "2025-12", "precision": "month"},  # an unreadable date is no date
    ]


def test_bad_lines_are_reported_with_their_numbers_and_reading_goes_on(tmp_path):
    path = write(tmp_path, [
        {"id": "ok-1", "text": PL_SHORT},
        '{"id": "zly-json", "text": "Brak przecinka" "title": "x"}',
        {"id": "bez-tekstu", "title": "Sam tytuł"},
        "",
        {"id": "pusty", "text": "   "},
        '["to", "nie", "obiekt"]',
        {"id": "liczba", "text": 42},
        {"id": "ok-2", "text": PL_SECOND},
    ])
    items = list(read_inputs([str(path)]))
    p = str(path)
    assert items[0].source == "ok-1"
    assert isinstance(items[1], IngestError) and (items[1].source, items[1].line) == (p, 2)
    assert items[1].message.startswith("line 2: malformed JSON: Expecting")
    assert items[2] == IngestError(p, "line 3: record has no 'text'", 3)
    assert items[3] == IngestError(p, "line 5: record has an empty 'text'", 5)
    assert items[4] == IngestError(p, "line 6: not a JSON object (got an array)", 6)
    assert items[5] == IngestError(p, "line 7: 'text' is not a string (got a number)", 7)
    assert isinstance(items[6], Document) and items[6].source == "ok-2"
    assert len(items) == 7


def test_malformed_json_message_names_line_and_problem(tmp_path):
    path = write(tmp_path, [{"id": "a", "text": PL_SHORT}] * 16 + ['{"id": "b" "text": "x"}'])
    err = list(read_inputs([str(path)]))[-1]
    assert err == IngestError(str(path), "line 17: malformed JSON: Expecting ',' delimiter at column 12", 17)


def test_blank_lines_only_is_an_empty_file(tmp_path):
    path = tmp_path / "puste.jsonl"
    path.write_text("\n  \n\n", encoding="utf-8")
    assert list(read_inputs([str(path)])) == [IngestError(str(path), "empty file (only blank lines)")]


def test_record_too_large_is_a_line_error(tmp_path):
    path = write(tmp_path, [{"id": "duzy", "text": PL_PARAGRAPH * 3}, {"id": "maly", "text": PL_SHORT}])
    items = list(read_inputs([str(path)], max_bytes=2000))
    assert isinstance(items[0], IngestError) and items[0].line == 1
    assert items[0].message.startswith("line 1: record too large (") and "> limit 2000 bytes)" in items[0].message
    assert isinstance(items[1], Document) and items[1].source == "maly"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1250", "iso8859_2"])
def test_encodings(tmp_path, encoding):
    rows = [{"id": "a", "text": PL_PARAGRAPH}, {"id": "b", "text": PL_SHORT}]
    if encoding != "iso8859_2":
        rows.append({"id": "c", "text": PL_CP1250_PUNCTUATION})
    path = write(tmp_path, rows, encoding=encoding)
    docs = list(read_inputs([str(path)]))
    assert [(d.source, d.text) for d in docs] == [(r["id"], r["text"]) for r in rows]


def test_encoding_detected_from_first_non_ascii_line(tmp_path):
    """An ASCII-only start does not fix the encoding: cp1250 lines further down still decode."""
    rows = [{"id": f"ascii-{i}", "text": "NATO leaders met in The Hague."} for i in range(50)]
    rows.append({"id": "pl", "text": PL_PARAGRAPH})
    path = write(tmp_path, rows, encoding="cp1250")
    docs = list(read_inputs([str(path)]))
    assert docs[-1].source == "pl" and docs[-1].text == PL_PARAGRAPH
    assert len(docs) == 51


def test_an_undecodable_line_fails_alone(tmp_path):
    good = dump([{"id": "a", "text": PL_PARAGRAPH}, {"id": "b", "text": PL_SHORT}]).encode("utf-8")
    bad = dump([{"id": "zle", "text": PL_SECOND}]).encode("cp1250")
    path = tmp_path / "mieszany.jsonl"
    path.write_bytes(good + bad + dump([{"id": "c", "text": PL_SECOND}]).encode("utf-8"))
    items = list(read_inputs([str(path)]))
    assert [getattr(i, "source", None) for i in items] == ["a", "b", str(path), "c"]
    assert items[2].line == 3
    assert items[2].message.startswith("line 3: cannot decode as UTF-8 (byte 0x")


class CountingStream:
    """A binary stream that counts the lines handed out, to prove the reader streams."""

    def __init__(self, data: bytes):
        self._f = io.BytesIO(data)
        self.lines = 0

    def readline(self, limit: int = -1) -> bytes:
        line = self._f.readline(limit)
        self.lines += bool(line)
        return line


def test_reader_streams_with_bounded_lookahead(monkeypatch):
    monkeypatch.setattr(jsonl_module, "SAMPLE_BYTES", 4096)
    rows = [{"id": f"r{i}", "text": PL_SHORT} for i in range(300)]
    stream = CountingStream(dump(rows).encode("utf-8"))
    reader = read_jsonl(stream, "korpus.jsonl", ReadOptions())
    first = next(reader)
    assert first.source == "r0"
    assert stream.lines < 40  # one encoding sample (4 KB) ahead, not the whole file
    assert sum(1 for _ in reader) == 299
    assert stream.lines == 300
