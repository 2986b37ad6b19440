"""Polish: tokenizer, sentence splitter and Morfeusz morphology, as pipeline stages (DESIGN.md, "language").

    from kronika.lang.pl import polish_stages
    stages = polish_stages()   # [Tokenizer(), SentenceSplitter(), Morphology()]

Each stage has `name`, `assigns` (the Document layers it writes) and `__call__(doc)`. Rules and word lists are
data under `data/` (abbreviations.yaml, reading_preferences.yaml).
"""
from __future__ import annotations

from kronika.lang.pl.morphology import Morphology, analyse
from kronika.lang.pl.sentences import SentenceSplitter, split_sentences
from kronika.lang.pl.tokenizer import Tokenizer, tokenize

__all__ = [
    "Morphology",
    "SentenceSplitter",
    "Tokenizer",
    "analyse",
    "polish_stages",
    "split_sentences",
    "tokenize",
]


def polish_stages() -> list:
    """The Polish language stages, in order: tokenizer, sentences, morphology, disambiguation (trained tagger),
    ner (names into doc.spans["ner"]). The stages after the language layer (time, actors, …) are composed in
    `kronika.pipeline.default_pipeline`."""
    from kronika.lang.pl.ner import NamedEntities
    from kronika.lang.pl.tagger import Disambiguation

    return [Tokenizer(), SentenceSplitter(), Morphology(), Disambiguation(), NamedEntities()]
