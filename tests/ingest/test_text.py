"""Plain-text articles and the seed header format."""
from __future__ import annotations

import pytest

from kronika.ingest import DocDate, Document, IngestError, read_inputs
from kronika.ingest.failures import ReadFailure
from kronika.ingest.text import Header, split_header
from tests.ingest.texts import PL_SECOND, PL_SHORT


def read_one(tmp_path, content: str, name: str = "art.txt", **kwargs):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    items = list(read_inputs([str(path)], **kwargs))
    assert len(items) == 1
    return items[0]


def test_plain_text_has_unknown_date_and_path_as_source(tmp_path):
    doc = read_one(tmp_path, PL_SHORT + "\n")
    assert isinstance(doc, Document)
    assert doc.text == PL_SHORT
    assert doc.source == str(tmp_path / "art.txt")
    assert doc.date == DocDate()
    assert doc.title is None and doc.outlet is None and doc.url is None
    assert doc.lang == "pl"


def test_date_argument_dates_plain_text(tmp_path):
    doc = read_one(tmp_path, PL_SHORT, date="2025-06-25")
    assert doc.date.as_dict() == {"value": "2025-06-25", "precision": "day"}


def test_inline_date_header_like_the_seed(tmp_path):
    doc = read_one(tmp_path, " date 2023-08 " + PL_SHORT + "\n\n" + PL_SECOND)
    assert doc.date.as_dict() == {"value": "2023-08", "precision": "month"}
    assert doc.text == PL_SHORT + "\n\n" + PL_SECOND


def test_date_header_on_its_own_line(tmp_path):
    doc = read_one(tmp_path, "date 2025-06-24\n" + PL_SHORT)
    assert doc.date.as_dict() == {"value": "2025-06-24", "precision": "day"}
    assert doc.text == PL_SHORT


def test_header_date_wins_over_date_argument(tmp_path):
    doc = read_one(tmp_path, "date 2025\n" + PL_SHORT, date="2024-01-01")
    assert doc.date.as_dict() == {"value": "2025", "precision": "year"}


def test_all_header_fields(tmp_path):
    content = (
        "date 2025-06-25\r\n"
        "title Szczyt NATO w Hadze\r\n"
        "outlet Serwis Testowy\r\n"
        "url https://serwis.example/nato\r\n"
        "lang pl\r\n"
        "\r\n" + PL_SHORT.replace("\n", "\r\n")
    )
    doc = read_one(tmp_path, content)
    assert (doc.title, doc.outlet, doc.url, doc.lang) == (
        "Szczyt NATO w Hadze", "Serwis Testowy", "https://serwis.example/nato", "pl")
    assert doc.date.value == "2025-06-25"
    assert doc.text == PL_SHORT


def test_header_keys_in_body_are_body(tmp_path):
    text = PL_SHORT + "\ndate 2020-01-01\ntitle Nie nagłówek"
    doc = read_one(tmp_path, text)
    assert doc.text == text
    assert doc.date == DocDate() and doc.title is None


def test_a_first_word_that_is_a_key_but_no_value_shape_is_body():
    header, body = split_header("date of the summit was set for June.\nMore text.")
    assert header == Header()
    assert body.startswith("date of the summit")


def test_malformed_header_date_is_an_error(tmp_path):
    err = read_one(tmp_path, "date 2023-13\n" + PL_SHORT)
    assert isinstance(err, IngestError)
    assert "header 'date 2023-13'" in err.message and "month" in err.message


def test_repeated_header_key():
    with pytest.raises(ReadFailure, match="header 'date' given twice"):
        split_header("date 2023-08\ndate 2023-09\n" + PL_SHORT)


def test_header_only_file_is_an_error(tmp_path):
    err = read_one(tmp_path, "date 2023-08\ntitle Tytuł bez treści\n")
    assert err == IngestError(str(tmp_path / "art.txt"), "no text after the header")


def test_seed_article(seed_txt):
    [doc] = list(read_inputs([str(seed_txt)]))
    assert isinstance(doc, Document)
    assert doc.date.as_dict() == {"value": "2023-08", "precision": "month"}
    assert doc.lang == "pl"
    assert doc.text.startswith("Przywódca Korei Północnej")
    assert "date 2023-08" not in doc.text
    assert doc.source == str(seed_txt)


def test_date_header_with_a_timestamp_keeps_its_day(tmp_path):
    doc = read_one(tmp_path, "date 2023-08-15T23:10:00+09:00\n" + PL_SHORT)
    assert doc.date.as_dict() == {"value": "2023-08-15", "precision": "day"}
