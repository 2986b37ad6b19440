"""HTML pages: main text and metadata via trafilatura, no network."""
from __future__ import annotations

from kronika.ingest import DocDate, Document, IngestError, read_inputs
from tests.ingest.texts import HTML_ARTICLE


def test_article_page(tmp_path):
    path = tmp_path / "nato.html"
    path.write_text(HTML_ARTICLE.format(charset="utf-8"), encoding="utf-8")
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.title == "Szczyt NATO w Hadze"
    assert doc.outlet == "Serwis Testowy"
    assert doc.url == "https://serwis.example/swiat/szczyt-nato-w-hadze"
    assert doc.date == DocDate("2025-06-25", "day")
    assert doc.lang == "pl"
    assert "Przywódcy państw NATO zebrali się w środę w Hadze" in doc.text
    assert "najwięcej wątpliwości zgłaszała Hiszpania." in doc.text
    assert "Wszelkie prawa zastrzeżone" not in doc.text  # boilerplate is not article text
    assert "Kontakt" not in doc.text


def test_cp1250_page(tmp_path):
    path = tmp_path / "nato.htm"
    path.write_bytes(HTML_ARTICLE.format(charset="windows-1250").encode("cp1250"))
    [doc] = list(read_inputs([str(path)]))
    assert "Źródła dyplomatyczne wskazują" in doc.text


def test_page_without_article_text_is_an_error(tmp_path):
    path = tmp_path / "pusta.xhtml"
    path.write_text("<!DOCTYPE html><html><head><title>Pusta</title></head><body><div></div></body></html>",
                    encoding="utf-8")
    assert list(read_inputs([str(path)])) == [IngestError(str(path), "HTML page with no extractable article text")]


def test_page_without_date_takes_date_argument(tmp_path):
    html = HTML_ARTICLE.format(charset="utf-8").replace(
        '<meta property="article:published_time" content="2025-06-25T10:15:00+02:00">', "")
    path = tmp_path / "bez-daty.html"
    path.write_text(html, encoding="utf-8")
    [doc] = list(read_inputs([str(path)], date="2025-06"))
    assert doc.date == DocDate("2025-06", "month")
