"""Language detection reads the beginning of a long text, cut at a word boundary."""
from __future__ import annotations

from kronika.ingest.langid import DETECT_CHARS, detect_language, detect_sample
from tests.ingest.texts import EN_PARAGRAPH, PL_PARAGRAPH


def test_a_short_text_is_read_whole():
    assert detect_sample("Krótki tekst.") == "Krótki tekst."


def test_a_long_text_is_cut_before_the_word_the_limit_falls_in():
    text = "słowo " * (DETECT_CHARS // 6) + "przecięte dalej"
    sample = detect_sample(text)
    assert len(sample) <= DETECT_CHARS
    assert text.startswith(sample)
    assert sample.split()[-1] == "słowo"
    assert text[len(sample)].isspace()


def test_a_limit_at_a_space_keeps_the_whole_prefix():
    text = "a" * (DETECT_CHARS - 1) + "b  dalej"
    assert detect_sample(text) == text[:DETECT_CHARS]


def test_a_text_without_spaces_is_cut_at_the_limit():
    assert detect_sample("x" * (DETECT_CHARS + 50)) == "x" * DETECT_CHARS


def test_long_texts_are_told_apart_by_their_beginning():
    assert detect_language((PL_PARAGRAPH + "\n") * 40 + EN_PARAGRAPH * 3) == "pl"
    assert detect_language((EN_PARAGRAPH + " ") * 40 + PL_PARAGRAPH * 3) == "en"
