"""Language: detection restricted to LANGUAGES; the input's own language, then the caller's, win over it."""
from __future__ import annotations

import json

import pytest

from kronika.ingest import Document, read_inputs
from kronika.ingest.langid import LANGUAGES, detect_language, normalize_lang
from tests.ingest.texts import EN_PARAGRAPH, PL_PARAGRAPH, PL_SHORT


def test_languages_constant():
    assert LANGUAGES == ("pl", "en")


def test_detects_polish_and_english():
    assert detect_language(PL_PARAGRAPH) == "pl"
    assert detect_language(PL_SHORT) == "pl"
    assert detect_language(EN_PARAGRAPH) == "en"


def test_detection_never_leaves_languages():
    # Slovak is close to Polish; restricted detection must still answer one of LANGUAGES.
    assert detect_language("Prezident Slovenska vymenoval novú vládu v Bratislave.") in LANGUAGES


@pytest.mark.parametrize("value, expected", [("pl", "pl"), ("pl-PL", "pl"), ("EN_gb", "en"), ("", None), (7, None)])
def test_normalize_lang(value, expected):
    assert normalize_lang(value) == expected


def test_lang_argument_replaces_detection(tmp_path):
    path = tmp_path / "en.txt"
    path.write_text(EN_PARAGRAPH, encoding="utf-8")
    [doc] = list(read_inputs([str(path)], lang="pl"))
    assert doc.lang == "pl"
    [doc] = list(read_inputs([str(path)]))
    assert doc.lang == "en"


def test_record_lang_wins_over_argument_and_detection(tmp_path):
    path = tmp_path / "c.jsonl"
    rows = [{"id": "a", "text": PL_SHORT, "lang": "en"}, {"id": "b", "text": PL_SHORT}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    docs = list(read_inputs([str(path)], lang="en"))
    assert [d.lang for d in docs] == ["en", "en"]
    docs = list(read_inputs([str(path)]))
    assert [d.lang for d in docs] == ["en", "pl"]
    assert all(isinstance(d, Document) for d in docs)


def test_unsupported_lang_argument_is_refused_before_reading():
    with pytest.raises(ValueError, match="--lang: 'de' is not one of pl, en"):
        read_inputs(["nonexistent.txt"], lang="de")
