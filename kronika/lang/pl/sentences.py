"""Polish sentence splitter over the tokenizer's tokens and paragraphs.

The rules, in order (tests in tests/lang/pl/test_sentences.py):
1. A sentence never crosses a paragraph (a line of its own: a headline without final punctuation is a sentence).
2. A sentence may end after a terminal punctuation token (".", "?", "!", "…", "...", "?!"), together with the
   closing quotation marks and brackets right after it. It does end there when the next significant token (after
   skipping opening quotes, opening brackets, dashes and omission marks) does not start with a lowercase letter
   and is not punctuation. So "- Wygramy! - powiedział Putin." stays one sentence (the attribution after the dash
   starts lowercase), and so does „Co dalej?” – zapytał.
3. After a listed abbreviation of the `never_final` group ("tzw.", "gen.", "m.in.", "ul." …,
   data/abbreviations.yaml) and after an initial ("J.") a sentence never ends.
4. After a listed abbreviation of the `may_end_sentence` group ("r.", "tys.", "w.", "itd." …) a sentence ends
   when the next significant token is a word starting with a capital letter that is not a proper name by
   Morfeusz (`is_proper_name`). "w 2023 r. Rząd przyjął…" splits; "W 2023 r. Putin spotkał się…",
   "W 2023 r. Polska…" and "im. Jana Pawła II" do not — unless the sentence so far has a verb and a verb follows
   the name within three words ("… obiecały w 1994 r. Trump wyraził …" splits).
   Acronyms ("4 proc. PKB") and the capitalised names of peoples ("60 proc. Polaków") count as names.
5. Ordinals ("78. rocznicy", "w 22. Bazie") and dates ("18.08.2023") never end a sentence: the tokenizer keeps
   their dots inside number tokens (data/ordinals.yaml), and only a punctuation token can end a sentence.
6. A headline fused into the text (the page lost its line break) ends before a capitalised sentence opener that
   follows a word with no punctuation between (data/fused_headlines.yaml: "… uderza w Joe Bidena O dokonanie
   ataku …" is two sentences); not after a number ("1300 W").
7. So does a capitalised word that can only be a verb form (`verb_classes` of the same file), after a lowercase
   word or a closing quotation mark, unless the sentence would end right after it: „Ustawa jest gotowa” Dodał, że …
   is a subheading and a sentence; "… zachowanie Muska." is one sentence.
8. A photo credit fused into the text ("Źródło: GRIGORY SYSOEV/SPUTNIK/EPA/PAP", labels in the same file) ends the
   caption before it and is a sentence of its own up to the end of the credit (names, capitals, slashes, commas):
   "… z Władimirem Putinem Źródło: EPA/PAP Rosja działa …" is three sentences.
"""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

import yaml

from kronika.lang.base import Sentence, Span, Token
from kronika.lang.pl.abbreviations import AbbreviationTable, abbreviations
from kronika.lang.pl.tokenizer import DASHES, TERMINALS

OPENING_QUOTES = "\u201e\u00ab\u201a\u2039"  # „ « ‚ ‹ (Polish and French opening marks)
CLOSING_QUOTES = "\u201d\u00bb\u2019\u203a"  # ” » ’ ›
AMBIGUOUS_QUOTES = "\"'\u201c\u2018"  # " ' “ ‘: opening or closing by their spacing
OPENING_BRACKETS = "([{"
CLOSING_BRACKETS = ")]}"


def is_terminal(tok: Token) -> bool:
    """A run of sentence-final punctuation: '.', '?', '!', '…', '...', '?!'."""
    return tok.kind == "punct" and bool(tok.text) and all(ch in TERMINALS for ch in tok.text)


def _is_closer(tok: Token, prev: Token) -> bool:
    if tok.kind != "punct" or len(tok.text) != 1:
        return False
    ch = tok.text
    if ch in CLOSING_QUOTES or ch in CLOSING_BRACKETS:
        return True
    # a straight quote glued to what precedes it closes a quotation: …wszystkich".
    return ch in AMBIGUOUS_QUOTES and not prev.space_after


def _is_opener(tok: Token) -> bool:
    if tok.kind != "punct":
        return False
    text = tok.text
    if text.startswith(("(...", "(…", "[...", "[…")):  # omission marks "(...)" begin the next sentence
        return True
    return len(text) == 1 and (
        text in OPENING_QUOTES or text in OPENING_BRACKETS or text in DASHES or text in AMBIGUOUS_QUOTES
    )


