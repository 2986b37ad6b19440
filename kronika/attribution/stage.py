"""The two attribution stages of the pipeline.

`QuotesStage` (after the actor linker, before events) writes `doc.quotes` and leaves the reports and source
scopes in `doc.spans["attribution"]`; `StatusStage` (after the event coder) sets every event's `status` and
`attribution` from its trigger's offsets alone, so it needs nothing of the coder but SPEC-shaped events.
"""
from __future__ import annotations

from kronika.attribution.index import DocIndex
from kronika.attribution.lexicon import Lexicon, load_lexicon
from kronika.attribution.quotes import Report, find_reports, is_quote, to_quote
from kronika.attribution.sources import Scope, attribute_reports, build_scopes, chain_at, compose
from kronika.attribution.status import event_status


def analyse(doc, lex: Lexicon | None = None) -> dict:
    """Reports, scopes and the index of a document, computed once and kept in doc.spans["attribution"]."""
    cached = doc.spans.get("attribution") if isinstance(doc.spans, dict) else None
    if cached and cached.get("n_entities") == len(doc.entities or []):
        return cached
    lex = lex or load_lexicon()
    ix = DocIndex(doc)
    reports = find_reports(doc, ix, lex)
    scopes = build_scopes(ix, lex, reports) if ix.tokens and ix.sentences else []
    attribute_reports(ix, scopes, reports)
    result = {"index": ix, "reports": reports, "scopes": scopes, "n_entities": len(doc.entities or [])}
    doc.spans["attribution"] = result
    return result


def quotes_of(reports: list[Report], ix: DocIndex) -> list[dict]:
    """SPEC.md QUOTE dicts, one per reported passage with a known speaker (q1, q2, … in text order).
    Policy: a passage whose speaker cannot be resolved is left out; a medium's report without quote marks
    is a source, not a quote; indirect speech that holds quoted fragments is recorded as those fragments
    when they make up at least half of it, else as the indirect speech (see _holders_or_fragments)."""
    out: list[dict] = []
    seen: set[tuple[int, int]] = set()
    dropped = _holders_or_fragments(reports)
    for r in reports:
        if not is_quote(r, ix) or id(r) in dropped or (r.start, r.end) in seen:
            continue
        seen.add((r.start, r.end))
        out.append(to_quote(r, ix, f"q{len(out) + 1}"))
    return out


def _holders_or_fragments(reports: list[Report], share: float = 0.5) -> set[int]:
    """ids of the reports left out: for indirect speech holding partial quotes ("+has-partial"), the
    fragments when they cover less than `share` of its text ("ocenił, że gwarancje to „błąd”, który …" is
    one indirect quote), else the indirect speech itself ("napisał, że "przyjaźń obu krajów …"" is the
    partial quote)."""
    out: set[int] = set()
    for holder in reports:
        if "+has-partial" not in holder.rule:
            continue
        parts = [r for r in reports if r.rule == "quote-in-report" and r.cue_tok == holder.cue_tok
                 and holder.start <= r.start and r.end <= holder.end + 1]
        quoted = sum(r.end - r.start for r in parts)
        if parts and quoted < share * max(1, holder.end - holder.start):
            out.update(id(r) for r in parts)
        else:
            out.add(id(holder))
    return out


class QuotesStage:
    """Writes doc.quotes (SPEC.md QUOTE)."""

    name = "quotes"
    assigns = ("quotes",)

    def __call__(self, doc) -> None:
        if not doc.tokens:
            doc.quotes = []
            return
        result = analyse(doc)
        doc.quotes = quotes_of(result["reports"], result["index"])


def _trigger_offsets(event: dict) -> tuple[int, int] | None:
    ev = event.get("evidence") or {}
    trig = ev.get("trigger") or {}
    if trig.get("start") is not None and trig.get("end") is not None:
        return int(trig["start"]), int(trig["end"])
    if ev.get("start") is not None and ev.get("end") is not None:
        return int(ev["start"]), int(ev["end"])
    return None


def event_attribution(scopes: list[Scope], offset: int, event: dict, lex: Lexicon) -> list[str]:
    """The chain of sources of the event whose trigger starts at `offset`, innermost first. A speaker who
    is the event's actor is left out when the event is the speech act itself (a threat, a pledge …)."""
    holding = [s for s in chain_at(scopes, offset)]
    actors = set(event.get("actor") or [])
    speech_acts = set(lex.sources.get("speech_act_events") or ())
    kept: list[Scope] = []
    for s in holding:
        if s.kind == "report" and s.speaker in actors and event.get("event") in speech_acts:
            trimmed = [e for e in s.chain if e != s.speaker]
            kept.append(Scope(s.start, s.end, trimmed, s.kind, s.speaker, s.report))
            continue
        kept.append(s)
    return compose(kept)


class StatusStage:
    """Sets `status` and `attribution` on every event of doc.events."""

    name = "attribution"
    assigns = ("events.status", "events.attribution")

    def __call__(self, doc) -> None:
        if not doc.events or not doc.tokens:
            return
        lex = load_lexicon()
        result = analyse(doc, lex)
        ix, scopes, reports = result["index"], result["scopes"], result["reports"]
        accusations = [s for s in scopes if s.kind == "accusation"]
        extra = doc.spans.get("event_triggers") if isinstance(doc.spans, dict) else None
        for n, event in enumerate(doc.events):
            info = extra[n] if isinstance(extra, list) and n < len(extra) and isinstance(extra[n], dict) else {}
            spans = []
            primary = _trigger_offsets(event)
            if primary:
                spans.append(primary)
            for m in info.get("mentions") or ():
                if isinstance(m, dict) and m.get("start") is not None:
                    spans.append((int(m["start"]), int(m["end"])))
            if not spans:
                event.setdefault("status", "asserted")
                event.setdefault("attribution", [])
                continue
            statuses = []
            chains = []
            consumed = ([bool(info.get("negation_consumed"))] if primary else []) + [
                bool(m.get("negation_consumed")) for m in info.get("mentions") or ()
                if isinstance(m, dict) and m.get("start") is not None]
            for k, (start, end) in enumerate(spans):
                ts, te = ix.token_range(start, end)
                if ts >= len(ix.tokens):
                    continue
                te = max(te, ts + 1)
                status, _rule = event_status(ix, lex, ts, te, event.get("event"), event.get("actor"), reports,
                                             accusations, info.get("negated") if k == 0 else None,
                                             negation_consumed=consumed[k] if k < len(consumed) else False,
                                             negation_rule=str(info.get("negation_rule") or "") if k == 0 else "")
                statuses.append(status)
                chains.append(event_attribution(scopes, start, event, lex))
            if not statuses:
                continue
            status = statuses[0]
            if "alleged" in statuses and status in ("asserted", "denied"):
                status = "alleged"
            event["status"] = status
            chain = chains[0] or next((c for c in chains[1:] if c), [])
            event["attribution"] = chain
