"""Anniversaries of well-known dated events as evidence that pins a day ("78. rocznica wyzwolenia Korei").

The table is data: kronika/lang/pl/time/anniversaries.yaml (event name, date, Polish phrasings as lemma
patterns). An anniversary is not written as a timex; the resolver uses its date as an anchor.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from kronika.time.recognizer import _match, token_views
from kronika.time.rules import (
    ANNIVERSARY_FILE,
    RULES_DIR,
    Matcher,
    TokenView,
    compile_matcher,
    compile_pattern,
    load_lexicon,
)

ANNIVERSARY_WORD = "rocznica|rocznicę"


@dataclass(frozen=True)
class DatedEvent:
    name: str
    date: dt.date
    phrasings: tuple[tuple[Matcher, ...], ...]


@dataclass(frozen=True)
class Anniversary:
    """The n-th anniversary of `event`, found at [start, end) of the text: it falls on `date`."""

    start: int
    end: int
    event: str
    number: int
    date: dt.date


@lru_cache(maxsize=4)
def load_events(rules_dir: Path = RULES_DIR) -> tuple[DatedEvent, ...]:
    """The dated events of anniversaries.yaml, their phrasings compiled."""
    lexicon = load_lexicon(rules_dir)
    with open(rules_dir / ANNIVERSARY_FILE, encoding="utf-8") as fh:
        data = yaml.safe_load(fh) or {}
    events = []
    for raw in data.get("events", []):
        date = raw["date"] if isinstance(raw["date"], dt.date) else dt.date.fromisoformat(str(raw["date"]))
        phrasings = tuple(tuple(compile_pattern(p, lexicon)) for p in raw["phrasings"])
        events.append(DatedEvent(raw["name"], date, phrasings))
    return tuple(events)


def _shift_years(date: dt.date, years: int) -> dt.date | None:
    try:
        return date.replace(year=date.year + years)
    except ValueError:  # 29 February
        return None


def find_anniversaries(doc, views: list[TokenView] | None = None) -> list[Anniversary]:
    """Every "N. rocznica <known event>" in the document, with the day it falls on. `views` are
    token_views(doc.tokens) when the caller has them already."""
    lexicon = load_lexicon()
    ordinal = compile_matcher("#ordinal", lexicon)
    word = compile_matcher(ANNIVERSARY_WORD, lexicon)
    if views is None:
        views = token_views(doc.tokens)
    found = []
    for i in range(len(views) - 2):
        if not word.test(views[i + 1])[0]:  # the cheap test first
            continue
        ok, number = ordinal.test(views[i])
        if not ok:
            continue
        for event in load_events():
            for phrasing in event.phrasings:
                matches = _match(list(phrasing), views, i + 2, min(len(views), i + 2 + 12))
                if matches:
                    end = matches[0][0]
                    day = _shift_years(event.date, number)
                    if day is not None:
                        found.append(Anniversary(views[i].start, views[end - 1].end, event.name, number, day))
                    break
            else:
                continue
            break
    return found
