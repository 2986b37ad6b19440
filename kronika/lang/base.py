"""Types the language layer writes onto a Document: paragraphs, sentences, tokens, readings."""
from __future__ import annotations

from dataclasses import dataclass, field

_POS: dict[str, str] = {}  # tag → part of speech (a few thousand tags; asked millions of times)


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Analysis:
    """One morphological reading of a token (Morfeusz style).

    `tag` is the full NKJP/Morfeusz tag, e.g. 'subst:sg:acc:f'; `pos` its first field;
    `names` the name classes ('nazwisko', 'imię', 'nazwa_geograficzna', …); `labels` the qualifiers.
    """

    lemma: str
    tag: str
    names: tuple[str, ...] = ()
    labels: tuple[str, ...] = ()
    pos: str = field(init=False, repr=False, compare=False)  # the tag's first field, set once (asked millions of times)

    def __post_init__(self) -> None:
        pos = _POS.get(self.tag)
        if pos is None:
            pos = _POS[self.tag] = self.tag.split(":", 1)[0]
        object.__setattr__(self, "pos", pos)

    @property
    def features(self) -> tuple[str, ...]:
        return tuple(self.tag.split(":")[1:])


@dataclass
class Token:
    """A token with its character offsets into Document.text."""

    start: int
    end: int
    text: str
    kind: str = "word"  # word | number | punct | symbol
    space_after: bool = True
    analyses: list[Analysis] = field(default_factory=list)
    chosen: Analysis | None = None  # the reading picked in context

    @property
    def lemma(self) -> str:
        return self.chosen.lemma if self.chosen else self.text

    @property
    def tag(self) -> str:
        return self.chosen.tag if self.chosen else ""


@dataclass
class Sentence:
    """A sentence: its offsets, and the index range of its tokens in Document.tokens (end exclusive)."""

    start: int
    end: int
    token_start: int = 0
    token_end: int = 0
    paragraph: int = 0
