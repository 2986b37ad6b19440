"""Queries over the store's tables: filtered event lists (for `kronika events` and the exports) and the
figures of `kronika summary`. Every value that comes from a user is passed as an SQL parameter."""
from __future__ import annotations

from typing import Any, Sequence

import duckdb

from kronika.store.dates import filter_bound
from kronika.store.errors import InvalidQuery

# Chronological: dated events first, by the start then the end of their interval; then document, then
# the event's place in its document (the extractor's id order).
ORDER_CHRONOLOGICAL = "v.date_from ASC NULLS LAST, v.date_to ASC NULLS LAST, v.doc_id, v.position"
# Most recent first: by the start of the interval, then its end; undated events last.
ORDER_RECENT = "v.date_from DESC NULLS LAST, v.date_to DESC NULLS LAST, v.doc_id, v.position"

_ROLE_MATCH = """EXISTS (
    SELECT 1 FROM event_roles r JOIN entities e ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id
    WHERE r.doc_id = v.doc_id AND r.event_id = v.event_id AND r.role IN ('actor', 'recipient') AND ({cond}))"""

_ACTOR_COND = ("contains(lower(strip_accents(e.name)), lower(strip_accents(?))) "
               "OR lower(e.country) = lower(?)")
_COUNTRY_COND = "lower(e.country) = lower(?)"

_EVENT_SQL = """
WITH selected AS (
    SELECT v.* FROM events v
    WHERE {where}
    ORDER BY {order}
    {limit}
),
role_detail AS (
    SELECT r.doc_id, r.event_id, r.role, r.position, r.entity_id,
           e.name, e.type, e.country, e.sector, e.wikidata,
           first(m.text ORDER BY (m."start" >= s.evidence_start AND m."end" <= s.evidence_end) DESC NULLS LAST,
                 m.position) AS actor_text
    FROM event_roles r
    JOIN selected s ON s.doc_id = r.doc_id AND s.event_id = r.event_id
    LEFT JOIN entities e ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id
    LEFT JOIN mentions m ON m.doc_id = r.doc_id AND m.entity_id = r.entity_id
    GROUP BY r.doc_id, r.event_id, r.role, r.position, r.entity_id, e.name, e.type, e.country, e.sector, e.wikidata
),
roles AS (
    SELECT doc_id, event_id,
        list(entity_id ORDER BY position) FILTER (WHERE role = 'actor') AS actor_ids,
        list(coalesce(name, entity_id) ORDER BY position) FILTER (WHERE role = 'actor') AS actor_names,
        list(country ORDER BY position) FILTER (WHERE role = 'actor' AND country IS NOT NULL) AS actor_countries,
        list(entity_id ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient_ids,
        list(coalesce(name, entity_id) ORDER BY position) FILTER (WHERE role = 'recipient') AS recipient_names,
        list(country ORDER BY position) FILTER (WHERE role = 'recipient' AND country IS NOT NULL) AS recipient_countries,
        list(entity_id ORDER BY position) FILTER (WHERE role = 'attribution') AS attribution_ids,
        list(coalesce(name, entity_id) ORDER BY position) FILTER (WHERE role = 'attribution') AS attribution_names,
        list({{'id': entity_id, 'name': coalesce(name, entity_id), 'type': type, 'country': country,
               'sector': sector, 'wikidata': wikidata, 'actor_text': actor_text}} ORDER BY position)
            FILTER (WHERE role = 'actor') AS actors,
        list({{'id': entity_id, 'name': coalesce(name, entity_id), 'type': type, 'country': country,
               'sector': sector, 'wikidata': wikidata, 'actor_text': actor_text}} ORDER BY position)
            FILTER (WHERE role = 'recipient') AS recipients,
        list({{'id': entity_id, 'name': coalesce(name, entity_id), 'type': type, 'country': country,
               'sector': sector, 'wikidata': wikidata, 'actor_text': actor_text}} ORDER BY position)
            FILTER (WHERE role = 'attribution') AS attributions
    FROM role_detail
    GROUP BY doc_id, event_id
)
SELECT
    v.doc_id, v.event_id, v.event,
    coalesce(v.mode, []) AS mode, coalesce(v.context, []) AS context,
    v.date, v.enddate, v.precision, v.date_text, v.status,
    coalesce(n.actor_ids, []) AS actor_ids, coalesce(n.actor_names, []) AS actor_names,
    coalesce(n.actor_countries, []) AS actor_countries,
    coalesce(n.recipient_ids, []) AS recipient_ids, coalesce(n.recipient_names, []) AS recipient_names,
    coalesce(n.recipient_countries, []) AS recipient_countries,
    coalesce(n.attribution_ids, []) AS attribution_ids, coalesce(n.attribution_names, []) AS attribution_names,
    v.location_name, v.location_country, v.event_scale, v.quad_code, v.cameo, v.confidence,
    coalesce(v.rules, []) AS rules,
    coalesce(v.trigger_text, CASE WHEN v.trigger_start IS NOT NULL AND v.trigger_end IS NOT NULL
        THEN substring(d.text, v.trigger_start + 1, v.trigger_end - v.trigger_start) END) AS trigger,
    v.trigger_start, v.trigger_end,
    CASE WHEN v.evidence_start IS NOT NULL AND v.evidence_end IS NOT NULL
        THEN substring(d.text, v.evidence_start + 1, v.evidence_end - v.evidence_start) END AS evidence,
    v.evidence_start, v.evidence_end,
    d.source, d.title, d.outlet, d.url, d.lang, d.date_value AS doc_date, d.date_precision AS doc_date_precision
    {detail}
FROM selected v
JOIN documents d ON d.id = v.doc_id
LEFT JOIN roles n ON n.doc_id = v.doc_id AND n.event_id = v.event_id
ORDER BY {order}
"""

