"""`kronika explain FILE`: the text with each event's trigger, actor and recipient marked and the rules used,
and the trigger candidates that were dropped with the reason, for people who maintain the lexicons."""
from __future__ import annotations

from typing import Iterable


def _mark(text: str, spans: list[tuple[int, int, str, str]]) -> str:
    """`text` with [open … close] marks inserted around non-overlapping (start, end, open, close) spans."""
    out, pos = [], 0
    for start, end, op, cl in sorted(spans):
        if start < pos:
            continue
        out.append(text[pos:start] + op + text[start:end] + cl)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def explain_document(doc) -> list[str]:
    """Lines describing every sentence with an event or a dropped candidate: the marked sentence
    ([trigger], <actor>, {recipient}), then one line per event (category, roles, date, status, rules)."""
    entities = {e["id"]: e for e in doc.entities}
    internal = doc.spans.get("event_triggers") or []
    dropped = doc.spans.get("event_dropped") or []
    per_sentence: dict[int, list[tuple[dict, dict]]] = {}
    for ev, it in zip(doc.events, internal):
        per_sentence.setdefault(it["sentence"], []).append((ev, it))
        for m in it.get("merged") or []:
            per_sentence.setdefault(m["sentence"], []).append((ev, {**m, "is_repeat": True}))
    drops: dict[int, list[dict]] = {}
    for d in dropped:
        drops.setdefault(d["sentence"], []).append(d)
    lines: list[str] = []
    for si, s in enumerate(doc.sentences):
        if si not in per_sentence and si not in drops:
            continue
        spans: list[tuple[int, int, str, str]] = []
        for ev, it in per_sentence.get(si, []):
            lo, hi = it["trigger_tokens"]
            spans.append((doc.tokens[lo].start, doc.tokens[hi - 1].end, "[", f"]{ev['id']}"))
            for role, op, cl in (("actor", "<", ">"), ("recipient", "{", "}")):
                for eid in ev[role]:
                    for m in entities.get(eid, {}).get("mentions") or []:
                        if s.start <= m["start"] and m["end"] <= s.end:
                            spans.append((m["start"], m["end"], op, cl))
        lines.append(f"sentence {si + 1}: " + _mark(doc.text, spans)[_offset(spans, s.start):][: _length(doc, s, spans)])
        for ev, it in per_sentence.get(si, []):
            who = ", ".join(entities[e]["name"] for e in ev["actor"] if e in entities)
            whom = ", ".join(entities[e]["name"] for e in ev["recipient"] if e in entities)
            if it.get("is_repeat"):
                lines.append(f"  {ev['id']} (repeat, merged; entry {it['lexicon_entry']})")
                continue
            mode = "/" + ",".join(ev["mode"]) if ev.get("mode") else ""
            date = ev.get("date") or "date unknown"
            lines.append(f"  {ev['id']} {ev['event']}{mode}: {who or '?'} -> {whom or '-'}; {date}; {ev['status']}; "
                         f"confidence {ev.get('confidence')}")
            lines.append(f"     rules: {', '.join(ev.get('rules') or [])}")
        for d in drops.get(si, []):
            lo = d["trigger_tokens"][0]
            lines.append(f"  dropped '{doc.tokens[lo].text}' ({d['lexicon_entry']}): {d['reason']}")
    return lines


def _offset(spans, start: int) -> int:
    return start + sum(len(op) + len(cl) for s, e, op, cl in spans if e <= start)


def _length(doc, s, spans) -> int:
    inside = [(a, b, op, cl) for a, b, op, cl in sorted(spans) if s.start <= a and b <= s.end]
    taken, pos = 0, -1
    for a, b, op, cl in inside:
        if a < pos:
            continue
        taken += len(op) + len(cl)
        pos = b
    return (s.end - s.start) + taken


def explain_paths(paths: Iterable[str], date: str | None = None) -> Iterable[str]:
    """Run the pipeline over the inputs and yield the explanation lines of every document."""
    from kronika.run import process

    for doc, _record in process(list(paths), date=date):
        yield f"== {doc.source} ({len(doc.events)} event(s))"
        yield from explain_document(doc)
