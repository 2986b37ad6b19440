"""Every page in real headless Chromium: load it, use the filters, sort, click through from an event to its
document, check the marked spans, and check that the script in a malicious article never runs."""
from __future__ import annotations

import re

from tests.web.records import MALICIOUS_TITLE, TEXT_KIM_PUTIN


def _clean(page) -> None:
    """The page asked for nothing outside the server and raised no JavaScript error."""
    assert page.outside == []
    assert page.js_errors == []


def _rows(page) -> list[dict]:
    return page.eval_on_selector_all(
        "#events-table tbody tr",
        """rows => rows.map(r => ({category: r.querySelector('.badge.cat').textContent.trim(),
                                 date: r.querySelector('td.date').dataset.value,
                                 score: r.querySelector('td.num').dataset.value,
                                 text: r.textContent}))""",
    )


def test_events_page_lists_events_with_status_and_attribution_badges(live_server, page, shot):
    page.goto(live_server.url + "/events")
    assert page.title().startswith("Events")
    total = int(page.locator("#total").get_attribute("data-total"))
    assert total == 18
    assert len(_rows(page)) == 18
    assert page.locator(".badge.status-alleged").count() == 2
    badge = page.locator(".badge.attribution", has_text="Korean Central News Agency → Reuters")
    assert badge.count() == 1
    dates = [r["date"] for r in _rows(page) if r["date"]]
    assert dates == sorted(dates, key=lambda d: d[:7] + d[7:])  # chronological by default (same precision order)
    shot(page, "events")
    _clean(page)


def test_filters_narrow_the_list(live_server, page, shot):
    page.goto(live_server.url + "/events")
    page.fill("input[name=dyad]", "RUS,PRK")
    page.click("form#filters button[type=submit]")
    page.wait_for_url(re.compile(r"dyad=RUS%2CPRK"))
    assert "category=" not in page.url  # empty fields stay out of the URL
    rows = _rows(page)
    assert len(rows) == 5
    # choosing a category applies at once
    with page.expect_navigation():
        page.select_option("select[name=category]", "CONSULT")
    rows = _rows(page)
    assert {r["category"] for r in rows} == {"CONSULT"}
    assert len(rows) == 2
    assert page.input_value("input[name=dyad]") == "RUS,PRK"
    shot(page, "events-filtered")
    page.goto(live_server.url + "/events?q=zapewni%C5%82")
    assert len(_rows(page)) == 1
    _clean(page)


def test_sorting_a_column(live_server, page, shot):
    page.goto(live_server.url + "/events")
    page.click("th[data-sort=scale] a")
    page.wait_for_url(re.compile(r"sort=scale"))
    scores = [float(r["score"]) for r in _rows(page) if r["score"]]
    assert scores == sorted(scores) and len(scores) >= 10
    assert page.get_attribute("th[data-sort=scale]", "aria-sort") == "ascending"
    page.click("th[data-sort=scale] a")
    page.wait_for_url(re.compile(r"order=desc"))
    scores = [float(r["score"]) for r in _rows(page) if r["score"]]
    assert scores == sorted(scores, reverse=True)
    assert scores[0] == 6.0
    shot(page, "events-sorted")
    _clean(page)


def test_from_an_event_to_its_document(live_server, page, shot):
    page.goto(live_server.url + "/events?q=zapewni%C5%82")
    page.click("a.event-link")
    page.wait_for_url(re.compile(r"/events/sha256"))
    evidence = page.locator("#evidence")
    assert evidence.inner_text().startswith("Według agencji Reuters")
    assert page.locator("#evidence .hl-trigger").first.text_content() == "zapewnił"
    assert page.locator("#evidence .hl-actor").first.text_content() == "Kim"
    assert set(page.locator("#evidence .hl-source").all_text_contents()) == {"Reuters", "KCNA"}
    assert page.locator("#evidence .hl-recipient").first.text_content() == "Moskwy"
    assert "2023-09-13" in page.locator("#event-date").inner_text()
    assert page.locator(".badge.attribution").first.inner_text().endswith("Korean Central News Agency → Reuters")
    shot(page, "event")
    page.click("#doc-link")
    page.wait_for_url(re.compile(r"/documents/sha256.*#event-v2$"))
    assert page.locator("#doc-text").inner_text().replace("PERSON", "").startswith("Przywódca")
    focused = page.locator("#doc-text .trigger.focus")
    assert focused.count() == 1 and focused.text_content() == "zapewnił"
    shot(page, "document")
    _clean(page)


