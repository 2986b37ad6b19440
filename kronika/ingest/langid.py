"""Language identification, restricted to the languages kronika handles.

`py3langid` scores only `LANGUAGES`, so a Polish article is never labelled Slovak or Czech. A language
given by the input itself (a JSON Lines `lang` field, an HTML `lang` attribute, a `lang` header) or by the
caller always wins over detection; see `kronika.ingest.metadata.make_document`.
"""
from __future__ import annotations

import threading

LANGUAGES: tuple[str, ...] = ("pl", "en")

#: Detection looks at this many leading characters: plenty to tell Polish from English, and py3langid
#: walks its automaton in Python, so scanning whole long articles would dominate ingest time.
DETECT_CHARS = 2000

_identifier = None
_lock = threading.Lock()


def _get_identifier():
    global _identifier
    if _identifier is None:
        with _lock:
            if _identifier is None:
                from py3langid.langid import MODEL_FILE, LanguageIdentifier

                ident = LanguageIdentifier.from_model_file(MODEL_FILE)
                ident.set_languages(list(LANGUAGES))
                _identifier = ident
    return _identifier


def detect_sample(text: str) -> str:
    """The part of `text` detection reads: the first `DETECT_CHARS` characters, cut back to the last whitespace
    in them so that no half word is scored (a text without whitespace there is cut at the limit)."""
    if len(text) <= DETECT_CHARS:
        return text
    sample = text[:DETECT_CHARS]
    if not text[DETECT_CHARS].isspace():
        cut = max(sample.rfind(c) for c in " \n\t\r\xa0")
        if cut > 0:
            sample = sample[:cut]
    return sample


def detect_language(text: str) -> str:
    """The most likely of `LANGUAGES` for `text` (always one of them, never None)."""
    sample = detect_sample(text)
    if not sample.strip():
        return LANGUAGES[0]
    lang, _score = _get_identifier().classify(sample)
    return lang


def normalize_lang(value: object) -> str | None:
    """A language tag as kronika writes it: the lower-case primary subtag ('pl-PL' → 'pl'); None if absent.

    Tags outside `LANGUAGES` are kept (the input said so); later stages decide what to do with them.
    """
    if not isinstance(value, str):
        return None
    primary = value.strip().replace("_", "-").split("-")[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None
