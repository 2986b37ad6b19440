"""Viterbi decoding of the name recogniser, for models trained with `meta["decoder"] == "viterbi"` (the shipped
model is greedy: `ner.predict_labels_greedy_batch`): the reference decoders (feature strings, dict of weights)
and the fast ones over the label-independent scores (`ner._static_scores`) with the history tables, first-order
models pruned to the labels that can still win (`_first_order_kept`). Exactly the reference's labels.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from kronika.lang.base import Analysis
from kronika.lang.pl.features import shape
from kronika.lang.pl.ner import (SCALE, NerModel, _static_scores, context_features, history_features,
                                 model_sentence_features, viterbi_order)

_NEG = -(1 << 40)


def _add_reference_weights(scores: list[int], weights: dict[str, dict[str, float]], labels: Sequence[str],
                           feat: str) -> None:
    """Adds a feature's weights, label by label in `labels` order, to `scores` (the reference decoders' way)."""
    w = weights.get(feat)
    if w:
        for k, lab in enumerate(labels):
            x = w.get(lab)
            if x:
                scores[k] += round(x * SCALE)


def predict_labels_viterbi_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                                     model: NerModel) -> list[str]:
    """The best-scoring label sequence (second-order Viterbi: a token's score depends on the two labels before
    it), computed the slow, obvious way: feature strings, the dict of weights, every label at every token.
    Ties go to the path whose labels come first in `model.labels` order, compared from the start of the
    sentence's two-label states (state order: the earlier token first). `predict_labels_viterbi` must give
    exactly these labels."""
    n = len(forms)
    if not n:
        return []
    if viterbi_order(model) == 1:
        return _viterbi_first_order_reference(forms, readings, model)
    weights = model.weights
    labels = model.labels
    names = ["^"] + labels

    def add(scores: list[int], feat: str) -> None:
        _add_reference_weights(scores, weights, labels, feat)

    L = len(labels)
    extra = model_sentence_features(forms, readings, model)
    # delta[(s2, s1)] = best score of a prefix whose last two labels are states s2, s1 (0 = before the sentence)
    delta: dict[tuple[int, int], int] = {(0, 0): 0}
    back: list[dict[tuple[int, int], int]] = []
    for i in range(n):
        static = [0] * L
        for f in context_features(forms, readings, i, extra):
            add(static, f)
        sh = shape(forms[i])
        new: dict[tuple[int, int], int] = {}
        bp: dict[tuple[int, int], int] = {}
        for (s2, s1), d in sorted(delta.items()):
            hist = [0] * L
            for f in history_features(names[s1], names[s2], sh):
                add(hist, f)
            for k in range(L):
                v = d + static[k] + hist[k]
                key = (s1, k + 1)
                if key not in new or v > new[key]:
                    new[key] = v
                    bp[key] = s2
        delta = new
        back.append(bp)
    best_key = None
    for key in sorted(delta):
        if best_key is None or delta[key] > delta[best_key]:
            best_key = key
    s2, s1 = best_key
    out = [s1]
    for i in range(n - 1, 0, -1):
        s0 = back[i][(s2, s1)]
        out.append(s2)
        s2, s1 = s0, s2
    out.reverse()
    return [labels[s - 1] for s in out]


def _viterbi_first_order_reference(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                                   model: NerModel) -> list[str]:
    """`predict_labels_viterbi_reference` of a first-order model: the states are single labels (0 = before the
    sentence); ties go to the earlier previous label, and at the end to the earlier label."""
    weights = model.weights
    labels = model.labels
    names = ["^"] + labels
    L = len(labels)

    def add(scores: list[int], feat: str) -> None:
        _add_reference_weights(scores, weights, labels, feat)

    extra = model_sentence_features(forms, readings, model)
    delta: dict[int, int] = {0: 0}
    back: list[dict[int, int]] = []
    for i in range(len(forms)):
        static = [0] * L
        for f in context_features(forms, readings, i, extra):
            add(static, f)
        sh = shape(forms[i])
        new: dict[int, int] = {}
        bp: dict[int, int] = {}
        for s1, d in sorted(delta.items()):
            hist = [0] * L
            for f in history_features(names[s1], "^", sh):
                add(hist, f)
            for k in range(L):
                v = d + static[k] + hist[k]
                if k + 1 not in new or v > new[k + 1]:
                    new[k + 1] = v
                    bp[k + 1] = s1
        delta = new
        back.append(bp)
    s = max(sorted(delta), key=lambda k: delta[k])  # the first of the best
    out = [s]
    for i in range(len(forms) - 1, 0, -1):
        s = back[i][s]
        out.append(s)
    out.reverse()
    return [labels[s - 1] for s in out]


def _first_order_kept(st: np.ndarray, sid: np.ndarray, t: "_DecodeTables", rounds: int = 1) -> list[np.ndarray]:
    """The labels of each token (ascending label indexes) a first-order model's best path may use. Label k of
    token i goes when the token's best label b by static score beats it by more than the transitions into the
    token and out of it could favour k (swapping k for b then improves every path through k, so no best path,
    nor a tie for one, uses k). The transitions count at their worst (`viterbi_bounds`) where the neighbour may
    take several labels, and exactly where it keeps one (every best path goes through that one); repeated while
    neighbours come down to one label."""
    n = len(st)
    ar = np.arange(n)
    best = st.argmax(1)
    lead = st[ar, best][:, None] - st  # how far each label trails the best
    # the most the transitions into token i (from any label) and out of it (to any label) can favour k over b
    into = t.cur[best] + t.shape_cur[sid, best]
    out = np.zeros_like(into)
    if n > 1:
        out[:-1] = t.fut1[best[:-1]] + t.fut_shape[sid[1:], best[:-1]]
    keep = lead <= into + out
    trans = t.trans
    for _ in range(rounds):
        one = keep.sum(1) == 1
        if not one.any():
            break
        known_into = np.flatnonzero(one[:-1]) + 1  # tokens after a token with one label
        known_out = np.flatnonzero(one[1:])  # tokens before one
        if not len(known_into) and not len(known_out):
            break
        into, out = into.copy(), out.copy()
        if len(known_into):
            rows = trans[sid[known_into], best[known_into - 1] + 1]  # [token, label]: from the one previous label
            into[known_into] = rows - rows[np.arange(len(rows)), best[known_into]][:, None]
        if len(known_out):
            cols = trans[sid[known_out + 1], 1:, best[known_out + 1]]  # [token, label]: into the one next label
            out[known_out] = cols - cols[np.arange(len(cols)), best[known_out]][:, None]
        narrowed = keep & (lead <= into + out)
        if (narrowed == keep).all():
            break
        keep = narrowed
    single = t.single
    return [single[b] if c == 1 else np.flatnonzero(row)
            for b, c, row in zip(best.tolist(), keep.sum(1).tolist(), keep)]


def _viterbi_first_order(st: np.ndarray, sids: Sequence[int], kept: list[np.ndarray], t: "_DecodeTables") -> list[int]:
    """The first-order Viterbi pass over the labels `kept` at each token (0-based label indexes, ascending),
    static scores `st` [token, label]; ties as in `_viterbi_first_order_reference` (argmax takes the first).
    Every path runs through a token that keeps one label, so there the scores start again from 0 (only their
    differences matter) and a token with one label after another with one costs nothing."""
    trans = t.trans
    ks = kept[0]
    delta = trans[sids[0]][0, ks] + st[0, ks]
    backs: list[np.ndarray | None] = [None]
    for i in range(1, len(kept)):
        prev, ks = ks, kept[i]
        if len(ks) == 1:
            if len(prev) == 1:
                backs.append(None)
            else:
                backs.append((delta + trans[sids[i]][prev + 1, ks[0]]).argmax()[None])
            delta = _ZERO
            continue
        tr = trans[sids[i]]
        if len(prev) == 1:
            delta = tr[prev[0] + 1, ks] + st[i, ks]
            backs.append(None)
        else:
            cand = delta[:, None] + tr[(prev + 1)[:, None], ks]
            bp = cand.argmax(0)
            delta = cand[bp, np.arange(len(ks))] + st[i, ks]
            backs.append(bp)
    z = int(delta.argmax())
    out = [int(kept[-1][z])]
    for i in range(len(kept) - 1, 0, -1):
        bp = backs[i]
        z = 0 if bp is None else int(bp[z] if len(bp) > 1 else bp[0])
        out.append(int(kept[i - 1][z]))
    out.reverse()
    return out


_ZERO = np.zeros(1, dtype=np.int64)


def viterbi_backtrace(delta, backs: list, states: list) -> list[int]:
    """Label indexes (0-based) of the best path of a second-order Viterbi pass: `delta` holds the final scores
    over (previous state, state); `backs[i]` the back-pointers at token i; `states[i]` the 1-based states kept
    at token i."""
    n = len(states)
    y, z = np.unravel_index(int(delta.argmax()), delta.shape)
    out = [int(states[-1][z])]
    for i in range(n - 1, 0, -1):
        x = int(backs[i][y, z])
        out.append(int(states[i - 1][y]))
        y, z = x, y
    out.reverse()
    return [s - 1 for s in out]


def predict_labels_viterbi(forms: Sequence[str], readings: Sequence[Sequence[Analysis]],
                           model: NerModel) -> list[str]:
    """The best-scoring label sequence (second-order Viterbi), exactly the labels of
    `predict_labels_viterbi_reference`.
    Fast: the label-independent scores come from one gather; then a label b of a token rules out a label k of
    the same token when b's score beats k's by more than the most the history features of this token and of the
    next two could favour k (`_DecodeTables.bound`) — swapping k for b then improves every path through k, so no
    best path (nor any tie for one) uses k. Most tokens keep a single label, so the dynamic programme runs over
    a few states."""
    n = len(forms)
    if not n:
        return []
    t = model.tables()
    static, sids = _static_scores(forms, readings, model, t)
    if static is None:
        return predict_labels_viterbi_reference(forms, readings, model)
    st = static.astype(np.int64)
    sid = np.asarray(sids, dtype=np.intp)
    if t.order == 1:
        return [model.labels[k] for k in _viterbi_first_order(st, sids, _first_order_kept(st, sid, t), t)]
    margin = st[:, :, None] - st[:, None, :]  # [i, b, k]
    bound = t.cur[None] + t.shape_cur[sid]
    if n > 1:
        bound[:-1] += t.fut1[None] + t.fut_shape[sid[1:]]
    if n > 2:
        bound[:-2] += t.fut2[None]
    keep = ~(margin > bound).any(1)  # [i, k]
    hist, shape_hist = t.hist, t.shape_hist
    prev_s = np.zeros(1, dtype=np.intp)
    cur_s = np.zeros(1, dtype=np.intp)
    delta = np.zeros((1, 1), dtype=np.int64)
    backs: list[np.ndarray] = []
    states: list[np.ndarray] = []
    one = np.zeros((1, 1), dtype=np.intp)
    kept = [np.flatnonzero(r) for r in keep]
    for i in range(n):
        ks = kept[i]
        if len(ks) == 1 and delta.size == 1:  # one state before, one label now: no choice to make
            k = int(ks[0])
            d = int(delta[0, 0]) + int(hist[prev_s[0], cur_s[0], k]) + int(shape_hist[sids[i], cur_s[0], k]) \
                + int(st[i, k])
            delta = np.array([[d]], dtype=np.int64)
            backs.append(one)
            prev_s, cur_s = cur_s, ks + 1
            states.append(cur_s)
            continue
        cs = cur_s[:, None]
        if len(prev_s) == 1:
            m = delta[0][:, None] + hist[prev_s[0]][cs, ks]
            bp = np.zeros(m.shape, dtype=np.intp)
        else:
            cand = delta[:, :, None] + hist[prev_s[:, None, None], cs[None], ks]
            bp = cand.argmax(0)
            m = cand.max(0)
        delta = m + shape_hist[sids[i]][cs, ks] + st[i, ks]
        backs.append(bp)
        prev_s, cur_s = cur_s, ks + 1
        states.append(cur_s)
    labels = model.labels
    return [labels[s] for s in viterbi_backtrace(delta, backs, states)]
