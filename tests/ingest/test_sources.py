"""read_inputs: directories, globs, stdin, sniffing, and every bad input reported without stopping."""
from __future__ import annotations

import io
import json
import os

import pytest

from kronika.ingest import Document, IngestError, read_inputs
from tests.ingest.texts import HTML_ARTICLE, PL_SECOND, PL_SHORT

PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10\x00\x00\x00\x10\x08\x06\x00\x00\x00"


def kinds(items):
    return [type(i).__name__ for i in items]


@pytest.fixture
def tree(tmp_path):
    """A folder of articles with things to leave out: gold .json, hidden files, other extensions."""
    root = tmp_path / "korpus"
    (root / "b" / "c").mkdir(parents=True)
    (root / ".ukryty").mkdir()
    (root / "z.txt").write_text(PL_SHORT, encoding="utf-8")
    (root / "b" / "a.TXT").write_text(PL_SECOND, encoding="utf-8")
    (root / "b" / "c" / "d.jsonl").write_text(json.dumps({"id": "rec-1", "text": PL_SHORT}) + "\n", encoding="utf-8")
    (root / "b" / "e.ndjson").write_text(json.dumps({"id": "rec-2", "text": PL_SECOND}) + "\n", encoding="utf-8")
    (root / "a.html").write_text(HTML_ARTICLE.format(charset="utf-8"), encoding="utf-8")
    (root / "b" / "f.text").write_text(PL_SECOND, encoding="cp1250")
    (root / "gold.json").write_text('{"doc": {"source": "x"}, "events": []}', encoding="utf-8")
    (root / "notatki.md").write_text("# notatki", encoding="utf-8")
    (root / ".szkic.txt").write_text(PL_SHORT, encoding="utf-8")
    (root / ".ukryty" / "x.txt").write_text(PL_SHORT, encoding="utf-8")
    return root


def test_directory_is_read_recursively_sorted_and_filtered(tree):
    docs = list(read_inputs([str(tree)]))
    assert all(isinstance(d, Document) for d in docs)
    assert [d.source for d in docs] == [
        str(tree / "a.html"),
        str(tree / "b" / "a.TXT"),
        "rec-1",  # b/c/d.jsonl
        "rec-2",  # b/e.ndjson
        str(tree / "b" / "f.text"),
        str(tree / "z.txt"),
    ]


def test_empty_directory_is_reported(tmp_path):
    (tmp_path / "pusty").mkdir()
    [err] = list(read_inputs([str(tmp_path / "pusty")]))
    assert isinstance(err, IngestError) and err.message.startswith("no article files (.txt, .text, .jsonl")


def test_glob_patterns_are_expanded(tree):
    docs = list(read_inputs([str(tree / "b" / "?.*")]))
    assert [d.source for d in docs] == [str(tree / "b" / "a.TXT"), "rec-2", str(tree / "b" / "f.text")]
    docs = list(read_inputs([str(tree / "b")[:-1] + "[b]"]))  # a pattern matching a directory
    assert [d.source for d in docs] == [str(tree / "b" / "a.TXT"), "rec-1", "rec-2", str(tree / "b" / "f.text")]
    docs = list(read_inputs([str(tree / "**" / "*.jsonl")]))
    assert [d.source for d in docs] == ["rec-1"]


def test_glob_without_matches(tmp_path):
    pattern = str(tmp_path / "*.txt")
    assert list(read_inputs([pattern])) == [IngestError(pattern, "no files match this pattern")]


def test_missing_file_then_good_file(tmp_path):
    good = tmp_path / "ok.txt"
    good.write_text(PL_SHORT, encoding="utf-8")
    missing = str(tmp_path / "brak.txt")
    items = list(read_inputs([missing, str(good)]))
    assert items[0] == IngestError(missing, "no such file")
    assert isinstance(items[1], Document) and items[1].text == PL_SHORT


