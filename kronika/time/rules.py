"""Time rules as data: loading the YAML rule files and compiling their token patterns.

A rule file (kronika/lang/pl/time/*.yaml, format in that folder's README.md) holds `rules:`, each with a unique
`name`, a TIMEX3 `type`, a `pattern` (space-separated token matchers) and a `value` template. Matchers:

    a|b|c      a token whose lemma (any reading) or lowercase text is one of a, b, c
    ~pre|pre2  a token whose lowercase text starts with one of the prefixes
    @class     a token in a lexicon class (lexicon.yaml); captures the class value under the class name
    #builtin   a number-like token (see BUILTINS); captures its value under the builtin's name
    /regex/    a token whose text fully matches the regex (named groups are captured)
    *          any token (with a feature: "*[praet]", a token whose chosen tag is a past-tense verb)
    M[f]       M, and the token's chosen tag has the feature f ("@unit[pl]": a plural unit noun; "/[a-z].*/[subst]":
               a lowercase noun)
    name=M     captures M's value under `name`;  M?  makes it optional;  M+ repeats it

load_rules compiles each distinct item once (rules share Matchers), and every Matcher carries MatchKeys: what
its test looks at, so that kronika/time/prefilter.py can tell from an index which rules can start at a token.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

import yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "lang" / "pl" / "time"
LEXICON_FILE = "lexicon.yaml"
ANNIVERSARY_FILE = "anniversaries.yaml"
TYPES = ("DATE", "TIME", "DURATION", "SET")
# IGNORE: a rule whose match is no time expression ("w wieku 5 lat" is an age): it takes its tokens, so no other
# rule matches inside them, and yields nothing
IGNORE = "IGNORE"
RULE_TYPES = (*TYPES, IGNORE)

ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100, "D": 500, "M": 1000}


_ROMAN = re.compile(r"M{0,3}(CM|CD|D?C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})")


def roman_to_int(text: str) -> int | None:
    """The value of a Roman numeral (I … MMXXV), or None if `text` is not one."""
    if not text or len(text) > 8 or not _ROMAN.fullmatch(text):
        return None
    total, prev = 0, 0
    for ch in reversed(text):
        v = ROMAN[ch]
        total += -v if v < prev else v
        prev = max(prev, v)
    return total


class TokenView:
    """What a matcher sees of a token: its text, lowercase text, every reading's lemma (lowercase, with the
    lowercase text itself), the chosen tag."""

    __slots__ = ("text", "lower", "lemmas", "tag", "start", "end", "_sorted")

    def __init__(self, text: str, lemmas: set[str], tag: str, start: int, end: int):
        self.text = text
        self.lower = lower = text.lower()
        self.lemmas = {lemma.lower() for lemma in lemmas} | {lower}
        self.tag = tag
        self.start = start
        self.end = end
        self._sorted: tuple[str, ...] | None = None

    @classmethod
    def of(cls, text: str, lower: str, lemmas: frozenset[str], tag: str, start: int, end: int) -> "TokenView":
        """A view from parts already computed: `lower` is `text.lower()` and `lemmas` the lowercase lemmas with
        `lower` among them (what `__init__` computes); the set may be shared by views of the same word."""
        view = cls.__new__(cls)
        view.text = text
        view.lower = lower
        view.lemmas = lemmas
        view.tag = tag
        view.start = start
        view.end = end
        view._sorted = None
        return view

    @property
    def sorted_lemmas(self) -> tuple[str, ...]:
        """`sorted(self.lemmas)`, computed once (a class matcher returns the value of the first lemma in it)."""
        if self._sorted is None:
            self._sorted = tuple(sorted(self.lemmas))
        return self._sorted


def _int(text: str) -> int | None:
    """The value of a text of decimal digits ('2023', Unicode Nd digits too), else None. (str.isdigit would let
    '10²' or '①' through to int(), which raises.)"""
    return int(text) if text.isdecimal() else None


def _b_int(t: TokenView) -> Any:
    return _int(t.text.replace("\u00a0", ""))


_DAY = re.compile(r"(\d{1,2})(?:-go|-ego)?\.?")


def _b_day(t: TokenView) -> Any:
    m = _DAY.fullmatch(t.text)  # "18", "10." before a month, "7-go października"
    v = int(m.group(1)) if m else None
    return v if v is not None and 1 <= v <= 31 else None


def _b_monthnum(t: TokenView) -> Any:
    v = _int(t.text)
    return v if v is not None and 1 <= v <= 12 and len(t.text) <= 2 else None


_YEAR = re.compile(r"(\d{4})(?:r\.?)?")
_ORDINAL = re.compile(r"(\d{1,3})\.")
_DMY = re.compile(r"(\d{1,2})[./-](\d{1,2})[./-](\d{4}|\d{2})")
_ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_CLOCK = re.compile(r"(\d{1,2})[:.](\d{2})")
_MINUTE = re.compile(r"\d{2}")
_DECADE = re.compile(r"([1-9]0)(?:\.|-?t[ey]ch|-?te|-?tych)?")
_YEAR_RANGE = re.compile(r"(\d{4})[-–—](\d{2}|\d{4})")


def _b_year(t: TokenView) -> Any:
    text = t.text.rstrip(".")
    m = _YEAR.fullmatch(text)
    if m and 1000 <= int(m.group(1)) <= 2199:
        return int(m.group(1))
    return None


def _b_ordinal(t: TokenView) -> Any:
    m = _ORDINAL.fullmatch(t.text)
    return int(m.group(1)) if m else None


def _b_roman(t: TokenView) -> Any:
    return roman_to_int(t.text)


def _b_dmy(t: TokenView) -> Any:
    """'18.08.2023', '18.08.2023r.', '2023-08-15', '18/08/2023' as one token: a dict with day, month, year."""
    text = t.text.rstrip(".").removesuffix("r").rstrip(".")
    m = _DMY.fullmatch(text)
    if m:
        d, mo, y = (int(x) for x in m.groups())
        if len(m.group(3)) == 2:
            y += 2000 if y < 50 else 1900
    else:
        m = _ISO_DATE.fullmatch(text)
        if not m:
            return None
        y, mo, d = (int(x) for x in m.groups())
    if 1 <= d <= 31 and 1 <= mo <= 12:
        return {"day": d, "month": mo, "year": y}
    return None


def _b_clock(t: TokenView) -> Any:
    """'17:46', '17.46' as one token: a dict with hour and minute."""
    m = _CLOCK.fullmatch(t.text)
    if m and int(m.group(1)) <= 24 and int(m.group(2)) < 60:
        return {"hour": int(m.group(1)), "minute": int(m.group(2))}
    return None


def _b_hour(t: TokenView) -> Any:
    v = _int(t.text)
    return v if v is not None and 0 <= v <= 24 and len(t.text) <= 2 else None


def _b_minute(t: TokenView) -> Any:
    return int(t.text) if _MINUTE.fullmatch(t.text) and int(t.text) < 60 else None


def _b_decade(t: TokenView) -> Any:
    """'90.', '90', '90-tych', '60-te': the decade's two digits."""
    m = _DECADE.fullmatch(t.lower)
    return int(m.group(1)) if m else None


