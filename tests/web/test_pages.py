"""Server-rendered pages: they show what the store holds, and every piece of article text is escaped."""
from __future__ import annotations

import re

import pytest

from tests.web.records import IMG, MALICIOUS_ENTITY, MALICIOUS_TITLE, SCRIPT


def _malicious_doc_id(client) -> str:
    return next(d["id"] for d in client.get("/api/documents").json()["documents"] if d["title"] == MALICIOUS_TITLE)


@pytest.mark.parametrize("url", ["/", "/events", "/events?dyad=RUS,PRK&sort=actor&order=desc", "/documents", "/actors",
                                 "/dyad", "/dyad?a=RUS&b=PRK", "/network", "/network?country=PRK", "/docs"])
def test_every_page_renders(client, url):
    r = client.get(url)
    assert r.status_code == 200
    assert r.headers["content-type"].startswith("text/html")
    assert "kronika" in r.text


def test_pages_load_only_local_assets(client):
    for url in ("/events", "/docs", "/dyad?a=RUS&b=PRK"):
        html = client.get(url).text
        for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", ref) or "example.org" in ref, ref
    assert client.get("/static/kronika.css").status_code == 200
    assert client.get("/static/kronika.js").status_code == 200


@pytest.mark.parametrize("page", ["document", "event", "events", "actors", "network"])
def test_article_markup_and_scripts_are_escaped(client, page):
    doc_id = _malicious_doc_id(client)
    url = {"document": f"/documents/{doc_id}", "event": f"/events/{doc_id}/v1", "events": "/events?actor=Poland",
           "actors": "/actors?country=POL", "network": "/network?country=POL"}[page]
    html = client.get(url).text
    # No tag from the article survives: each appears only escaped.
    for raw in (SCRIPT, IMG, "<b>Polska</b>", MALICIOUS_ENTITY, MALICIOUS_TITLE, "<i>Portal</i>"):
        assert raw not in html
    assert html.count("<script") == 1  # kronika's own /static/kronika.js, nothing else
    assert "<img" not in html and "<b>" not in html
    assert 'href="javascript:' not in html
    if page in ("document", "event"):
        assert "&lt;script&gt;window.pwned" in html


def test_document_page_marks_every_layer(client):
    doc_id = next(d["id"] for d in client.get("/api/documents").json()["documents"]
                  if d["title"].startswith("Kim Dzong Un u Putina"))
    html = client.get(f"/documents/{doc_id}").text
    assert re.search(r'class="hl ent ent-person"[^>]*>Kim Dzong Un<', html)
    assert re.search(r'class="hl timex"[^>]*>w środę<', html)
    assert re.search(r'class="hl trigger"[^>]*>zapewnił<', html)
    assert 'class="hl quote quote-indirect"' in html
    assert "&#34;event&#34;: &#34;SUPPORT&#34;" in html  # the record as JSON, escaped


def test_event_page_shows_date_text_and_links_the_document(client):
    doc_id = next(d["id"] for d in client.get("/api/documents").json()["documents"]
                  if d["title"].startswith("Szojgu"))
    html = client.get(f"/events/{doc_id}/v1").text
    assert "„we wtorek”" in html and "2023-07-25" in html
    assert re.search(r'class="hl hl-trigger"[^>]*>przybył<', html)
    assert re.search(r'class="hl hl-actor"[^>]*>Siergiej Szojgu<', html)
    assert f'href="/documents/{doc_id.replace(":", "%3A")}#event-v1"' in html


def test_empty_store_pages_say_so(tmp_path):
    from fastapi.testclient import TestClient

    from kronika.store import Store
    from kronika.web import create_app

    with Store(tmp_path / "empty.duckdb"):
        pass
    with TestClient(create_app(tmp_path / "empty.duckdb")) as c:
        assert "holds no events yet" in c.get("/events").text
        assert "No dated event" in c.get("/dyad?a=RUS&b=PRK").text
        assert "No event with both an actor and a recipient" in c.get("/network").text