_DETAIL = """,
    coalesce(n.actors, []) AS actors, coalesce(n.recipients, []) AS recipients,
    coalesce(n.attributions, []) AS attributions"""

# The columns of one event row, in order (without the detail columns).
EVENT_COLUMNS = (
    "doc_id", "event_id", "event", "mode", "context", "date", "enddate", "precision", "date_text", "status",
    "actor_ids", "actor_names", "actor_countries", "recipient_ids", "recipient_names", "recipient_countries",
    "attribution_ids", "attribution_names", "location_name", "location_country", "event_scale", "quad_code",
    "cameo", "confidence", "rules", "trigger", "trigger_start", "trigger_end", "evidence", "evidence_start",
    "evidence_end", "source", "title", "outlet", "url", "lang", "doc_date", "doc_date_precision",
)


def _filters(
    actor: str | None, country: str | None, category: str | None, status: str | None,
    since: str | None, until: str | None,
) -> tuple[list[str], list[Any]]:
    where: list[str] = []
    params: list[Any] = []
    if actor:
        where.append(_ROLE_MATCH.format(cond=_ACTOR_COND))
        params += [actor.strip(), actor.strip()]
    if country:
        where.append(_ROLE_MATCH.format(cond=_COUNTRY_COND))
        params.append(country.strip())
    if category:
        where.append("upper(v.event) = upper(?)")
        params.append(category.strip())
    if status:
        where.append("lower(v.status) = lower(?)")
        params.append(status.strip())
    if since:
        where.append("v.date_to >= ?")
        params.append(filter_bound(since, "since")[0])
    if until:
        where.append("v.date_from <= ?")
        params.append(filter_bound(until, "until")[1])
    return where, params


def _rows(cur: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cur.description]
    return [dict(zip(names, row)) for row in cur.fetchall()]