_ADJ_UNITS = {"dniow": "D", "dobow": "D", "tygodniow": "W", "miesięczn": "M", "letni": "Y", "roczn": "Y",
              "godzinn": "TH", "minutow": "TM"}
_NUM_PREFIXES = {"jedno": 1, "dwu": 2, "trzy": 3, "cztero": 4, "pięcio": 5, "sześcio": 6, "siedmio": 7,
                 "ośmio": 8, "dziewięcio": 9, "dziesięcio": 10, "kilku": "X", "kilkunasto": "X", "wielo": "X",
                 "pół": 0.5}


_ADJ_DURATION_DIGITS = re.compile(rf"(\d+)-?({'|'.join(_ADJ_UNITS)})\w*")
_ADJ_DURATION_WORDS = re.compile(rf"({'|'.join(_NUM_PREFIXES)})({'|'.join(_ADJ_UNITS)})\w*")


def _b_adj_duration(t: TokenView) -> Any:
    """'3-dniowy', '12-letni', 'dwudniowych', 'pięciominutowe': a dict with n and dur (TIMEX3 letter)."""
    m = _ADJ_DURATION_DIGITS.fullmatch(t.lower)
    if m:
        return {"n": int(m.group(1)), "dur": _ADJ_UNITS[m.group(2)]}
    m = _ADJ_DURATION_WORDS.fullmatch(t.lower)
    if m:
        return {"n": _NUM_PREFIXES[m.group(1)], "dur": _ADJ_UNITS[m.group(2)]}
    return None


_YEAR_PAIR = re.compile(r"((?:19|20)\d\d)/(\d\d|(?:19|20)\d\d)")


def _b_year_pair(t: TokenView) -> Any:
    """'2004/2005', '2006/07' (a season of two years) as one token: a dict with y1 and y2, the second the next
    year."""
    m = _YEAR_PAIR.fullmatch(t.text)
    if not m:
        return None
    y1 = int(m.group(1))
    y2 = int(m.group(2)) if len(m.group(2)) == 4 else y1 // 100 * 100 + int(m.group(2))
    return {"y1": y1, "y2": y2} if y2 == y1 + 1 else None


