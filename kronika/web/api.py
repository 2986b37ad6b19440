"""The JSON API under /api: events (filtered, sorted, paginated), one event, one document with all its layers,
actors with counts, dyad time series, the actor network, store counts. Read-only."""
from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query

from kronika import __version__
from kronika.store import analytics, queries, reader
from kronika.store.analytics import MAX_LIMIT, MAX_OFFSET, EventFilter
from kronika.web.params import cursor, event_filter

router = APIRouter(prefix="/api", tags=["api"])

SortKey = Literal["date", "category", "actor", "recipient", "status", "quad", "scale", "confidence"]


@router.get("/stats", summary="What the store holds")
def stats(con=Depends(cursor)) -> dict[str, Any]:
    """Rows per layer (documents, entities, mentions, events, quotes, timexes) and kronika's version."""
    return {"counts": queries.counts(con), "version": __version__}


@router.get("/events", summary="Events, filtered, sorted and paginated")
def events(
    flt: EventFilter = Depends(event_filter),
    sort: SortKey = Query("date", description="Column to sort by; ties in date order; missing values last."),
    order: Literal["asc", "desc"] = Query("asc", description="asc or desc."),
    limit: int = Query(50, ge=0, le=MAX_LIMIT, description=f"At most this many events (0–{MAX_LIMIT})."),
    offset: int = Query(0, ge=0, le=MAX_OFFSET, description="Skip this many matching events."),
    con=Depends(cursor),
) -> dict[str, Any]:
    """`total` matching events and `events[offset:offset+limit]`. Each event has the fields of the store's
    event rows (docs/store.md) plus `actors`, `recipients` and `attributions` as entity objects."""
    page = analytics.event_page(con, flt, sort=sort, descending=order == "desc", limit=limit, offset=offset)
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "filter": flt.as_params(),
            "events": page.rows}


@router.get("/events/{doc_id}/{event_id}", summary="One event")
def one_event(doc_id: str, event_id: str, con=Depends(cursor)) -> dict[str, Any]:
    """One event row, as in /api/events; 404 when there is no such event."""
    row = analytics.event(con, doc_id, event_id)
    if row is None:
        raise HTTPException(404, f"no event {event_id!r} in document {doc_id!r}")
    return row


@router.get("/documents", summary="Stored documents")
def documents(
    limit: int = Query(100, ge=0, le=MAX_LIMIT), offset: int = Query(0, ge=0, le=MAX_OFFSET), con=Depends(cursor),
) -> dict[str, Any]:
    """Documents in ingestion order: id, title, outlet, date, language, source and number of events."""
    return {"total": queries.counts(con)["documents"], "documents": analytics.document_summaries(con, limit, offset)}


@router.get("/documents/{doc_id}", summary="One document record with its text and all layers")
def document(doc_id: str, con=Depends(cursor)) -> dict[str, Any]:
    """The stored document record (docs/record.md): `doc` (with `text`), `entities`, `events`, `quotes`,
    `timexes`; 404 when no document has this id."""
    record = next(iter(reader.iter_records(con, [doc_id], include_text=True)), None)
    if record is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return record


@router.get("/actors", summary="Actors and recipients with event counts")
def actors(
    flt: EventFilter = Depends(event_filter),
    limit: int = Query(100, ge=0, le=MAX_LIMIT),
    con=Depends(cursor),
) -> dict[str, Any]:
    """Actors and recipients of the matching events, by name and country, with the number of events in which
    each is actor or recipient (`events`), actor (`as_actor`) and recipient (`as_recipient`)."""
    return {"filter": flt.as_params(), "actors": analytics.actor_counts(con, flt, limit=limit)}


@router.get("/dyad", summary="Monthly time series of the events between two actors")
def dyad(
    a: str = Query(..., min_length=1, max_length=200, description="First actor: name (substring) or code (RUS)."),
    b: str = Query(..., min_length=1, max_length=200, description="Second actor: name (substring) or code (PRK)."),
    directed: bool = Query(False, description="Only A acting on B."),
    since: str | None = Query(None, max_length=20), until: str | None = Query(None, max_length=20),
    status: str | None = Query(None, max_length=20),
    con=Depends(cursor),
) -> dict[str, Any]:
    """Per month: events by quad class (`quad1`…`quad4`, `cooperation`, `conflict`, `events`) and the summed
    PLOVER score (`event_scale`); months without events are included; `undated` counts events left out."""
    return analytics.dyad_series(con, a, b, directed=directed, since=since, until=until, status=status)


@router.get("/network", summary="Who acted on whom")
def network(
    flt: EventFilter = Depends(event_filter),
    limit: int = Query(200, ge=0, le=MAX_LIMIT),
    con=Depends(cursor),
) -> dict[str, Any]:
    """Edges (actor → recipient, by name and country) of the matching events: `events`, `cooperation`
    (quad 1–2), `conflict` (quad 3–4), summed `event_scale`."""
    return {"filter": flt.as_params(), "edges": analytics.network_edges(con, flt, limit=limit)}
