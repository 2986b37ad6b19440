"""Recognition: time rules matched on a document's tokens, written as placeholders (HeidelTime style).

A match's value is the rule's template filled with what its pattern captured plus `tense` (the governing verb's
direction, or the rule's own `direction`), e.g. 'UNDEF-weekday-2-past', 'UNDEF-this-day-MINUS-1',
'UNDEF-year-07', '2023-08-18'. The resolver turns placeholders into TIMEX3 values in a second pass.

`recognize` tries at a token only the rules that can start there (prefilter.py) and tests each matcher at most
once per token; `recognize(..., prefilter=False)` is the plain reference (every rule at every token), which the
fast path equals exactly (tests/time/test_prefilter.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Sequence

from kronika.time.prefilter import rule_index
from kronika.time.rules import IGNORE, Matcher, Rule, TokenView, load_rules
from kronika.time.tense import governing_tense


@dataclass
class Candidate:
    """A recognised expression: token range [tok_start, tok_end), its rule, its placeholder value."""

    tok_start: int
    tok_end: int
    start: int
    end: int
    rule: str
    kind: str
    type: str
    placeholder: str
    tense: str = "unknown"
    sentence: int = -1
    paragraph: int = 0
    captures: dict[str, Any] = field(default_factory=dict)
    pair: str = ""  # "start" / "end" of a range's two expressions, "list" for both of a list ("15 i 16 grudnia")


LEMMA_CACHE_SIZE = 100_000
# (token text, chosen lemma) → (the token's readings, its lowercase text, the lemma set of its TokenView)
_LEMMAS: dict[tuple[str, str | None], tuple[list, str, frozenset[str]]] = {}


def token_views(tokens: Sequence) -> list[TokenView]:
    """TokenViews of kronika.lang.base.Token objects (every reading's lemma counts). The lemma set of a word is
    computed once and shared by its views (same text, chosen lemma and readings)."""
    views = []
    append = views.append
    cache = _LEMMAS
    if len(cache) > LEMMA_CACHE_SIZE:
        cache.clear()
    of = TokenView.of
    for t in tokens:
        chosen = t.chosen
        analyses = t.analyses or []
        key = (t.text, chosen.lemma if chosen is not None else None)
        hit = cache.get(key)
        if hit is None or hit[0] != analyses:
            lower = t.text.lower()
            lemmas = {a.lemma.lower() for a in analyses}
            if chosen is not None:
                lemmas.add(chosen.lemma.lower())
            lemmas.add(lower)
            hit = cache[key] = (list(analyses), lower, frozenset(lemmas))
        append(of(t.text, hit[1], hit[2], chosen.tag if chosen is not None else "", t.start, t.end))
    return views


def _match(pattern: list[Matcher], views: list[TokenView], i: int, limit: int, k: int = 0) -> list[tuple[int, dict]]:
    """Every way pattern[k:] matches from token i (end index and captures), longest first."""
    if k == len(pattern):
        return [(i, {})]
    m = pattern[k]
    results: list[tuple[int, dict]] = []
    if i < limit:
        ok, value = m.test(views[i])
        if ok:
            nexts = [i + 1]
            if m.repeat:
                j = i + 1
                while j < limit and m.test(views[j])[0]:
                    j += 1
                    nexts.append(j)
                nexts.reverse()
            for n in nexts:
                for end, caps in _match(pattern, views, n, limit, k + 1):
                    if m.capture and m.capture not in caps:
                        caps = {**caps, m.capture: value}
                    results.append((end, caps))
                    break
                if results:
                    break
    if m.optional:
        results.extend(_match(pattern, views, i, limit, k + 1))
    results.sort(key=lambda r: -r[0])
    return results


def _match_memo(pattern: list[Matcher], views: list[TokenView], i: int, limit: int, tests: dict, k: int = 0,
                done: dict | None = None) -> list[tuple[int, dict]]:
    """What `_match` returns, in the same order, computed with each matcher tested at most once per token
    (`tests`: (id(matcher), token) → test result, shared over a document), each (item, token) state expanded
    once (`done`) and no sorting: the consuming result is merged into the (already sorted) skipping results
    where a stable sort by descending end would put it."""
    if k == len(pattern):
        return [(i, {})]
    if done is None:
        done = {}
    state = (k, i)
    found = done.get(state)
    if found is not None:
        return found
    m = pattern[k]
    taken: tuple[int, dict] | None = None
    if i < limit:
        key = (id(m), i)
        result = tests.get(key)
        if result is None:
            result = tests[key] = m.test(views[i])
        ok, value = result
        if ok:
            nexts = [i + 1]
            if m.repeat:
                j = i + 1
                while j < limit:
                    key = (id(m), j)
                    result = tests.get(key)
                    if result is None:
                        result = tests[key] = m.test(views[j])
                    if not result[0]:
                        break
                    j += 1
                    nexts.append(j)
                nexts.reverse()
            for n in nexts:
                rest = _match_memo(pattern, views, n, limit, tests, k + 1, done)
                if rest:
                    end, caps = rest[0]
                    if m.capture and m.capture not in caps:
                        caps = {**caps, m.capture: value}
                    taken = (end, caps)
                    break
    if not m.optional:
        results = [taken] if taken is not None else []
    else:
        results = _match_memo(pattern, views, i, limit, tests, k + 1, done)
        if taken is not None:
            at = 0
            while at < len(results) and results[at][0] > taken[0]:
                at += 1
            results = [*results[:at], taken, *results[at:]]
    done[state] = results
    return results


class _Caps(dict):
    def __missing__(self, key: str) -> Any:
        raise KeyError(key)


def fill(template: str, captures: dict[str, Any], tense: str) -> str | None:
    """The template with captures substituted ('{month:02d}', '{unit[dur]}'); None if one is missing."""
    try:
        return template.format_map(_Caps(captures, tense=tense))
    except (KeyError, ValueError, TypeError, IndexError):
        return None


def recognize(doc, rules: Sequence[Rule] | None = None, *, prefilter: bool = True,
              views: list[TokenView] | None = None) -> list[Candidate]:
    """Leftmost-longest, non-overlapping matches of the rules over each paragraph of `doc` (tokens and
    sentences from the language stages). Ties in length go to the higher priority, then to the earlier rule.
    No match starts at a token without a letter or digit (an optional "," of a pattern is inner only).

    With `prefilter` (the default) only the rules that can start at a token are tried there (prefilter.py) and
    matcher tests are cached per token; `prefilter=False` tries every rule at every token with the plain
    matcher, the reference the fast path must equal. `views` are token_views(doc.tokens) when the caller has
    them already."""
    rules = load_rules() if rules is None else rules
    tokens = doc.tokens
    if views is None:
        views = token_views(tokens)
    n_tok = len(tokens)
    sent_of = [0] * n_tok
    para_of = [0] * n_tok
    for si, s in enumerate(doc.sentences):
        for k in range(s.token_start, s.token_end):
            sent_of[k] = si
            para_of[k] = s.paragraph
    # matching stops at paragraph ends (sentence splits inside "lat 90. XX wieku" are not trusted)
    limits = [n_tok] * n_tok
    k = 0
    while k < n_tok:
        j = k
        while j < n_tok and para_of[j] == para_of[k]:
            j += 1
        for x in range(k, j):
            limits[x] = j
        k = j
    sent_start = [0] * n_tok  # the first token of each token's sentence
    for s in doc.sentences:
        for k in range(s.token_start, s.token_end):
            sent_start[k] = s.token_start
    if prefilter:
        index = rule_index(rules)
        masks = index.token_masks(views)
        starts = index.starts(masks, limits)
        tests: dict = {}
    out: list[Candidate] = []
    i = 0
    while i < n_tok:
        if prefilter and not starts[i]:
            i += 1
            continue
        if not any(ch.isalnum() for ch in views[i].text):
            i += 1  # no expression starts with punctuation (", 31 sierpnia" is "31 sierpnia")
            continue
        if prefilter:
            tried = index.candidates(masks, i, limits[i])
        else:
            tried = list(enumerate(rules))
        best: tuple[tuple[int, int, int], Rule, dict, str, str] | None = None
        tense_cache: dict[int, str] = {}
        for order, rule in tried:
            if rule.not_prev is not None and i > 0 and rule.not_prev.test(views[i - 1])[0]:
                continue
            if rule.prev is not None and (i == 0 or not rule.prev.test(views[i - 1])[0]):
                continue
            if rule.after and not _after_ok(rule.after, views, para_of, i):
                continue
            if prefilter:
                matches = _match_memo(rule.pattern, views, i, limits[i], tests)
            else:
                matches = _match(rule.pattern, views, i, limits[i])
            for end, caps in matches:
                if end <= i:
                    continue
                if best is not None and (end, rule.priority, -order) <= best[0]:
                    break
                if rule.not_next is not None and end < limits[i] and rule.not_next.test(views[end])[0]:
                    continue
                if rule.next is not None and (end >= limits[i] or not rule.next.test(views[end])[0]):
                    continue
                if rule.direction:
                    tense = rule.direction
                else:
                    if end not in tense_cache:
                        s = doc.sentences[sent_of[i]] if doc.sentences else None
                        tense_cache[end] = (
                            governing_tense(tokens, s.token_start, s.token_end, i, end) if s else "unknown"
                        )
                    tense = tense_cache[end]
                value = fill(rule.value, caps, tense)
                if value is None:
                    continue
                best = ((end, rule.priority, -order), rule, caps, value, tense)
                break
        if best is None:
            i += 1
            continue
        (end, _, _), rule, caps, value, tense = best
        if (end < limits[i] and views[end].text == "." and views[end].start == views[end - 1].end
                and _YEAR_R.fullmatch(views[end - 1].text)):
            end += 1  # "2005r." split by the tokenizer into "2005r" and ".": the dot is the abbreviation's
        if rule.type == IGNORE or _capitalised_inside(views, sent_start, i, end, doc.text):
            i = end  # not a time expression ("w wieku 5 lat", "Marcin Grudzień"): its words are taken
            continue
        sep = next((k for k in range(i + 1, end - 1) if views[k].text.lower() in SEPARATORS), None)
        slash = views[i].text.find("/") if rule.second and sep is None and end == i + 1 else -1
        second = fill(rule.second, caps, tense) if rule.second and (sep is not None or slash > 0) else None
        if second is not None and sep is None:
            # one token of two expressions ("sezon 2004/2005"): split at its slash
            first_pair, second_pair = ("start", "end") if rule.range else ("list", "list")
            at = tokens[i].start + slash
            out.append(Candidate(i, end, tokens[i].start, at, rule.name, rule.kind, rule.type, value, tense,
                                 sent_of[i], para_of[i], caps, first_pair))
            out.append(Candidate(i, end, at + 1, tokens[i].end, rule.name, rule.kind, rule.type, second, tense,
                                 sent_of[i], para_of[i], caps, second_pair))
        elif second is not None:
            first_pair, second_pair = ("start", "end") if rule.range else ("list", "list")
            out.append(Candidate(i, sep, tokens[i].start, tokens[sep - 1].end, rule.name, rule.kind, rule.type,
                                 value, tense, sent_of[i], para_of[i], caps, first_pair))
            out.append(Candidate(sep + 1, end, tokens[sep + 1].start, tokens[end - 1].end, rule.name, rule.kind,
                                 rule.type, second, tense, sent_of[i], para_of[i], caps, second_pair))
        else:
            out.append(
                Candidate(i, end, tokens[i].start, tokens[end - 1].end, rule.name, rule.kind, rule.type, value,
                          tense, sent_of[i], para_of[i], caps)
            )
        i = end
    return merge_date_and_clock(out, tokens)


def _after_ok(after, views, para_of, i: int) -> bool:
    """Whether the tokens right before token i, in its paragraph, match the rule's `after` sequence."""
    n = len(after)
    if i < n or para_of[i - n] != para_of[i]:
        return False
    return all(m.test(views[i - n + k])[0] for k, m in enumerate(after))


_YEAR_R = re.compile(r"\d{4}r")
# tokens after which a capital letter starts a new unit of text (a quotation, a bracket, a list item)
OPENERS = frozenset({'"', "„", "“", "”", "«", "»", "(", ")", "[", "]", ":", ";", "-", "–", "—", "…", "*", "•", "'",
                     "/", "|"})


# adverbs ("Niedawno", "Dziś") and prepositions open sentences the splitter missed (a heading run into the text);
# the nouns and adjectives of names ("Grudzień", "Listopadowej") are what this test is for
SENTENCE_OPENING_POS = frozenset({"adv", "prep", "conj", "comp", "qub"})


def _capitalised_inside(views: list[TokenView], sent_start: list[int], i: int, end: int, text: str) -> bool:
    """Whether a word of tokens [i, end) is capitalised ("Grudzień", "Listopadowej") though it neither opens its
    sentence or line nor follows an opening quote or bracket. Polish writes months, weekdays, seasons and time units in
    lower case, so such a word is part of a name ("Marcin Grudzień", "ul. Listopadowa", "Wielka Piątka", a title
    "12 Godzin"), not a time expression. Words in capitals ("GRUDZIEŃ", Roman numerals) do not count."""
    for k in range(i, end):
        text = views[k].text
        if len(text) < 2 or not text[0].isupper() or not text[1:].islower() or not text.isalpha():
            continue
        if views[k].tag.split(":", 1)[0] in SENTENCE_OPENING_POS:
            continue
        if k == sent_start[k] or (k > 0 and (views[k - 1].text in OPENERS or views[k - 1].text.endswith(".")
                                             or "\n" in text[views[k - 1].end:views[k].start])):
            continue
        return True
    return False


# the token that splits a rule with a `second` value into its two expressions ("3–10", "od 10.30 do 13.30")
SEPARATORS = frozenset({"-", "–", "—", "do", "i", "oraz"})
RANGE_LEADS = frozenset({"w", "we", "od", "godzinach"})
_T_PART = re.compile(r"T(\d\d:\d\d|XX:XX|MO|MI|AF|EV|NI)$")
JOINERS = {",", ".", "o", "około", "ok.", "godz.", "-", "–"}
# the placeholder or value of a single day ("UNDEF-year-10-11", "UNDEF-this-year-PLUS-0-10-11", "2011-10-11")
_DAY_PLACEHOLDER = re.compile(r"(^\d{4}|-year|-PLUS-0)-\d\d-\d\d$")


def merge_date_and_clock(cands: list[Candidate], tokens: Sequence) -> list[Candidate]:
    """A date followed by a clock time or a part of day ("18 sierpnia o godz. 17.00", "we wtorek wieczorem")
    becomes one TIME expression: the date's placeholder with the clock's T-part."""
    out: list[Candidate] = []
    for c in cands:
        prev = out[-1] if out else None
        if (
            prev is not None
            and prev.type == "DATE"
            and not prev.pair
            and _DAY_PLACEHOLDER.search(prev.placeholder)
            and c.placeholder.startswith("UNDEF-weekday-")
            and c.paragraph == prev.paragraph
            and c.tok_start == prev.tok_end + 1
            and tokens[prev.tok_end].text == "("
            and c.tok_end < len(tokens)
            and tokens[c.tok_end].text == ")"
        ):
            # "11 października (środa)": the weekday in brackets names the date's day; one expression
            close = tokens[c.tok_end]
            out[-1] = Candidate(prev.tok_start, c.tok_end + 1, prev.start, close.end, prev.rule, prev.kind,
                                prev.type, prev.placeholder, prev.tense, prev.sentence, prev.paragraph,
                                prev.captures, prev.pair)
            continue
        if (
            prev is not None
            and prev.type == "DATE"
            and prev.rule != "weekday_range"  # "od poniedziałku do piątku o godz. 22": every day's hour
            # "7 października w godzinach 10.30 – 13.30": a range of times opened by a preposition stays apart
            and not (c.pair and tokens[c.tok_start].text.lower() in RANGE_LEADS)
            and c.placeholder.startswith("UNDEF-ref-dayT")
            and c.paragraph == prev.paragraph
            and all(tokens[k].text in JOINERS for k in range(prev.tok_end, c.tok_start))
            and c.tok_start - prev.tok_end <= 2
            and not _T_PART.search(prev.placeholder)
            and not prev.placeholder.endswith("_REF")
        ):
            t_part = c.placeholder[len("UNDEF-ref-day"):]
            out[-1] = Candidate(prev.tok_start, c.tok_end, prev.start, c.end, prev.rule + "+" + c.rule,
                                prev.kind, "TIME", prev.placeholder + t_part, prev.tense, prev.sentence,
                                prev.paragraph, {**prev.captures, **c.captures}, c.pair)
            continue
        out.append(c)
    return out