_DECIMAL = re.compile(r"(\d{1,4}),(\d)")  # one decimal: "5,10 lat" is "5–10 years" with a comma


def _b_decimal(t: TokenView) -> Any:
    """'1,5', '2,5' (a decimal comma) as one token: the number."""
    m = _DECIMAL.fullmatch(t.text)
    return float(f"{m.group(1)}.{m.group(2)}") if m else None


def _b_year_range(t: TokenView) -> Any:
    """'2014–2021', '1995-99' as one token: a dict with y1 and y2 (four digits each)."""
    m = _YEAR_RANGE.fullmatch(t.text)
    if not m:
        return None
    y1 = int(m.group(1))
    y2 = int(m.group(2)) if len(m.group(2)) == 4 else y1 // 100 * 100 + int(m.group(2))
    return {"y1": y1, "y2": y2} if 1000 <= y1 < y2 <= 2199 else None


BUILTINS: dict[str, Callable[[TokenView], Any]] = {
    "int": _b_int,
    "day": _b_day,
    "monthnum": _b_monthnum,
    "year": _b_year,
    "ordinal": _b_ordinal,
    "roman": _b_roman,
    "dmy": _b_dmy,
    "clock": _b_clock,
    "hour": _b_hour,
    "minute": _b_minute,
    "decade": _b_decade,
    "adj_duration": _b_adj_duration,
    "year_range": _b_year_range,
    "decimal": _b_decimal,
    "year_pair": _b_year_pair,
}

# Builtins that accept only a text with a digit in it, never a purely alphabetic one (str.isalpha): the index
# of kronika/time/prefilter.py does not run them on words.
DIGIT_BUILTINS = frozenset({"int", "day", "monthnum", "year", "ordinal", "dmy", "clock", "hour", "minute", "decade",
                            "year_range", "decimal", "year_pair"})


@dataclass(frozen=True)
class MatchKeys:
    """What a matcher's test looks at, for indexing (kronika/time/prefilter.py). The test accepts a token exactly
    when the chosen tag has `feature` (if set) and at least one of: a lemma (lowercase text included) in
    `lemmas`; the text in `texts`; the lowercase text in `lowers`; the lowercase text starting with one of
    `prefixes`; `text_test(token)` (a test that reads only the token's text and lowercase text)."""

    lemmas: frozenset[str] = frozenset()
    texts: frozenset[str] = frozenset()
    lowers: frozenset[str] = frozenset()
    prefixes: tuple[str, ...] = ()
    text_test: Callable[[TokenView], bool] | None = None
    feature: str | None = None


@dataclass(eq=False)
class Matcher:
    """One token position of a pattern. `test` returns (matched, captured value); `keys`, when set, describes
    exactly which tokens `test` accepts (see MatchKeys). Compared and hashed by identity."""

    source: str
    capture: str | None
    optional: bool
    repeat: bool
    test: Callable[[TokenView], tuple[bool, Any]]
    keys: MatchKeys | None = None


@dataclass
class Rule:
    name: str
    type: str
    kind: str
    pattern: list[Matcher]
    value: str
    direction: str | None = None  # past | future: fixes the direction the resolver takes
    not_prev: Matcher | None = None
    not_next: Matcher | None = None
    priority: int = 0
    extra: dict = field(default_factory=dict)
    prev: Matcher | None = None  # the preceding token must match (a paragraph's first token never does)
    next: Matcher | None = None  # the following token must match (nothing after a paragraph's end does)
    second: str | None = None  # value of the expression after the separator: the match is two expressions
    range: bool = True  # with `second`: the two are a range's ends ("3–10 sierpnia"), else a list ("15 i 16")
    after: tuple[Matcher, ...] = ()  # the tokens right before the match must match these, in order ("#year ,")


