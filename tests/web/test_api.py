"""The JSON API over a store of hand-made records: filters, sorting, pagination, documents, actors, dyads,
network, and clear 4xx answers to bad requests."""
from __future__ import annotations

import pytest

from tests.web.records import MALICIOUS_TITLE, TEXT_KIM_PUTIN


def events(client, **params) -> dict:
    r = client.get("/api/events", params=params)
    assert r.status_code == 200, r.text
    return r.json()


def test_events_without_filters_are_all_events_in_date_order(client):
    body = events(client, limit=100)
    assert body["total"] == 18 and len(body["events"]) == 18
    dated = [e for e in body["events"] if e["date"]]
    assert [e["date"][:7] for e in dated] == sorted(e["date"][:7] for e in dated)
    assert [e["date"] for e in body["events"][-2:]] == [None, None]  # undated last


def test_each_event_carries_actors_evidence_and_attribution(client):
    (ev,) = events(client, q="zapewnił")["events"]
    assert ev["event"] == "SUPPORT"
    assert [a["name"] for a in ev["actors"]] == ["Kim Jong Un"]
    assert ev["attribution_names"] == ["Korean Central News Agency", "Reuters"]
    assert ev["evidence"].startswith("Według agencji Reuters")
    assert ev["trigger"] == "zapewnił"


@pytest.mark.parametrize("params, expected", [
    ({"actor": "kim"}, 4),
    ({"actor": "prk"}, 7),
    ({"country": "PRK"}, 7),
    ({"dyad": "RUS,PRK"}, 5),
    ({"dyad": "PRK,RUS", "directed": "true"}, 3),
    ({"dyad": "RUS,PRK", "directed": "true"}, 2),
    ({"category": "consult"}, 4),
    ({"quad": "4"}, 1),
    ({"quad": "3", "status": "alleged"}, 1),
    ({"status": "ALLEGED"}, 2),
    ({"since": "2023-09", "until": "2023-10"}, 5),
    ({"since": "2024"}, 3),
    ({"q": "ZESTRZELILY"}, 0),
    ({"q": "pakiet sankcji"}, 1),
    ({"q": "pociskow"}, 0),
    ({"q": "rakietowy"}, 1),
])
def test_filters(client, params, expected):
    assert events(client, **params)["total"] == expected


def test_filters_combine_and_report_themselves(client):
    body = events(client, dyad=" RUS , PRK ", category="CONSULT", since="")
    assert body["total"] == 2
    assert body["filter"] == {"dyad": "RUS,PRK", "category": "CONSULT"}


@pytest.mark.parametrize("sort", ["date", "category", "actor", "recipient", "status", "quad", "scale", "confidence"])
def test_sorting_puts_missing_values_last_in_both_orders(client, sort):
    key = {"date": "date", "category": "event", "status": "status", "quad": "quad_code", "scale": "event_scale",
           "confidence": "confidence"}.get(sort)
    for order in ("asc", "desc"):
        rows = events(client, sort=sort, order=order, limit=100)["events"]
        assert len(rows) == 18
        if key is None:
            names = [(r["actors"] if sort == "actor" else r["recipients"]) for r in rows]
            values = [min(a["name"].lower() for a in n) if n else None for n in names]
        else:
            values = [r[key] for r in rows]
        present = [v for v in values if v is not None]
        assert values[:len(present)] == present  # None only at the end
        if key != "date":
            assert present == sorted(present, reverse=order == "desc")


def test_pagination_walks_the_whole_list_once(client):
    everything = [(e["doc_id"], e["event_id"]) for e in events(client, sort="scale", limit=100)["events"]]
    pages = []
    for offset in range(0, 18, 5):
        body = events(client, sort="scale", limit=5, offset=offset)
        assert body["total"] == 18 and body["offset"] == offset
        pages += [(e["doc_id"], e["event_id"]) for e in body["events"]]
    assert pages == everything
    assert events(client, offset=1000)["events"] == []
    assert events(client, limit=0)["events"] == []


def test_one_event_and_one_document(client):
    ev = events(client, q="zapewnił")["events"][0]
    r = client.get(f"/api/events/{ev['doc_id']}/{ev['event_id']}")
    assert r.status_code == 200 and r.json()["event"] == "SUPPORT"
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    assert doc["doc"]["text"] == TEXT_KIM_PUTIN
    assert [v["id"] for v in doc["events"]] == ["v1", "v2"]
    assert [e["id"] for e in doc["entities"]][:2] == ["e1", "e2"]
    assert doc["quotes"][0]["attribution"] == ["e4", "e5"]
    assert doc["timexes"][0]["text"] == "w środę"


def test_documents_list(client):
    body = client.get("/api/documents").json()
    assert body["total"] == 8
    assert [d["events"] for d in body["documents"]] == [3, 3, 3, 2, 3, 2, 1, 1]
    assert body["documents"][-1]["title"] == MALICIOUS_TITLE


