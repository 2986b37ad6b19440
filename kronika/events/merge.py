"""One event per act per document: repeated mentions of the same act are merged (SPEC.md, issue 7).

Two events are the same act when they have the same category, their actors' keys overlap with one set
contained in the other, their recipients' keys are compatible (one side empty, or overlapping), their
negation agrees and their dates do not contradict each other. The first mention's evidence stays in the record;
the merged mentions are listed in the internal data: `merged` (the other mentions, with their evidence) and
`mentions` (the trigger offsets {start, end, sentence} of every mention, the first included, in text order).
"""
from __future__ import annotations

from kronika.eval.normalize import normalize_name


def entity_key(entity: dict | None) -> str:
    """SPEC.md's key of an entity: its country (or IGO) code, else its normalised name."""
    if not entity:
        return ""
    return entity.get("country") or normalize_name(entity.get("name"))


def _keys(ids: list[str], entities: dict[str, dict]) -> set[str]:
    return {entity_key(entities.get(i)) for i in ids} - {""}


def dates_compatible(a: dict, b: dict) -> bool:
    """True when either date is unknown or one is a prefix of the other at the coarser precision."""
    da, db = a.get("date"), b.get("date")
    if not da or not db:
        return True
    n = min(len(da), len(db))
    return da[:n] == db[:n]


def same_act(a: dict, b: dict, ia: dict, ib: dict, entities: dict[str, dict]) -> bool:
    if a["event"] != b["event"] or bool(ia.get("negated")) != bool(ib.get("negated")):
        return False
    ka, kb = _keys(a["actor"], entities), _keys(b["actor"], entities)
    if not (ka & kb) or not (ka <= kb or kb <= ka):
        return False
    ra, rb = _keys(a["recipient"], entities), _keys(b["recipient"], entities)
    if ra and rb and not (ra & rb):
        return False
    return dates_compatible(a, b)


def merge_events(events: list[dict], internal: list[dict], entities: list[dict]) -> tuple[list[dict], list[dict]]:
    """Merged (events, internal), ids renumbered v1, v2 … in text order of first mention."""
    by_id = {e["id"]: e for e in entities}
    out: list[dict] = []
    out_int: list[dict] = []
    for ev, it in zip(events, internal):
        target = next((k for k, o in enumerate(out) if same_act(o, ev, out_int[k], it, by_id)), None)
        trig = ev["evidence"].get("trigger") or {}
        mention = {"start": trig.get("start"), "end": trig.get("end"), "sentence": it.get("sentence")}
        if target is None:
            it.setdefault("mentions", [])
            it["mentions"].append(mention)
            out.append(ev)
            out_int.append(it)
            continue
        o = out[target]
        for e in ev["actor"]:
            if e not in o["actor"]:
                o["actor"].append(e)
        for e in ev["recipient"]:
            if e not in o["recipient"] and e not in o["actor"]:
                o["recipient"].append(e)
        if not o.get("date") and ev.get("date"):
            for key in ("date", "precision", "date_text", "enddate"):
                o[key] = ev.get(key)
        if o.get("location") is None and ev.get("location"):
            o["location"] = ev["location"]
        for m in ev.get("mode") or []:
            if m not in o["mode"]:
                o["mode"].append(m)
        o["confidence"] = round(min(0.98, max(o.get("confidence") or 0, ev.get("confidence") or 0) + 0.03), 2)
        if "merged" not in o["rules"]:
            o["rules"].append("merged")
        out_int[target]["mentions"].append(mention)
        out_int[target]["merged"].append({"sentence": it["sentence"], "trigger_tokens": it["trigger_tokens"],
                                          "lexicon_entry": it["lexicon_entry"], "evidence": dict(ev["evidence"])})
    for n, ev in enumerate(out, 1):
        ev["id"] = f"v{n}"
    return out, out_int


def drop_untargeted(events: list[dict], internal: list[dict], directed: frozenset[str] | set[str],
                    entities: list[dict] = ()) -> tuple[list[dict], list[dict], list[dict]]:
    """(kept events, their internal data, dropped-candidate notes): an event of a directed category (ONTOLOGY:
    accusations, assaults, sanctions … always have a target) that has no recipient after merging is dropped, and
    so is a reciprocal act (internal `reciprocal`: talks, meetings, treaties) with a single party and no partner,
    unless that party is an intergovernmental organisation (a NATO summit is its members' meeting).
    Kept events are renumbered v1, v2 …"""
    by_id = {e["id"]: e for e in entities}
    kept, kept_int, dropped = [], [], []
    for ev, it in zip(events, internal):
        reason = ""
        if ev["event"] in directed and not ev["recipient"]:
            reason = f"{ev['event']} needs a recipient and none was found"
        elif it.get("reciprocal") and len(ev["actor"]) < 2 and not ev["recipient"] and not (
                ev["actor"] and (by_id.get(ev["actor"][0]) or {}).get("sector") == "IGO"):
            reason = "a reciprocal act with one party and no partner found"
        if reason:
            dropped.append({"sentence": it["sentence"], "trigger_tokens": it["trigger_tokens"],
                            "lexicon_entry": it["lexicon_entry"], "reason": reason})
            continue
        kept.append(ev)
        kept_int.append(it)
    for n, ev in enumerate(kept, 1):
        ev["id"] = f"v{n}"
    return kept, kept_int, dropped
