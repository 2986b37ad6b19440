"""The result of `kronika eval`: per-layer counts, matched-event accuracies, and how documents paired."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LAYERS = ("entities", "events", "quotes", "timexes")
# (key in as_dict, label in lines) — the order the report prints them in.
ACCURACIES = (
    ("event_date", "event date"),
    ("event_status", "event status"),
    ("event_status_not_asserted", "event status (not asserted)"),
    ("event_attribution", "event attribution"),
    ("timex_value", "timex value"),
)


@dataclass
class Counts:
    """True positives, false positives and false negatives of one layer; P/R/F1 are 0.0 when undefined."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 6), "recall": round(self.recall, 6), "f1": round(self.f1, 6),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class Accuracy:
    """`correct` of `n` judged items; `share` is None when nothing was judged."""

    correct: int = 0
    n: int = 0

    def add(self, ok: bool) -> None:
        self.n += 1
        self.correct += bool(ok)

    def merge(self, other: "Accuracy") -> None:
        self.correct += other.correct
        self.n += other.n

    @property
    def share(self) -> float | None:
        return self.correct / self.n if self.n else None

    def as_dict(self) -> dict[str, Any]:
        share = self.share
        return {"share": None if share is None else round(share, 6), "correct": self.correct, "n": self.n}


@dataclass
class DocScore:
    """The scores of one gold document (all-missed when it had no prediction)."""

    layers: dict[str, Counts] = field(default_factory=lambda: {name: Counts() for name in LAYERS})
    accuracies: dict[str, Accuracy] = field(default_factory=lambda: {key: Accuracy() for key, _ in ACCURACIES})
    # events per PLOVER category: a match counts for its category, a miss for the gold event's, an extra
    # prediction for the predicted event's
    categories: dict[str, Counts] = field(default_factory=dict)

    def category(self, name: str) -> Counts:
        return self.categories.setdefault(name, Counts())

    def merge(self, other: "DocScore") -> None:
        for name in LAYERS:
            self.layers[name].add(other.layers[name])
        for key, _ in ACCURACIES:
            self.accuracies[key].merge(other.accuracies[key])
        for name, counts in other.categories.items():
            self.category(name).add(counts)


@dataclass
class EvalReport:
    """Micro-averaged scores over every gold document, and how predictions paired with gold.

    `documents` maps each gold file stem to its own DocScore; `unpaired_gold` names gold documents no
    prediction paired with; `unpaired_pred` counts predictions without gold, `duplicate_pred` further
    predictions for an already paired gold document (both ignored).
    """

    total: DocScore = field(default_factory=DocScore)
    documents: dict[str, DocScore] = field(default_factory=dict)
    paired: list[str] = field(default_factory=list)
    unpaired_gold: list[str] = field(default_factory=list)
    unpaired_pred: int = 0
    duplicate_pred: int = 0

    def add_document(self, name: str, score: DocScore, paired: bool) -> None:
        self.documents[name] = score
        self.total.merge(score)
        (self.paired if paired else self.unpaired_gold).append(name)

    def lines(self) -> list[str]:
        """The report for people: one line per layer, the accuracies, then the documents."""
        out = []
        for name in LAYERS:
            c = self.total.layers[name]
            out.append(f"{name:<10} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}  tp={c.tp} fp={c.fp} fn={c.fn}")
        width = max(len(label) for _, label in ACCURACIES)
        for key, label in ACCURACIES:
            a = self.total.accuracies[key]
            share = "  n/a" if a.share is None else f"{a.share:.3f}"
            out.append(f"{label:<{width}}  {share} ({a.correct}/{a.n})")
        gold_total = len(self.paired) + len(self.unpaired_gold)
        out.append(f"documents  {len(self.paired)} of {gold_total} gold paired with a prediction"
                   f"; {self.unpaired_pred} prediction(s) without gold ignored"
                   + (f"; {self.duplicate_pred} duplicate prediction(s) ignored" if self.duplicate_pred else ""))
        if self.unpaired_gold:
            out.append(f"no prediction (scored as all missed): {', '.join(self.unpaired_gold)}")
        return out

    def category_lines(self) -> list[str]:
        """Events per PLOVER category, most frequent in gold first (`kronika eval --categories`)."""
        rows = sorted(self.total.categories.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0]))
        return [f"  {name:<10} P={c.precision:.3f} R={c.recall:.3f} F1={c.f1:.3f}  tp={c.tp} fp={c.fp} fn={c.fn}"
                for name, c in rows]

    def as_dict(self) -> dict[str, Any]:
        """The report for programs (`kronika eval --json`); shares are None when nothing was judged."""
        return {
            "layers": {name: self.total.layers[name].as_dict() for name in LAYERS},
            "event_categories": {name: c.as_dict() for name, c in sorted(self.total.categories.items())},
            "accuracy": {key: self.total.accuracies[key].as_dict() for key, _ in ACCURACIES},
            "documents": {
                "gold": len(self.paired) + len(self.unpaired_gold),
                "paired": list(self.paired),
                "unpaired_gold": list(self.unpaired_gold),
                "unpaired_pred": self.unpaired_pred,
                "duplicate_pred": self.duplicate_pred,
            },
            "per_document": {
                name: {"layers": {n: s.layers[n].as_dict() for n in LAYERS},
                       "accuracy": {k: s.accuracies[k].as_dict() for k, _ in ACCURACIES}}
                for name, s in self.documents.items()
            },
        }