@pytest.mark.parametrize("name", ["zdjecie.txt", "zdjecie.jsonl", "zdjecie.html", "zdjecie.png"])
def test_binary_files_are_skipped(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(PNG_HEAD + os.urandom(256))
    good = tmp_path / "ok.txt"
    good.write_text(PL_SHORT, encoding="utf-8")
    items = list(read_inputs([str(path), str(good)]))
    assert items[0] == IngestError(str(path), "binary file (NUL bytes), skipped")
    assert isinstance(items[1], Document)


def test_control_characters_make_a_file_binary(tmp_path):
    path = tmp_path / "dziwny.txt"
    path.write_bytes(b"\x01\x02\x03\x04\x05 abc " * 20)
    assert list(read_inputs([str(path)])) == [IngestError(str(path), "binary file (control characters), skipped")]


@pytest.mark.parametrize("content, message", [
    (b"", "empty file (0 bytes)"),
    (b"  \n\t\r\n  ", "empty file (only whitespace)"),
])
@pytest.mark.parametrize("name", ["pusty.txt", "pusty.html"])
def test_empty_files(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_bytes(content)
    assert list(read_inputs([str(path)])) == [IngestError(str(path), message)]


def test_file_over_the_size_limit(tmp_path):
    path = tmp_path / "duzy.txt"
    path.write_text(PL_SHORT * 20, encoding="utf-8")
    size = path.stat().st_size
    [err] = list(read_inputs([str(path)], max_bytes=1000))
    assert err == IngestError(str(path), f"file too large ({size} bytes > limit 1000 bytes)")
    [doc] = list(read_inputs([str(path)], max_bytes=size))
    assert isinstance(doc, Document)


def test_jsonl_is_streamed_without_the_size_limit(tmp_path):
    path = tmp_path / "duzy.jsonl"
    path.write_text("".join(json.dumps({"id": f"r{i}", "text": PL_SHORT}) + "\n" for i in range(30)), encoding="utf-8")
    assert path.stat().st_size > 1000
    docs = list(read_inputs([str(path)], max_bytes=1000))
    assert len(docs) == 30 and all(isinstance(d, Document) for d in docs)


def test_unknown_extension_is_sniffed(tmp_path):
    (tmp_path / "a.dat").write_text(json.dumps({"id": "j1", "text": PL_SHORT}) + "\n"
                                    + json.dumps({"id": "j2", "text": PL_SECOND}) + "\n", encoding="utf-8")
    (tmp_path / "b.dat").write_text(HTML_ARTICLE.format(charset="utf-8"), encoding="utf-8")
    (tmp_path / "c").write_text("date 2025-06-25\n" + PL_SHORT, encoding="utf-8")
    (tmp_path / "d.json").write_text(json.dumps({"id": "j3", "text": PL_SECOND}, indent=2), encoding="utf-8")
    docs = list(read_inputs([str(tmp_path / n) for n in ("a.dat", "b.dat", "c", "d.json")]))
    assert [d.source for d in docs] == ["j1", "j2", str(tmp_path / "b.dat"), str(tmp_path / "c"), "j3"]
    assert docs[2].title == "Szczyt NATO w Hadze"
    assert docs[3].date.value == "2025-06-25"


def test_pretty_printed_gold_record_named_explicitly_is_one_error(tmp_path):
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"doc": {"source": "x"}, "events": [1, 2, 3]}, indent=2), encoding="utf-8")
    assert list(read_inputs([str(path)])) == [IngestError(str(path), "line 1: record has no 'text'", 1)]


def test_stdin_text(tmp_path):
    docs = list(read_inputs(["-"], stdin=io.StringIO("date 2025-06-25 " + PL_SHORT)))
    assert [(d.source, d.text, d.date.value) for d in docs] == [("-", PL_SHORT, "2025-06-25")]


def test_stdin_bytes_in_cp1250():
    docs = list(read_inputs(["-"], stdin=io.BytesIO(PL_SECOND.encode("cp1250"))))
    assert [d.text for d in docs] == [PL_SECOND]


def test_stdin_jsonl():
    data = "\n" + json.dumps({"id": "s1", "text": PL_SHORT}) + "\n{zepsuty\n" + json.dumps({"text": PL_SECOND}) + "\n"
    items = list(read_inputs(["-"], stdin=io.BytesIO(data.encode("utf-8"))))
    assert items[0].source == "s1"
    assert isinstance(items[1], IngestError) and items[1].source == "-" and items[1].line == 3
    assert items[2].source == "-:4"


def test_stdin_html():
    [doc] = list(read_inputs(["-"], stdin=io.StringIO(HTML_ARTICLE.format(charset="utf-8"))))
    assert doc.title == "Szczyt NATO w Hadze" and doc.source == "-"


def test_empty_stdin():
    assert list(read_inputs(["-"], stdin=io.StringIO(""))) == [IngestError("-", "empty input (0 bytes)")]


def test_stdin_among_files(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(PL_SECOND, encoding="utf-8")
    docs = list(read_inputs([str(path), "-"], stdin=io.StringIO(PL_SHORT)))
    assert [d.text for d in docs] == [PL_SECOND, PL_SHORT]


def test_bad_date_argument_is_refused_before_reading():
    with pytest.raises(ValueError, match="--date: not a recognised date: 'jutro'"):
        read_inputs(["-"], date="jutro")


def test_missing_stdin_is_an_error_not_a_crash(monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    assert list(read_inputs(["-"])) == [IngestError("-", "no standard input to read")]
