"""The tokenizer's shortcut for plain words gives the same tokens as the full token expression."""
from __future__ import annotations

import random
import re

from kronika.lang.pl import tokenizer as tk

NEVER = re.compile(r"(?!)")

TEXTS = [
    "Prezydent USA odwiedził Kraków, a potem m.in. Gdańsk (tzw. Trójmiasto) – powiedział dr. Kowalski.",
    "Kontakt: biuro@example.pl, www.example.com/strona?x=1 oraz https://example.org/a_b. Zob. wPolityce.pl!",
    "O'Brien i D’Artagnan; 22-latek z COVID-19 wysłał SMS-em 2017-2018 r. w 78. rocznicy, godz. 17:46.",
    "polsko-ukraiński‐szczyt ‑ m² ½ Ⅻ x_y 3½ ab²c #tag @handle (...) […] ?! ...",
    "J.K. Rowling, U.S.A. i p.o. prezesa; e.g. kot.pies.pl. Koniec",
]


def _scan_all(text: str) -> list:
    table = tk.abbreviations()
    return [tk._scan(text, p.start, p.end, table) for p in tk.paragraphs(text)]


def test_plain_word_shortcut_changes_no_token(monkeypatch):
    rng = random.Random(7)
    # no "_" nor "²" here: a word of them with a hyphen and no letter ("_-_") trips an assertion of the full
    # expression's range split, shortcut or not
    alphabet = "abcząęĄŻ XY.-'’:@+,;()/27\u2010\u2011"
    texts = TEXTS + ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 40))) for _ in range(3000)]
    fast = [_scan_all(t) for t in texts]
    monkeypatch.setattr(tk, "_PLAIN_WORD_RE", NEVER)
    slow = [_scan_all(t) for t in texts]
    assert fast == slow
    assert any(piece[2] == "number" for paras in slow for para in paras for piece in para)


def test_underscore_hyphen_runs_are_one_symbol_not_a_crash():
    from kronika.lang.pl.tokenizer import tokenize

    tokens, _ = tokenize("a _-_ b oraz __ i 2017-2018")
    assert [(t.text, t.kind) for t in tokens] == [
        ("a", "word"), ("_-_", "symbol"), ("b", "word"), ("oraz", "word"), ("__", "symbol"), ("i", "word"),
        ("2017", "number"), ("-", "punct"), ("2018", "number")]


def test_every_non_space_character_lands_in_exactly_one_token_on_odd_strings():
    import random

    from kronika.lang.pl.tokenizer import tokenize

    rng = random.Random(5)
    alphabet = "a1_-–.,:;/ ŁźX9'\"()@#%&*+=?!\n"
    for _ in range(5000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        tokens, _ = tokenize(s)
        assert "".join(s[t.start:t.end] for t in tokens) == "".join(s.split()), s
