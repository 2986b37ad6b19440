"""Scoring predicted records against gold records, layer by layer (SPEC.md section 3).

Every layer is matched one-to-one inside a document; counts are summed over documents (micro-average).
"""
from __future__ import annotations

import datetime as _dt
import re
from functools import cached_property
from pathlib import Path
from typing import Callable

from kronika.eval.gold import GoldTexts, Record, load_gold_dir, load_predictions
from kronika.eval.matching import greedy_matching, maximum_matching
from kronika.eval.normalize import normalize_name, tokens
from kronika.eval.pairing import pair_records
from kronika.eval.report import Counts, DocScore, EvalReport
from kronika.ingest.document import document_id

DEFAULT_ARTICLES = Path("..") / ".." / "data" / "polish-news-2025" / "articles.jsonl"
_DATE_LENGTH = {"day": 10, "month": 7, "year": 4}
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class DocTexts:
    """The texts of a paired gold and predicted record, found only when a score needs them.

    `pred` is the prediction's `doc.text`, else the gold text when its id is the prediction's `doc.id`
    (the same text, so the prediction's offsets point into it).
    """

    def __init__(self, gold: Record, pred: Record, texts: GoldTexts):
        self._gold_record, self._pred_record, self._texts = gold, pred, texts

    @cached_property
    def gold(self) -> str | None:
        return self._texts.text(self._gold_record)

    @cached_property
    def pred(self) -> str | None:
        own = self._pred_record.doc.get("text")
        if isinstance(own, str) and own:
            return own
        if self.gold is not None and self._pred_record.doc.get("id") == document_id(self.gold):
            return self.gold
        return None


def _span(item: dict | None) -> tuple[int, int] | None:
    if not isinstance(item, dict):
        return None
    start, end = item.get("start"), item.get("end")
    if isinstance(start, int) and isinstance(end, int) and not isinstance(start, bool) and end >= start:
        return start, end
    return None


def _text_of(item: dict | None, doc_text: Callable[[], str | None]) -> str:
    """An item's own `text`, else the text its offsets cut from the document text, else ''.

    `doc_text` is called only when the item has offsets and no text of its own.
    """
    if not isinstance(item, dict):
        return ""
    if isinstance(item.get("text"), str):
        return item["text"]
    span = _span(item)
    text = doc_text() if span else None
    return text[span[0]:span[1]] if span and text is not None else ""


def _jaccard(a: set, b: set) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def _span_jaccard(a: tuple[int, int], b: tuple[int, int]) -> float:
    inter = min(a[1], b[1]) - max(a[0], b[0])
    union = max(a[1], b[1]) - min(a[0], b[0])
    return max(inter, 0) / union if union > 0 else 0.0


def evidence_overlap(gold_event: dict, pred_event: dict, texts: DocTexts) -> float:
    """How much two events' evidence overlaps, in [0, 1].

    Character-span overlap (intersection over union) when both evidences have offsets (into the same
    document text, by SPEC.md §1); otherwise the Jaccard overlap of the sets of normalised tokens of
    the two evidence texts (a text is the evidence's `text`, else cut from its document's text).
    """
    g_ev, p_ev = gold_event.get("evidence"), pred_event.get("evidence")
    g_span, p_span = _span(g_ev), _span(p_ev)
    if g_span and p_span:
        return _span_jaccard(g_span, p_span)
    g_text = _text_of(g_ev, lambda: texts.gold)
    p_text = _text_of(p_ev, lambda: texts.pred)
    return _jaccard(set(tokens(g_text)), set(tokens(p_text)))


