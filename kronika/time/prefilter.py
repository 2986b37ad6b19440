"""Which time rules can start a match at a token: a prefilter for recognizer.recognize.

A rule's pattern can match a non-empty span starting at token i only if
  (a) one of its first-token matchers (the leading optional items and the first mandatory one) accepts token i,
  (b) every mandatory item q up to the first repeated item (`M+`) accepts some token of its window
      [i + m, i + k] within the paragraph, where k items precede q and m of them are mandatory (each optional
      item before q takes one token or none, each mandatory one exactly one).
Both are necessary conditions of the matcher in recognizer.py, so a rule that fails them has no match there and
skipping it changes nothing. Whether a matcher accepts a token is read from an index of the matchers' keys
(MatchKeys: lemmas, text, lowercase text, prefixes, a tag feature) built once per rule set; tests on the text
alone (builtins, regexes) are cached by token text. Matchers without keys are tested on every token.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from kronika.time.rules import Matcher, Rule, TokenView

TEXT_CACHE_SIZE = 200_000  # distinct token texts remembered per rule set before the cache starts again


@dataclass(frozen=True)
class RuleEntry:
    """A rule, its position in the rule list, and the bit masks of conditions (a) and (b)."""

    order: int
    rule: Rule
    first: int  # matchers that may take the first token
    windows: tuple[tuple[int, int, int], ...]  # (matcher bit, first offset, last offset) of mandatory items


class RuleIndex:
    """The prefilter for one rule set: `token_masks` says which indexed matchers accept each token, `candidates`
    which rules can start at a token (in rule order)."""

    def __init__(self, rules: Sequence[Rule]):
        self.rules = tuple(rules)
        self._bit: dict[int, int] = {}  # id(matcher) → bit
        self._matchers: list[Matcher] = []
        entries: list[RuleEntry] = []
        for order, rule in enumerate(self.rules):
            pattern = rule.pattern
            first = 0
            for m in pattern:
                first |= self._bit_of(m)
                if not m.optional:
                    break
            windows = []
            mandatory = 0
            for k, m in enumerate(pattern):
                if not m.optional:
                    windows.append((self._bit_of(m), mandatory, k))
                    mandatory += 1
                if m.repeat:
                    break
            entries.append(RuleEntry(order, rule, first, tuple(windows)))
        self.entries = tuple(entries)
        self._keyed = [e for e in entries if e.windows]  # found through their first mandatory item
        self._unkeyed = [e for e in entries if not e.windows]  # every item optional: found by (a) alone
        self.lead_mask = 0  # bits of the first mandatory items
        self.span = 0  # the widest window of a first mandatory item
        for e in self._keyed:
            bit, _, last = e.windows[0]
            self.lead_mask |= bit
            self.span = max(self.span, last)
        self.keyed_first = 0  # bits of the first-token matchers, condition (a)
        for e in self._keyed:
            self.keyed_first |= e.first
        self.unkeyed_first = 0
        for e in self._unkeyed:
            self.unkeyed_first |= e.first
        self._by_lead: dict[int, tuple[RuleEntry, ...]] = {}
        self._build_keys()

    def _bit_of(self, m: Matcher) -> int:
        b = self._bit.get(id(m))
        if b is None:
            b = self._bit[id(m)] = 1 << len(self._matchers)
            self._matchers.append(m)
        return b

    def _build_keys(self) -> None:
        self._lemma: dict[str, int] = {}
        self._text: dict[str, int] = {}
        self._lower: dict[str, int] = {}
        self._prefix: dict[str, int] = {}
        self._text_tests: list[tuple[int, Callable[[TokenView], bool]]] = []
        self._plain_tests: list[tuple[int, Matcher]] = []  # matchers without keys
        self._feature_bits: dict[str, int] = {}
        text_tests: dict[Callable[[TokenView], bool], int] = {}  # a test shared by matchers is run once
        for m in self._matchers:
            bit = self._bit[id(m)]
            keys = m.keys
            if keys is None:
                self._plain_tests.append((bit, m))
                continue
            for table, words in ((self._lemma, keys.lemmas), (self._text, keys.texts), (self._lower, keys.lowers),
                                 (self._prefix, keys.prefixes)):
                for w in words:
                    table[w] = table.get(w, 0) | bit
            if keys.text_test is not None:
                text_tests[keys.text_test] = text_tests.get(keys.text_test, 0) | bit
            if keys.feature is not None:
                self._feature_bits[keys.feature] = self._feature_bits.get(keys.feature, 0) | bit
        self._text_tests = [(bits, test) for test, bits in text_tests.items()]
        self._prefix_lengths = sorted({len(p) for p in self._prefix})
        self._featured = 0
        for bits in self._feature_bits.values():
            self._featured |= bits
        self._by_text: dict[str, int] = {}
        self._by_tag: dict[str, int] = {}
        self._by_lemmas: dict[frozenset[str], int] = {}  # a shared lemma set (token_views) → its bits

    def _text_mask(self, view: TokenView) -> int:
        """Bits of the matchers whose keys accept the text or lowercase text of `view` (lemmas aside)."""
        text, lower = view.text, view.lower
        mask = self._text.get(text, 0) | self._lower.get(lower, 0)
        prefix = self._prefix
        if prefix:
            for n in self._prefix_lengths:
                if n > len(lower):
                    break
                mask |= prefix.get(lower[:n], 0)
        for bit, text_test in self._text_tests:
            if text_test(view):
                mask |= bit
        return mask

    def _tag_mask(self, tag: str) -> int:
        """Every bit but those of matchers needing a feature `tag` does not have."""
        allowed = self._by_tag.get(tag)
        if allowed is None:
            features = set(tag.split(":"))
            allowed = -1
            for feature, bits in self._feature_bits.items():
                if feature not in features:
                    allowed &= ~bits
            self._by_tag[tag] = allowed
        return allowed

    def token_masks(self, views: Sequence[TokenView]) -> list[int]:
        """For each token, the bits of the indexed matchers that accept it (exactly those whose test is true)."""
        by_text = self._by_text
        if len(by_text) > TEXT_CACHE_SIZE:
            by_text.clear()
        by_lemmas = self._by_lemmas
        if len(by_lemmas) > TEXT_CACHE_SIZE:
            by_lemmas.clear()
        lemma_get = self._lemma.get
        featured = self._featured
        plain = self._plain_tests
        masks = []
        for v in views:
            mask = by_text.get(v.text)
            if mask is None:
                mask = by_text[v.text] = self._text_mask(v)
            lemmas = v.lemmas
            if type(lemmas) is frozenset:
                lemma_mask = by_lemmas.get(lemmas)
                if lemma_mask is None:
                    lemma_mask = 0
                    for lemma in lemmas:
                        lemma_mask |= lemma_get(lemma, 0)
                    by_lemmas[lemmas] = lemma_mask
                mask |= lemma_mask
            else:
                for lemma in lemmas:
                    mask |= lemma_get(lemma, 0)
            if mask & featured:
                mask &= self._tag_mask(v.tag)
            for bit, m in plain:
                if m.test(v)[0]:
                    mask |= bit
            masks.append(mask)
        return masks

    def starts(self, masks: Sequence[int], limits: Sequence[int]) -> list[bool]:
        """For each token, False when no rule can start there (a cheap test before `candidates`)."""
        n = len(masks)
        lead, first, unkeyed, span = self.lead_mask, self.keyed_first, self.unkeyed_first, self.span
        # nxt[i]: the first token at or after i accepted by some first mandatory item (n if none)
        nxt = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            nxt[i] = i if masks[i] & lead else nxt[i + 1]
        return [
            bool(masks[i] & first and nxt[i] <= i + span and nxt[i] < limits[i]) or bool(masks[i] & unkeyed)
            for i in range(n)
        ]

    def candidates(self, masks: Sequence[int], i: int, limit: int) -> list[tuple[int, Rule]]:
        """(order, rule) of the rules that pass conditions (a) and (b) at token i, in rule order."""
        near = 0
        for j in range(i, min(i + self.span + 1, limit)):
            near |= masks[j]
        near &= self.lead_mask
        entries = self._by_lead.get(near)
        if entries is None:
            entries = self._by_lead[near] = tuple(e for e in self._keyed if e.windows[0][0] & near)
        here = masks[i]
        out = []
        for e in entries:
            if not here & e.first:
                continue
            for bit, lo, hi in e.windows:
                for j in range(i + lo, min(i + hi + 1, limit)):
                    if masks[j] & bit:
                        break
                else:
                    break
            else:
                out.append((e.order, e.rule))
        if here & self.unkeyed_first:
            out.extend((e.order, e.rule) for e in self._unkeyed if here & e.first)
            out.sort(key=lambda r: r[0])
        return out


_INDEXES: dict[tuple[int, ...], RuleIndex] = {}


def rule_index(rules: Sequence[Rule]) -> RuleIndex:
    """The RuleIndex of a rule set, built once (keyed by the identity of its rules, which the index keeps alive;
    rules and their matchers are not to be changed in place once matched)."""
    key = tuple(id(r) for r in rules)
    index = _INDEXES.get(key)
    if index is None:
        if len(_INDEXES) >= 8:
            _INDEXES.clear()
        index = _INDEXES[key] = RuleIndex(rules)
    return index
