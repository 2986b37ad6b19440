"""Access: loopback by default; any other address needs a token, and then every request must carry it."""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from kronika.web import create_app
from kronika.web.server import check_bind, is_loopback, url_for

TOKEN = "s3cret-Token"


@pytest.fixture(scope="module")
def guarded(web_db):
    with TestClient(create_app(web_db, token=TOKEN)) as c:
        yield c


@pytest.mark.parametrize("url", ["/api/events", "/api/stats", "/events", "/documents", "/openapi.json", "/docs",
                                 "/static/kronika.css"])
def test_without_the_token_everything_is_401(guarded, url):
    guarded.cookies.clear()
    r = guarded.get(url)
    assert r.status_code == 401
    assert r.headers["www-authenticate"] == "Bearer"


def test_a_wrong_token_is_refused(guarded):
    guarded.cookies.clear()
    assert guarded.get("/api/events", headers={"Authorization": "Bearer nope"}).status_code == 401
    assert guarded.get("/api/events?token=nope").status_code == 401
    assert "token" in guarded.get("/api/events").json()["detail"]


def test_bearer_header_query_token_and_cookie_are_accepted(guarded):
    guarded.cookies.clear()
    assert guarded.get("/api/events", headers={"Authorization": f"Bearer {TOKEN}"}).json()["total"] == 18
    r = guarded.get(f"/events?token={TOKEN}")
    assert r.status_code == 200
    assert "HttpOnly" in r.headers["set-cookie"] and "kronika_token" in r.headers["set-cookie"]
    # the browser now follows plain links: the cookie carries the token
    assert guarded.get("/documents").status_code == 200
    guarded.cookies.clear()
    assert guarded.get("/documents").status_code == 401


@pytest.mark.parametrize("host, loopback", [("127.0.0.1", True), ("127.5.0.1", True), ("::1", True), ("[::1]", True),
                                            ("localhost", True), ("0.0.0.0", False), ("::", False),
                                            ("192.168.1.4", False), ("example.org", False)])
def test_loopback_detection(host, loopback):
    assert is_loopback(host) is loopback


def test_other_addresses_need_a_token():
    check_bind("127.0.0.1", None)
    check_bind("0.0.0.0", "t")
    with pytest.raises(ValueError, match="needs --token"):
        check_bind("0.0.0.0", None)
    with pytest.raises(ValueError, match="must not be empty"):
        check_bind("0.0.0.0", "  ")


def test_url_for():
    assert url_for("127.0.0.1", 8765) == "http://127.0.0.1:8765/"
    assert url_for("0.0.0.0", 80, "t") == "http://127.0.0.1:80/?token=t"
    assert url_for("::1", 8765) == "http://[::1]:8765/"
