"""Marking spans of a text for display (like displaCy): the text is cut at every span boundary into
segments, each carrying the spans that cover it. Templates render a segment as nested <span> elements around
its (escaped) text, so overlapping and crossing spans still give well-formed HTML, and no text is ever
interpreted as markup.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Iterable


@dataclass(frozen=True)
class Mark:
    """A span to mark: [start, end) in the text; `kind` becomes the CSS class (`ent`, `trigger`, …);
    `label` is shown after the span's last segment (may be empty); `title` is the hover text; `ref` links
    the mark to a record object (an entity, event, quote or timex id)."""

    start: int
    end: int
    kind: str
    label: str = ""
    title: str = ""
    ref: str = ""
    variant: str = ""


@dataclass
class Segment:
    """A piece of text and the marks covering it (outermost first); `closing` holds the marks that end here
    (their labels are shown after the text)."""

    text: str
    marks: list[Mark] = field(default_factory=list)
    closing: list[Mark] = field(default_factory=list)


def segments(text: str, marks: Iterable[Mark], offset: int = 0) -> list[Segment]:
    """Cut `text` (which starts at `offset` of the document) at every boundary of `marks` (document offsets).

    Guarantees: the segments' texts joined give `text` exactly; a segment's marks are those whose span covers
    it, longer (outer) spans first; marks outside the text or empty are ignored; marks partly outside are
    clipped to it.
    """
    end_of_text = offset + len(text)
    kept = []
    for m in marks:
        if m.start is None or m.end is None:
            continue
        s, e = max(m.start, offset), min(m.end, end_of_text)
        if s < e:
            kept.append((s, e, m))
    cuts = sorted({offset, end_of_text, *(s for s, _, _ in kept), *(e for _, e, _ in kept)})
    out: list[Segment] = []
    for a, b in zip(cuts, cuts[1:]):
        covering = [(s, e, m) for s, e, m in kept if s <= a and b <= e]
        covering.sort(key=lambda x: (x[0], -x[1]))
        out.append(Segment(
            text=text[a - offset:b - offset],
            marks=[m for _, _, m in covering],
            closing=[m for _, e, m in covering if e == b and m.label][::-1],
        ))
    return out


def document_marks(record: dict[str, Any]) -> list[Mark]:
    """Marks of every layer of a record: entity mentions (`ent`, variant = entity type), quotes (`quote`),
    time expressions (`timex`) and event triggers (`trigger`)."""
    marks: list[Mark] = []
    for ent in record.get("entities") or []:
        for m in ent.get("mentions") or []:
            marks.append(Mark(m.get("start"), m.get("end"), "ent", label=(ent.get("type") or "").upper(),
                              title=f"{ent.get('name')} ({ent.get('type')}, {ent.get('country') or '—'})",
                              ref=ent.get("id") or "", variant=ent.get("type") or ""))
    for q in record.get("quotes") or []:
        marks.append(Mark(q.get("start"), q.get("end"), "quote", label="", title=f"quote {q.get('id')} ({q.get('kind')})",
                          ref=q.get("id") or "", variant=q.get("kind") or ""))
    for i, t in enumerate(record.get("timexes") or []):
        marks.append(Mark(t.get("start"), t.get("end"), "timex", label="TIME", title=f"{t.get('type')} {t.get('value')}",
                          ref=f"t{i + 1}"))
    for v in record.get("events") or []:
        trig = (v.get("evidence") or {}).get("trigger") or {}
        if trig.get("start") is not None:
            marks.append(Mark(trig.get("start"), trig.get("end"), "trigger", label=v.get("event") or "",
                              title=f"event {v.get('id')}: {v.get('event')} ({v.get('status')})", ref=v.get("id") or ""))
    return marks


def evidence_marks(record: dict[str, Any], event: dict[str, Any]) -> list[Mark]:
    """Marks for one event's evidence sentence: its trigger, and the mentions of its actors (`actor`),
    recipients (`recipient`) and attributed sources (`source`)."""
    entities = {e.get("id"): e for e in record.get("entities") or []}
    marks: list[Mark] = []
    for role, kind in (("actor", "actor"), ("recipient", "recipient"), ("attribution", "source")):
        for eid in event.get(role) or []:
            ent = entities.get(eid) or {}
            for m in ent.get("mentions") or []:
                marks.append(Mark(m.get("start"), m.get("end"), kind, label=kind.upper(),
                                  title=f"{kind}: {ent.get('name', eid)}", ref=eid))
    trig = (event.get("evidence") or {}).get("trigger") or {}
    if trig.get("start") is not None:
        marks.append(Mark(trig["start"], trig.get("end"), "trigger", label=event.get("event") or "",
                          title="trigger", ref=event.get("id") or ""))
    return marks