def _class_matcher(entries: dict[str, Any]) -> tuple[Callable[[TokenView], tuple[bool, Any]], MatchKeys]:
    """Exact keys in capitals (Roman numerals) match the text as written; other keys match a lemma or the
    lowercase text; keys ending in ~ are prefixes of the lowercase text; keys starting with = match the
    lowercase text only (never a lemma: "=latem" is summer, the lemma "lato" is also a form of "lata", years).
    Returns the test and the keys it accepts."""
    cased = {k: v for k, v in entries.items() if not k.endswith("~") and k.isupper()}
    exact = {k.lower(): v for k, v in entries.items() if k[-1] != "~" and k[0] != "=" and not k.isupper()}
    forms = {k[1:].lower(): v for k, v in entries.items() if k[0] == "="}
    prefixes = sorted(((k[:-1].lower(), v) for k, v in entries.items() if k.endswith("~")), key=lambda kv: -len(kv[0]))

    def test(t: TokenView) -> tuple[bool, Any]:
        if t.text in cased:
            return True, cased[t.text]
        if t.lower in forms:
            return True, forms[t.lower]
        if t.lower in exact:
            return True, exact[t.lower]
        if not t.lemmas.isdisjoint(exact):
            for lemma in t.sorted_lemmas:
                if lemma in exact:
                    return True, exact[lemma]
        for pre, v in prefixes:
            if t.lower.startswith(pre):
                return True, v
        return False, None

    # t.lower is one of t.lemmas, so `exact` is looked up among the lemmas only
    keys = MatchKeys(lemmas=frozenset(exact), texts=frozenset(cased), lowers=frozenset(forms),
                     prefixes=tuple(pre for pre, _ in prefixes))
    return test, keys


@lru_cache(maxsize=None)
def _builtin_text_test(name: str) -> Callable[[TokenView], bool]:
    """Whether builtin `name` accepts a token (one function per builtin, so an index tests it once per token)."""
    fn = BUILTINS[name]
    if name in DIGIT_BUILTINS:
        return lambda t: not t.text.isalpha() and fn(t) is not None
    return lambda t: fn(t) is not None


def _any_text(t: TokenView) -> bool:
    return True


@lru_cache(maxsize=None)
def _regex_text_test(pattern: str) -> Callable[[TokenView], bool]:
    """Whether the token text fully matches `pattern` (one function per pattern)."""
    rx = re.compile(pattern)
    return lambda t: rx.fullmatch(t.text) is not None


def compile_matcher(source: str, lexicon: dict[str, dict], cache: dict[str, Matcher] | None = None) -> Matcher:
    """Compile one pattern item (see the module docstring). With `cache` (source → Matcher, for one lexicon),
    an item already compiled is shared rather than compiled again: a Matcher depends on its source only."""
    if cache is not None:
        found = cache.get(source)
        if found is None:
            found = cache[source] = compile_matcher(source, lexicon)
        return found
    item = source
    optional = repeat = False
    if len(item) > 1 and item.endswith("?") and not item.endswith("\\?"):
        optional, item = True, item[:-1]
    elif len(item) > 1 and item.endswith("+"):
        repeat, item = True, item[:-1]
    capture = None
    m = re.match(r"^([a-z_][a-z0-9_]*)=(.+)$", item)
    if m:
        capture, item = m.group(1), m.group(2)
    feature = None
    m = re.fullmatch(r"(.+)\[([a-z0-9]+)\]", item)
    if m and (not item.startswith("/") or (len(m.group(1)) > 2 and m.group(1).endswith("/"))):
        item, feature = m.group(1), m.group(2)
    test: Callable[[TokenView], tuple[bool, Any]]
    if item.startswith("@"):
        cls = item[1:]
        if cls not in lexicon:
            raise ValueError(f"unknown lexicon class {cls!r} in {source!r}")
        test, keys = _class_matcher(lexicon[cls])
        capture = capture or cls
    elif item.startswith("#"):
        name = item[1:]
        if name not in BUILTINS:
            raise ValueError(f"unknown builtin {name!r} in {source!r}")
        fn = BUILTINS[name]

        def test(t: TokenView, fn=fn) -> tuple[bool, Any]:
            v = fn(t)
            return v is not None, v

        keys = MatchKeys(text_test=_builtin_text_test(name))
        capture = capture or name
    elif item.startswith("/") and item.endswith("/") and len(item) > 2:
        rx = re.compile(item[1:-1])

        def test(t: TokenView, rx=rx) -> tuple[bool, Any]:
            mm = rx.fullmatch(t.text)
            if not mm:
                return False, None
            return True, (mm.groupdict() or t.text)

        keys = MatchKeys(text_test=_regex_text_test(item[1:-1]))
    elif item == "*":

        def test(t: TokenView) -> tuple[bool, Any]:
            return True, t.text

        keys = MatchKeys(text_test=_any_text)
    elif item.startswith("~") and len(item) > 1:
        stems = tuple(s.lower() for s in item[1:].split("|"))

        def test(t: TokenView, stems=stems) -> tuple[bool, Any]:
            return t.lower.startswith(stems), t.text

        keys = MatchKeys(prefixes=stems)
    else:
        words = frozenset(w.lower() for w in item.split("|"))

        def test(t: TokenView, words=words) -> tuple[bool, Any]:
            return not t.lemmas.isdisjoint(words), t.text

        keys = MatchKeys(lemmas=words)
    if feature is not None:
        base = test

        def test(t: TokenView, base=base, feature=feature) -> tuple[bool, Any]:
            if feature not in t.tag.split(":"):
                return False, None
            return base(t)

        keys = MatchKeys(keys.lemmas, keys.texts, keys.lowers, keys.prefixes, keys.text_test, feature)
    return Matcher(source, capture, optional, repeat, test, keys)