def test_document_marks_every_layer(live_server, page):
    page.goto(live_server.url + "/events?q=spotka%C5%82%20si%C4%99%20w%20%C5%9Brod%C4%99%20z%20W%C5%82adimirem")
    page.click("a.event-link")
    page.click("#doc-link")
    page.wait_for_url(re.compile(r"/documents/"))
    text = page.locator("#doc-text")
    # the marks' labels are extra text: without them the text is the document's text
    plain = text.evaluate("el => { const c = el.cloneNode(true); c.querySelectorAll('.tag').forEach(t => t.remove());"
                          " return c.textContent; }")
    assert plain == TEXT_KIM_PUTIN
    persons = page.locator("#doc-text .ent-person").all_text_contents()
    assert {"Kim Dzong Un", "Władimirem Putinem", "Putina", "Kim"} <= set(persons)
    assert page.locator("#doc-text .timex").all_text_contents() == ["w środę"]
    assert page.locator("#doc-text .quote").first.text_content() == "o pełnym poparciu dla "
    assert page.locator("#doc-text .trigger").all_text_contents() == ["spotkał się", "zapewnił"]
    page.click("#record-json summary")
    assert '"event": "SUPPORT"' in page.locator("#record-json pre").inner_text()
    _clean(page)


def test_untrusted_article_text_is_shown_not_run(live_server, page, shot):
    page.goto(live_server.url + "/events?actor=Poland&category=ACCUSE")
    assert page.locator("a.event-link").count() == 1
    assert page.evaluate("typeof window.pwned") == "undefined"
    page.click("a.event-link")
    page.wait_for_url(re.compile(r"/events/sha256"))
    assert "<script>window.pwned = 'text';</script>" in page.locator("#evidence").inner_text()
    assert page.evaluate("typeof window.pwned") == "undefined"
    shot(page, "event-malicious")
    page.click("#doc-link")
    page.wait_for_url(re.compile(r"/documents/"))
    assert page.locator("#doc-title").inner_text() == MALICIOUS_TITLE
    assert page.locator("#doc-text script, #doc-text img, #doc-text b").count() == 0
    assert "<img src=x onerror=" in page.locator("#doc-text").inner_text()
    assert page.locator("a[href^='javascript:']").count() == 0
    page.click("#record-json summary")
    assert page.evaluate("typeof window.pwned") == "undefined"
    shot(page, "document-malicious")
    _clean(page)


def test_dyad_page_draws_the_monthly_timeline(live_server, page, shot):
    page.goto(live_server.url + "/dyad")
    page.fill("input[name=a]", "RUS")
    page.fill("input[name=b]", "UKR")
    page.click("#dyad-form button[type=submit]")
    page.wait_for_selector("#dyad-chart")
    months = page.locator("#dyad-chart rect.bar").evaluate_all("bars => bars.map(b => b.dataset.month)")
    assert "2023-05" in months
    assert page.locator("#dyad-chart rect.bar.q4").count() == 1  # the missile strike on Kyiv
    page.goto(live_server.url + "/dyad?a=RUS&b=PRK")
    bars = page.locator("#dyad-chart rect.bar")
    assert bars.count() == 4
    assert set(bars.evaluate_all("bs => bs.map(b => b.dataset.month)")) == {"2023-07", "2023-09", "2023-10", "2024-06"}
    assert page.locator("#dyad-chart rect.bar.q2").count() == 1
    assert page.locator("#dyad-chart circle.scale-dot").count() == 12  # July 2023 to June 2024
    shot(page, "dyad")
    _clean(page)


def test_network_page_draws_who_acted_on_whom(live_server, page, shot):
    page.goto(live_server.url + "/network")
    assert page.locator("#network g.node").count() >= 10
    page.fill("input[name=country]", "PRK")
    page.click("form#filters button[type=submit]")
    page.wait_for_url(re.compile(r"country=PRK"))
    names = set(page.locator("#network g.node").evaluate_all("ns => ns.map(n => n.dataset.name)"))
    assert {"Kim Jong Un", "Vladimir Putin", "North Korea", "Russia", "White House"} <= names
    assert "Andrzej Duda" not in names
    edges = page.locator("#network path.edge")
    pairs = set(edges.evaluate_all("es => es.map(e => e.dataset.source + '>' + e.dataset.target)"))
    assert "White House>North Korea" in pairs and "North Korea>Russia" in pairs
    assert page.locator("#network path.edge.conflict[data-source='White House']").count() == 1
    shot(page, "network")
    _clean(page)


def test_actors_documents_and_api_pages(live_server, page, shot):
    page.goto(live_server.url + "/actors")
    first = page.locator("#actors-table tbody tr").first.inner_text()
    assert first.startswith("Russia")
    shot(page, "actors")
    page.goto(live_server.url + "/documents")
    assert page.locator("#documents-table tbody tr").count() == 8
    shot(page, "documents")
    page.goto(live_server.url + "/docs")
    assert page.locator("section.op").count() >= 8
    assert page.locator("code", has_text="/api/events").count() >= 1
    shot(page, "api-docs")
    _clean(page)


def test_bad_filter_shows_a_clear_error_page(live_server, page):
    response = page.goto(live_server.url + "/events?since=last-week")
    assert response.status == 400
    assert "since" in page.locator(".detail").inner_text()
    _clean(page)
