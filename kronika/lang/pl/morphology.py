"""Morphology: Morfeusz 2 readings for every token, cached by word form, and the stage that writes them.

How a token's readings are derived from Morfeusz's DAG of segments (`readings_from_dag`):
- Every path through the DAG that spans the whole token is read; readings of all paths are kept, whole-token
  (single-segment) paths first, duplicates dropped. If any path gives a known reading, unknown (`ign`) readings
  of other paths are dropped.
- On a path, a final "." segment after a listed abbreviation or initial belongs to the token ("tzw.", "r.",
  "J."): the readings are those of the segment before it, restricted to its `brev` readings when it has any
  ("im." → imienia, not the pronoun).
- Agglutinates are folded into the main segment: an `aglt` segment adds the label "aglt:NUMBER:PERSON", the
  conditional particle "by" adds the label "by". "zrobiłbym" → zrobić praet:sg:m1:perf with labels
  ("by", "aglt:sg:pri"); "Miałem" → mieć praet … + "aglt:sg:pri", and also miał subst:sg:inst:m3.
- Hyphenated compounds unknown as a whole ("polsko-ukraiński", "Północno-Wschodniej") take the tag and name
  classes of the last part (the head) and the lemma prefix-parts + "-" + head lemma; an `adja` prefix keeps its
  written form, other prefixes their lemma (in the head's case when they inflect: "Bielska-Białej"). If a part
  is unknown, the token is one `ign` reading ("F-16"); so is a compound whose capitalised head is read only as a
  common noun ("Al-Kaida" is not a kind of "kaid").
- Tags are expanded: Morfeusz's "subst:sg:gen.acc:m1" becomes two readings "subst:sg:gen:m1" and
  "subst:sg:acc:m1", so every reading has one value per category (what a tagger picks).
- Lemmas are cleaned: the homonym suffix is removed and kept as a label "hom:SUFFIX" ("zamek:Sm3~a" → "zamek",
  "hom:Sm3~a"), Morfeusz's underscores become spaces ("między_innymi" → "między innymi"). Qualifiers
  ("pot.,środ.") are split into separate labels; name classes keep Morfeusz's names ("nazwisko", "imię",
  "nazwa_geograficzna", with spaces as underscores).
- Unknown words are one reading, lemma = the form, tag "ign"; a capitalised one gets the label
  "proper_candidate" ("Szojgu", "Dzong", "Kimem").
- Tokens the tokenizer marks as punctuation get an "interp" reading; numbers get "dig" (labels "ordinal" for
  "78.", "date" for "18.08.2023" or "2023-08-15", "time" for "17:46"); URLs, e-mails, handles, tags and domains
  get "ign" with a label saying which ("url", "email", "handle", "hashtag", "domain").

One Morfeusz instance per process, created on first use (`morfeusz()`), never stored on a stage object, so the
stages pickle (Spark ships them to workers, where the instance is created again).
"""
from __future__ import annotations

import re
import threading
from functools import lru_cache
from typing import Iterable, Sequence

from kronika.lang.base import Analysis, Token

CACHE_SIZE = 100_000
"""Distinct word forms whose readings are kept (least recently used are dropped past this)."""

COMMON_NAME_CLASSES = frozenset({"nazwa_pospolita", "pospolita"})
"""Morfeusz 'name' classes that mark a common noun, not a proper name."""

_PUNCT_CHARS = set(".,;:!?…()[]{}/\\\"'„”“«»‘’‚‹›-‐‑‒–—―")
_HYPHEN_ORTHS = {"-", "\u2010", "\u2011"}
_NUMBER_RE = re.compile(r"\d+(?:[.,:/]\d+)*\.?|\d{4}-\d{2}-\d{2}")
_DATE_RE = re.compile(r"\d{1,2}\.\d{1,2}\.\d{2,4}|\d{4}-\d{2}-\d{2}")
_TIME_RE = re.compile(r"\d{1,2}:\d{2}")
_URL_RE = re.compile(r"(?:https?://|www\.)\S+")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.\w+")
_DOMAIN_RE = re.compile(r"\w+(?:[-.]\w+)*\.[a-z]{2,4}")

