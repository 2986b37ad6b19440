"""Read-only analytical queries over a store, for the web interface, the plots and the exports: filtered,
sorted and paginated event lists with their total, actor counts, who-acted-on-whom edges, dyad time series.

Every value that comes from a user is validated here (unknown category → InvalidQuery) and passed to DuckDB
as a query parameter. The functions take a DuckDB connection (or cursor) and never write.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

import duckdb

from kronika.store.dates import filter_bound
from kronika.store.errors import InvalidQuery
from kronika.store.queries import _EVENT_SQL, _rows

# An actor or recipient (by `role`) matches a text: its name contains it (ignoring case and accents) or its
# country/IGO code equals it (ignoring case) — the rule of `Store.events(actor=...)`.
_ROLE_IS = """EXISTS (
    SELECT 1 FROM event_roles r JOIN entities e ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id
    WHERE r.doc_id = v.doc_id AND r.event_id = v.event_id AND r.role IN ({roles}) AND ({cond}))"""
_NAME_OR_CODE = ("(contains(lower(strip_accents(e.name)), lower(strip_accents(?))) "
                 "OR lower(e.country) = lower(?))")
_CODE = "lower(e.country) = lower(?)"
_EVIDENCE_HAS = """EXISTS (
    SELECT 1 FROM documents dd WHERE dd.id = v.doc_id AND v.evidence_start IS NOT NULL AND v.evidence_end IS NOT NULL
    AND contains(lower(strip_accents(substring(dd.text, v.evidence_start + 1, v.evidence_end - v.evidence_start))),
                 lower(strip_accents(?))))"""


def _first_name(role: str) -> str:
    return (f"(SELECT min(lower(strip_accents(e.name))) FROM event_roles r JOIN entities e "
            f"ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id "
            f"WHERE r.doc_id = v.doc_id AND r.event_id = v.event_id AND r.role = '{role}')")


# Sort keys of event lists -> SQL expression over the events table aliased `v`.
SORT_KEYS: dict[str, str] = {
    "date": "v.date_from",
    "category": "v.event",
    "actor": _first_name("actor"),
    "recipient": _first_name("recipient"),
    "status": "v.status",
    "quad": "v.quad_code",
    "scale": "v.event_scale",
    "confidence": "v.confidence",
}
_TIEBREAK = "v.date_from ASC NULLS LAST, v.date_to ASC NULLS LAST, v.doc_id, v.position"
MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000


@lru_cache(maxsize=1)
def _enums() -> dict[str, tuple[Any, ...]]:
    schema = json.loads(resources.files("kronika.spec").joinpath("document.schema.json").read_text("utf-8"))
    props = schema["$defs"]["event"]["properties"]
    return {
        "category": tuple(props["event"]["enum"]),
        "status": tuple(props["status"]["enum"]),
        "quad": tuple(q for q in props["quad_code"]["enum"] if q is not None),
    }


def categories() -> tuple[str, ...]:
    """The PLOVER categories of the record schema, in the schema's order."""
    return _enums()["category"]


def statuses() -> tuple[str, ...]:
    """The event statuses of the record schema."""
    return _enums()["status"]


QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


