"""The tagger's decoder as one compiled loop over integer tables (`tagger_tables.py` builds them).

`decode` chooses a candidate for every token of a batch of sentences, greedily left to right within each
sentence, exactly as `tagger.tag_sentence_reference` does: a candidate's score is the sum, over the token's
feature rows, of the weights of the candidate's views (each row's non-zero weights of tag-like views, `view_*`,
read from a dense int16 row for the rows with many, `dense`, and the lemma views' weights in `lemma_*`), plus the weights of its candidate features ("*": agreement and
government against the neighbours, the clause's verb, the verb and noun after it), read from small tables
indexed by part of speech, number, case and gender. Ties keep the first candidate. Everything is an integer in
1/SCALE units, so the sums are exact.

The layout of the tables (one row per item, columns named by the constants below):
- forms `form_tab` (per form slot): its candidates' first index and count, its own feature rows (start and
  count in `own_rows`), the rows of the features it gives its neighbours (w-1, w+1, a+1, c+1, a+2), whether it
  is capitalised, whether it ends a clause, its finite-verb readings' (number, gender) pairs (`verb_pairs`) and
  the row of "rv=" + its verb lemma, its noun readings' (number, case, gender) triples (`noun_triples`), whether
  it can stand between an adjective and its noun, and the part of speech of its first reading with the triples
  of its readings that have a case (`next_triples`) as the word before sees them.
- candidates `cand_tab`: tag, view set, lemma (its lemma view's number or -1), the rows of "l-1=" and "vl=" + its
  lemma, whether the lemma is capitalised, its lemma's number among the "co=" lemmas, its lemma's flags
  (`L_*`); `cand_own` the score of its form's own features, filled on first use (`cand_done`).
- view sets `vk_tab` (start and count in `vk_cols`, the view columns of a candidate's views but the lemma).
- candidate sets `set_tab` (per form, `F_SET`; shared by the forms whose candidates have the same tags and views):
  the distinct columns of its candidates' views (start and count in `set_cols`) and where the candidates'
  columns, one candidate after another, are listed as places among them (start in `set_pos`): a context row is
  read once per distinct column, not once per candidate.
- tags `tag_tab`: part of speech, number, case, gender numbers (0: none) and the rows of "t-1=", "p-1=", "k-1=".
- `pos_flags`: the classes of each part of speech (`P_*`).
"""
from __future__ import annotations

import numpy as np

from kronika.jit import njit

# form table columns
F_CAND, F_NCAND, F_OWN, F_NOWN, F_W1, F_WP1, F_A1, F_C1, F_A2, F_CAP, F_BRK, F_VERB, F_NVERB, F_RV, F_NOUN, \
    F_NNOUN, F_ADJLIKE, F_NEXTPOS, F_NEXT, F_NNEXT, F_SET = range(21)
FORM_FIELDS = 21
# candidate table columns
C_TAG, C_VK, C_LEMMA, C_L1, C_VL, C_CAP, C_CO, C_LFLAGS = range(8)
CAND_FIELDS = 8
# tag table columns
T_POS, T_NUM, T_CASE, T_GEN, T_T1, T_P1, T_K1 = range(7)
TAG_FIELDS = 7
# lemma flags
L_OPENER, L_CLAUSE_PUNCT, L_NIE = 1, 2, 4
# part-of-speech flags
P_SUBJECT, P_FINITE, P_RIGHT_VERB, P_KEEPS_PREP, P_COORD, P_AGREEING, P_COMP, P_INTERP, P_PREP, P_PARTQUB, \
    P_SUBST = (1 << k for k in range(11))
# fixed rows: first token, capitalised first, capitalised later, "t-1=^", "w+1=$"
R_FIRST, R_CAP0, R_CAP1, R_START, R_END = range(5)
KEY_STRIDE = 1 << 31  # lemma weights' keys: lemma view × KEY_STRIDE + feature row
NOM = 1  # the case number of the nominative (`tagger_tables.CASE_IDS`)


@njit
def _same(a, b):
    """1 when a == b, else 0 (an integer in numba and in plain Python alike)."""
    return 1 if a == b else 0


@njit
def _hash(lem, r, mask):
    """The first slot of (lemma view, row) in the lemma weights' hash table."""
    return (r * 2654435761 + lem * 40503) & mask


@njit
def fill_lemma_table(lems, rows, values, keys, vals):
    """Put each (lemma view, row) → value in the open-addressing table `keys`/`vals` (keys -1 where empty; the
    key of an entry is lem * KEY_STRIDE + row; the table's size is a power of two, at least twice the entries)."""
    mask = keys.shape[0] - 1
    for x in range(lems.shape[0]):
        h = _hash(lems[x], rows[x], mask)
        while keys[h] != -1:
            h = (h + 1) & mask
        keys[h] = lems[x] * KEY_STRIDE + rows[x]
        vals[h] = values[x]


