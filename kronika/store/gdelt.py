"""The GDELT export: stored events as rows of the GDELT 2.0 event table (tab-separated, no header, the 61
columns of the GDELT 2.0 Event Codebook in their order). kronika fills the columns it has and leaves the
rest empty; docs/web.md §GDELT lists what goes where."""
from __future__ import annotations

import re
from typing import IO, Any

# The GDELT 2.0 event table ("export" files), in order.
GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KnownGroupCode", "Actor1EthnicCode",
    "Actor1Religion1Code", "Actor1Religion2Code", "Actor1Type1Code", "Actor1Type2Code", "Actor1Type3Code",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KnownGroupCode", "Actor2EthnicCode",
    "Actor2Religion1Code", "Actor2Religion2Code", "Actor2Type1Code", "Actor2Type2Code", "Actor2Type3Code",
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    "Actor1Geo_Type", "Actor1Geo_FullName", "Actor1Geo_CountryCode", "Actor1Geo_ADM1Code", "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat", "Actor1Geo_Long", "Actor1Geo_FeatureID",
    "Actor2Geo_Type", "Actor2Geo_FullName", "Actor2Geo_CountryCode", "Actor2Geo_ADM1Code", "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat", "Actor2Geo_Long", "Actor2Geo_FeatureID",
    "ActionGeo_Type", "ActionGeo_FullName", "ActionGeo_CountryCode", "ActionGeo_ADM1Code", "ActionGeo_ADM2Code",
    "ActionGeo_Lat", "ActionGeo_Long", "ActionGeo_FeatureID",
    "DATEADDED", "SOURCEURL",
)

# Ids: document ingestion number × ID_STRIDE + the event's place in its document + 1 (stable across exports).
ID_STRIDE = 100_000

_SQL = """
SELECT v.doc_id, v.event_id, v.position, d.seq, v.date_from, v.event, v.cameo, v.quad_code, v.event_scale,
       v.location_name, d.ingested_at, d.url, d.source,
       v.evidence_start, strpos(d.text, chr(10) || chr(10)) - 1 AS first_break,
       (SELECT list({'name': e.name, 'country': e.country, 'sector': e.sector} ORDER BY r.position)
        FROM event_roles r LEFT JOIN entities e ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id
        WHERE r.doc_id = v.doc_id AND r.event_id = v.event_id AND r.role = 'actor') AS actors,
       (SELECT list({'name': e.name, 'country': e.country, 'sector': e.sector} ORDER BY r.position)
        FROM event_roles r LEFT JOIN entities e ON e.doc_id = r.doc_id AND e.entity_id = r.entity_id
        WHERE r.doc_id = v.doc_id AND r.event_id = v.event_id AND r.role = 'recipient') AS recipients
FROM events v JOIN documents d ON d.id = v.doc_id
ORDER BY d.seq, v.position
"""

_CAMEO_COUNTRY = re.compile(r"[A-Z]{3}")
_WS = re.compile(r"[\t\r\n]+")


def _cell(value: Any) -> str:
    if value is None:
        return ""
    return _WS.sub(" ", str(value))


def _actor(entity: dict[str, Any] | None) -> dict[str, str]:
    """Actor columns: Code (CAMEO-style country + sector, e.g. RUSGOV), Name, CountryCode, Type1Code."""
    if not entity:
        return {"Code": "", "Name": "", "CountryCode": "", "Type1Code": ""}
    country = entity.get("country") or ""
    country = country if _CAMEO_COUNTRY.fullmatch(country) else ""
    sector = entity.get("sector") or ""
    return {"Code": country + sector, "Name": entity.get("name") or "", "CountryCode": country,
            "Type1Code": sector}


def gdelt_row(ev: dict[str, Any]) -> list[str]:
    """The 61 GDELT cells of one event (a row of _SQL), in GDELT_COLUMNS order."""
    row = dict.fromkeys(GDELT_COLUMNS, "")
    row["GLOBALEVENTID"] = ev["seq"] * ID_STRIDE + ev["position"] + 1
    day = ev["date_from"]
    if day is not None:
        row["SQLDATE"] = day.strftime("%Y%m%d")
        row["MonthYear"] = day.strftime("%Y%m")
        row["Year"] = day.year
        # the codebook's formula: YYYY + (MONTH * 30 + DAY) / 365
        row["FractionDate"] = f"{day.year + (day.month * 30 + day.day) / 365:.4f}"
    for n, key in ((1, "actors"), (2, "recipients")):
        entities = ev[key] or []
        for field, value in _actor(entities[0] if entities else None).items():
            row[f"Actor{n}{field}"] = value
    first_break = ev["first_break"]
    if ev["evidence_start"] is not None:
        row["IsRootEvent"] = int(first_break < 0 or ev["evidence_start"] < first_break)
    cameo = ev["cameo"] or ""
    if cameo:
        row["EventCode"], row["EventBaseCode"], row["EventRootCode"] = cameo, cameo[:3], cameo[:2]
    row["QuadClass"] = ev["quad_code"]
    if ev["event_scale"] is not None:
        row["GoldsteinScale"] = f"{ev['event_scale']:g}"
    row["NumMentions"] = row["NumSources"] = row["NumArticles"] = 1
    row["ActionGeo_FullName"] = ev["location_name"]
    if ev["ingested_at"] is not None:
        row["DATEADDED"] = ev["ingested_at"].strftime("%Y%m%d%H%M%S")
    row["SOURCEURL"] = ev["url"] or ev["source"]
    return [_cell(row[c]) for c in GDELT_COLUMNS]


def write_gdelt(con, out: IO[str]) -> int:
    """Write every stored event as a GDELT 2.0 event-table row (document ingestion order, then the event's
    place in its document); the number of rows written."""
    cur = con.execute(_SQL)
    names = [d[0] for d in cur.description]
    n = 0
    for values in cur.fetchall():
        out.write("\t".join(gdelt_row(dict(zip(names, values)))) + "\n")
        n += 1
    return n
