"""The server-rendered pages: events (filters, sortable table), one event (its evidence with the trigger and
roles marked), documents (text with every layer marked, and the record as JSON), the dyad timeline, the
actor network, actors, and the API reference. All text from the store is escaped by the templates."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from kronika import __version__
from kronika.store import InvalidQuery, analytics, queries, reader
from kronika.store.analytics import MAX_LIMIT, MAX_OFFSET, QUAD_NAMES, SORT_KEYS, EventFilter
from kronika.web import charts, markup
from kronika.web.params import cursor, event_filter

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50


def _int(value: str | None, name: str, default: int, low: int, high: int) -> int:
    if value is None or value.strip() == "":
        return default
    try:
        n = int(value)
    except ValueError:
        raise InvalidQuery(f"{name}: expected an integer, got {value!r}") from None
    if not low <= n <= high:
        raise InvalidQuery(f"{name}: expected an integer from {low} to {high}, got {n}")
    return n


def safe_url(url: str | None) -> str | None:
    """The URL when it is an http(s) link, else None (a `javascript:` URL from an article never becomes a link)."""
    if not url or not isinstance(url, str):
        return None
    return url if urlsplit(url.strip()).scheme.lower() in ("http", "https") else None


def _render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    access = request.app.state.access
    base = {"version": __version__, "db_name": Path(access.path).name, "categories": analytics.categories(),
            "statuses": analytics.statuses(), "quad_names": QUAD_NAMES, "safe_url": safe_url, "qs": _qs,
            "path": request.url.path}
    base.update(context)
    return request.app.state.templates.TemplateResponse(request, name, base, status_code=status)


def _qs(params: dict[str, Any], **changes: Any) -> str:
    """A query string from `params` with `changes` applied (None removes a key)."""
    merged = {**params, **changes}
    return urlencode({k: v for k, v in merged.items() if v is not None and v != ""})


def _form(flt: EventFilter) -> dict[str, Any]:
    """The filter's values for the form fields (empty strings for unset ones)."""
    p = flt.as_params()
    return {k: p.get(k, "") for k in ("actor", "country", "dyad", "category", "quad", "status", "since", "until", "q")} | {
        "directed": bool(flt.directed)}


@router.get("/", response_class=HTMLResponse)
@router.get("/events", response_class=HTMLResponse)
def events_page(
    request: Request, flt: EventFilter = Depends(event_filter), sort: str = "date", order: str = "asc",
    offset: str | None = None, limit: str | None = None, con=Depends(cursor),
) -> HTMLResponse:
    if order not in ("asc", "desc"):
        raise InvalidQuery(f"order: expected asc or desc, got {order!r}")
    if sort not in SORT_KEYS:
        raise InvalidQuery(f"sort: unknown column {sort!r} (one of {', '.join(SORT_KEYS)})")
    size = _int(limit, "limit", PAGE_SIZE, 1, MAX_LIMIT)
    start = _int(offset, "offset", 0, 0, MAX_OFFSET)
    page = analytics.event_page(con, flt, sort=sort, descending=order == "desc", limit=size, offset=start)
    params = flt.as_params() | ({"sort": sort} if sort != "date" else {}) | ({"order": order} if order != "asc" else {})
    if size != PAGE_SIZE:
        params["limit"] = str(size)
    return _render(request, "events.html", {
        "page": page, "form": _form(flt), "filter_params": flt.as_params(), "params": params, "sort": sort,
        "order": order, "counts": queries.counts(con), "title": "Events",
    })


@router.get("/events/{doc_id}/{event_id}", response_class=HTMLResponse)
def event_page(request: Request, doc_id: str, event_id: str, con=Depends(cursor)) -> HTMLResponse:
    row = analytics.event(con, doc_id, event_id)
    record = next(iter(reader.iter_records(con, [doc_id], include_text=True)), None)
    if row is None or record is None:
        raise HTTPException(404, f"no event {event_id!r} in document {doc_id!r}")
    event = next(v for v in record["events"] if v.get("id") == event_id)
    text = record["doc"].get("text") or ""
    segments = []
    if row["evidence_start"] is not None and row["evidence_end"] is not None:
        segments = markup.segments(text[row["evidence_start"]:row["evidence_end"]],
                                   markup.evidence_marks(record, event), offset=row["evidence_start"])
    return _render(request, "event.html", {
        "row": row, "event": event, "record": record, "segments": segments, "title": f"{row['event']} · {event_id}",
        "event_json": json.dumps(event, ensure_ascii=False, indent=2, default=str),
    })


