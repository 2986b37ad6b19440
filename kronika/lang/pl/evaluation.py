"""Component benchmarks of the Polish models: `kronika eval tagger|ner|lemmas --OPTION PATH`.

Each function returns printable lines, the headline figure on the last line.
- `eval_tagger(path)`: lemma, UPOS and case accuracy of the shipped tagger on a UD CoNLL-U file, per surface
  token (a multiword token is scored on its main word, as `corpora.read_conllu` reads it); case accuracy is over
  tokens whose gold features have a Case. Lemmas are compared exactly (case-sensitive).
- `eval_ner(path)`: the PolEval 2018 Task 2 scores (exact, overlap and final = 0.8 overlap + 0.2 exact), computed
  as the official scorer does: micro F1 over (category, start, end) spans, derivType annotations ignored,
  fragmented spans split, overlap of closed intervals; like the official script, only documents with exactly
  one annotator answer are scored. All categories are predicted, including date and time. The predictions are
  the pipeline's (`ner.name_spans` per sentence, `ner.repeat_persons` over the document) in character offsets
  (`ner.char_spans`, glued words cut apart), with our type names spelled as PolEval files them
  (`POLEVAL_CATEGORY`).
- `eval_lemmas(path)`: exact-match accuracy of name base forms on a Polem TSV file. The headline uses kronika's
  own readings: each name is tagged alone (the file gives no sentence), so the tagger has no context; a second
  figure uses the file's contextual bases and tags instead, as Polem itself is evaluated.
"""
from __future__ import annotations

import re

import time
from pathlib import Path

from kronika.lang.pl.corpora import read_conllu, read_poleval, read_polem
from kronika.lang.pl.features import tag_parts
from kronika.lang.pl.morphology import analyse


def eval_tagger(path: Path) -> list[str]:
    """Lemma, UPOS and case accuracy of the tagger on a CoNLL-U file (headline: lemma and case accuracy)."""
    from kronika.lang.pl.tagger import load_model, tag_sentence, upos_of

    model = load_model()
    if model is None:
        raise RuntimeError("no tagger model is installed")
    n = lemma_ok = lemma_ci = upos_ok = tag_ok = 0
    case_n = case_ok = 0
    t0 = time.perf_counter()
    for s in read_conllu(path):
        forms = [t.form for t in s.tokens]
        chosen = tag_sentence(forms, [list(analyse(f)) for f in forms], model)
        for gold, pred in zip(s.tokens, chosen):
            n += 1
            lemma_ok += pred.lemma == gold.lemma
            lemma_ci += pred.lemma.lower() == gold.lemma.lower()
            upos_ok += upos_of(pred, model) == gold.upos
            tag_ok += pred.tag == gold.xpos
            if gold.case:
                case_n += 1
                case_ok += tag_parts(pred.tag)[2] == gold.case.lower().replace("ins", "inst")
    secs = time.perf_counter() - t0
    return [
        f"file: {Path(path).name}  tokens: {n}  ({n / max(secs, 1e-9):,.0f} tokens/s incl. Morfeusz)",
        f"full tag accuracy: {tag_ok / max(n, 1):.4f}",
        f"UPOS accuracy: {upos_ok / max(n, 1):.4f}",
        f"lemma accuracy (case-insensitive): {lemma_ci / max(n, 1):.4f}",
        f"case accuracy: {case_ok / max(case_n, 1):.4f} over {case_n} tokens with a case",
        f"lemma accuracy: {lemma_ok / max(n, 1):.4f}  case accuracy: {case_ok / max(case_n, 1):.4f}",
    ]


# --- PolEval 2018 NER ------------------------------------------------------------------------------------------

POLEVAL_CATEGORY = {"persName_addName": "persName_addname", "placeName": "placeName_country"}
"""Our type names where the PolEval gold spells them differently (its majority spelling), or files them
differently: NKJP 1M leaves a people without a state of its own ("Żydzi", "żydowski", "Romowie") a bare placeName,
PolEval 2018 files such names under placeName_country (its gold has no bare placeName to speak of)."""