@njit
def _lemma_sum(rows, nr, lem, lemma_keys, lemma_vals):
    """The summed weights of lemma view `lem` (-1: none) over the feature rows rows[:nr]."""
    s = np.int64(0)
    if lem >= 0:
        mask = lemma_keys.shape[0] - 1
        for q in range(nr):
            r = rows[q]
            key = lem * KEY_STRIDE + r
            h = _hash(lem, r, mask)
            while lemma_keys[h] != -1:
                if lemma_keys[h] == key:
                    s += lemma_vals[h]
                    break
                h = (h + 1) & mask
    return s


@njit
def _row_sum(rows, nr, k, cand_tab, vk_tab, vk_cols, view_start, view_cols, view_weights, dense_of, dense,
             lemma_keys, lemma_vals, times):
    """The summed weights of candidate k's views over the feature rows rows[:nr] (`times`: a scratch array of
    zeros, one per view column, left as it was found)."""
    s = _lemma_sum(rows, nr, cand_tab[k, C_LEMMA], lemma_keys, lemma_vals)
    vk = cand_tab[k, C_VK]
    a, m = vk_tab[vk, 0], vk_tab[vk, 1]
    for x in range(a, a + m):
        times[vk_cols[x]] += 1  # (a view twice counts twice, as in the reference)
    for q in range(nr):
        r = rows[q]
        if dense_of[r] >= 0:
            for x in range(a, a + m):
                s += dense[dense_of[r], vk_cols[x]]
        else:
            for x in range(view_start[r], view_start[r + 1]):
                s += times[view_cols[x]] * np.int64(view_weights[x])
    for x in range(a, a + m):
        times[vk_cols[x]] = 0
    return s


