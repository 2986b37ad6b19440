"""The name recogniser's compiled loops (numba via `kronika.jit`; plain Python without it) over the integer tables
`ner._DecodeTables` keeps: per-form sums of feature weights (`fill_vectors`), the label-independent scores of a
whole document (`score_tokens`) and the greedy labelling with the history tables (`greedy_labels`). They read the
form table's columns (`F_*`) and the fixed rows (`X_*`) named here.
"""
from __future__ import annotations

import numpy as np

from kronika.jit import njit

# the columns of `_FormStore.tab`, one row per word form
F_SHAPE, F_UPPER, F_PAIR, F_BI, F_RH, F_RB, F_GAZ, F_GKEY, F_CAP = range(9)
FORM_FIELDS = F_CAP + 9
"""F_SHAPE: the number of the form's shape in `shape_hist`; F_UPPER: 1 for a capitalised word; F_PAIR: its shape's
number among the parts of the shape-pair features ("shb=", "shn="), F_BI: the word's among the parts of the bigram
features ("bi="); F_RH: the row of "rh=" + its lemma, F_RB: of "rb=" + the word; F_GAZ: the node of the gazetteer's
names its gazetteer key starts, F_GKEY: the number of the key (`gazetteer_trie`); F_CAP + 3 * place + h: the rows
of its capitalised-word features ("ncp=", "knp=": `sentence_features`) at each place (first in the sentence, first
of a run, after a capitalised word). -1: no such row or number."""
# the fixed rows of `_DecodeTables.fixed`, and the shape numbers of the sentence's edges
X_EDGE_M2, X_EDGE_M1, X_EDGE_P1, X_EDGE_P2, X_FIRST, X_RB_START, X_SHAPE_START, X_SHAPE_END = range(8)


@njit
def add_row(out, i, matrix, r):
    """out[i] += matrix[r] (nothing for r < 0)."""
    if r >= 0:
        for c in range(matrix.shape[1]):
            out[i, c] += matrix[r, c]


@njit
def find_pair(at, seconds, values, a, b):
    """The value of the pair (a, b) in arrays made by `_by_first` (-1 when a or b is -1 or there is no such
    pair): a binary search among a's pairs."""
    if a < 0 or b < 0:
        return -1
    lo = at[a]
    end = at[a + 1]
    hi = end
    while lo < hi:
        mid = (lo + hi) >> 1
        if seconds[mid] < b:
            lo = mid + 1
        else:
            hi = mid
    if lo < end and seconds[lo] == b:
        return values[lo]
    return -1


@njit
def fill_vectors(matrix, vecs, base, own, own_ends, near, near_ends):
    """For the f-th new form, at slot base + f: vecs[slot, 0] = the sum of the matrix rows own[own_ends[f - 1] :
    own_ends[f]] (its own features; -1: none), vecs[slot, 1 + j] = the sum of the rows near[q, j] (-1: none)
    over its neighbour features q in near_ends[f - 1] : near_ends[f] (the features as seen from the j-th
    offset)."""
    labels = matrix.shape[1]
    o = 0
    q = 0
    for f in range(len(own_ends)):
        k = base + f
        for p in range(5):
            for c in range(labels):
                vecs[k, p, c] = 0
        while o < own_ends[f]:
            r = own[o]
            if r >= 0:
                for c in range(labels):
                    vecs[k, 0, c] += matrix[r, c]
            o += 1
        while q < near_ends[f]:
            for j in range(4):
                r = near[q, j]
                if r >= 0:
                    for c in range(labels):
                        vecs[k, 1 + j, c] += matrix[r, c]
            q += 1