def predict_spans(text: str) -> list[tuple[str, int, int]]:
    """(category, start, end) of every name, date and time the recogniser finds in a raw text (offsets into it)."""
    from kronika.lang.pl.ner import char_spans, load_model, name_spans, repeat_persons, split_glued
    from kronika.lang.pl.sentences import split_sentences
    from kronika.lang.pl.tokenizer import tokenize

    model = load_model()
    if model is None:
        raise RuntimeError("no NER model is installed")
    tokens, paras = tokenize(text)
    pieces, owner = split_glued(tokens)
    first_piece: dict[int, int] = {}
    for k, o in enumerate(owner):
        first_piece.setdefault(o, k)
    found: list[tuple[str, int, int]] = []
    starts: list[int] = []
    for s in split_sentences(tokens, paras):
        a, b = first_piece[s.token_start], first_piece.get(s.token_end, len(pieces))
        forms = [t.text for t in pieces[a:b]]
        starts.append(a)
        found += [(typ, a + i, a + j) for typ, i, j in name_spans(forms, [list(analyse(f)) for f in forms], model)]
    found = repeat_persons([t.text for t in pieces], found, starts)
    return [(_poleval_category(typ, text[a:b]), a, b) for typ, a, b in char_spans(pieces, found)]


POLEVAL_BLOC = re.compile(r"^(UE|Uni[aiąę]( Europejsk\w+)?|Wspólnot\w*( Europejsk\w+)?)$")
"""The European Union by name: PolEval 2018 files it as placeName_bloc (about 4 to 1 in its gold), NKJP 1M, on
which the recogniser learns, as orgName."""


def _poleval_category(typ: str, surface: str) -> str:
    if typ == "orgName" and POLEVAL_BLOC.match(surface):
        return "placeName_bloc"
    return POLEVAL_CATEGORY.get(typ, typ)


def poleval_counts(gold: list[tuple[str, int, int]], pred: list[tuple[str, int, int]]) -> tuple[int, int, int, int, int, int]:
    """(exact tp, fp, fn, overlap tp, fp, fn) for one document, as the official PolEval 2018 scorer counts them:
    a gold span is matched when some predicted span of the same category is exact (resp. overlaps, closed
    intervals); fp = predictions − tp, fn = gold − tp, over the distinct (span, category) pairs."""
    g, p = set(gold), set(pred)
    ex = sum(1 for c, a, b in g if (c, a, b) in p)
    ov = sum(1 for c, a, b in g if any(c == c2 and not (b < a2 or b2 < a) for c2, a2, b2 in p))
    return ex, len(p) - ex, len(g) - ex, ov, len(p) - ov, len(g) - ov


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    prec = tp / max(tp + fp, 1)
    rec = tp / max(tp + fn, 1)
    return prec, rec, 2 * prec * rec / max(prec + rec, 1e-12)


def eval_ner(path: Path) -> list[str]:
    """PolEval 2018 Task 2 exact, overlap and final scores of the recogniser (headline: final score)."""
    docs = read_poleval(path)
    totals = [0] * 6
    no_time = [0] * 6
    scored = 0
    t0 = time.perf_counter()
    ntok = 0
    for doc in docs:
        pred = predict_spans(doc.text)
        ntok += len(doc.text.split())
        if doc.answers != 1:
            continue  # the official scorer only counts documents with a single answer
        scored += 1
        for k, v in enumerate(poleval_counts(doc.spans, pred)):
            totals[k] += v
        g2 = [s for s in doc.spans if s[0] not in ("date", "time")]
        p2 = [s for s in pred if s[0] not in ("date", "time")]
        for k, v in enumerate(poleval_counts(g2, p2)):
            no_time[k] += v
    secs = time.perf_counter() - t0
    ep, er, ef = _f1(*totals[:3])
    op, orr, of = _f1(*totals[3:])
    _, _, ef2 = _f1(*no_time[:3])
    _, _, of2 = _f1(*no_time[3:])
    return [
        f"documents: {len(docs)} ({scored} scored: single-answer, as the official scorer)  "
        f"{ntok / max(secs, 1e-9):,.0f} words/s",
        f"OVERLAP precision: {op:.3f} recall: {orr:.3f} F1: {of:.3f}",
        f"EXACT precision: {ep:.3f} recall: {er:.3f} F1: {ef:.3f}",
        f"names only (date/time left out of gold and predictions): final {0.8 * of2 + 0.2 * ef2:.3f}",
        f"Final score: {0.8 * of + 0.2 * ef:.3f}",
    ]