def event_rows(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: str | None = None,
    country: str | None = None,
    category: str | None = None,
    status: str | None = None,
    since: str | None = None,
    until: str | None = None,
    limit: int | None = None,
    order: str = ORDER_CHRONOLOGICAL,
    detail: bool = False,
) -> list[dict[str, Any]]:
    """Events matching every given filter, as dicts with the keys of EVENT_COLUMNS
    (plus `actors`, `recipients`, `attributions` — lists of entity objects — when `detail`).

    Filters (each optional, all combined with AND):
    - `actor`: an actor or recipient whose entity name contains the text (case- and accent-insensitive),
      or whose country/IGO code equals it (case-insensitive);
    - `country`: an actor or recipient with that country/IGO code (case-insensitive);
    - `category`: the PLOVER category (case-insensitive); `status`: the status (case-insensitive);
    - `since`/`until` (YYYY, YYYY-MM or YYYY-MM-DD): the event's date interval overlaps the range from the
      first day of `since` to the last day of `until` (see kronika.store.dates); undated events never match.
    `limit` None means all. Raises InvalidQuery for a malformed date or a negative limit.
    """
    if order not in (ORDER_CHRONOLOGICAL, ORDER_RECENT):
        raise InvalidQuery("unknown order")
    where, params = _filters(actor, country, category, status, since, until)
    limit_sql = ""
    if limit is not None:
        if not isinstance(limit, int) or limit < 0:
            raise InvalidQuery(f"limit must be a non-negative integer, got {limit!r}")
        limit_sql = "LIMIT ?"
        params.append(limit)
    sql = _EVENT_SQL.format(
        where=" AND ".join(where) or "TRUE", order=order, limit=limit_sql, detail=_DETAIL if detail else ""
    )
    return _rows(con.execute(sql, params))


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Number of rows of each record layer."""
    tables = ("documents", "entities", "mentions", "events", "quotes", "timexes")
    sql = " UNION ALL ".join(f"SELECT '{t}', count(*) FROM {t}" for t in tables)
    return {name: n for name, n in con.execute(sql).fetchall()}


def _pairs(con: duckdb.DuckDBPyConnection, sql: str, params: Sequence[Any] = ()) -> list[tuple]:
    return [tuple(r) for r in con.execute(sql, list(params)).fetchall()]


def summary_stats(con: duckdb.DuckDBPyConnection, *, top: int = 10, recent: int = 10) -> dict[str, Any]:
    """The figures `kronika summary` shows, as plain data:

    counts (rows per layer), languages [(lang, n)], doc_dates (earliest, latest, undated count),
    outlets [(outlet or None, n)] (top `top`), actors [(name, country, events, as_actor, as_recipient)]
    (top `top` by events in which the entity is actor or recipient), categories [(event, n)],
    statuses [(status, n)], recent (the `recent` most recent dated events, as event rows).
    """
    stats: dict[str, Any] = {"counts": counts(con)}
    stats["languages"] = _pairs(con, "SELECT lang, count(*) AS n FROM documents GROUP BY lang ORDER BY n DESC, lang")
    earliest, latest, undated = con.execute(
        "SELECT min(date_value), max(date_value), count(*) FILTER (WHERE date_value IS NULL) FROM documents"
    ).fetchone()
    stats["doc_dates"] = (earliest, latest, undated)
    stats["outlets"] = _pairs(
        con, "SELECT outlet, count(*) AS n FROM documents GROUP BY outlet ORDER BY n DESC, outlet NULLS LAST LIMIT ?",
        [top],
    )
    stats["actors"] = _pairs(
        con,
        """
        SELECT coalesce(e.name, r.entity_id) AS name, e.country,
               count(DISTINCT r.doc_id || chr(31) || r.event_id) AS events,
               count(DISTINCT r.doc_id || chr(31) || r.event_id) FILTER (WHERE r.role = 'actor') AS as_actor,
               count(DISTINCT r.doc_id || chr(31) || r.event_id) FILTER (WHERE r.role = 'recipient') AS as_recipient
        FROM event_roles r LEFT JOIN entities e ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id
        WHERE r.role IN ('actor', 'recipient')
        GROUP BY 1, 2
        ORDER BY events DESC, as_actor DESC, name
        LIMIT ?""",
        [top],
    )
    stats["categories"] = _pairs(con, "SELECT event, count(*) AS n FROM events GROUP BY event ORDER BY n DESC, event")
    stats["statuses"] = _pairs(con, "SELECT status, count(*) AS n FROM events GROUP BY status ORDER BY n DESC, status")
    stats["undated_events"] = con.execute("SELECT count(*) FROM events WHERE date_from IS NULL").fetchone()[0]
    stats["recent"] = [r for r in event_rows(con, limit=recent, order=ORDER_RECENT) if r["date"]] if recent else []
    return stats