@njit
def score_tokens(matrix, vecs, tab, ks, bounds, fixed, bigram_at, bigram_seconds, bigram_rows, before_at,
                 before_seconds, before_rows, after_at, after_seconds, after_rows, run_rows, trie_at, trie_keys,
                 trie_children, trie_ends, first_at, first_rows, other_at, other_rows, extra_at, extra_rows, out):
    """The label-independent scores out[token, label] of the sentences whose tokens are bounds[s] : bounds[s + 1] (ks:
    each token's slot in `vecs` and `tab`; slot 0 holds zeros), as `context_features` with `sentence_features`
    give them: the token's own summed weights, its neighbours' as seen from its offsets (or the edge rows at
    the sentence's edges), "first", the bigram with the word before, the shape pairs with the shapes before and
    after ("^" and "$" at the edges), the capitalised-word features by place, the run of capitalised words
    ("run=", and for a later word of a run "rh=" of its first word and "rb=" of the word before it), the
    gazetteer's features of the longest name (`gazetteer_trie`) starting at each token and ending in its
    sentence ("gz=B|type" at its first word, "gz=I|type" at the others: `Gazetteer.features`), plus the rows
    extra_rows[j] at the tokens extra_at[j] (the quotation marks', found by the caller)."""
    labels = matrix.shape[1]
    for s in range(len(bounds) - 1):
        a = bounds[s]
        e = bounds[s + 1]
        for i in range(a, e):
            k = ks[i]
            before2 = ks[i - 2] if i - 2 >= a else 0  # (slot 0: zeros)
            before1 = ks[i - 1] if i - 1 >= a else 0
            after1 = ks[i + 1] if i + 1 < e else 0
            after2 = ks[i + 2] if i + 2 < e else 0
            for c in range(labels):
                out[i, c] = vecs[k, 0, c] + vecs[before2, 1, c] + vecs[before1, 2, c] + vecs[after1, 3, c] \
                    + vecs[after2, 4, c]
            if i - 2 < a:
                add_row(out, i, matrix, fixed[X_EDGE_M2])
            if i - 1 >= a:
                add_row(out, i, matrix, find_pair(bigram_at, bigram_seconds, bigram_rows, tab[before1, F_BI],
                                                  tab[k, F_BI]))
                before = tab[before1, F_PAIR]
            else:
                add_row(out, i, matrix, fixed[X_EDGE_M1])
                add_row(out, i, matrix, fixed[X_FIRST])
                before = fixed[X_SHAPE_START]
            if i + 1 < e:
                after = tab[after1, F_PAIR]
            else:
                add_row(out, i, matrix, fixed[X_EDGE_P1])
                after = fixed[X_SHAPE_END]
            if i + 2 >= e:
                add_row(out, i, matrix, fixed[X_EDGE_P2])
            own = tab[k, F_PAIR]
            add_row(out, i, matrix, find_pair(before_at, before_seconds, before_rows, before, own))
            add_row(out, i, matrix, find_pair(after_at, after_seconds, after_rows, own, after))
            if tab[k, F_UPPER] == 1:
                place = 0 if i == a else (2 if tab[ks[i - 1], F_UPPER] == 1 else 1)
                for h in range(3):
                    add_row(out, i, matrix, tab[k, F_CAP + 3 * place + h])
        i = a
        while i < e:  # runs of capitalised words
            if tab[ks[i], F_UPPER] != 1:
                i += 1
                continue
            b = i + 1
            while b < e and tab[ks[b], F_UPPER] == 1:
                b += 1
            for j in range(i, b):
                add_row(out, j, matrix, run_rows[min(b - i, 4), min(j - i, 3), min(b - j - 1, 3)])
            if b - i > 1:
                head = tab[ks[i], F_RH]
                word_before = tab[ks[i - 1], F_RB] if i > a else fixed[X_RB_START]
                for j in range(i + 1, b):
                    add_row(out, j, matrix, head)
                    add_row(out, j, matrix, word_before)
            i = b
        for i in range(a, e):  # the gazetteer: the trie walked word by word from each token
            node = tab[ks[i], F_GAZ]
            if node < 0:
                continue
            best = node if trie_ends[node] == 1 else -1
            best_length = 1
            length = 1
            while i + length < e:
                node = find_pair(trie_at, trie_keys, trie_children, node, tab[ks[i + length], F_GKEY])
                if node < 0:
                    break
                length += 1
                if trie_ends[node] == 1:
                    best = node
                    best_length = length
            if best >= 0:
                for q in range(first_at[best], first_at[best + 1]):
                    add_row(out, i, matrix, first_rows[q])
                for j in range(i + 1, i + best_length):
                    for q in range(other_at[best], other_at[best + 1]):
                        add_row(out, j, matrix, other_rows[q])
    for j in range(len(extra_at)):
        add_row(out, extra_at[j], matrix, extra_rows[j])


@njit
def greedy_labels(static, sids, bounds, hist, shape_hist, out):
    """out[token] = the greedy label of each token of the sentences bounds[s] : bounds[s + 1]: the best
    (first on ties) of its static scores plus the history tables for the two labels chosen before it in its
    sentence (states: 0 = before the sentence, k + 1 = label k)."""
    labels = static.shape[1]
    for s in range(len(bounds) - 1):
        p1 = 0
        p2 = 0
        for i in range(bounds[s], bounds[s + 1]):
            best = 0
            top = 0
            for c in range(labels):
                v = np.int64(static[i, c]) + hist[p2, p1, c] + shape_hist[sids[i], p1, c]
                if c == 0 or v > top:
                    best = c
                    top = v
            out[i] = best
            p2 = p1
            p1 = best + 1