# --- Polem name base forms -------------------------------------------------------------------------------------


_CLOSING = frozenset({".", ",", ";", ":", ")", "!", "?"})


def _space_between(left: str, right: str, recorded: bool | None = None) -> bool:
    """Whether a space separates two tokens of a Polem name: never before closing punctuation; otherwise the
    file's space-after flag when the row has one (`recorded`); for rows without ("all False"), one space except
    after an opening bracket, around a hyphen and before an apostrophe."""
    if right in _CLOSING:
        return False
    if recorded is not None:
        return recorded
    return not (left == "(" or "-" in (left, right) or right in {"'", "’"})


def _tokens_of(words: list[str], space_after: list[bool] | None = None):
    """Tokens of a Polem name, spaced by `_space_between` (the row's flags are used when they say anything: a
    row of more than one token whose flags are all False has lost its spacing)."""
    from kronika.lang.base import Token

    flags = space_after if space_after and len(space_after) == len(words) and any(space_after[:-1]) else None
    out = []
    pos = 0
    for k, w in enumerate(words):
        kind = "punct" if not any(ch.isalnum() for ch in w) else "word"
        space = k + 1 < len(words) and _space_between(w, words[k + 1], flags[k] if flags else None)
        out.append(Token(pos, pos + len(w), w, kind, space_after=space))
        pos += len(w) + space
    return out


def eval_lemmas(path: Path) -> list[str]:
    """Exact-match accuracy of `basenames.base_form` on a Polem TSV file (headline: accuracy)."""
    from kronika.lang.pl.basenames import base_form
    from kronika.lang.pl.tagger import load_model, tag_tokens

    from kronika.lang.base import Analysis

    model = load_model()
    entries = read_polem(path)
    ok = ok_ci = ok_file = 0
    multi = multi_ok = 0
    for e in entries:
        toks = _tokens_of(e.tokens, e.space_after)
        for t in toks:
            t.analyses = list(analyse(t.text))
        if e.bases and len(e.bases) == len(toks) and len(e.ctags) == len(toks):
            # the file's own (contextual) readings, as Polem is evaluated: the matching Morfeusz reading if any
            for t, base, ctag in zip(toks, e.bases, e.ctags):
                t.chosen = next((r for r in t.analyses if r.tag == ctag and r.lemma == base), None) or \
                    next((r for r in t.analyses if r.tag == ctag), None) or Analysis(base, ctag)
            ok_file += base_form(toks, e.category) == e.lemma
        if model is not None:
            for t, r in zip(toks, tag_tokens(toks, model)):
                t.chosen = r
        pred = base_form(toks, e.category)
        ok += pred == e.lemma
        ok_ci += pred.lower() == e.lemma.lower()
        if len(toks) > 1:
            multi += 1
            multi_ok += pred == e.lemma
    n = max(len(entries), 1)
    return [
        f"file: {Path(path).name}  names: {len(entries)}",
        f"multi-word names: {multi_ok / max(multi, 1):.4f} exact over {multi}",
        f"case-insensitive: {ok_ci / n:.4f}",
        f"with the file's own readings (bases and tags, as Polem is evaluated): {ok_file / n:.4f}",
        f"base forms exact: {ok / n:.4f}",
    ]
