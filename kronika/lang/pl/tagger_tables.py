"""The integer tables the compiled tagger decoder reads (`tagger_kernel.py`), and the store of word forms and
candidates that grows with the text it tags.

`ModelTables` is built once per model: numbers for parts of speech, numbers, cases and genders; the rows of the
context features that take those as values ("pp-2=", "subj=", "vs=", "pc=", "lc=", "co="), the summed "*" weights
of the candidate-feature templates (`tagger.left_features` …), and the lemma views' weights in a hash table. Every table is filled by formatting the feature
names exactly as the reference scorer does and looking them up, so the decoder's sums are the reference's.

`FormStore` keeps, per distinct word form (with its readings), the rows and numbers the decoder needs, in
growing integer arrays that numpy views without copying; first sight of a form costs one pass of Python over
its candidates, later tokens of it a dictionary lookup. It starts afresh when it holds `FORM_LIMIT` forms.
"""
from __future__ import annotations

import threading
from array import array
from typing import Sequence

import numpy as np

from kronika.lang.base import Analysis
from kronika.lang.pl import tagger as T
from kronika.lang.pl import tagger_kernel as K
from kronika.lang.pl.features import ambiguity, case_set, name_classes, reading_views, shape, tag_parts
from kronika.lang.pl.morphology import CASES, GENDERS

POS_NAMES = ("adj", "adja", "adjc", "adjp", "adv", "aglt", "bedzie", "brev", "burk", "comp", "conj", "depr", "dig",
             "fin", "frag", "ger", "ign", "imps", "impt", "inf", "interj", "interp", "num", "numcol", "pact", "pant",
             "part", "pcon", "ppas", "ppron12", "ppron3", "praet", "pred", "prep", "qub", "romandig", "siebie",
             "subst", "winien", "xxx")
"""The NKJP parts of speech; a model may add others (read off its feature names)."""
NUM_IDS = {"": 0, "sg": 1, "pl": 2}
CASE_NAMES = ("", "nom", "gen", "dat", "acc", "inst", "loc", "voc")
CASE_IDS = {c: k for k, c in enumerate(CASE_NAMES)}
GEN_IDS = {"": 0, **{g: k + 1 for k, g in enumerate(GENDERS)}}
assert CASE_IDS["nom"] == K.NOM and set(CASE_NAMES[1:]) == CASES
FORM_LIMIT = 100_000
"""Forms the store holds before it starts afresh (between two calls)."""
_POS_VALUED = ("pp-2=", "agr-1=", "agr+1=", "va=", "rva=", "rna=", "lc=", "co=", "gov+", "gov-")


def _pos_names(features: Sequence[str], views: Sequence[str]) -> list[str]:
    """The parts of speech the model's features and views can name: the NKJP ones, the full tags' and every
    field of a feature that takes parts of speech (with a case ending cut off: "lc=substgen")."""
    names = set(POS_NAMES)
    names.update(tag_parts(v[1:])[0] for v in views if v.startswith("T"))
    for f in features:
        for prefix in _POS_VALUED:
            if f.startswith(prefix):
                for piece in f[len(prefix):].split("|"):
                    names.add(piece)
                    names.update(piece[: -len(c)] for c in CASE_NAMES[1:] if piece.endswith(c))
    return sorted(n for n in names if n)


