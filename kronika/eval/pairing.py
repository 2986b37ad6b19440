"""Pairing predicted records with gold records (SPEC.md section 3, first paragraph)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from kronika.eval.gold import Record, source_stem


@dataclass
class Pairing:
    """Which prediction scores against which gold record.

    `pairs` is in gold-file order; `unpaired_gold` are gold records no prediction claims (all their
    items count as missed); `unpaired_pred` are predictions for documents without gold (ignored);
    `duplicates` are further predictions for a gold record that already has one (ignored).
    """

    pairs: list[tuple[Record, Record]] = field(default_factory=list)
    unpaired_gold: list[Record] = field(default_factory=list)
    unpaired_pred: list[Record] = field(default_factory=list)
    duplicates: list[Record] = field(default_factory=list)


def pair_records(
    golds: list[Record],
    preds: list[Record],
    gold_id: Callable[[Record], str | None] | None = None,
) -> Pairing:
    """Pair each prediction with at most one gold record and each gold record with at most one prediction.

    A prediction pairs with the gold record whose `doc.source` equals its `doc.source`, or whose file stem
    (or source stem) equals the stem of its `doc.source` (SPEC.md). Beyond SPEC.md, as a last resort for
    readers that name a corpus line differently, it pairs with the gold record of the same `doc.url`, or
    whose text has the prediction's `doc.id` (`gold_id` gives a gold record's text id, None when unknown).
    The first prediction (in file order) for a gold record wins.
    """
    by_source: dict[str, Record] = {}
    by_stem: dict[str, Record] = {}
    by_url: dict[str, Record] = {}
    for gold in golds:
        source = gold.doc.get("source")
        if isinstance(source, str) and source:
            by_source.setdefault(source, gold)
            by_stem.setdefault(source_stem(source), gold)
        if gold.path is not None:
            by_stem[gold.path.stem] = gold
        url = gold.doc.get("url")
        if isinstance(url, str) and url:
            by_url.setdefault(url, gold)

    by_id: dict[str, Record] | None = None
    result = Pairing()
    taken: dict[int, Record] = {}
    for pred in preds:
        source = pred.doc.get("source") if isinstance(pred.doc.get("source"), str) else ""
        gold = by_source.get(source) or by_stem.get(source_stem(source)) or by_url.get(pred.doc.get("url") or "")
        if gold is None and gold_id is not None and pred.doc.get("id"):
            if by_id is None:
                by_id = {}
                for g in golds:
                    gid = gold_id(g)
                    if gid:
                        by_id.setdefault(gid, g)
            gold = by_id.get(pred.doc["id"])
        if gold is None:
            result.unpaired_pred.append(pred)
        elif id(gold) in taken:
            result.duplicates.append(pred)
        else:
            taken[id(gold)] = pred
    for gold in golds:
        if id(gold) in taken:
            result.pairs.append((gold, taken[id(gold)]))
        else:
            result.unpaired_gold.append(gold)
    return result