_lock = threading.Lock()
_instance = None


def morfeusz():
    """This process's Morfeusz instance (analysis and generation), created on first use."""
    global _instance
    if _instance is None:
        with _lock:
            if _instance is None:
                import morfeusz2

                _instance = morfeusz2.Morfeusz()
    return _instance


def morfeusz_analyse(text: str) -> list[tuple[int, int, tuple]]:
    """Morfeusz's raw DAG for `text`: (start node, end node, (orth, lemma, tag, names, labels)) edges."""
    m = morfeusz()
    with _lock:  # one instance per process: serialise calls from threads
        return m.analyse(text)


# --- tags and lemmas -------------------------------------------------------------------------------------------

GENDERS = ("m1", "m2", "m3", "f", "n")
CASES = frozenset({"nom", "gen", "dat", "acc", "inst", "loc", "voc"})
NUMBERS = frozenset({"sg", "pl"})
GENDER_SET = frozenset(GENDERS)


def expand_tag(tag: str) -> list[str]:
    """Every fully specified tag of a Morfeusz tag with alternatives ("a.b" fields, "_" for any gender)."""
    return list(_expanded(tag))


@lru_cache(maxsize=20_000)
def _expanded(tag: str) -> tuple[str, ...]:
    """`expand_tag`, remembered per tag (Morfeusz has a few thousand distinct tags)."""
    fields = [list(GENDERS) if f == "_" else f.split(".") for f in tag.split(":")]
    out = [""]
    for i, values in enumerate(fields):
        out = [prefix + (":" if i else "") + v for prefix in out for v in values]
    return tuple(out)


def case_of(a: Analysis) -> str | None:
    """The grammatical case of a (fully specified) reading, or None."""
    for f in a.features:
        if f in CASES:
            return f
    return None


def agreement_key(a: Analysis) -> tuple[str | None, str | None, str | None]:
    """(number, case, gender) of a reading; None where the tag has none."""
    num = case = gender = None
    for f in a.features:
        if num is None and f in NUMBERS:
            num = f
        elif case is None and f in CASES:
            case = f
        elif gender is None and f in GENDER_SET:
            gender = f
    return num, case, gender


def is_proper(a: Analysis) -> bool:
    """A proper-name reading: a name class other than common noun, or an unknown (ign) word."""
    return a.pos == "ign" or any(n not in COMMON_NAME_CLASSES for n in a.names)


def clean_lemma(lemma: str) -> tuple[str, str | None]:
    """(lemma without homonym suffix and with spaces for underscores, the suffix or None)."""
    suffix = None
    cut = lemma.find(":", 1)
    if cut > 0:
        lemma, suffix = lemma[:cut], lemma[cut + 1 :]
    return lemma.replace("_", " ") if len(lemma) > 1 else lemma, suffix


def _labels(raw: Iterable[str]) -> tuple[str, ...]:
    return _labels_of(tuple(raw))


@lru_cache(maxsize=20_000)
def _labels_of(raw: tuple[str, ...]) -> tuple[str, ...]:
    out: list[str] = []
    for label in raw:
        for part in label.split(","):
            part = part.strip()
            if part and part not in out:
                out.append(part)
    return tuple(out)


def _names(raw: Iterable[str]) -> tuple[str, ...]:
    return _names_of(tuple(raw))


@lru_cache(maxsize=20_000)
def _names_of(raw: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(n.strip().replace(" ", "_") for n in raw if n.strip()))


def _ign(form: str, *labels: str) -> Analysis:
    extra = ("proper_candidate",) if form[:1].isupper() else ()
    return Analysis(lemma=form, tag="ign", labels=tuple(labels) + extra)


# --- DAG → readings --------------------------------------------------------------------------------------------

_Seg = list  # readings (orth, lemma, tag, names, labels) of one edge


