"""One-to-one matching of predicted items to gold items.

Both functions take the candidate pairs as `{(gold_index, pred_index): score}` (only compatible pairs
appear) and return the chosen pairs as a list of `(gold_index, pred_index)` sorted by gold index.
No gold item and no predicted item is used twice.
"""
from __future__ import annotations


def greedy_matching(candidates: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """Take candidate pairs best score first (ties: lower gold index, then lower pred index),
    skipping any pair whose gold or predicted item is already taken."""
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    chosen = []
    for (g, p), _ in sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0][0], kv[0][1])):
        if g in used_gold or p in used_pred:
            continue
        used_gold.add(g)
        used_pred.add(p)
        chosen.append((g, p))
    return sorted(chosen)


def maximum_matching(candidates: dict[tuple[int, int], float]) -> list[tuple[int, int]]:
    """A matching with as many pairs as possible (augmenting paths, Kuhn's algorithm).

    Gold items are visited in index order and each tries its candidates best score first, so the
    result is deterministic and prefers better pairs where the count allows.
    """
    options: dict[int, list[int]] = {}
    for (g, p), score in sorted(candidates.items(), key=lambda kv: (kv[0][0], -kv[1], kv[0][1])):
        options.setdefault(g, []).append(p)
    owner: dict[int, int] = {}  # pred index -> gold index

    def augment(g: int, seen: set[int]) -> bool:
        for p in options[g]:
            if p in seen:
                continue
            seen.add(p)
            if p not in owner or augment(owner[p], seen):
                owner[p] = g
                return True
        return False

    for g in sorted(options):
        augment(g, set())
    return sorted((g, p) for p, g in owner.items())
