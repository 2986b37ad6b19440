"""Normalising names and texts for scoring (SPEC.md section 3).

Two predicted and gold strings are "the same name" when their `normalize_name` forms are equal:
case, diacritics, punctuation and spacing are not part of a name's identity.
"""
from __future__ import annotations

import re
import unicodedata

# Letters that carry their stroke or ligature in the base character, so NFD leaves them whole.
_UNDECOMPOSED = str.maketrans({
    "ł": "l", "đ": "d", "ð": "d", "ø": "o", "ħ": "h", "ı": "i", "ŧ": "t",
    "æ": "ae", "œ": "oe", "þ": "th",
})
# Dashes and slashes separate words ("Kim Jong-un" = "Kim Jong Un"); other punctuation vanishes ("U.S." = "US").
_SEPARATORS = {"Pd", "Zs", "Zl", "Zp", "Cc"}
_WORD = re.compile(r"\w+")


def normalize_name(text: str | None) -> str:
    """Casefolded, without diacritics (Polish ł becomes l), punctuation and symbols removed,
    dashes, slashes and whitespace turned into single spaces, no surrounding space.

    `normalize_name("Władimir  Putin") == normalize_name("wladimir putin")`; None gives "".
    """
    if not text:
        return ""
    text = unicodedata.normalize("NFD", text.casefold()).translate(_UNDECOMPOSED)
    out: list[str] = []
    for ch in text:
        cat = unicodedata.category(ch)
        if cat == "Mn":
            continue
        if cat in _SEPARATORS or ch == "/":
            out.append(" ")
        elif cat[0] in "PS":
            continue
        else:
            out.append(ch)
    return " ".join("".join(out).split())


def tokens(text: str | None) -> list[str]:
    """The words of a text in order, each in `normalize_name` form (punctuation is never a token)."""
    return _WORD.findall(normalize_name(text))