def _paths(edges: dict[tuple[int, int], _Seg], start: int, end: int, limit: int = 32) -> list[list[tuple[int, int]]]:
    by_start: dict[int, list[int]] = {}
    for a, b in edges:
        by_start.setdefault(a, []).append(b)
    for nexts in by_start.values():
        nexts.sort(reverse=True)  # longest segment first
    out: list[list[tuple[int, int]]] = []
    _walk(by_start, start, end, limit, [], out)
    return out


def _walk(by_start: dict[int, list[int]], node: int, end: int, limit: int, acc: list[tuple[int, int]],
          out: list[list[tuple[int, int]]]) -> None:
    # a module-level function, not a closure: a recursive closure is a reference cycle left to the garbage collector
    if len(out) >= limit:
        return
    if node == end:
        out.append(list(acc))
        return
    for nxt in by_start.get(node, ()):
        acc.append((node, nxt))
        _walk(by_start, nxt, end, limit, acc, out)
        acc.pop()


def _is_interp(seg: _Seg, orths: set[str]) -> bool:
    return all(r[2] == "interp" and r[0] in orths for r in seg)


def _tag_cases(tag: str) -> set[str]:
    return {v for f in tag.split(":")[1:] for v in f.split(".") if v in CASES}


def _pick_agreeing(seg: _Seg, cases: set[str]) -> tuple:
    """The reading of a compound's prefix part that shares a case with the head (else the first)."""
    for r in seg:
        if cases & _tag_cases(r[2]):
            return r
    return seg[0]


def _path_readings(form: str, segs: list[_Seg]) -> list[Analysis]:
    dotted = len(segs) > 1 and _is_interp(segs[-1], {"."})
    if dotted:
        segs = segs[:-1]
    extra: list[str] = []
    content: list[_Seg] = []
    for k, seg in enumerate(segs):
        if all(r[2].startswith("aglt") for r in seg):
            f = seg[0][2].split(":")
            extra.append(f"aglt:{f[1]}:{f[2]}" if len(f) > 2 else "aglt")
        elif k > 0 and content and all(r[0] == "by" and r[2] == "part" for r in seg):
            extra.append("by")
        else:
            content.append(seg)
    parts = [seg for seg in content if not _is_interp(seg, _HYPHEN_ORTHS)]
    if not parts:
        return []
    if any(all(r[2] == "ign" for r in seg) for seg in parts):
        return [_ign(form[:-1] if dotted else form)]
    head = parts[-1]
    if len(parts) > 1:
        # "Al-Kaida" is not a compound of "kaid": a capitalised head read as a common noun is part of a name
        head = [r for r in head if not (r[0][:1].isupper() and r[2].startswith("subst") and r[1][:1].islower())]
        if not head:
            return [_ign(form)]
    if dotted:
        brevs = [r for r in head if r[2].startswith("brev")]
        head = sorted(brevs, key=lambda r: r[2] != "brev:pun") if brevs else head
    out: list[Analysis] = []
    for orth, lemma, tag, names, labels in head:
        lemma, suffix = clean_lemma(lemma)
        if len(parts) > 1:
            cases = _tag_cases(tag)
            prefix_texts = []
            for seg in parts[:-1]:
                adja = next((r for r in seg if r[2] == "adja"), None)
                if adja is not None:
                    prefix_texts.append(adja[0])
                else:
                    prefix_texts.append(clean_lemma(_pick_agreeing(seg, cases)[1])[0])
            if lemma[:1].islower():
                prefix_texts = [p.lower() for p in prefix_texts]
            lemma = "-".join(prefix_texts + [lemma])
        lab = _labels(labels) + tuple(extra) + ((f"hom:{suffix}",) if suffix else ())
        nm = _names(names)
        for full in _expanded(tag):
            out.append(Analysis(lemma=lemma, tag=full, names=nm, labels=lab))
    return out