class ModelTables:
    """The model-wide integer tables of the decoder (see the module's doc)."""

    def __init__(self, model) -> None:
        self.index = index = model.index
        row = lambda f: index.get(f, -1)  # noqa: E731
        pos_names = ["?"] + _pos_names(model.features, model.views)  # 0: a part of speech the model never names
        self.pos_ids = {p: k for k, p in enumerate(pos_names) if k}
        P, C = len(pos_names), len(CASE_NAMES)
        flag_sets = ((K.P_SUBJECT, T.SUBJECT_POS), (K.P_FINITE, T.FINITE_POS), (K.P_RIGHT_VERB, T.RIGHT_VERB_POS),
                     (K.P_KEEPS_PREP, T.KEEPS_PREPOSITION), (K.P_COORD, T.COORDINATION),
                     (K.P_AGREEING, T.AGREEING_POS), (K.P_COMP, {"comp"}), (K.P_INTERP, {"interp"}),
                     (K.P_PREP, {"prep"}), (K.P_PARTQUB, {"part", "qub"}), (K.P_SUBST, {"subst"}))
        self.pos_flags = np.array([0] + [sum(bit for bit, names in flag_sets if p in names) for p in pos_names[1:]],
                                  dtype=np.int64)
        self.fixed_rows = np.array([row(f) for f in ("first", "cap0", "cap1", "t-1=^", "w+1=$")], dtype=np.int64)
        nums, gens = list(NUM_IDS), list(GEN_IDS)
        self.pp2_rows = np.array([[row(f"pp-2={a}|{b}") if a != "?" and b != "?" else -1 for b in pos_names]
                                  for a in pos_names], dtype=np.int64)
        self.subj_rows = np.array([[row("subj=" + n + g) for g in gens] for n in nums], dtype=np.int64)
        self.vs_rows = np.full((P, 2, 2, 2), -1, dtype=np.int64)
        for p, name in enumerate(pos_names):
            for nom in (0, 1):
                for neg in (0, 1):
                    for sep in (0, 1):
                        self.vs_rows[p, nom, neg, sep] = row("vs=" + ("-" if p == 0 else name) + ("N" if nom else "-")
                                                             + ("n" if neg else "") + ("," if sep else ""))
        self.pc_rows = np.array([row("pc=" + c) if c else -1 for c in CASE_NAMES], dtype=np.int64)
        self.lc_rows = np.array([[row("lc=" + p + c) if k and c else -1 for c in CASE_NAMES]
                                 for k, p in enumerate(pos_names)], dtype=np.int64)
        co_lemmas = sorted({f[3:].rsplit("|", 1)[0] for f in model.features if f.startswith("co=") and "|" in f[3:]})
        self.co_ids = {lemma: k + 1 for k, lemma in enumerate(co_lemmas)}
        self.co_rows = np.full((len(co_lemmas) + 1, P, C), -1, dtype=np.int64)
        for lemma, k in self.co_ids.items():
            for p, name in enumerate(pos_names):
                for c, case in enumerate(CASE_NAMES):
                    if p and c:
                        self.co_rows[k, p, c] = row("co=" + lemma + "|" + name + case)
        star = model.star
        w = lambda f: star.get(f, 0)  # noqa: E731
        known = [(p, name) for p, name in enumerate(pos_names) if p]
        self.star_gov = np.zeros((2, P), dtype=np.int64)
        self.star_agr_left = np.zeros((P, P, 4), dtype=np.int64)
        self.star_agr_right = np.zeros((P, P, 4), dtype=np.int64)
        self.star_va = np.zeros((P, C, 2, 3, 2), dtype=np.int64)
        self.star_rva = np.zeros((P, C, 4), dtype=np.int64)
        self.star_rna = np.zeros((P, 4), dtype=np.int64)
        self.star_prep_right = np.array([w("prep+1=False"), w("prep+1=True")], dtype=np.int64)
        for p, pos in known:
            self.star_gov[0, p], self.star_gov[1, p] = w("gov-" + pos), w("gov+" + pos)
            for agree in range(4):
                self.star_rna[p, agree] = w(f"rna={pos}|{agree}")
                for q, other in known:
                    self.star_agr_left[q, p, agree] = w(f"agr-1={other}|{pos}|{agree}")
                    self.star_agr_right[p, q, agree] = w(f"agr+1={pos}|{other}|{agree}")
            for c, case in enumerate(CASE_NAMES):
                if not c:
                    continue
                for agree in range(4):
                    self.star_rva[p, c, agree] = w(f"rva={pos}|{case}|{agree}")
                for n, n_mark in enumerate("-n"):
                    for g, g_mark in enumerate("?g-"):
                        for sep, s_mark in enumerate(("", ",")):
                            self.star_va[p, c, n, g, sep] = w(f"va={pos}|{case}|{n_mark}{g_mark}{s_mark}")
        self.view_start, self.view_cols, self.view_weights = model.view_start, model.view_cols, model.view_weights
        self.dense_of, self.dense = model.dense_of, model.dense
        self.dense_col = model.dense_col
        self.lemma_ids = {v[1:]: k for k, v in enumerate(model.lemma_views)}
        self.lemma_keys, self.lemma_vals = _lemma_table(*model.lemma_entries)


