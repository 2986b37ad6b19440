"""Polish abbreviations (data/abbreviations.yaml): which keep their dot, which may end a sentence."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import yaml

NEVER_FINAL = "never_final"
MAY_END = "may_end_sentence"
GROUPS = (NEVER_FINAL, MAY_END)


@dataclass(frozen=True)
class Abbreviation:
    """One listed abbreviation as it appears in text (`form`, with its dot when it has one)."""

    form: str
    group: str  # NEVER_FINAL | MAY_END
    expansion: str | None = None

    @property
    def may_end_sentence(self) -> bool:
        return self.group == MAY_END


class AbbreviationTable:
    """Lookup of listed abbreviations by their written form.

    `get(form)` finds a form as written or with its first letter lowercased; a form listed without a dot also
    answers for its dotted spelling ("dr" → "dr."). An exactly listed form wins over a derived dotted one.
    """

    def __init__(self, groups: dict[str, dict[str, str | None]]):
        unknown = set(groups) - set(GROUPS)
        if unknown:
            raise ValueError(f"abbreviations: unknown group(s) {sorted(unknown)}; expected {GROUPS}")
        exact: dict[str, Abbreviation] = {}
        derived: dict[str, Abbreviation] = {}
        for group in GROUPS:
            for form, expansion in (groups.get(group) or {}).items():
                form = str(form).strip()
                if not form or any(ch.isspace() for ch in form):
                    raise ValueError(f"abbreviations: bad form {form!r} (one token, no spaces)")
                if form in exact:
                    raise ValueError(f"abbreviations: {form!r} is listed twice")
                entry = Abbreviation(form, group, str(expansion) if expansion else None)
                exact[form] = entry
                if not form.endswith("."):
                    derived[form + "."] = entry
        self._entries = {**derived, **exact}
        self.entries: tuple[Abbreviation, ...] = tuple(exact.values())

    def get(self, form: str) -> Abbreviation | None:
        """The entry for a written form ("Prof." finds "prof."), or None."""
        entry = self._entries.get(form)
        if entry is None and form[:1].isupper():
            entry = self._entries.get(form[:1].lower() + form[1:])
        return entry

    def __contains__(self, form: str) -> bool:
        return self.get(form) is not None

    def __len__(self) -> int:
        return len(self.entries)


class _UniqueKeyLoader(yaml.SafeLoader):
    """A YAML loader that refuses a mapping with a repeated key (PyYAML keeps the last one silently)."""

    def construct_mapping(self, node, deep=False):  # type: ignore[override]
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise ValueError(f"abbreviations: {key!r} is listed twice (line {key_node.start_mark.line + 1})")
            seen.add(key)
        return super().construct_mapping(node, deep=deep)


def load_abbreviations(text: str) -> AbbreviationTable:
    """An AbbreviationTable from YAML text shaped like data/abbreviations.yaml (repeated forms are an error)."""
    data = yaml.load(text, Loader=_UniqueKeyLoader) or {}
    if not isinstance(data, dict):
        raise ValueError("abbreviations: the file must map group names to {form: expansion}")
    return AbbreviationTable(data)


@lru_cache(maxsize=1)
def abbreviations() -> AbbreviationTable:
    """The shipped table (read once per process)."""
    text = resources.files("kronika.lang.pl").joinpath("data/abbreviations.yaml").read_text("utf-8")
    return load_abbreviations(text)