def date_correct(gold_event: dict, pred_event: dict) -> bool:
    """SPEC.md's event date test: the predicted `date` equals gold's at gold's precision.

    Gold day/month/year compares the first 10/7/4 characters (a more precise prediction that agrees
    is right, a less precise one is wrong); gold week compares the ISO week (a predicted day counts by
    its week); gold unknown (or null) requires a null date or precision unknown.
    """
    g_date, g_prec = gold_event.get("date"), gold_event.get("precision")
    p_date, p_prec = pred_event.get("date"), pred_event.get("precision")
    if not g_date or g_prec == "unknown":
        return not p_date or p_prec == "unknown"
    if not isinstance(p_date, str) or not p_date or p_prec == "unknown":
        return False
    if g_prec == "week":
        if p_date == g_date:
            return True
        if _ISO_DAY.fullmatch(p_date[:10]):
            try:
                year, week, _ = _dt.date.fromisoformat(p_date[:10]).isocalendar()
            except ValueError:
                return False
            return f"{year}-W{week:02d}" == g_date
        return False
    n = _DATE_LENGTH.get(g_prec, len(g_date))
    return len(p_date) >= n and p_date[:n] == g_date[:n]


def _chain_agrees(gold: Record, g_chain: list, pred: Record, p_chain: list) -> bool:
    """Same length, and at every position the gold and predicted source share a key."""
    if len(g_chain) != len(p_chain):
        return False
    return all(gold.entity_keys(g) & pred.entity_keys(p) for g, p in zip(g_chain, p_chain))


def score_entities(gold: Record, pred: Record) -> Counts:
    """Entities match on normalised name = gold name or alias; countries also on their ISO code."""
    golds, preds = gold.layer("entities"), pred.layer("entities")
    candidates: dict[tuple[int, int], float] = {}
    for gi, g in enumerate(golds):
        names = gold.entity_names(g)
        code = normalize_name(g.get("country")) if g.get("type") == "country" else ""
        if code:
            names = names | {code}
        for pi, p in enumerate(preds):
            same_name = normalize_name(p.get("name")) in names
            same_code = bool(code) and p.get("type") == "country" and normalize_name(p.get("country")) == code
            if same_name or same_code:
                candidates[(gi, pi)] = 1.0
    matched = len(maximum_matching(candidates))
    return Counts(tp=matched, fp=len(preds) - matched, fn=len(golds) - matched)


def score_events(gold: Record, pred: Record, texts: DocTexts, score: DocScore) -> None:
    """Events: same category, actor keys shared, recipient keys shared when gold has a recipient;
    one-to-one, greedy by evidence overlap. Adds the counts and the matched-event accuracies to `score`."""
    golds, preds = gold.layer("events"), pred.layer("events")
    candidates: dict[tuple[int, int], float] = {}
    for gi, g in enumerate(golds):
        g_actors = gold.keys_of(g.get("actor"))
        g_recipients = gold.keys_of(g.get("recipient")) if g.get("recipient") else None
        for pi, p in enumerate(preds):
            if p.get("event") != g.get("event") or not (g_actors & pred.keys_of(p.get("actor"))):
                continue
            if g_recipients is not None and not (g_recipients & pred.keys_of(p.get("recipient"))):
                continue
            candidates[(gi, pi)] = evidence_overlap(g, p, texts)
    pairs = greedy_matching(candidates)
    score.layers["events"].add(Counts(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(golds) - len(pairs)))
    matched_gold, matched_pred = {gi for gi, _ in pairs}, {pi for _, pi in pairs}
    for gi, g in enumerate(golds):
        score.category(str(g.get("event"))).add(Counts(tp=1) if gi in matched_gold else Counts(fn=1))
    for pi, p in enumerate(preds):
        if pi not in matched_pred:
            score.category(str(p.get("event"))).add(Counts(fp=1))
    acc = score.accuracies
    for gi, pi in pairs:
        g, p = golds[gi], preds[pi]
        acc["event_date"].add(date_correct(g, p))
        acc["event_status"].add(p.get("status") == g.get("status"))
        if g.get("status") != "asserted":
            acc["event_status_not_asserted"].add(p.get("status") == g.get("status"))
        if g.get("attribution"):
            acc["event_attribution"].add(_chain_agrees(gold, g["attribution"], pred, p.get("attribution") or []))


def token_coverage(gold_text: str, pred_text: str) -> float:
    """The share of the gold text's tokens (counted with repetition) that occur in the predicted text."""
    g_tokens = tokens(gold_text)
    if not g_tokens:
        return 0.0
    p_tokens = set(tokens(pred_text))
    return sum(t in p_tokens for t in g_tokens) / len(g_tokens)


