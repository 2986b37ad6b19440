"""The `events` pipeline stage: codes a document's events and writes `doc.events`.

Internal data for later stages (the status and attribution layer) goes to `doc.spans["event_triggers"]`, a list
aligned with `doc.events`: {sentence, trigger_tokens [start, end), head, negated, frame, lexicon_entry, nominal,
embedded_in (index of the accusation an act is embedded in, else None), merged (other mentions), mentions (the
trigger offsets {start, end, sentence} of every mention merged into the event, the first included)}.
Countries named only by an adjective ("rosyjski") become entities only when an event uses them.
Candidates dropped for want of an actor or recipient go to `doc.spans["event_dropped"]` (for `kronika explain`).
"""
from __future__ import annotations

from kronika.events.coder import Coder
from kronika.events.domain import drop_matches, sports_report
from kronika.events.merge import drop_untargeted, host_by_place, merge_events


class EventStage:
    name = "events"
    assigns = ("events",)

    def __init__(self) -> None:
        self._coder: Coder | None = None

    def __call__(self, doc) -> None:
        if (doc.lang or "pl") != "pl" or not doc.tokens:
            doc.events = []
            doc.spans["event_triggers"] = []
            return
        if self._coder is None:
            self._coder = Coder()
        coding = self._coder.code(doc)
        known = list(doc.entities) + coding.new_entities
        events, internal = merge_events(coding.events, coding.internal, known, coding.weak)
        host_by_place(events, internal, known)
        if sports_report(doc, self._coder.lex):
            events, internal, dropped = drop_matches(events, internal, known, self._coder.lex)
            coding.dropped.extend(dropped)
        events, internal, dropped = drop_untargeted(events, internal, self._coder.onto.directed, known)
        coding.dropped.extend(dropped)
        used = {e for ev in events for e in ev["actor"] + ev["recipient"]}
        new = [e for e in coding.new_entities if e["id"] in used]
        if new:
            doc.entities = list(doc.entities) + new
        doc.events = events
        doc.spans["event_triggers"] = internal
        doc.spans["event_dropped"] = coding.dropped