def _lemma_table(lems: np.ndarray, rows: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The hash table (keys, values) of the lemma views' weights (`tagger_kernel.fill_lemma_table`): lemma view
    lems[k] has weight values[k] on feature row rows[k]."""
    size = 16
    while size < 2 * len(lems):
        size *= 2
    keys, vals = np.full(size, -1, dtype=np.int64), np.zeros(size, dtype=np.int64)
    K.fill_lemma_table(lems, rows, values, keys, vals)
    return keys, vals


class FormStore:
    """The forms, candidates, tags, view sets and lemmas seen so far, numbered, with the tables of
    `tagger_kernel` (see its doc) kept in growing integer arrays; `decode` tags sentences with them."""

    def __init__(self, model) -> None:
        self.model = model
        self.tables = ModelTables(model)
        self.lock = threading.Lock()
        self._reset()

    def _reset(self) -> None:
        self.form_slots: dict[str, tuple[tuple, int]] = {}  # form → (its readings, its slot)
        self.form_tab, self.own_rows = array("q"), array("q")
        self.verb_pairs, self.noun_triples, self.next_triples = array("q"), array("q"), array("q")
        self.cands: list[Analysis] = []
        self.cand_tab, self.cand_own, self.cand_done = array("q"), array("q"), array("q")
        self.sets: dict[tuple, tuple[tuple[tuple[int, int], ...], int]] = {}  # candidates' tag/view key →
        # ((tag, view set) of each candidate, candidate set)
        self.set_tab, self.set_cols, self.set_pos = array("q"), array("q"), array("q")
        self.view_sets: dict[tuple, int] = {}
        self.vk_tab, self.vk_cols = array("q"), array("q")
        self.tags: dict[str, int] = {}
        self.tag_tab = array("q")
        self.lemmas: dict[str, tuple[int, ...]] = {}
        self.reading_classes: dict[tuple[str, ...], tuple] = {}  # reading tags → `_reading_class`

    # --- numbering ---------------------------------------------------------------------------------------------

    def _tag(self, tag: str) -> int:
        k = self.tags.get(tag)
        if k is None:
            t = self.tables
            pos, num, case, gender = tag_parts(tag)
            row = lambda f: t.index.get(f, -1)  # noqa: E731
            self.tag_tab.extend((t.pos_ids.get(pos, 0), NUM_IDS[num], CASE_IDS[case], GEN_IDS[gender],
                                 row("t-1=" + tag), row("p-1=" + pos), row("k-1=" + pos + case)))
            k = self.tags[tag] = len(self.tags)
        return k

    def _view_set(self, c: Analysis) -> int:
        key = (c.tag, c.lemma[:1].isupper(), c.names[:1], c.labels)
        k = self.view_sets.get(key)
        if k is None:
            dense_col = self.tables.dense_col
            cols = [dense_col[v] for v in reading_views(c) if v in dense_col]
            self.vk_tab.extend((len(self.vk_cols), len(cols)))
            self.vk_cols.extend(cols)
            k = self.view_sets[key] = len(self.view_sets)
        return k

    def _candidate_set(self, cands: Sequence[Analysis]) -> tuple[tuple[tuple[int, int], ...], int]:
        """The (tag, view set) of each candidate and the number of their candidate set: the distinct columns of
        their views, and each candidate's columns as places among them (`tagger_kernel`)."""
        ids = tuple((self._tag(c.tag), self._view_set(c)) for c in cands)
        place: dict[int, int] = {}
        places: list[int] = []
        vk_tab, vk_cols = self.vk_tab, self.vk_cols
        for _, vk in ids:
            start = vk_tab[2 * vk]
            places += [place.setdefault(vk_cols[x], len(place)) for x in range(start, start + vk_tab[2 * vk + 1])]
        self.set_tab.extend((len(self.set_cols), len(place), len(self.set_pos)))
        self.set_cols.extend(place)
        self.set_pos.extend(places)
        return ids, len(self.set_tab) // 3 - 1

    def _reading_class(self, readings: Sequence[Analysis]) -> tuple:
        """What a form's readings say whatever their lemmas, shared by the forms with the same reading tags: the
        rows of its ambiguity and case classes as its own features ("am=", "cs=") and as its neighbours'
        ("a+1=", "c+1=", "a+2="), whether a reading is a complementizer, and the places in the pools of its
        finite readings' (number, gender) pairs, its noun readings' triples and the triples the word before sees
        (`tagger.verb_reading`, `tagger._as_next`)."""
        t = self.tables
        row = lambda f: t.index.get(f, -1)  # noqa: E731
        amb, cs = ambiguity(readings), case_set(readings)
        _, verb, nouns, adj_like = T.verb_reading("", readings)
        verb_at, noun_at, next_at = len(self.verb_pairs) // 2, len(self.noun_triples) // 3, len(self.next_triples) // 3
        for num, gender in verb[1] if verb is not None else ():
            self.verb_pairs.extend((NUM_IDS[num], GEN_IDS[gender]))
        for num, case, gender in nouns or ():
            self.noun_triples.extend((NUM_IDS[num], CASE_IDS[case], GEN_IDS[gender]))
        nxt = T._as_next(readings)
        next_pos = -1
        if nxt:
            next_pos = t.pos_ids.get(nxt[0], 0)
            for num, case, gender in nxt[1]:
                self.next_triples.extend((NUM_IDS[num], CASE_IDS[case], GEN_IDS[gender]))
        hit = self.reading_classes[tuple(r.tag for r in readings)] = (
            [r for r in (row("am=" + amb), row("cs=" + cs)) if r >= 0], row("a+1=" + amb), row("c+1=" + cs),
            row("a+2=" + amb), any(r.tag == "comp" for r in readings), verb_at, len(self.verb_pairs) // 2 - verb_at,
            noun_at, len(self.noun_triples) // 3 - noun_at, int(adj_like), next_pos, next_at,
            len(self.next_triples) // 3 - next_at)
        return hit

    def _lemma(self, lemma: str) -> tuple[int, ...]:
        t = self.tables
        flags = ((K.L_OPENER if lemma in T.CLAUSE_OPENERS else 0) | (K.L_CLAUSE_PUNCT if lemma in T.CLAUSE_PUNCT else 0)
                 | (K.L_NIE if lemma == "nie" else 0))
        hit = self.lemmas[lemma] = (t.lemma_ids.get(lemma, -1), t.index.get("l-1=" + lemma.lower(), -1),
                                    t.index.get("vl=" + lemma, -1), int(lemma[:1].isupper()), t.co_ids.get(lemma, 0),
                                    flags)
        return hit

    def _add_form(self, form: str, readings: Sequence[Analysis], key: tuple) -> tuple[tuple, int]:
        """Number a form seen for the first time (with these readings): its candidates and table rows."""
        model, t = self.model, self.tables
        cands = T.candidates(form, readings, model)
        skey = tuple((c.tag, c.lemma[:1].isupper(), c.names[:1], c.labels) for c in cands)
        hit = self.sets.get(skey)
        if hit is None:
            hit = self.sets[skey] = self._candidate_set(cands)
        ids, set_id = hit
        c0 = len(self.cands)
        lemmas = self.lemmas
        tab: list[int] = []
        for c, tag_and_view in zip(cands, ids):
            tab += tag_and_view
            tab += lemmas.get(c.lemma) or self._lemma(c.lemma)
        self.cand_tab.extend(tab)
        self.cands += cands
        zeros = [0] * len(cands)
        self.cand_own.extend(zeros)
        self.cand_done.extend(zeros)
        index = t.index
        low = form.lower()
        (class_rows, a1, c1, a2, comp, verb_at, verb_n, noun_at, noun_n, adj_like, next_pos, next_at,
         next_n) = self.reading_classes.get(tuple(r.tag for r in readings)) or self._reading_class(readings)
        # `features.static_token_features`, with the ambiguity and case classes' rows shared by the reading class
        feats = ["b", "w=" + low, "s1=" + low[-1:], "s2=" + low[-2:], "s3=" + low[-3:], "s4=" + low[-4:],
                 "sh=" + shape(form)]
        feats += ["nc=" + n for n in name_classes(readings)]
        own = [r for f in feats if (r := index.get(f)) is not None] + class_rows
        own_at = len(self.own_rows)
        self.own_rows.extend(own)
        # `tagger.verb_reading`: the lemma of the first finite reading is the form's own
        verb = next((r.lemma for r in readings if r.pos in T.RIGHT_VERB_POS), None) if verb_n else None
        rv = index.get("rv=" + verb, -1) if verb is not None else -1
        self.form_tab.extend((
            c0, len(cands), own_at, len(own), index.get("w-1=" + low, -1), index.get("w+1=" + low, -1), a1, c1, a2,
            int(form[:1].isupper()), int(comp or form in T.CLAUSE_PUNCT), verb_at, verb_n, rv, noun_at, noun_n,
            adj_like, next_pos, next_at, next_n, set_id))
        hit = self.form_slots[form] = (key, len(self.form_tab) // K.FORM_FIELDS - 1)
        return hit

    # --- decoding ------------------------------------------------------------------------------------------------

    def decode(self, sentences: Sequence[tuple[Sequence[str], Sequence[Sequence[Analysis]]]]) -> list[list[Analysis]]:
        """The chosen reading of every token of each sentence (forms and readings), `tagger_kernel.decode`."""
        with self.lock:
            if len(self.form_slots) >= FORM_LIMIT:
                self._reset()
            slots: list[int] = []
            starts = [0]
            known = self.form_slots
            for forms, readings in sentences:
                for form, rs in zip(forms, readings):
                    key = tuple(rs)
                    hit = known.get(form)
                    if hit is None or hit[0] != key:
                        hit = self._add_form(form, rs, key)
                    slots.append(hit[1])
                starts.append(len(slots))
            if not slots:
                return [[] for _ in sentences]
            out = np.empty(len(slots), dtype=np.int64)
            self._run(np.asarray(slots, dtype=np.int64), np.asarray(starts, dtype=np.int64), out)
            cands = self.cands
            chosen = [cands[k] for k in out.tolist()]
        return [chosen[a:b] for a, b in zip(starts, starts[1:])]

    def _run(self, slots: np.ndarray, starts: np.ndarray, out: np.ndarray) -> None:
        t = self.tables

        K.decode(slots, starts, _view(self.form_tab, K.FORM_FIELDS), _view(self.own_rows), _view(self.verb_pairs, 2),
                 _view(self.noun_triples, 3), _view(self.next_triples, 3), _view(self.cand_tab, K.CAND_FIELDS),
                 _view(self.cand_own), _view(self.cand_done), _view(self.vk_tab, 2), _view(self.vk_cols), _view(self.set_tab, 3), _view(self.set_cols),
                 _view(self.set_pos), t.view_start, t.view_cols,
                 t.view_weights, t.dense_of, t.dense, t.lemma_keys, t.lemma_vals, _view(self.tag_tab, K.TAG_FIELDS), t.pos_flags,
                 t.fixed_rows, t.pp2_rows, t.subj_rows, t.vs_rows, t.pc_rows, t.lc_rows, t.co_rows, t.star_gov,
                 t.star_agr_left, t.star_agr_right, t.star_prep_right, t.star_va, t.star_rva, t.star_rna, out)


def _view(pool: array, width: int = 0) -> np.ndarray:
    """An integer pool as a numpy array without copying (rows of `width` when given). The pool cannot grow while
    the view lives."""
    flat = np.frombuffer(pool, dtype=np.int64) if len(pool) else np.zeros(0, dtype=np.int64)
    return flat.reshape(-1, width) if width else flat
