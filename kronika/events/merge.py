"""One event per act per document: repeated mentions of the same act are merged (SPEC.md, issue 7).

Two events are the same act when they have the same category, their actors' keys overlap with one set
contained in the other, their recipients' keys are compatible (one side empty, or overlapping), the parties
(actors and recipients) of one are all parties of the other, their places (countries) do not differ, their
negation agrees and their dates do not contradict each other; an entry marked `own_act` merges only with
mentions of the same entry. The first mention's evidence stays in the record;
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
    """Merge keys: SPEC.md's entity keys, except that a group (an armed movement, a people) is itself, not its
    country: M23 taking Goma is no act of the Congolese state."""
    out = set()
    for i in ids:
        ent = entities.get(i)
        out.add(normalize_name(ent.get("name")) if ent and ent.get("type") == "group" else entity_key(ent))
    return out - {""}


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
    if (ia.get("own_act") or ib.get("own_act")) and ia.get("lexicon_entry") != ib.get("lexicon_entry"):
        return False  # a summons of an ambassador restates no other accusation
    ka, kb = _keys(a["actor"], entities), _keys(b["actor"], entities)
    if not (ka & kb) or not (ka <= kb or kb <= ka):
        return False
    ra, rb = _keys(a["recipient"], entities), _keys(b["recipient"], entities)
    if ra and rb and not (ra & rb):
        return False
    # all the parties of one mention take part in the other: Putin's visit to India is not his talks with
    # the American envoys, though both have Russia as actor and one has no recipient
    pa, pb = ka | ra, kb | rb
    if not (pa <= pb or pb <= pa):
        return False
    if not _places_compatible(a.get("location"), b.get("location")):
        return False
    return dates_compatible(a, b)


def _places_compatible(a: dict | None, b: dict | None) -> bool:
    """Two mentions placed in different countries are different acts; an unplaced mention fits any place."""
    if not a or not b:
        return True
    return (a.get("country") or a.get("name")) == (b.get("country") or b.get("name"))


def merge_events(events: list[dict], internal: list[dict], entities: list[dict],
                 weak: list[tuple[dict, dict]] = ()) -> tuple[list[dict], list[dict]]:
    """Merged (events, internal), ids renumbered v1, v2 … in text order of first mention. `weak` mentions (an
    entry that needs a recipient and found none: "zaproponowała", "wizyta") create no event but, when they are
    the same act as an event, add their mention (and date) to it, not their parties."""
    by_id = {e["id"]: e for e in entities}
    out: list[dict] = []
    out_int: list[dict] = []
    for ev, it in zip(events, internal):
        target = _target(out, out_int, ev, it, by_id)
        if target is None:
            it.setdefault("mentions", [])
            it["mentions"].append(_mention(ev, it))
            out.append(ev)
            out_int.append(it)
            continue
        _absorb(out[target], out_int[target], ev, it)
    for ev, it in weak:
        target = _restated(out, out_int, ev, it) if it.get("restatement") else _target(out, out_int, ev, it, by_id)
        if target is not None:
            _absorb(out[target], out_int[target], dict(ev, actor=[]), it)  # a weak mention adds no party
    for n, ev in enumerate(out, 1):
        ev["id"] = f"v{n}"
    return out, out_int


RESTATEMENT_REACH = 3


def _restated(out: list[dict], out_int: list[dict], ev: dict, it: dict) -> int | None:
    """The act a partyless noun subject takes up ("Dzisiejsze sankcje to kolejny krok"): the event of its
    category and negation mentioned last before it, at most `RESTATEMENT_REACH` sentences back, whose date
    does not contradict its own."""
    here = it.get("sentence") or 0
    best, best_key = None, None
    for k, o in enumerate(out):
        if o["event"] != ev["event"] or bool(out_int[k].get("negated")) != bool(it.get("negated")):
            continue
        if not dates_compatible(o, ev):
            continue
        seen = [m.get("sentence") or 0 for m in out_int[k].get("mentions") or ()] or [out_int[k].get("sentence") or 0]
        before = [x for x in seen if here - RESTATEMENT_REACH <= x <= here]
        if before and (best_key is None or max(before) > best_key):
            best, best_key = k, max(before)
    return best


def _target(out: list[dict], out_int: list[dict], ev: dict, it: dict, by_id: dict) -> int | None:
    """The event a mention restates: of the events it may be the same act as, the one mentioned last before it
    (a restatement takes up the act just told of)."""
    here = it.get("sentence") or 0
    best, best_key = None, None
    for k, o in enumerate(out):
        if not same_act(o, ev, out_int[k], it, by_id):
            continue
        seen = [m.get("sentence") or 0 for m in out_int[k].get("mentions") or ()] or [out_int[k].get("sentence") or 0]
        before = [x for x in seen if x <= here]
        key = max(before) if before else -1
        if best_key is None or key > best_key:
            best, best_key = k, key
    return best


def _mention(ev: dict, it: dict) -> dict:
    trig = ev["evidence"].get("trigger") or {}
    return {"start": trig.get("start"), "end": trig.get("end"), "sentence": it.get("sentence"),
            "negation_consumed": bool(it.get("negation_consumed"))}


def _absorb(o: dict, oi: dict, ev: dict, it: dict) -> None:
    """Merges mention `ev` (internal `it`) into event `o` (internal `oi`)."""
    for e in ev["actor"]:
        if e not in o["actor"]:
            o["actor"].append(e)
    for e in ev["recipient"]:
        if e not in o["recipient"] and e not in o["actor"]:
            o["recipient"].append(e)
    # the date of the mention that tells it most directly: by the trigger, in its clause, in its sentence, framed
    if ev.get("date") and (not o.get("date") or it.get("date_rank", 4) < oi.get("date_rank", 4)):
        for key in ("date", "precision", "date_text", "enddate"):
            o[key] = ev.get(key)
        oi["date_rank"] = it.get("date_rank", 4)
    if o.get("location") is None and ev.get("location"):
        o["location"] = ev["location"]
    if not oi.get("venue") and it.get("venue"):
        oi["venue"] = it["venue"]
    for m in ev.get("mode") or []:
        if m not in o["mode"]:
            o["mode"].append(m)
    o["confidence"] = round(min(0.98, max(o.get("confidence") or 0, ev.get("confidence") or 0) + 0.03), 2)
    if "merged" not in o["rules"]:
        o["rules"].append("merged")
    oi["mentions"].append(_mention(ev, it))
    oi["merged"].append({"sentence": it["sentence"], "trigger_tokens": it["trigger_tokens"],
                         "lexicon_entry": it["lexicon_entry"], "evidence": dict(ev["evidence"])})


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
        if ev["event"] in directed and not ev["recipient"] and not (it.get("reciprocal") and len(ev["actor"]) >= 2):
            # (a reciprocal act of two parties needs none: a ceasefire "między Izraelem a Hamasem")
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


def host_by_place(events: list[dict], internal: list[dict], entities: list[dict]) -> None:
    """Talks held in one party's country have that party as host (PLOVER: the visitor is the actor, the host
    the recipient): "spotkanie na Kremlu" of Putin with the American envoys. Applied to merged reciprocal
    CONSULT events without a recipient whose mentions place them (internal `venue`, a country code). When no
    party is from there and all come from one other country, the venue's country, if an entity of the
    document, hosts them; parties of two countries meeting in a third are at a neutral venue."""
    by_id = {e["id"]: e for e in entities}

    def country_of(e: str) -> str | None:
        return (by_id.get(e) or {}).get("country")

    for ev, it in zip(events, internal):
        venue = it.get("venue")
        if ev["event"] != "CONSULT" or not it.get("reciprocal") or ev["recipient"] or not venue:
            continue
        hosts = [a for a in ev["actor"] if country_of(a) == venue]
        guests = [a for a in ev["actor"] if a not in hosts]
        if hosts and guests:
            ev["actor"], ev["recipient"] = guests, hosts
            ev["rules"].append("host_by_place")
        elif guests and len({country_of(a) or a for a in guests}) == 1:
            host = next((e["id"] for e in entities if e.get("type") == "country" and e.get("country") == venue), None)
            if host is not None:
                ev["recipient"] = [host]
                ev["rules"].append("host_by_place:country")
