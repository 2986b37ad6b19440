"""Word shapes (`features.shape`), a feature of both the tagger and the name recogniser."""
from __future__ import annotations

import pytest

from kronika.lang.pl.features import shape


@pytest.mark.parametrize("form, expected", [
    ("Kowalski", "Xx"), ("NATO", "X"), ("wojsko", "x"), ("Łódź", "Xx"), ("ŻÓŁW", "X"), ("a", "x"), ("A", "X"),
    ("F-16", "X-d"), ("2023", "d"), ("McDonald", "XxXx"), ("iPhone", "xXx"), ("Al-Kaida", "Xx-Xx"),
    ("ǅemal", "ǅx"),  # a title-case letter is neither upper nor lower case: kept as it is
    ("a中b", "x中x"), ("A中", "X中"),  # so is a letter without case
    ("Straße", "Xx"), ("x1y2z3w4", "xdxdxd"),
])
def test_shapes(form, expected):
    assert shape(form) == expected