def readings_from_dag(form: str, dag: Sequence[tuple[int, int, tuple]]) -> tuple[Analysis, ...]:
    """The readings of one token from Morfeusz's DAG for it (rules in the module docstring)."""
    if not dag:
        return (_ign(form),)
    edges: dict[tuple[int, int], _Seg] = {}
    for a, b, interp in dag:
        edges.setdefault((a, b), []).append(interp)
    start = min(a for a, _, _ in dag)
    end = max(b for _, b, _ in dag)
    readings: list[Analysis] = []
    for path in _paths(edges, start, end):
        readings.extend(_path_readings(form, [edges[e] for e in path]))
    known = [r for r in readings if r.pos != "ign"]
    if known:
        readings = known
    unique = tuple(dict.fromkeys(readings))
    return unique or (_ign(form),)


# --- readings of a form ----------------------------------------------------------------------------------------


def _special_readings(form: str) -> tuple[Analysis, ...] | None:
    if all(ch in _PUNCT_CHARS for ch in form):
        return (Analysis(lemma=form, tag="interp"),)
    if form[0].isdigit() and _NUMBER_RE.fullmatch(form):
        if form.endswith(".") and form[:-1].isdigit():
            return (Analysis(lemma=form[:-1], tag="dig", labels=("ordinal",)),)
        labels: tuple[str, ...] = ()
        if _DATE_RE.fullmatch(form):
            labels = ("date",)
        elif _TIME_RE.fullmatch(form):
            labels = ("time",)
        return (Analysis(lemma=form, tag="dig", labels=labels),)
    if _URL_RE.fullmatch(form):
        return (Analysis(lemma=form, tag="ign", labels=("url",)),)
    if "@" in form[1:] and _EMAIL_RE.fullmatch(form):
        return (Analysis(lemma=form, tag="ign", labels=("email",)),)
    if form[0] in "@#" and len(form) > 1:
        label = "handle" if form[0] == "@" else "hashtag"
        return (Analysis(lemma=form, tag="ign", labels=(label, "proper_candidate")),)
    if "." in form[1:-1] and not form.endswith(".") and _DOMAIN_RE.fullmatch(form):
        return (Analysis(lemma=form, tag="ign", labels=("domain", "proper_candidate")),)
    return None


@lru_cache(maxsize=CACHE_SIZE)
def analyse(form: str) -> tuple[Analysis, ...]:
    """All readings of one token's text (never empty; the same tuple object for the same form while cached)."""
    if not form:
        return ()
    special = _special_readings(form)
    if special is not None:
        return special
    clean = form.replace("\u00ad", "")  # soft hyphens are invisible: Morfeusz must not see them
    return readings_from_dag(form, morfeusz_analyse(clean or form))


def cache_info():
    """Hits, misses and size of the form cache (functools' CacheInfo)."""
    return analyse.cache_info()


def clear_cache() -> None:
    analyse.cache_clear()


# --- the stage -------------------------------------------------------------------------------------------------


class Morphology:
    """Pipeline stage: writes every token's `analyses` (all readings) and `chosen` (one, by `choose`).

    `heuristic_choice` is "always" (the default) or "unless_tagged": then the heuristic `choose` runs only when no
    trained tagger model is installed, because the `disambiguation` stage right after this one re-sets every
    token's `chosen` whenever it has a model (`default_pipeline` sets this; the heuristic pass is then wasted work).
    """

    name = "morphology"
    assigns = ("tokens.analyses", "tokens.chosen")
    heuristic_choice = "always"

    def __call__(self, doc) -> None:
        tokens: list[Token] = doc.tokens
        for tok in tokens:
            tok.analyses = list(analyse(tok.text))
        if self.heuristic_choice == "unless_tagged":
            from kronika.lang.pl.tagger import load_model

            if load_model() is not None:
                return
        from kronika.lang.pl.disambiguation import choose

        ranges = [(s.token_start, s.token_end) for s in doc.sentences] or [(0, len(tokens))]
        for a, b in ranges:
            for i in range(a, b):
                prev = tokens[i - 1] if i > a else None
                nxt = tokens[i + 1] if i + 1 < b else None
                tokens[i].chosen = choose(tokens[i], prev, nxt)

    def __repr__(self) -> str:
        return "Morphology()"
