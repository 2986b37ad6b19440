"""Browser tests: the real server (uvicorn in a thread, on a free port of 127.0.0.1) and Debian's Chromium driven
by Playwright. Without /usr/bin/chromium (or without the playwright package) they skip — unless
KRONIKA_REQUIRE_BROWSER=1 (CI), where that is a failure. Screenshots go to test-artifacts/screenshots/."""
from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.web.conftest import build_store

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path(os.environ.get("KRONIKA_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def _unavailable(reason: str) -> None:
    if os.environ.get("KRONIKA_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests required (KRONIKA_REQUIRE_BROWSER=1) but {reason}; run scripts/install-browser.sh")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """kronika's app served by uvicorn in a background thread."""

    def __init__(self, db: Path, token: str | None = None) -> None:
        import uvicorn

        from kronika.web import create_app

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if not self.thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=30)


@pytest.fixture(scope="session")
def browser_db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("browser") / "web.duckdb")


@pytest.fixture(scope="session")
def live_server(browser_db: Path):
    with LiveServer(browser_db) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    if not CHROMIUM.exists():
        _unavailable(f"{CHROMIUM} is missing")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("the playwright package is not installed")
    pw = sync_playwright().start()
    try:
        b = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
    except Exception as exc:  # a broken browser install must not pass silently in CI
        pw.stop()
        _unavailable(f"Chromium did not start: {exc}")
    yield b
    b.close()
    pw.stop()


@pytest.fixture()
def page(browser):
    """A fresh page (1360×900) that refuses every request not to 127.0.0.1 and records it in `page.outside`,
    and records JavaScript errors in `page.js_errors`."""
    context = browser.new_context(viewport={"width": 1360, "height": 900}, locale="pl-PL")
    pg = context.new_page()
    pg.outside = []
    pg.js_errors = []

    def only_local(route):
        host = urlsplit(route.request.url).hostname
        if host in ("127.0.0.1", "localhost"):
            return route.continue_()
        pg.outside.append(route.request.url)
        return route.abort()

    context.route("**/*", only_local)
    pg.on("pageerror", lambda err: pg.js_errors.append(str(err)))
    yield pg
    context.close()


@pytest.fixture()
def shot():
    """shot(page, name): a full-page screenshot saved as test-artifacts/screenshots/NAME.png; returns the path."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)

    def take(pg, name: str) -> Path:
        path = SCREENSHOTS / f"{name}.png"
        pg.screenshot(path=str(path), full_page=True)
        return path

    return take
