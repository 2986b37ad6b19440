"""The FastAPI application of `kronika serve`: a read-only store behind a JSON API (/api/…), server-rendered
pages, local static assets, an optional access token, and errors that are always a clear 4xx."""
from __future__ import annotations

import hmac
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, Iterator

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from kronika import __version__
from kronika.store import InvalidQuery, Store

HERE = Path(__file__).resolve().parent
TOKEN_COOKIE = "kronika_token"


class StoreAccess:
    """The read-only store shared by all requests; each request gets its own DuckDB cursor."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.store = Store(path, read_only=True)
        self.path = str(path)
        self._lock = threading.Lock()

    def cursor(self) -> Iterator[Any]:
        with self._lock:
            cur = self.store.connection.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def close(self) -> None:
        self.store.close()


def templates() -> Jinja2Templates:
    """The Jinja2 environment of the pages (autoescaping on for .html)."""
    t = Jinja2Templates(directory=str(HERE / "templates"))
    t.env.autoescape = True
    return t


def _wants_json(request: Request) -> bool:
    path = request.url.path
    return path.startswith("/api/") or path == "/api" or path == "/openapi.json"


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for err in exc.errors():
        loc = [str(x) for x in err.get("loc", ()) if x not in ("query", "path", "body")]
        parts.append(f"{'.'.join(loc) or 'request'}: {err.get('msg', 'invalid value')}")
    return "; ".join(parts) or "invalid request"


def create_app(db: str | os.PathLike[str], *, token: str | None = None) -> FastAPI:
    """The web application serving the store at `db`, opened read-only (StoreError if it cannot be opened).

    With a `token`, every request (API, pages, assets, OpenAPI) must carry it — `Authorization: Bearer T`,
    `?token=T` (which also sets an HttpOnly cookie, so that links work) or that cookie — or gets a 401.
    Bad parameters give 400 (a value the store cannot interpret) or 422 (a malformed number), unknown ids
    404, each with a `detail` message (JSON under /api, an HTML page elsewhere).
    """
    access = StoreAccess(db)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        access.close()

    app = FastAPI(
        title="kronika", version=__version__, lifespan=lifespan,
        description="Read-only API over a kronika store: events, documents with all their layers, actors, "
                    "dyad time series and the actor network.",
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
    )
    app.state.access = access
    app.state.token = token
    app.state.templates = templates()
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def error(request: Request, status: int, detail: str) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": detail}, status_code=status)
        return app.state.templates.TemplateResponse(
            request, "error.html",
            {"status": status, "detail": detail, "db_name": Path(access.path).name, "version": __version__,
             "title": f"Error {status}", "path": request.url.path},
            status_code=status,
        )

    @app.middleware("http")
    async def check_token(request: Request, call_next):
        expected = app.state.token
        if not expected:
            return await call_next(request)
        header = request.headers.get("authorization", "")
        given = header[7:].strip() if header.lower().startswith("bearer ") else None
        from_query = request.query_params.get("token")
        given = given or from_query or request.cookies.get(TOKEN_COOKIE)
        if not given or not hmac.compare_digest(given.encode("utf-8"), expected.encode("utf-8")):
            response = error(request, 401, "a valid token is needed: `Authorization: Bearer TOKEN` or ?token=TOKEN")
            response.headers["WWW-Authenticate"] = "Bearer"
            return response
        response = await call_next(request)
        if from_query:
            response.set_cookie(TOKEN_COOKIE, expected, httponly=True, samesite="strict")
        return response

    @app.exception_handler(InvalidQuery)
    async def invalid_query(request: Request, exc: InvalidQuery):
        return error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, exc: RequestValidationError):
        return error(request, 422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        return error(request, exc.status_code, str(exc.detail))

    from kronika.web import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    return app