def compile_pattern(pattern: str, lexicon: dict[str, dict], cache: dict[str, Matcher] | None = None) -> list[Matcher]:
    """The matchers of a pattern's space-separated items (shared through `cache`, see compile_matcher)."""
    return [compile_matcher(item, lexicon, cache) for item in pattern.split()]


@lru_cache(maxsize=4)
def load_lexicon(rules_dir: Path = RULES_DIR) -> dict[str, dict]:
    """The word classes of lexicon.yaml."""
    with open(rules_dir / LEXICON_FILE, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def rule_files(rules_dir: Path = RULES_DIR) -> list[Path]:
    """Every rule file (all *.yaml but the lexicon and the anniversary table), sorted by name."""
    return sorted(p for p in rules_dir.glob("*.yaml") if p.name not in (LEXICON_FILE, ANNIVERSARY_FILE))


def compile_guard(source: str | list[str] | None, lexicon: dict[str, dict],
                  cache: dict[str, Matcher] | None = None) -> Matcher | None:
    """The `not_prev` / `not_next` / `prev` / `next` guard of a rule: None when absent; one matcher for a string; for a list of
    items ("[@person_noun, /[A-Z].*/]") a matcher that accepts a token any of the items accepts."""
    if not source:
        return None
    if isinstance(source, str):
        return compile_matcher(source, lexicon, cache)
    parts = [compile_matcher(str(item), lexicon, cache) for item in source]

    def test(t: TokenView, parts=parts) -> tuple[bool, Any]:
        for m in parts:
            ok, value = m.test(t)
            if ok:
                return True, value
        return False, None

    return Matcher(" | ".join(m.source for m in parts), None, False, False, test)


def compile_after(source: str | None, lexicon: dict[str, dict], cache: dict[str, Matcher] | None,
                  name: str) -> tuple[Matcher, ...]:
    """The `after` guard of a rule: a fixed sequence of token matchers (no `?`, no `+`) that the tokens right
    before the match must match, in order ("after: '#year ,'": the next year of a list, "2003, 2004")."""
    if not source:
        return ()
    items = compile_pattern(str(source), lexicon, cache)
    if any(m.optional or m.repeat for m in items):
        raise ValueError(f"rule {name!r}: `after` takes no optional or repeated items")
    return tuple(items)


@lru_cache(maxsize=4)
def load_rules(rules_dir: Path = RULES_DIR) -> tuple[Rule, ...]:
    """All rules of all rule files, compiled. Raises ValueError on a duplicate name or a malformed rule."""
    lexicon = load_lexicon(rules_dir)
    rules: list[Rule] = []
    seen: set[str] = set()
    matchers: dict[str, Matcher] = {}  # one Matcher per distinct item over all rules
    for path in rule_files(rules_dir):
        with open(path, encoding="utf-8") as fh:
            data = yaml.safe_load(fh) or {}
        for raw in data.get("rules", []):
            name = raw["name"]
            if name in seen:
                raise ValueError(f"duplicate time rule name {name!r} in {path.name}")
            seen.add(name)
            if raw["type"] not in RULE_TYPES:
                raise ValueError(f"rule {name!r}: unknown type {raw['type']!r}")
            rules.append(
                Rule(
                    name=name,
                    type=raw["type"],
                    kind=path.stem,
                    pattern=compile_pattern(raw["pattern"], lexicon, matchers),
                    value=str(raw["value"]),
                    direction=raw.get("direction"),
                    not_prev=compile_guard(raw.get("not_prev"), lexicon, matchers),
                    not_next=compile_guard(raw.get("not_next"), lexicon, matchers),
                    prev=compile_guard(raw.get("prev"), lexicon, matchers),
                    next=compile_guard(raw.get("next"), lexicon, matchers),
                    priority=int(raw.get("priority", 0)),
                    second=str(raw["second"]) if raw.get("second") else None,
                    range=bool(raw.get("range", True)),
                    after=compile_after(raw.get("after"), lexicon, matchers, name),
                )
            )
    return tuple(rules)
