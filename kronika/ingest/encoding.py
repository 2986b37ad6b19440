"""Encoding detection for the encodings Polish news comes in: UTF-8 (with or without BOM), cp1250, ISO-8859-2.

Detect, don't guess:
1. A UTF-8 BOM means UTF-8 (and the rest must decode strictly). UTF-16/32 BOMs are refused by name.
2. Bytes that decode as strict UTF-8 are UTF-8.
3. Bytes that are almost all well-formed UTF-8 multi-byte sequences with a few stray bytes are broken
   UTF-8, refused with the offset of the first bad byte (decoding them as cp1250 would give mojibake).
4. Otherwise each legacy candidate is tried strictly; a decoding that produces C1 control characters
   (U+0080–U+009F) is rejected: real cp1250 text never yields them, and ISO-8859-2 only does for cp1250
   bytes such as 0x9C 'ś'.
5. cp1250 and ISO-8859-2 agree on every Polish letter except ą ś ź Ą Ś Ź (cp1250 0xB9 0x9C 0x9F 0xA5 0x8C
   0x8F, ISO-8859-2 0xB1 0xB6 0xBC 0xA1 0xA6 0xAC). Read in the wrong one, these become symbols or other
   letters (± ¶ ľ ˇ ¦ ¬, š Ľ). So among the clean decodings the one with more Polish letters wins.
6. Only when that does not decide (the texts differ but not in Polish letters) does charset-normalizer,
   restricted to the two candidates (cp_isolation), choose; it is not consulted first because it mislabels
   short Polish text (for ISO-8859-2 Polish it proposes iso8859_10 unrestricted, and nothing restricted).

Anything else is a `ReadFailure` whose message says what was tried.
"""
from __future__ import annotations

import codecs
import re

from kronika.ingest.failures import ReadFailure

CANDIDATES: tuple[str, ...] = ("utf-8", "cp1250", "iso8859_2")
LEGACY: tuple[str, ...] = ("cp1250", "iso8859_2")
UNDECODABLE = "cannot decode: not UTF-8, cp1250 or ISO-8859-2"

POLISH_LETTERS = frozenset("ąćęłńóśźżĄĆĘŁŃÓŚŹŻ")

_UTF8_SEQ = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_C1 = re.compile("[\x80-\x9f]")
_UTF16_32_BOMS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


class BrokenUTF8(ReadFailure):
    """The data is UTF-8 except for some invalid bytes (so no other encoding should be tried)."""


def unsupported_bom(data: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when `data` starts with that byte-order mark, else None."""
    for bom, name in _UTF16_32_BOMS:
        if data.startswith(bom):
            return name
    return None


def _utf8_error(data: bytes, exc: UnicodeDecodeError, *, offset: int = 0) -> str:
    return f"cannot decode: invalid UTF-8 (byte 0x{data[exc.start]:02X} at offset {exc.start + offset})"


def looks_like_broken_utf8(data: bytes) -> bool:
    """True when nearly all non-ASCII bytes form well-formed UTF-8 sequences (at least 3 of them)."""
    high = len(_HIGH.findall(data))
    if high == 0:
        return False
    seqs = _UTF8_SEQ.findall(data)
    in_seqs = sum(len(s) for s in seqs)
    return len(seqs) >= 3 and in_seqs >= 0.9 * high


def polish_letter_count(text: str) -> int:
    """How many characters of `text` are Polish letters with diacritics."""
    return sum(1 for ch in text if ch in POLISH_LETTERS)


def _charset_normalizer_choice(data: bytes, encodings: list[str]) -> str | None:
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=encodings).best()
    if best is None:
        return None
    name = codecs.lookup(best.encoding).name
    for enc in encodings:
        if codecs.lookup(enc).name == name:
            return enc
    return None


def detect_encoding(data: bytes) -> str:
    """The encoding of `data`: 'utf-8-sig', 'utf-8', 'cp1250' or 'iso8859_2' (see the module docstring).

    Guarantees that `data.decode(result)` succeeds. Raises ReadFailure when no candidate fits.
    """
    bom = unsupported_bom(data)
    if bom:
        raise ReadFailure(f"cannot decode: {bom} text is not supported (save it as UTF-8)")
    if data.startswith(codecs.BOM_UTF8):
        try:
            data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BrokenUTF8(_utf8_error(data, exc)) from None
        return "utf-8-sig"
    try:
        data.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as exc:
        if looks_like_broken_utf8(data):
            raise BrokenUTF8(_utf8_error(data, exc)) from None
    decoded: dict[str, str] = {}
    for enc in LEGACY:
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _C1.search(text):
            continue
        decoded[enc] = text
    if not decoded:
        raise ReadFailure(UNDECODABLE)
    if len(decoded) == 1:
        return next(iter(decoded))
    texts = list(decoded.values())
    if all(t == texts[0] for t in texts):
        return LEGACY[0]
    scores = {enc: polish_letter_count(text) for enc, text in decoded.items()}
    top = max(scores.values())
    tied = [enc for enc in LEGACY if scores.get(enc) == top]
    if len(tied) == 1:
        return tied[0]
    return _charset_normalizer_choice(data, tied) or tied[0]


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, encoding) for `data`; a UTF-8 BOM is removed. Raises ReadFailure when undecodable."""
    encoding = detect_encoding(data)
    return data.decode(encoding), encoding
