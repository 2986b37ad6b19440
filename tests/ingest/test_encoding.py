"""Encoding detection: UTF-8 (± BOM), cp1250 and ISO-8859-2 read exactly; everything else refused by name."""
from __future__ import annotations

import codecs

import pytest

from kronika.ingest import Document, IngestError, read_inputs
from kronika.ingest.encoding import BrokenUTF8, decode_bytes, detect_encoding
from kronika.ingest.failures import ReadFailure
from tests.ingest.texts import PL_CP1250_PUNCTUATION, PL_PARAGRAPH, PL_SHORT

ENCODINGS = {
    "utf-8": lambda s: s.encode("utf-8"),
    "utf-8 with BOM": lambda s: codecs.BOM_UTF8 + s.encode("utf-8"),
    "cp1250": lambda s: s.encode("cp1250"),
    "iso-8859-2": lambda s: s.encode("iso8859_2"),
}


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_polish_paragraph_decodes_exactly(name):
    text, _enc = decode_bytes(ENCODINGS[name](PL_PARAGRAPH))
    assert text == PL_PARAGRAPH


@pytest.mark.parametrize("name", list(ENCODINGS))
def test_text_file_in_each_encoding_reads_exactly(tmp_path, name):
    path = tmp_path / "artykul.txt"
    path.write_bytes(ENCODINGS[name](PL_PARAGRAPH))
    [doc] = list(read_inputs([str(path)]))
    assert isinstance(doc, Document)
    assert doc.text == PL_PARAGRAPH
    assert doc.lang == "pl"


def test_encoding_names():
    assert detect_encoding(PL_PARAGRAPH.encode("utf-8")) == "utf-8"
    assert detect_encoding(codecs.BOM_UTF8 + PL_PARAGRAPH.encode("utf-8")) == "utf-8-sig"
    assert detect_encoding(PL_PARAGRAPH.encode("cp1250")) == "cp1250"
    assert detect_encoding(PL_PARAGRAPH.encode("iso8859_2")) == "iso8859_2"


@pytest.mark.parametrize("word", ["są", "źle", "ŚWIAT", "Źródło", "WIĄZANIE"])
@pytest.mark.parametrize("enc", ["cp1250", "iso8859_2"])
def test_short_texts_with_distinguishing_letters(word, enc):
    """cp1250 and ISO-8859-2 differ exactly on ą ś ź Ą Ś Ź: even a short text must come out right."""
    data = f"Premier: {word}.".encode(enc)
    assert data.decode(detect_encoding(data)) == f"Premier: {word}."


def test_cp1250_typographic_punctuation():
    data = PL_CP1250_PUNCTUATION.encode("cp1250")
    assert decode_bytes(data) == (PL_CP1250_PUNCTUATION, "cp1250")


def test_text_without_distinguishing_letters_reads_the_same_either_way():
    text = "Łódź? Nie: Żółw, gęś i łań nad Wisłą"  # none of ą ś ź Ą Ś Ź
    text = text.replace("ś", "s").replace("ą", "a").replace("ź", "z")
    assert decode_bytes(text.encode("cp1250"))[0] == text


def test_broken_utf8_is_refused_with_offset():
    data = PL_SHORT.encode("utf-8") + b" \xb9 " + PL_SHORT.encode("utf-8")
    with pytest.raises(BrokenUTF8) as exc:
        detect_encoding(data)
    assert f"byte 0xB9 at offset {len(PL_SHORT.encode('utf-8')) + 1}" in str(exc.value)


def test_utf16_is_refused_by_name():
    with pytest.raises(ReadFailure, match="UTF-16 text is not supported"):
        detect_encoding(codecs.BOM_UTF16_LE + PL_SHORT.encode("utf-16-le"))


def test_undecodable_bytes():
    data = bytes(range(0x80, 0xA0)) * 8  # C1 range: ISO-8859-2 gives controls, cp1250 has undefined bytes
    with pytest.raises(ReadFailure, match="cannot decode: not UTF-8, cp1250 or ISO-8859-2"):
        detect_encoding(data)


def test_undecodable_file_is_an_error_and_reading_goes_on(tmp_path):
    bad = tmp_path / "a.txt"
    bad.write_bytes(b"Tekst " + bytes(range(0x80, 0xA0)) * 4)
    good = tmp_path / "b.txt"
    good.write_bytes(PL_SHORT.encode("cp1250"))
    items = list(read_inputs([str(bad), str(good)]))
    assert items[0] == IngestError(str(bad), "cannot decode: not UTF-8, cp1250 or ISO-8859-2")
    assert isinstance(items[1], Document) and items[1].text == PL_SHORT
