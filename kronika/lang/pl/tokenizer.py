"""Polish tokenizer: paragraphs and tokens with exact character offsets into the document text.

Guarantees, for every token `t` of `tokenize(text)`: `text[t.start:t.end] == t.text`, tokens are in text order,
never overlap, never contain whitespace and never cross a line break.

Decisions (tests in tests/lang/pl/test_tokenizer.py):
- Paragraphs are the non-empty lines of the text (news bodies often use one newline between paragraphs, and a
  blank line is just an empty line), trimmed of surrounding whitespace.
- Kept as one token: hyphenated compounds with at least one letter ("Północno-Wschodniej", "polsko-ukraiński",
  "COVID-19", "SMS-em", "22-latek"); a hyphen between digits only is a range and is split ("2017", "-", "2018");
  ISO dates ("2023-08-15"); numbers with inner separators ("18.08.2023", "17:46", "2,5", "10.5", "1/2");
  apostrophes between letters ("O'Brien"); URLs, e-mails, bare domains ("wPolityce.pl"), "@handles", "#tags";
  omission marks "(...)", "[…]"; runs of terminal punctuation ("?!", "...").
- A listed abbreviation keeps its dot ("tzw.", "m.in.", "r.", "dr." — see data/abbreviations.yaml); so does a
  single capital letter (an initial: "J.").
- Ordinals: the dot after a bare number belongs to the number ("78." in "z okazji 78. rocznicy") when the next
  word starts with a lowercase letter; before a capitalised word only for short numbers at the start of a line
  or sentence ("34. Finał WOŚP") or after a preposition ("w 22. Bazie Lotnictwa") — data/ordinals.yaml.
  Elsewhere the dot is its own token ("zginęło 78. Policja…": a sentence end; "w 2022. Potem…").
- Quotation marks („ ” " « » ' ‘ ’ “) and dashes (- – —) standing alone are tokens of their own.
- Kinds: `word` (letters, possibly with digits/hyphens/apostrophes, abbreviations, initials, domains),
  `number` (digits, separators, an ordinal dot), `punct` (punctuation, quotes, dashes, omission marks),
  `symbol` (URLs, e-mails, handles, tags and any other single character such as % $ € §).
- `space_after` is True when whitespace follows the token (a line break counts), False at the end of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

from kronika.lang.base import Span, Token
from kronika.lang.pl.abbreviations import AbbreviationTable, abbreviations

HYPHENS = "-\u2010\u2011"
DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2015"
QUOTES = "\"'\u201e\u201d\u201c\u00ab\u00bb\u2018\u2019\u201a\u2039\u203a"
TERMINALS = ".?!\u2026"

_TLDS = "pl|com|org|net|eu|info|gov|edu|int|io|tv|fm|news|ru|ua|by|de|uk|fr|us|it|es|cz|sk|lt|lv|ee|il|cn|jp"

_TOKEN_RE = re.compile(
    rf"""
    (?P<url>(?:https?://|www\.)[^\s<>"„”«»]+)
  | (?P<email>[\w.+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{{2,}})
  | (?P<handle>(?<![\w@#])[@#]\w+)
  | (?P<omission>[(\[](?:\.\.\.|…)[)\]])
  | (?P<isodate>\d{{4}}-\d{{2}}-\d{{2}}(?!\w))
  | (?P<number>\d+(?:[.,:/]\d+)+(?![\w]))
  | (?P<domain>(?<![\w.])\w+(?:[-.]\w+)*\.(?:{_TLDS})(?!\w|\.\w))
  | (?P<multiabbr>[^\W\d_]+\.(?:[^\W\d_]+\.)+)
  | (?P<word>\w+(?:['’]\w+)*(?:[{re.escape(HYPHENS)}]\w+(?:['’]\w+)*)*)
  | (?P<terminal>[{re.escape(TERMINALS)}]+)
  | (?P<punct>[,;:()\[\]{{}}/\\{re.escape(QUOTES + DASHES)}])
  | (?P<other>\S)
    """,
    re.VERBOSE,
)
_WORD_RE = re.compile(rf"\w+(?:['’]\w+)*(?:[{re.escape(HYPHENS)}]\w+(?:['’]\w+)*)*")
_DIGITS_RE = re.compile(r"\d+")
_URL_TRAIL = ".,;:!?)]}'\"’”»"
_ORDINAL_NEXT_RE = re.compile(r"[^\S\n]+([^\W\d_])")


@dataclass(frozen=True)
class OrdinalRules:
    """When a dot after a number before a capitalised word is an ordinal dot (data/ordinals.yaml)."""

    max_digits: int
    after_words: frozenset[str]


@lru_cache(maxsize=1)
def ordinal_rules() -> OrdinalRules:
    """The shipped ordinal rules (read once per process)."""
    text = resources.files("kronika.lang.pl").joinpath("data/ordinals.yaml").read_text("utf-8")
    data = yaml.safe_load(text) or {}
    return OrdinalRules(int(data["max_digits"]), frozenset(str(w).lower() for w in data.get("after_words") or ()))


_KIND = {"url": "symbol", "email": "symbol", "handle": "symbol", "other": "symbol", "omission": "punct",
         "terminal": "punct", "punct": "punct", "isodate": "number", "number": "number", "domain": "word",
         "multiabbr": "word", "word": "word"}
_NON_SPACE_RE = re.compile(r"\S")
# A run of letters followed by nothing that could extend it into another kind of token (a URL's ":", an e-mail's
# "@", a domain's or an abbreviation's ".", a hyphen, an apostrophe, a digit): every alternative of _TOKEN_RE
# then matches it as a plain `word`, so it is taken without trying them (when it is all letters, `isalpha`).
_PLAIN_WORD_RE = re.compile(rf"[^\W\d_]+(?![\w.@+:'’{re.escape(HYPHENS)}])")


def paragraphs(text: str) -> list[Span]:
    """The non-empty lines of `text`, trimmed, as spans in text order."""
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        if stripped:
            start = pos + (len(line) - len(line.lstrip()))
            spans.append(Span(start, start + len(stripped)))
        pos += len(line) + 1
    return spans


def _is_ordinal_dot(text: str, dot: int, end: int, digits: str, before: list[tuple[int, int, str]]) -> bool:
    nm = _ORDINAL_NEXT_RE.match(text, dot + 1, end)
    if nm is None:
        return False
    if nm.group(1).islower():
        return True
    rules = ordinal_rules()
    if not nm.group(1).isupper() or len(digits) > rules.max_digits:
        return False
    if not before:
        return True  # at the start of a line: a heading or list item "34. Finał WOŚP"
    prev = text[before[-1][0] : before[-1][1]]
    return prev == ":" or all(ch in TERMINALS for ch in prev) or prev.lower() in rules.after_words


def _scan(text: str, start: int, end: int, table: AbbreviationTable) -> list[tuple[int, int, str]]:
    """(start, end, kind) of the tokens of text[start:end] (one paragraph), in text order."""
    pieces: list[tuple[int, int, str]] = []
    append = pieces.append
    match = _TOKEN_RE.match
    plain = _PLAIN_WORD_RE.match
    pos = start
    while pos < end:
        if text[pos].isspace():
            nm = _NON_SPACE_RE.search(text, pos, end)
            if nm is None:
                break
            pos = nm.start()
        pm = plain(text, pos, end)
        if pm is not None and pm.group().isalpha():
            append((pos, pm.end(), "word"))
            pos = pm.end()
            continue
        m = match(text, pos, end)
        assert m is not None  # the last alternative matches any non-space character
        group = m.lastgroup
        tok_end = m.end()
        kind = _KIND[group]
        if group == "word":
            word = m.group()
            if not word.isalpha() and not any(ch.isalpha() for ch in word):
                kind = "number" if any(ch.isdigit() for ch in word) else "symbol"  # "_-_" has no digit
                if kind == "number" and any(h in word for h in HYPHENS):  # a range "2017-2018": split at the hyphen
                    dm = _DIGITS_RE.match(text, pos, end)
                    if dm is not None:
                        tok_end = dm.end()
                        word = text[pos:tok_end]
            if tok_end < end and text[tok_end] == "." and not text.startswith("..", tok_end):
                if kind == "number":
                    if word.isdigit() and _is_ordinal_dot(text, tok_end, end, word, pieces):
                        tok_end += 1  # ordinal: "78. rocznicy"
                elif word.isalpha() and (word + "." in table or (len(word) == 1 and word.isupper())):
                    tok_end += 1  # listed abbreviation "tzw.", or an initial "J."
        elif group == "url":
            while tok_end > pos + 1 and text[tok_end - 1] in _URL_TRAIL:
                tok_end -= 1
        elif group == "multiabbr":
            form = m.group()
            parts = form[:-1].split(".")
            if form not in table and not all(len(p) == 1 and p.isupper() for p in parts):
                # not a listed abbreviation nor initials ("J.K."): tokenize it as ordinary words and dots
                wm = _WORD_RE.match(text, pos, end)
                assert wm is not None
                tok_end = wm.end()
        append((pos, tok_end, kind))
        pos = tok_end
    return pieces


def tokenize(text: str, table: AbbreviationTable | None = None) -> tuple[list[Token], list[Span]]:
    """Tokens and paragraphs of `text` (see the module docstring for what is one token)."""
    table = table if table is not None else abbreviations()
    paras = paragraphs(text)
    tokens: list[Token] = []
    append = tokens.append
    n = len(text)
    for para in paras:
        for start, end, kind in _scan(text, para.start, para.end, table):
            append(Token(start, end, text[start:end], kind, end < n and text[end].isspace()))
    return tokens, paras


class Tokenizer:
    """Pipeline stage: writes `doc.tokens` and `doc.paragraphs`."""

    name = "tokenizer"
    assigns = ("tokens", "paragraphs")

    def __call__(self, doc) -> None:
        doc.tokens, doc.paragraphs = tokenize(doc.text)

    def __repr__(self) -> str:
        return "Tokenizer()"