def _clean(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    return value or None


@dataclass(frozen=True)
class EventFilter:
    """Filters of an event list, all optional and combined with AND.

    - `actor`: an actor or recipient whose name contains the text (case/accent-insensitive) or whose
      country/IGO code equals it; `country`: an actor or recipient with exactly that code;
    - `dyad` (A, B): an actor matching A and a recipient matching B, or (unless `directed`) the other way
      round — A and B match like `actor`;
    - `category` (PLOVER), `quad` (1–4), `status`; `since`/`until` (YYYY[-MM[-DD]], interval overlap as in
      `Store.events`); `q`: the evidence sentence contains the text (case/accent-insensitive).
    Construct with `EventFilter.parse(...)`, which validates every value (InvalidQuery otherwise).
    """

    actor: str | None = None
    country: str | None = None
    dyad: tuple[str, str] | None = None
    directed: bool = False
    category: str | None = None
    quad: int | None = None
    status: str | None = None
    since: str | None = None
    until: str | None = None
    q: str | None = None

    @classmethod
    def parse(
        cls, *, actor: str | None = None, country: str | None = None, dyad: str | tuple[str, str] | None = None,
        directed: bool = False, category: str | None = None, quad: int | str | None = None,
        status: str | None = None, since: str | None = None, until: str | None = None, q: str | None = None,
    ) -> "EventFilter":
        """A validated filter; empty strings count as absent. Raises InvalidQuery naming the bad value."""
        if isinstance(dyad, str):
            dyad = _clean(dyad)
            if dyad is not None:
                parts = [p.strip() for p in dyad.split(",")]
                if len(parts) != 2 or not all(parts):
                    raise InvalidQuery(f"dyad: expected two actors separated by a comma (RUS,PRK), got {dyad!r}")
                dyad = (parts[0], parts[1])
        elif dyad is not None:
            a, b = (_clean(x) for x in dyad)
            if not a or not b:
                raise InvalidQuery("dyad: both actors are needed")
            dyad = (a, b)
        category = _clean(category)
        if category is not None:
            if category.upper() not in categories():
                raise InvalidQuery(f"category: unknown PLOVER category {category!r} (one of {', '.join(categories())})")
            category = category.upper()
        status = _clean(status)
        if status is not None:
            if status.lower() not in statuses():
                raise InvalidQuery(f"status: unknown status {status!r} (one of {', '.join(statuses())})")
            status = status.lower()
        if isinstance(quad, str):
            quad = _clean(quad)
        if quad is not None:
            try:
                quad = int(quad)
            except (TypeError, ValueError):
                raise InvalidQuery(f"quad: expected 1, 2, 3 or 4, got {quad!r}") from None
            if quad not in _enums()["quad"]:
                raise InvalidQuery(f"quad: expected 1, 2, 3 or 4, got {quad!r}")
        since, until = _clean(since), _clean(until)
        if since is not None:
            filter_bound(since, "since")
        if until is not None:
            filter_bound(until, "until")
        if since and until and filter_bound(since, "since")[0] > filter_bound(until, "until")[1]:
            raise InvalidQuery(f"since ({since}) is after until ({until})")
        return cls(actor=_clean(actor), country=_clean(country), dyad=dyad, directed=bool(directed),
                   category=category, quad=quad, status=status, since=since, until=until, q=_clean(q))

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition over `events v` and its parameters."""
        conds: list[str] = []
        params: list[Any] = []
        if self.actor:
            conds.append(_ROLE_IS.format(roles="'actor', 'recipient'", cond=_NAME_OR_CODE))
            params += [self.actor, self.actor]
        if self.country:
            conds.append(_ROLE_IS.format(roles="'actor', 'recipient'", cond=_CODE))
            params.append(self.country)
        if self.dyad:
            a, b = self.dyad
            acts = _ROLE_IS.format(roles="'actor'", cond=_NAME_OR_CODE)
            gets = _ROLE_IS.format(roles="'recipient'", cond=_NAME_OR_CODE)
            if self.directed:
                conds.append(f"({acts} AND {gets})")
                params += [a, a, b, b]
            else:
                conds.append(f"(({acts} AND {gets}) OR ({acts} AND {gets}))")
                params += [a, a, b, b, b, b, a, a]
        if self.category:
            conds.append("v.event = ?")
            params.append(self.category)
        if self.quad is not None:
            conds.append("v.quad_code = ?")
            params.append(self.quad)
        if self.status:
            conds.append("v.status = ?")
            params.append(self.status)
        if self.since:
            conds.append("v.date_to >= ?")
            params.append(filter_bound(self.since, "since")[0])
        if self.until:
            conds.append("v.date_from <= ?")
            params.append(filter_bound(self.until, "until")[1])
        if self.q:
            conds.append(_EVIDENCE_HAS)
            params.append(self.q)
        return " AND ".join(conds) or "TRUE", params

    def as_params(self) -> dict[str, str]:
        """The filter as query-string parameters (only those set)."""
        out: dict[str, str] = {}
        for key in ("actor", "country", "category", "status", "since", "until", "q"):
            value = getattr(self, key)
            if value:
                out[key] = value
        if self.dyad:
            out["dyad"] = ",".join(self.dyad)
            if self.directed:
                out["directed"] = "1"
        if self.quad is not None:
            out["quad"] = str(self.quad)
        return out


def _order(sort: str, descending: bool) -> str:
    if sort not in SORT_KEYS:
        raise InvalidQuery(f"sort: unknown column {sort!r} (one of {', '.join(SORT_KEYS)})")
    direction = "DESC" if descending else "ASC"
    return f"{SORT_KEYS[sort]} {direction} NULLS LAST, {_TIEBREAK}"


def _check_page(limit: int, offset: int) -> None:
    if not isinstance(limit, int) or isinstance(limit, bool) or not 0 <= limit <= MAX_LIMIT:
        raise InvalidQuery(f"limit: expected an integer from 0 to {MAX_LIMIT}, got {limit!r}")
    if not isinstance(offset, int) or isinstance(offset, bool) or not 0 <= offset <= MAX_OFFSET:
        raise InvalidQuery(f"offset: expected an integer from 0 to {MAX_OFFSET}, got {offset!r}")


@dataclass
class EventPage:
    """One page of a filtered event list: `total` matches in all, `rows` from `offset` on (at most `limit`)."""

    total: int
    limit: int
    offset: int
    rows: list[dict[str, Any]] = field(default_factory=list)


def count_events(con: duckdb.DuckDBPyConnection, flt: EventFilter) -> int:
    """How many stored events match the filter."""
    where, params = flt.where()
    return con.execute(f"SELECT count(*) FROM events v WHERE {where}", params).fetchone()[0]


def event_page(
    con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *, sort: str = "date",
    descending: bool = False, limit: int = 50, offset: int = 0,
) -> EventPage:
    """Events matching `flt`, sorted by `sort` (a key of SORT_KEYS; ties in date order; missing values last),
    `limit` rows from `offset`, with the total number of matches. Rows have the keys of
    `queries.EVENT_COLUMNS` plus `actors`, `recipients`, `attributions` (entity objects).
    Raises InvalidQuery for an unknown sort key, a limit outside 0…MAX_LIMIT or an offset outside 0…MAX_OFFSET.
    """
    flt = flt or EventFilter()
    _check_page(limit, offset)
    order = _order(sort, descending)
    where, params = flt.where()
    total = count_events(con, flt)
    sql = _EVENT_SQL.format(where=where, order=order, limit="LIMIT ? OFFSET ?", detail=_DETAIL)
    rows = _rows(con.execute(sql, params + [limit, offset]))
    return EventPage(total=total, limit=limit, offset=offset, rows=rows)


_DETAIL = """,
    coalesce(n.actors, []) AS actors, coalesce(n.recipients, []) AS recipients,
    coalesce(n.attributions, []) AS attributions"""


def event(con: duckdb.DuckDBPyConnection, doc_id: str, event_id: str) -> dict[str, Any] | None:
    """One event row (with entity objects, as in `event_page`), or None when there is no such event."""
    sql = _EVENT_SQL.format(where="v.doc_id = ? AND v.event_id = ?", order=_TIEBREAK, limit="", detail=_DETAIL)
    rows = _rows(con.execute(sql, [doc_id, event_id]))
    return rows[0] if rows else None


def actor_counts(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *, limit: int = 100) -> list[dict[str, Any]]:
    """Actors and recipients of the events matching `flt`, counted by name and country across documents:
    dicts with `name`, `country`, `events` (distinct events as actor or recipient), `as_actor`,
    `as_recipient`; most events first."""
    flt = flt or EventFilter()
    _check_page(limit, 0)
    where, params = flt.where()
    sql = f"""
        WITH sel AS (SELECT v.doc_id, v.event_id FROM events v WHERE {where})
        SELECT coalesce(e.name, r.entity_id) AS name, e.country,
               count(DISTINCT r.doc_id || chr(31) || r.event_id) AS events,
               count(DISTINCT r.doc_id || chr(31) || r.event_id) FILTER (WHERE r.role = 'actor') AS as_actor,
               count(DISTINCT r.doc_id || chr(31) || r.event_id) FILTER (WHERE r.role = 'recipient') AS as_recipient
        FROM sel JOIN event_roles r ON r.doc_id = sel.doc_id AND r.event_id = sel.event_id
        LEFT JOIN entities e ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id
        WHERE r.role IN ('actor', 'recipient')
        GROUP BY 1, 2
        ORDER BY events DESC, as_actor DESC, name, country NULLS LAST
        LIMIT ?"""
    return _rows(con.execute(sql, params + [limit]))


def network_edges(con: duckdb.DuckDBPyConnection, flt: EventFilter | None = None, *, limit: int = 200) -> list[dict[str, Any]]:
    """Who acted on whom in the events matching `flt`: one dict per (actor, recipient) pair, by name and
    country — `source`, `source_country`, `target`, `target_country`, `events` (distinct events),
    `cooperation` (quad 1–2), `conflict` (quad 3–4), `event_scale` (sum, None when no event has one);
    most events first, at most `limit` pairs."""
    flt = flt or EventFilter()
    _check_page(limit, 0)
    where, params = flt.where()
    sql = f"""
        WITH sel AS (SELECT v.doc_id, v.event_id, v.quad_code, v.event_scale FROM events v WHERE {where}),
        pairs AS (
            SELECT DISTINCT sel.doc_id, sel.event_id, sel.quad_code, sel.event_scale,
                   coalesce(a.name, ra.entity_id) AS source, a.country AS source_country,
                   coalesce(b.name, rb.entity_id) AS target, b.country AS target_country
            FROM sel
            JOIN event_roles ra ON ra.doc_id = sel.doc_id AND ra.event_id = sel.event_id AND ra.role = 'actor'
            JOIN event_roles rb ON rb.doc_id = sel.doc_id AND rb.event_id = sel.event_id AND rb.role = 'recipient'
            LEFT JOIN entities a ON a.doc_id = ra.doc_id AND a.entity_id = ra.entity_id
            LEFT JOIN entities b ON b.doc_id = rb.doc_id AND b.entity_id = rb.entity_id
        )
        SELECT source, source_country, target, target_country, count(*) AS events,
               count(*) FILTER (WHERE quad_code IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_code IN (3, 4)) AS conflict,
               sum(event_scale) AS event_scale
        FROM pairs
        GROUP BY ALL
        ORDER BY events DESC, source, target, source_country NULLS LAST, target_country NULLS LAST
        LIMIT ?"""
    return _rows(con.execute(sql, params + [limit]))


def _months(first: str, last: str) -> list[str]:
    y, m = int(first[:4]), int(first[5:7])
    out = []
    while f"{y:04d}-{m:02d}" <= last:
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def dyad_series(
    con: duckdb.DuckDBPyConnection, a: str, b: str, *, directed: bool = False,
    since: str | None = None, until: str | None = None, status: str | None = None,
) -> dict[str, Any]:
    """Monthly time series of the events between A and B (matching like the `dyad` filter): a dict with
    `a`, `b`, `directed`, `months` — one dict per calendar month from the first to the last month with an
    event (months without events included, all zero): `month` (YYYY-MM), `quad1`…`quad4` (events per quad
    class), `cooperation` (quad 1+2), `conflict` (quad 3+4), `events` (all, also those without a quad class),
    `event_scale` (summed PLOVER score, 0 when none) — and `undated` (matching events without a calendar
    date, which are not in `months`). An event counts in the month its date interval starts."""
    flt = EventFilter.parse(dyad=(a, b), directed=directed, since=since, until=until, status=status)
    where, params = flt.where()
    sql = f"""
        SELECT strftime(v.date_from, '%Y-%m') AS month,
               count(*) FILTER (WHERE v.quad_code = 1) AS quad1, count(*) FILTER (WHERE v.quad_code = 2) AS quad2,
               count(*) FILTER (WHERE v.quad_code = 3) AS quad3, count(*) FILTER (WHERE v.quad_code = 4) AS quad4,
               count(*) AS events, coalesce(sum(v.event_scale), 0) AS event_scale
        FROM events v WHERE v.date_from IS NOT NULL AND {where}
        GROUP BY 1 ORDER BY 1"""
    found = {r["month"]: r for r in _rows(con.execute(sql, params))}
    undated = con.execute(f"SELECT count(*) FROM events v WHERE v.date_from IS NULL AND {where}", params).fetchone()[0]
    months = []
    if found:
        for month in _months(min(found), max(found)):
            r = found.get(month) or {"month": month, "quad1": 0, "quad2": 0, "quad3": 0, "quad4": 0, "events": 0,
                                     "event_scale": 0}
            r = dict(r)
            r["event_scale"] = float(r["event_scale"])
            r["cooperation"] = r["quad1"] + r["quad2"]
            r["conflict"] = r["quad3"] + r["quad4"]
            months.append(r)
    return {"a": flt.dyad[0], "b": flt.dyad[1], "directed": directed, "months": months, "undated": undated}


def document_summaries(con: duckdb.DuckDBPyConnection, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Stored documents in ingestion order: `id`, `title`, `outlet`, `date`, `lang`, `source`, `events`."""
    _check_page(limit, offset)
    sql = """SELECT d.id, d.title, d.outlet, d.date_value AS date, d.lang, d.source,
                    (SELECT count(*) FROM events v WHERE v.doc_id = d.id) AS events
             FROM documents d ORDER BY d.seq LIMIT ? OFFSET ?"""
    return _rows(con.execute(sql, [limit, offset]))