@lru_cache(maxsize=1)
def _fused_headlines() -> dict:
    text = resources.files("kronika.lang.pl").joinpath("data/fused_headlines.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


@lru_cache(maxsize=1)
def fused_openers() -> frozenset[str]:
    """Words that start a new sentence after a headline fused into the text (rule 6)."""
    return frozenset(str(w) for w in _fused_headlines().get("openers") or ())


@lru_cache(maxsize=1)
def _verb_classes() -> frozenset[str]:
    return frozenset(str(w) for w in _fused_headlines().get("verb_classes") or ())


@lru_cache(maxsize=4096)
def is_verb_only(form: str) -> bool:
    """Is a capitalised word only ever a verb form (rule 7: "Dodał", "Przypomnijmy"), never a name?"""
    from kronika.lang.pl.morphology import analyse

    readings = analyse(form)
    return bool(readings) and all(r.pos in _verb_classes() and not r.names for r in readings)


@lru_cache(maxsize=1)
def _credit_labels() -> frozenset[str]:
    return frozenset(str(w) for w in _fused_headlines().get("credit_labels") or ())


CREDIT_SEPARATORS = frozenset({"/", ",", "&", "|"})


def _credit_end(tokens: list[Token], i: int, end: int) -> int | None:
    """Rule 8: for a credit label and its colon at tokens[i] ("Źródło: EPA/PAP"), the index after the credit —
    capitalised names, words in capitals, slashes and commas; None when tokens[i] opens no credit."""
    if tokens[i].text not in _credit_labels() or i + 2 >= end or tokens[i + 1].text != ":":
        return None
    j = i + 2
    while j < end:
        t = tokens[j]
        if t.text in CREDIT_SEPARATORS or (t.kind == "word" and (t.text.isupper() or "/" in t.text)):
            j += 1
        elif t.kind == "word" and t.text[:1].isupper() and t.text not in fused_openers() and is_proper_name(t.text):
            j += 1
        else:
            break
    while j > i + 2 and tokens[j - 1].text in CREDIT_SEPARATORS:
        j -= 1  # a separator belongs to what follows
    return j if j > i + 2 else None


def _fused_headline_ends(tokens: list[Token], i: int, first: int, table: AbbreviationTable) -> bool:
    """Rules 6 and 7: does a headline fused into the text end before tokens[i]?"""
    tok, prev = tokens[i], tokens[i - 1]
    if i <= first or tok.kind != "word" or prev.end >= tok.start:
        return False
    if tok.text in fused_openers():
        return prev.kind == "word" and not prev.text[:1].isdigit() and not prev.text.endswith(".") \
            and table.get(prev.text) is None
    if not tok.text[:1].isupper() or tok.text.isupper():
        return False
    if i + 1 < len(tokens) and is_terminal(tokens[i + 1]):
        return False  # a sentence of one verb is rather a name that Morfeusz reads as a verb ("zachowanie Muska.")
    if prev.kind == "word":
        after_headline = prev.text[:1].islower() and not prev.text.endswith(".")
    else:
        after_headline = i - 1 > first and _is_closer(prev, tokens[i - 2])
    return after_headline and is_verb_only(tok.text)  # the dictionary last: it is the costly test


def _next_significant(tokens: list[Token], j: int, end: int) -> Token | None:
    while j < end and _is_opener(tokens[j]):
        j += 1
    return tokens[j] if j < end else None


def _starts_sentence(tok: Token | None) -> bool:
    """Could this token begin a new sentence (not lowercase, not punctuation)?"""
    return tok is not None and tok.kind != "punct" and not tok.text[:1].islower()


ADJECTIVE_POS = frozenset({"adj", "adja", "adjp", "adjc"})
PERSON_NAME_CLASSES = frozenset({"imię", "nazwisko", "pseudonim", "przydomek", "nazwa_własna_osoby"})


def is_proper_name(form: str) -> bool:
    """Does a capitalised word read as a proper name (a name continuing the sentence, not a new sentence)?

    True when Morfeusz gives it a proper-name (or unknown) reading, or a reading with a capitalised lemma
    ("Polaków" → Polak: "60 proc. Polaków uważa…"), and every other reading is one of:
    an adjective ("Sikorski", "Kowalski", "Polska" also read as adjectives), a reading with a qualifier that
    reading_preferences.yaml penalises (obsolete "nowak" beside "Nowak"), or the common-noun twin of a
    place or organisation name ("ukraina" beside "Ukraina"). So "Putin", "Rosja", "Polska", "Sikorski" are
    names; "Od", "Jak", "Rząd" (also a surname, but chiefly "government"), "Następnie" are not. Acronyms
    written in capitals ("PKB", "NATO") count as names ("4 proc. PKB"), and so does a single capital letter
    that is not a preposition or conjunction ("6 st. C", but "r. W odpowiedzi…" splits).
    """
    from kronika.lang.pl.disambiguation import preferences
    from kronika.lang.pl.morphology import analyse, is_proper

    readings = analyse(form)
    if form.isupper():
        if len(form) > 1:
            return True  # an acronym: "4 proc. PKB", "w 2023 r. NATO"
        return not any(r.pos in ("prep", "conj") for r in readings)  # "6 st. C", but not "r. W odpowiedzi"
    proper = [r for r in readings if is_proper(r) or r.lemma[:1].isupper()]
    if not proper:
        return False
    place_lemmas = {r.lemma.lower() for r in proper if r.names and not set(r.names) <= PERSON_NAME_CLASSES}
    unlikely = preferences()["qualifier_penalty"]
    for r in readings:
        if r in proper or r.pos in ADJECTIVE_POS or r.lemma.lower() in place_lemmas:
            continue
        if any(label in unlikely for label in r.labels):
            continue
        return False
    return True


_DATE_WORDS = frozenset({"w", "we", "od", "do", "z", "ze", "po", "przed", "roku", "stycznia", "lutego", "marca",
                         "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada",
                         "grudnia"})
YEAR_ABBREVIATIONS = frozenset({"r."})
CLAUSE_OPENERS = frozenset({"że", "iż", "gdy", "kiedy", "jak", "jeśli", "jeżeli", "choć", "chociaż", "bo", "ponieważ",
                            "i", "a", "ale", "lecz", "oraz", "który", "która", "które", "którzy", "gdzie"})


def _clause_on_both_sides(tokens: list[Token], first: int, i: int, j: int, end: int) -> bool:
    """Rule 4, second part: a name after a year's "r." starts a new sentence when the date ends a clause that
    has a verb and the name is followed by one ("… za ludobójstwo w Rwandzie w 1994 r. Trump wyraził …"). A
    date opening its clause keeps the name as that clause's subject: "W 2023 r. Putin spotkał się …",
    "wynika, że w 2024 r. Niemcy zarejestrowały …"."""
    if tokens[i].text not in YEAR_ABBREVIATIONS:
        return False

    def verb(k: int) -> bool:
        t = tokens[k]
        return t.kind == "word" and t.text[:1].islower() and is_verb_only(t.text)
    k = i - 1  # the start of the date: "w 1994 r.", "od 12 maja 2020 r."
    while k > first and (tokens[k].kind == "number" or tokens[k].text.lower() in _DATE_WORDS):
        k -= 1
    before = tokens[k].text.lower() if k >= first else ""
    if k <= first or tokens[k].kind == "punct" or before in CLAUSE_OPENERS:
        return False
    return any(verb(m) for m in range(first, k)) and any(verb(m) for m in range(j, min(end, j + 4)))


def _is_initial(tok: Token) -> bool:
    body = tok.text[:-1]
    return tok.kind == "word" and tok.text.endswith(".") and bool(body) and all(
        len(p) == 1 and p.isupper() for p in body.split(".")
    )


def split_paragraph(
    tokens: list[Token], start: int, end: int, table: AbbreviationTable | None = None
) -> list[tuple[int, int]]:
    """Sentence boundaries within tokens[start:end] (one paragraph) as (token_start, token_end) pairs.

    The pairs cover [start, end) without gaps or overlaps; an empty range gives no sentence.
    """
    table = table if table is not None else abbreviations()
    bounds: list[tuple[int, int]] = []
    first = start
    i = start
    while i < end:
        tok = tokens[i]
        boundary_after: int | None = None
        if is_terminal(tok):
            j = i + 1
            while j < end and (is_terminal(tokens[j]) or _is_closer(tokens[j], tokens[j - 1])):
                j += 1
            if _starts_sentence(_next_significant(tokens, j, end)):
                boundary_after = j
            i = j
        elif tok.kind == "word" and tok.text.endswith(".") and len(tok.text) > 1:
            entry = table.get(tok.text)
            j = i + 1
            if entry is not None and entry.may_end_sentence and not _is_initial(tok):
                while j < end and _is_closer(tokens[j], tokens[j - 1]):
                    j += 1
                nxt = _next_significant(tokens, j, end)
                if (
                    nxt is not None
                    and nxt.kind == "word"
                    and nxt.text[:1].isupper()
                    and (not is_proper_name(nxt.text) or _clause_on_both_sides(tokens, first, i, j, end))
                ):
                    boundary_after = j
            i = j
        elif (credit_end := _credit_end(tokens, i, end)) is not None:
            if i > first:  # the caption before the credit ends
                bounds.append((first, i))
                first = i
            boundary_after = i = credit_end
        else:
            if _fused_headline_ends(tokens, i, first, table):
                boundary_after = i
            i += 1
        if boundary_after is not None and boundary_after < end:
            bounds.append((first, boundary_after))
            first = boundary_after
    if first < end:
        bounds.append((first, end))
    return bounds


def split_sentences(
    tokens: list[Token], paragraphs: list[Span], table: AbbreviationTable | None = None
) -> list[Sentence]:
    """Sentences of a tokenized text: token ranges and character offsets, each inside one paragraph."""
    sentences: list[Sentence] = []
    t = 0
    n = len(tokens)
    for p_index, para in enumerate(paragraphs):
        while t < n and tokens[t].start < para.start:
            t += 1  # tokens outside every paragraph (none from our tokenizer) belong to no sentence
        p_start = t
        while t < n and tokens[t].end <= para.end:
            t += 1
        for a, b in split_paragraph(tokens, p_start, t, table):
            sentences.append(
                Sentence(start=tokens[a].start, end=tokens[b - 1].end, token_start=a, token_end=b, paragraph=p_index)
            )
    return sentences


class SentenceSplitter:
    """Pipeline stage: writes `doc.sentences` from `doc.tokens` and `doc.paragraphs`."""

    name = "sentences"
    assigns = ("sentences",)

    def __call__(self, doc) -> None:
        doc.sentences = split_sentences(doc.tokens, doc.paragraphs)

    def __repr__(self) -> str:
        return "SentenceSplitter()"