def test_actors_are_counted_in_the_current_filter(client):
    everyone = client.get("/api/actors").json()["actors"]
    assert everyone[0] == {"name": "Russia", "country": "RUS", "events": 8, "as_actor": 3, "as_recipient": 5}
    korean = client.get("/api/actors", params={"dyad": "RUS,PRK"}).json()["actors"]
    kim = next(a for a in korean if a["name"] == "Kim Jong Un")
    assert (kim["events"], kim["as_actor"], kim["as_recipient"]) == (4, 2, 2)
    assert all(a["name"] != "Andrzej Duda" for a in korean)


def test_dyad_series_counts_months_by_quad_class(client):
    body = client.get("/api/dyad", params={"a": "RUS", "b": "PRK"}).json()
    months = body["months"]
    assert [m["month"] for m in months][0] == "2023-07" and months[-1]["month"] == "2024-06"
    assert len(months) == 12  # empty months included
    by = {m["month"]: m for m in months}
    assert (by["2023-09"]["quad1"], by["2023-09"]["event_scale"]) == (2, 4.0)
    assert (by["2023-10"]["quad2"], by["2023-10"]["cooperation"], by["2023-10"]["conflict"]) == (1, 1, 0)
    assert by["2023-12"]["events"] == 0
    assert body["undated"] == 0
    conflict = client.get("/api/dyad", params={"a": "RUS", "b": "UKR"}).json()
    (may,) = [m for m in conflict["months"] if m["events"]]
    assert (may["month"], may["quad4"], may["event_scale"]) == ("2023-05", 1, -9.5)


def test_network_edges(client):
    edges = client.get("/api/network", params={"country": "PRK"}).json()["edges"]
    pairs = {(e["source"], e["target"]): e for e in edges}
    assert pairs[("White House", "North Korea")]["conflict"] == 1
    assert pairs[("North Korea", "Russia")]["cooperation"] == 1
    assert pairs[("Russia", "White House")]["event_scale"] == -4.0
    assert ("Andrzej Duda", "Volodymyr Zelenskyy") not in pairs


def test_openapi_is_served_and_lists_the_endpoints(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/api/events", "/api/documents/{doc_id}", "/api/actors", "/api/dyad", "/api/network"} <= set(paths)
    docs = client.get("/docs")
    assert docs.status_code == 200 and "/api/events" in docs.text
    assert "cdn" not in docs.text.lower() and "https://" not in docs.text


@pytest.mark.parametrize("url, status, words", [
    ("/api/events?since=2023-02-30", 400, "since"),
    ("/api/events?since=yesterday", 400, "since"),
    ("/api/events?until=2023-13", 400, "until"),
    ("/api/events?since=2024&until=2023", 400, "after"),
    ("/api/events?category=BOMBARD", 400, "unknown PLOVER category"),
    ("/api/events?status=rumoured", 400, "unknown status"),
    ("/api/events?quad=5", 400, "quad"),
    ("/api/events?quad=x", 400, "quad"),
    ("/api/events?dyad=RUS", 400, "dyad"),
    ("/api/events?limit=-1", 422, "limit"),
    ("/api/events?limit=abc", 422, "limit"),
    ("/api/events?limit=1000000", 422, "limit"),
    ("/api/events?offset=-5", 422, "offset"),
    ("/api/events?offset=99999999999999999999999", 422, "offset"),
    ("/api/events?sort=evidence", 422, "sort"),
    ("/api/events?order=sideways", 422, "order"),
    ("/api/documents/sha256:0000", 404, "no document"),
    ("/api/events/sha256:0000/v1", 404, "no event"),
    ("/api/dyad?a=RUS", 422, "b"),
    ("/api/dyad?a=RUS&b=PRK&since=never", 400, "since"),
    ("/api/actors?limit=-3", 422, "limit"),
    ("/api/nothing-here", 404, "Not Found"),
])
def test_bad_requests_get_a_clear_4xx(client, url, status, words):
    r = client.get(url)
    assert r.status_code == status, r.text
    assert words in r.json()["detail"]


@pytest.mark.parametrize("url", ["/events?since=2023-02-30", "/events?offset=-1", "/events?sort=nope",
                                 "/documents/sha256:0000", "/events/sha256:0000/v9", "/dyad?a=RUS",
                                 "/network?category=NOPE", "/actors?quad=9"])
def test_bad_page_requests_get_an_html_error_page(client, url):
    r = client.get(url)
    assert 400 <= r.status_code < 500
    assert r.headers["content-type"].startswith("text/html")
    assert "<h1>" in r.text


def test_the_store_is_opened_read_only(client):
    assert client.app.state.access.store.read_only