@njit
def decode(slots, sent_starts, form_tab, own_rows, verb_pairs, noun_triples, next_triples,
           cand_tab, cand_own, cand_done, vk_tab, vk_cols, set_tab, set_cols, set_pos, view_start, view_cols, view_weights,
           dense_of, dense,
           lemma_keys, lemma_vals, tag_tab, pos_flags, fixed_rows,
           pp2_rows, subj_rows, vs_rows, pc_rows, lc_rows, co_rows,
           star_gov, star_agr_left, star_agr_right, star_prep_right, star_va, star_rva, star_rna, out):
    """out[i] = the candidate chosen for token i (slots[i]: its form); sentence s is tokens
    sent_starts[s]:sent_starts[s + 1]."""
    n_tok = slots.shape[0]
    rows = np.empty(64, np.int64)
    n_views = 1 + max(vk_cols.max() if vk_cols.shape[0] else 0, view_cols.max() if view_cols.shape[0] else 0)
    place = np.full(n_views, -1, np.int64)  # a view column's place among the distinct columns of a candidate set
    times = np.zeros(n_views, np.int64)  # how often a candidate has a view column (`_row_sum`)
    colsum = np.empty(max(set_tab[:, 1].max(), 1) if set_tab.shape[0] else 1, np.int64)
    rv_of = np.full(n_tok, -1, np.int64)  # the token whose verb reading is the first after token i in its clause
    rn_of = np.full(n_tok, -1, np.int64)  # the token whose noun readings agree with token i's (`right_nouns`)
    for s in range(sent_starts.shape[0] - 1):
        a, b = sent_starts[s], sent_starts[s + 1]
        cur = -1
        for i in range(b - 1, a - 1, -1):
            rv_of[i] = cur
            f = slots[i]
            if form_tab[f, F_BRK]:
                cur = -1
            if form_tab[f, F_NVERB] > 0:
                cur = i
        for i in range(b - 2, a - 1, -1):
            g = slots[i + 1]
            if form_tab[g, F_NNOUN] > 0:
                rn_of[i] = i + 1
            elif form_tab[g, F_ADJLIKE]:
                rn_of[i] = rn_of[i + 1]
        # what the tagger remembers of the clause (`tagger.LeftContext`)
        subj = verb = agr = -1
        nom = neg = sep = 0
        prep_case = last_pos = last_case = 0
        for i in range(a, b):
            f = slots[i]
            c0, nc = form_tab[f, F_CAND], form_tab[f, F_NCAND]
            j, n = i - a, b - a
            best = c0
            if nc > 1:
                # the token's context feature rows (`tagger.token_features`)
                nr = 0
                if j == 0:
                    rows[nr] = fixed_rows[R_FIRST]
                    nr += 1
                if form_tab[f, F_CAP]:
                    rows[nr] = fixed_rows[R_CAP0] if j == 0 else fixed_rows[R_CAP1]
                    nr += 1
                p1 = -1
                if j > 0:
                    p1 = out[i - 1]
                    t1 = cand_tab[p1, C_TAG]
                    rows[nr] = tag_tab[t1, T_T1]
                    rows[nr + 1] = tag_tab[t1, T_P1]
                    rows[nr + 2] = tag_tab[t1, T_K1]
                    rows[nr + 3] = cand_tab[p1, C_L1]
                    nr += 4
                    if j > 1:
                        rows[nr] = pp2_rows[tag_tab[cand_tab[out[i - 2], C_TAG], T_POS], tag_tab[t1, T_POS]]
                        nr += 1
                    rows[nr] = form_tab[slots[i - 1], F_W1]
                    nr += 1
                else:
                    rows[nr] = fixed_rows[R_START]
                    nr += 1
                if j + 1 < n:
                    g = slots[i + 1]
                    rows[nr] = form_tab[g, F_WP1]
                    rows[nr + 1] = form_tab[g, F_A1]
                    rows[nr + 2] = form_tab[g, F_C1]
                    nr += 3
                else:
                    rows[nr] = fixed_rows[R_END]
                    nr += 1
                if j + 2 < n:
                    rows[nr] = form_tab[slots[i + 2], F_A2]
                    nr += 1
                if subj >= 0:
                    ts = cand_tab[subj, C_TAG]
                    rows[nr] = subj_rows[tag_tab[ts, T_NUM], tag_tab[ts, T_GEN]]
                    nr += 1
                rows[nr] = vs_rows[tag_tab[cand_tab[verb, C_TAG], T_POS] if verb >= 0 else 0, nom, neg, sep]
                nr += 1
                if verb >= 0:
                    rows[nr] = cand_tab[verb, C_VL]
                    nr += 1
                if prep_case:
                    rows[nr] = pc_rows[prep_case]
                    nr += 1
                if last_case:
                    rows[nr] = lc_rows[last_pos, last_case]
                    nr += 1
                    if p1 >= 0 and pos_flags[tag_tab[cand_tab[p1, C_TAG], T_POS]] & P_COORD and cand_tab[p1, C_CO] > 0:
                        rows[nr] = co_rows[cand_tab[p1, C_CO], last_pos, last_case]
                        nr += 1
                rvt = rv_of[i]
                if rvt >= 0:
                    rows[nr] = form_tab[slots[rvt], F_RV]
                    nr += 1
                # drop the features the model does not know
                m = 0
                for q in range(nr):
                    if rows[q] >= 0:
                        rows[m] = rows[q]
                        m += 1
                nr = m
                # the clause's verb a case agrees with (`LeftContext.verb_key`)
                v = agr if agr >= 0 else verb
                vnum = vgen = 0
                if v >= 0:
                    vnum, vgen = tag_tab[cand_tab[v, C_TAG], T_NUM], tag_tab[cand_tab[v, C_TAG], T_GEN]
                ppos = pnum = pcase = pgen = 0
                if p1 >= 0:
                    tp = cand_tab[p1, C_TAG]
                    ppos, pnum, pcase, pgen = tag_tab[tp, T_POS], tag_tab[tp, T_NUM], tag_tab[tp, T_CASE], tag_tab[tp, T_GEN]
                g = slots[i + 1] if j + 1 < n else -1
                # the context rows summed once per distinct column of the candidates' views
                sid = form_tab[f, F_SET]
                c_at, c_n = set_tab[sid, 0], set_tab[sid, 1]
                for d in range(c_n):
                    place[set_cols[c_at + d]] = d
                    colsum[d] = 0
                for q in range(nr):  # a dense row column by column, a sparse one by its non-zero weights
                    r = rows[q]
                    dr = dense_of[r]
                    if dr >= 0:
                        for d in range(c_n):
                            colsum[d] += dense[dr, set_cols[c_at + d]]
                    else:
                        for x in range(view_start[r], view_start[r + 1]):
                            d = place[view_cols[x]]
                            if d >= 0:
                                colsum[d] += view_weights[x]
                for d in range(c_n):
                    place[set_cols[c_at + d]] = -1
                at = set_tab[sid, 2]  # candidate k's columns as places in `colsum`, one candidate after another
                best_s = 0
                for k in range(c0, c0 + nc):
                    if not cand_done[k]:
                        cand_own[k] = _row_sum(own_rows[form_tab[f, F_OWN]:form_tab[f, F_OWN] + form_tab[f, F_NOWN]],
                                               form_tab[f, F_NOWN], k, cand_tab, vk_tab, vk_cols, view_start,
                                               view_cols, view_weights, dense_of, dense, lemma_keys, lemma_vals,
                                               times)
                        cand_done[k] = 1
                    sc = cand_own[k] + _lemma_sum(rows, nr, cand_tab[k, C_LEMMA], lemma_keys, lemma_vals)
                    for x in range(at, at + vk_tab[cand_tab[k, C_VK], 1]):
                        sc += colsum[set_pos[x]]
                    at += vk_tab[cand_tab[k, C_VK], 1]
                    t = cand_tab[k, C_TAG]
                    pos, num, case, gen = tag_tab[t, T_POS], tag_tab[t, T_NUM], tag_tab[t, T_CASE], tag_tab[t, T_GEN]
                    # `tagger.left_features`
                    if p1 >= 0:
                        if pos_flags[ppos] & P_PREP and case:
                            sc += star_gov[1 if case == pcase else 0, pos]
                        if num and pnum:
                            sc += star_agr_left[ppos, pos, _same(num, pnum) + _same(case, pcase) + _same(gen, pgen)]
                    if case:
                        # `tagger.right_features`
                        if g >= 0 and form_tab[g, F_NEXTPOS] >= 0:
                            agree = 0
                            seen = 0
                            for x in range(form_tab[g, F_NEXT], form_tab[g, F_NEXT] + form_tab[g, F_NNEXT]):
                                agree = max(agree, _same(next_triples[x, 0], num) + _same(next_triples[x, 1], case)
                                            + _same(next_triples[x, 2], gen))
                                if next_triples[x, 1] == case:
                                    seen = 1
                            sc += star_agr_right[pos, form_tab[g, F_NEXTPOS], agree]
                            if pos_flags[pos] & P_PREP:
                                sc += star_prep_right[seen]
                        # `tagger.verb_features`
                        if v >= 0:
                            sc += star_va[pos, case, 1 if num == vnum else 0, 0 if vgen == 0 else (1 if gen == vgen else 2), sep]
                        # `tagger.right_verb_features`
                        if rvt >= 0:
                            h = slots[rvt]
                            agree = 0
                            for x in range(form_tab[h, F_VERB], form_tab[h, F_VERB] + form_tab[h, F_NVERB]):
                                agree = max(agree, 2 * _same(verb_pairs[x, 0], num)
                                            + (1 if verb_pairs[x, 1] == 0 or verb_pairs[x, 1] == gen else 0))
                            sc += star_rva[pos, case, agree]
                        # `tagger.right_noun_features`
                        if rn_of[i] >= 0 and pos_flags[pos] & P_AGREEING:
                            h = slots[rn_of[i]]
                            agree = -1
                            for x in range(form_tab[h, F_NOUN], form_tab[h, F_NOUN] + form_tab[h, F_NNOUN]):
                                agree = max(agree, _same(noun_triples[x, 0], num) + _same(noun_triples[x, 1], case)
                                            + _same(noun_triples[x, 2], gen))
                            sc += star_rna[pos, agree]
                    if k == c0 or sc > best_s:
                        best, best_s = k, sc
                # `tagger.prefer_proper_lemma`
                tb = cand_tab[best, C_TAG]
                if j > 0 and form_tab[f, F_CAP] and not cand_tab[best, C_CAP] and pos_flags[tag_tab[tb, T_POS]] & P_SUBST:
                    for k in range(c0, c0 + nc):
                        if cand_tab[k, C_TAG] == tb and cand_tab[k, C_CAP]:
                            best = k
                            break
            out[i] = best
            # `LeftContext.update`
            t = cand_tab[best, C_TAG]
            pos, case = tag_tab[t, T_POS], tag_tab[t, T_CASE]
            flags, lflags = pos_flags[pos], cand_tab[best, C_LFLAGS]
            if case == NOM and flags & P_SUBJECT:
                subj = best
                nom = 1
            if flags & P_COMP or lflags & L_OPENER:
                verb = agr = -1
                nom = neg = sep = 0
            elif flags & P_INTERP and lflags & L_CLAUSE_PUNCT:
                sep = 1
            elif flags & P_FINITE:
                verb = best
                sep = 0
                if flags & P_RIGHT_VERB:
                    agr = best
            elif lflags & L_NIE and flags & P_PARTQUB:
                neg = 1
            if flags & P_PREP:
                prep_case = case
            elif not flags & P_KEEPS_PREP:
                prep_case = 0
            if case and not flags & P_PREP:
                last_pos, last_case = pos, case
    return out
