"""Places with canonical English names (data/places.tsv), for linking location mentions."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kronika.actors.kb import DATA, Name, _read_tsv, _split_list


@dataclass(frozen=True)
class Place:
    """A place: its id (the English name), Polish base-form names, country (ISO alpha-3 or None), Wikidata id."""

    id: str
    polish_names: tuple[Name, ...]
    country: str | None
    wikidata: str | None


class Places(dict):
    """English name → Place, as read from places.tsv."""

    def form_pairs(self) -> list[tuple[str, str]]:
        """(Polish base form, with "~" for weak names, place id) for every name of every place."""
        return [(("~" if n.weak else "") + n.text, p.id) for p in self.values() for n in p.polish_names]


@lru_cache(maxsize=1)
def load_places() -> Places:
    """The places of data/places.tsv, read once per process (raises ValueError on a duplicate name)."""
    out = Places()
    for row in _read_tsv(DATA / "places.tsv"):
        name = row["name_en"]
        if name in out:
            raise ValueError(f"places.tsv:{row['_line']}: duplicate place {name}")
        out[name] = Place(name, tuple(Name.parse(x) for x in _split_list(row["pl_names"])),
                          row["country"] or None, row["wikidata"] or None)
    return out


@lru_cache(maxsize=512)
def is_capital(name_en: str) -> bool:
    """Is the place (by its English name) the capital of the state it lies in (countries.tsv `capitals`)?
    A capital may stand for its government: "Według Kijowa", "Kijów informuje"."""
    from kronika.actors.kb import load_kb

    place = load_places().get(name_en)
    country = load_kb().country(place.country) if place is not None and place.country else None
    if country is None:
        return False
    capitals = {n.text for n in country.capitals}
    return any(n.text in capitals for n in place.polish_names)
