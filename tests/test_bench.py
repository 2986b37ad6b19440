"""`kronika bench` on a tiny corpus written here: counts are exact, rates positive (no timing assertions)."""
from __future__ import annotations

import json

import pytest

from kronika import bench
from kronika.bench import count_words, run_bench

ARTICLES = {
    "a.txt": "Prezydent Ukrainy Wołodymyr Zełenski spotkał się w Kijowie z premierem Kanady.",  # 11 words
    "b.txt": "Rada Bezpieczeństwa ONZ zebrała się w piątek na nadzwyczajnym posiedzeniu w sprawie Sudanu.",  # 13
    "c.txt": "date 2024-03\nMinistrowie rolnictwa państw UE rozmawiali w Brukseli o imporcie zboża z Ukrainy.",  # 12
}


@pytest.fixture
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_word_count_is_a_regex_split():
    assert count_words(ARTICLES["a.txt"]) == 11
    assert count_words("„Nie” – powiedział 2 razy.") == 4


def test_bench_counts_documents_and_words(corpus):
    result = run_bench([str(corpus)], repeat=2)
    assert result.message is None
    assert result.documents == 3
    assert result.words == 11 + 13 + 12  # the header line of c.txt is not part of the text
    assert result.failed_inputs == 0
    assert result.as_dict()["documents_processed"] == 6
    assert result.documents_per_second > 0 and result.words_per_second > 0
    assert result.baseline_words_per_second > 0 and result.ratio > 0
    assert result.peak_rss_mb > 0


def test_bench_times_every_stage_of_the_default_pipeline(corpus):
    from kronika.pipeline import default_pipeline

    result = run_bench([str(corpus / "a.txt"), str(corpus / "b.txt")])
    stage_names = [stage.name for stage in default_pipeline().stages_for("pl")]
    assert list(result.stage_seconds) == ["read", *stage_names, "record", "other"]
    assert sum(result.stage_seconds.values()) == pytest.approx(result.wall_seconds)
    assert all(seconds >= 0 for seconds in result.stage_seconds.values())


def test_lines_and_dict(corpus):
    result = run_bench([str(corpus)])
    lines = result.lines()
    assert lines[0] == "kronika bench: 3 document(s), 36 words, 1 pass(es)"
    assert any(line.startswith("pipeline is ") and line.endswith("× baseline words/s") for line in lines)
    stage_rows = {line.split()[0] for line in lines if line.startswith("  ")}
    assert stage_rows == set(result.stage_seconds)
    json.dumps(result.as_dict())


def test_a_failing_input_is_counted(corpus):
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = run_bench([str(corpus)])
    assert (result.documents, result.failed_inputs) == (3, 1)
    assert "1 input(s) failed" in result.lines()[0]


def test_missing_or_empty_corpus_gives_a_message(tmp_path, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    monkeypatch.setattr(bench, "DEFAULT_CORPUS", empty)
    result = run_bench(None)
    assert result.documents == 0 and "no example articles" in result.message
    assert "no example articles" in result.lines()[0]
    nothing = run_bench([str(tmp_path / "absent.txt")])
    assert nothing.documents == 0 and "no documents could be read" in nothing.message


def test_bad_arguments():
    with pytest.raises(ValueError):
        run_bench(["-"])
    with pytest.raises(ValueError):
        run_bench(None, repeat=0)


def test_bench_in_two_processes_counts_the_same_and_reports_wall_time_only(corpus):
    result = run_bench([str(corpus)], repeat=1, workers=2)
    assert result.message is None
    assert result.documents == 3 and result.words == 11 + 13 + 12
    assert list(result.stage_seconds) == ["all stages (2 processes)"]
    assert result.documents_per_second > 0
    with pytest.raises(ValueError):
        run_bench([str(corpus)], workers=0)


def test_model_stages_are_reported_in_tokens_per_second(corpus):
    from kronika.lang.pl import tokenize

    result = run_bench([str(corpus / "a.txt"), str(corpus / "b.txt")], repeat=2)
    tokens = len(tokenize(ARTICLES["a.txt"])[0]) + len(tokenize(ARTICLES["b.txt"])[0])
    assert result.tokens == tokens == 11 + 1 + 13 + 1  # the words and each sentence's full stop
    seconds = result.stage_seconds["disambiguation"] + result.stage_seconds["ner"]
    assert result.model_seconds == pytest.approx(seconds)
    assert result.model_tokens_per_second == pytest.approx(2 * tokens / seconds)
    line = next(line for line in result.lines() if line.startswith("model tokens/s"))
    assert f"{result.model_tokens_per_second:,.0f}" in line and f"{tokens:,} tokens per pass" in line
    assert result.as_dict()["tokens"] == tokens


def test_tokens_per_second_is_left_out_without_stage_times(corpus):
    result = run_bench([str(corpus)], workers=2)
    assert result.model_seconds == 0 and result.model_tokens_per_second == 0
    assert not any(line.startswith("model tokens/s") for line in result.lines())