@router.get("/documents", response_class=HTMLResponse)
def documents_page(request: Request, offset: str | None = None, con=Depends(cursor)) -> HTMLResponse:
    start = _int(offset, "offset", 0, 0, MAX_OFFSET)
    docs = analytics.document_summaries(con, PAGE_SIZE, start)
    return _render(request, "documents.html", {"docs": docs, "offset": start, "page_size": PAGE_SIZE,
                                               "total": queries.counts(con)["documents"], "title": "Documents"})


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, con=Depends(cursor)) -> HTMLResponse:
    record = next(iter(reader.iter_records(con, [doc_id], include_text=True)), None)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    text = record["doc"].get("text") or ""
    entities = {e.get("id"): e for e in record.get("entities") or []}
    return _render(request, "document.html", {
        "record": record, "doc": record["doc"], "entities": entities,
        "names": lambda ids: [entities.get(i, {}).get("name", i) for i in ids or []],
        "segments": markup.segments(text, markup.document_marks(record)),
        "record_json": json.dumps(record, ensure_ascii=False, indent=2, default=str),
        "title": record["doc"].get("title") or doc_id,
    })


@router.get("/dyad", response_class=HTMLResponse)
def dyad_page(
    request: Request, a: str = "", b: str = "", directed: bool = False, since: str | None = None,
    until: str | None = None, con=Depends(cursor),
) -> HTMLResponse:
    a, b = a.strip(), b.strip()
    context: dict[str, Any] = {"a": a, "b": b, "directed": directed, "since": since or "", "until": until or "",
                               "series": None, "chart": None, "page": None, "title": "Dyad"}
    if a and b:
        series = analytics.dyad_series(con, a, b, directed=directed, since=since, until=until)
        flt = EventFilter.parse(dyad=(a, b), directed=directed, since=since, until=until)
        context.update(series=series, chart=charts.timeline(series["months"]), title=f"{a} – {b}",
                       page=analytics.event_page(con, flt, limit=PAGE_SIZE), filter_params=flt.as_params())
    elif a or b:
        raise InvalidQuery("dyad: give both actors (a and b)")
    return _render(request, "dyad.html", context)


@router.get("/network", response_class=HTMLResponse)
def network_page(request: Request, flt: EventFilter = Depends(event_filter), con=Depends(cursor)) -> HTMLResponse:
    edges = analytics.network_edges(con, flt, limit=300)
    return _render(request, "network.html", {
        "form": _form(flt), "filter_params": flt.as_params(), "edges": edges, "net": charts.network(edges),
        "total": analytics.count_events(con, flt), "title": "Actor network",
    })


@router.get("/actors", response_class=HTMLResponse)
def actors_page(request: Request, flt: EventFilter = Depends(event_filter), con=Depends(cursor)) -> HTMLResponse:
    return _render(request, "actors.html", {
        "form": _form(flt), "filter_params": flt.as_params(), "actors": analytics.actor_counts(con, flt, limit=500),
        "title": "Actors",
    })


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """A self-contained API reference built from the OpenAPI schema (no CDN assets)."""
    schema = request.app.openapi()
    ops = []
    for path, methods in schema.get("paths", {}).items():
        for method, op in methods.items():
            params = [{"name": p["name"], "in": p["in"], "required": p.get("required", False),
                       "type": _type_name(p.get("schema", {})), "description": p.get("description", "")}
                      for p in op.get("parameters", [])]
            ops.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                        "description": op.get("description", ""), "params": params})
    return _render(request, "docs.html", {"ops": ops, "title": "API", "api_title": schema["info"]["title"],
                                          "api_version": schema["info"]["version"]})


def _type_name(schema: dict[str, Any]) -> str:
    if "enum" in schema:
        return " | ".join(str(x) for x in schema["enum"])
    if "anyOf" in schema:
        return " | ".join(_type_name(s) for s in schema["anyOf"] if s.get("type") != "null")
    return schema.get("type", "")


@router.get("/favicon.ico", include_in_schema=False)
def favicon() -> RedirectResponse:
    return RedirectResponse("/static/favicon.svg")