def score_quotes(gold: Record, pred: Record, texts: DocTexts) -> Counts:
    """Quotes: speaker keys agree and at least half the gold text's tokens occur in the predicted text."""
    golds, preds = gold.layer("quotes"), pred.layer("quotes")
    candidates: dict[tuple[int, int], float] = {}
    for gi, g in enumerate(golds):
        g_speaker = gold.entity_keys(g.get("speaker"))
        g_text = _text_of(g, lambda: texts.gold)
        for pi, p in enumerate(preds):
            if not (g_speaker & pred.entity_keys(p.get("speaker"))):
                continue
            share = token_coverage(g_text, _text_of(p, lambda: texts.pred))
            if share >= 0.5:
                candidates[(gi, pi)] = share
    matched = len(maximum_matching(candidates))
    return Counts(tp=matched, fp=len(preds) - matched, fn=len(golds) - matched)


def score_timexes(gold: Record, pred: Record, texts: DocTexts, score: DocScore) -> None:
    """Timexes: overlapping spans when both have offsets, else equal normalised text; one-to-one.
    Adds the counts and the value accuracy among matched timexes to `score`."""
    golds, preds = gold.layer("timexes"), pred.layer("timexes")
    candidates: dict[tuple[int, int], float] = {}
    for gi, g in enumerate(golds):
        g_span = _span(g)
        g_norm = None
        for pi, p in enumerate(preds):
            p_span = _span(p)
            if g_span and p_span:
                overlap = _span_jaccard(g_span, p_span)
                if overlap > 0:
                    candidates[(gi, pi)] = overlap
                continue
            if g_norm is None:
                g_norm = normalize_name(_text_of(g, lambda: texts.gold))
            if g_norm and normalize_name(_text_of(p, lambda: texts.pred)) == g_norm:
                candidates[(gi, pi)] = 1.0
    pairs = maximum_matching(candidates)
    score.layers["timexes"].add(Counts(tp=len(pairs), fp=len(preds) - len(pairs), fn=len(golds) - len(pairs)))
    for gi, pi in pairs:
        score.accuracies["timex_value"].add(preds[pi].get("value") == golds[gi].get("value"))


def score_document(gold: Record, pred: Record | None, texts: GoldTexts) -> DocScore:
    """Every layer of one gold document against its prediction (None: everything in gold is missed)."""
    score = DocScore()
    if pred is None:
        for name in score.layers:
            score.layers[name].fn = len(gold.layer(name))
        return score
    doc_texts = DocTexts(gold, pred, texts)
    score.layers["entities"].add(score_entities(gold, pred))
    score_events(gold, pred, doc_texts, score)
    score.layers["quotes"].add(score_quotes(gold, pred, doc_texts))
    score_timexes(gold, pred, doc_texts, score)
    return score


def evaluate(gold_dir: Path, pred: Path, articles: Path | None = None) -> EvalReport:
    """Score the predicted records in `pred` (JSON Lines) against the gold records in `gold_dir`.

    `articles` is the JSON Lines corpus holding the texts of gold records whose `doc.source` is an
    article id; when omitted, `<gold_dir>/../../data/polish-news-2025/articles.jsonl` is used if it exists.
    Raises EvalError for a missing or unreadable gold folder or prediction file.
    """
    gold_dir = Path(gold_dir)
    if articles is None:
        default = gold_dir / DEFAULT_ARTICLES
        articles = default if default.is_file() else None
    golds = load_gold_dir(gold_dir)
    preds = load_predictions(Path(pred))
    texts = GoldTexts(articles)

    def gold_id(record: Record) -> str | None:
        text = texts.text(record)
        return document_id(text) if text else None

    pairing = pair_records(golds, preds, gold_id=gold_id)
    paired = {id(g): p for g, p in pairing.pairs}
    report = EvalReport(unpaired_pred=len(pairing.unpaired_pred), duplicate_pred=len(pairing.duplicates))
    for gold in golds:
        pred_record = paired.get(id(gold))
        report.add_document(gold.name, score_document(gold, pred_record, texts), paired=pred_record is not None)
    return report
