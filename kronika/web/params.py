"""Request parameters shared by the API and the pages: the event filter (validated by
`analytics.EventFilter.parse`, so a bad value is a 400 with the reason) and the per-request store cursor."""
from __future__ import annotations

from typing import Any, Iterator

from fastapi import Query, Request

from kronika.store.analytics import EventFilter


def cursor(request: Request) -> Iterator[Any]:
    """A DuckDB cursor on the read-only store, closed after the request."""
    yield from request.app.state.access.cursor()


def event_filter(
    actor: str | None = Query(None, description="Actor or recipient: entity name (substring, ignoring case and "
                                                 "accents) or country/IGO code.", max_length=200),
    country: str | None = Query(None, description="Country/IGO code of an actor or recipient (RUS, EU).", max_length=20),
    dyad: str | None = Query(None, description="Two actors separated by a comma (RUS,PRK): one acts on the other.",
                             max_length=400),
    directed: bool = Query(False, description="With dyad: only the first acting on the second."),
    category: str | None = Query(None, description="PLOVER category (CONSULT, ASSAULT, …).", max_length=40),
    quad: str | None = Query(None, description="Quad class: 1 verbal cooperation, 2 material cooperation, "
                                               "3 verbal conflict, 4 material conflict.", max_length=2),
    status: str | None = Query(None, description="asserted, alleged, denied, planned, negated or hypothetical.",
                               max_length=20),
    since: str | None = Query(None, description="Events dated on or after (YYYY, YYYY-MM or YYYY-MM-DD).", max_length=20),
    until: str | None = Query(None, description="Events dated on or before (YYYY, YYYY-MM or YYYY-MM-DD).", max_length=20),
    q: str | None = Query(None, description="Text the evidence sentence contains (ignoring case and accents).",
                          max_length=200),
) -> EventFilter:
    """The validated event filter of a request (InvalidQuery → 400 for a value the store cannot interpret)."""
    return EventFilter.parse(actor=actor, country=country, dyad=dyad, directed=directed, category=category,
                             quad=quad, status=status, since=since, until=until, q=q)
