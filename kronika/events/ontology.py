"""The PLOVER table (categories, quad classes, scores, CAMEO codes, modes, contexts) from data/plover.yaml."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Iterable

import yaml

QUADS = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict"}


@dataclass(frozen=True)
class Mode:
    name: str
    score: float | None
    cameo: str | None


@dataclass(frozen=True)
class Category:
    name: str
    quad: int
    score: float
    cameo: str
    modes: dict[str, Mode]


@dataclass(frozen=True)
class Ontology:
    categories: dict[str, Category]
    contexts: frozenset[str]
    directed: frozenset[str] = frozenset()

    def category(self, name: str) -> Category:
        """The category called `name`; KeyError for a name PLOVER does not have."""
        return self.categories[name]

    def score(self, category: str, modes: Iterable[str] = ()) -> float:
        """PLOVER score: the first listed mode's own score when it has one, else the category's."""
        cat = self.categories[category]
        for m in modes:
            mode = cat.modes.get(m)
            if mode is not None and mode.score is not None:
                return mode.score
        return cat.score

    def cameo(self, category: str, modes: Iterable[str] = ()) -> str:
        """Nearest CAMEO code: the first listed mode's code when it has one, else the category's root."""
        cat = self.categories[category]
        for m in modes:
            mode = cat.modes.get(m)
            if mode is not None and mode.cameo:
                return mode.cameo
        return cat.cameo

    def quad(self, category: str) -> int:
        return self.categories[category].quad


def _load(text: str) -> Ontology:
    data = yaml.safe_load(text)
    cats: dict[str, Category] = {}
    for name, row in data["categories"].items():
        modes = {m: Mode(m, (v or {}).get("score"), (v or {}).get("cameo")) for m, v in (row.get("modes") or {}).items()}
        cats[name] = Category(name, int(row["quad"]), float(row["score"]), str(row["cameo"]), modes)
    return Ontology(cats, frozenset(data.get("contexts") or ()), frozenset(data.get("directed") or ()))


@lru_cache(maxsize=1)
def ontology() -> Ontology:
    """The shipped table (loaded once per process)."""
    return _load(resources.files("kronika.events").joinpath("data/plover.yaml").read_text("utf-8"))
