"""The command line end to end, run as a real process (`python -m kronika`)."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kronika.record import validation_errors

ROOT = Path(__file__).resolve().parent.parent


def kronika(*args: str, stdin: bytes | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kronika", *map(str, args)], input=stdin, capture_output=True,
                          cwd=cwd or ROOT, timeout=600)


def records(stdout: bytes) -> list[dict]:
    return [json.loads(line) for line in stdout.decode("utf-8").splitlines() if line.strip()]


ARTICLE = """date 2024-03-07
Szwecja stała się w czwartek 32. członkiem NATO. Premier Ulf Kristersson przekazał w Waszyngtonie dokumenty akcesyjne.

- To historyczny dzień - powiedział szwedzki premier.
"""


def test_extract_seed_gives_a_valid_month_dated_polish_record(seed_txt):
    res = kronika("extract", seed_txt)
    assert res.returncode == 0, res.stderr.decode()
    (rec,) = records(res.stdout)
    assert validation_errors(rec) == []
    assert rec["doc"]["date"] == {"value": "2023-08", "precision": "month"}
    assert rec["doc"]["lang"] == "pl"
    assert rec["doc"]["source"] == str(seed_txt)
    assert b"1 document(s) read, 0 input(s) failed" in res.stderr


def test_extract_with_text_drops_the_header(seed_txt):
    (rec,) = records(kronika("extract", "--with-text", seed_txt).stdout)
    assert rec["doc"]["text"].startswith("Przywódca Korei Północnej Kim Dzong Un")
    assert "date 2023-08" not in rec["doc"]["text"]


def test_extract_pretty_and_output_file(tmp_path):
    art = tmp_path / "szwecja.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    res = kronika("extract", art, "-o", out)
    assert res.returncode == 0 and res.stdout == b""
    (rec,) = records(out.read_bytes())
    assert rec["doc"]["date"] == {"value": "2024-03-07", "precision": "day"}
    pretty = kronika("extract", "--pretty", art).stdout.decode()
    assert pretty.startswith("{\n  ")
    assert json.loads(pretty)["doc"]["id"] == rec["doc"]["id"]


def test_bad_inputs_are_reported_and_the_rest_is_read(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    binary = tmp_path / "b.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    empty = tmp_path / "c.txt"
    empty.write_bytes(b"")
    res = kronika("extract", binary, good, empty, tmp_path / "missing.txt")
    assert res.returncode == 1
    assert len(records(res.stdout)) == 1
    err = res.stderr.decode()
    assert str(binary) in err and str(empty) in err and "missing.txt" in err
    assert "1 document(s) read, 3 input(s) failed" in err


def test_extract_reads_stdin_and_takes_a_date(tmp_path):
    res = kronika("extract", "--date", "2024-03-08", "-", stdin="Szwecja przystąpiła do NATO w czwartek.".encode())
    assert res.returncode == 0, res.stderr.decode()
    (rec,) = records(res.stdout)
    assert rec["doc"]["source"] == "-"
    assert rec["doc"]["date"] == {"value": "2024-03-08", "precision": "day"}


def test_extract_the_real_corpus_and_its_cp1250_copy(news_jsonl, tmp_path):
    res = kronika("extract", news_jsonl, "-o", tmp_path / "utf8.jsonl")
    assert res.returncode == 0, res.stderr.decode()[-2000:]
    recs = records((tmp_path / "utf8.jsonl").read_bytes())
    ids = [json.loads(line)["id"] for line in news_jsonl.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert len(recs) == 726
    assert [r["doc"]["source"] for r in recs] == ids
    assert all(validation_errors(r) == [] for r in recs)

    # The same corpus in cp1250. Characters cp1250 has no byte for (a few typographic ones) are replaced by "?"
    # in the copy; records whose line had none must come back identical, the others differ only there.
    lines = news_jsonl.read_text(encoding="utf-8").splitlines()
    clean = {json.loads(line)["id"] for line in lines if _encodes(line, "cp1250")}
    assert len(clean) > 600
    cp = "\n".join("".join(ch if _encodes(ch, "cp1250") else "?" for ch in line) for line in lines)
    (tmp_path / "same-cp1250.jsonl").write_bytes(cp.encode("cp1250"))
    (tmp_path / "junk.bin").write_bytes(b"\x00\x01\x02PK\x03\x04" * 100)
    b = kronika("extract", tmp_path / "same-cp1250.jsonl", tmp_path / "junk.bin")
    assert b.returncode == 1 and b"junk.bin" in b.stderr and b"726 document(s) read, 1 input(s) failed" in b.stderr
    again = records(b.stdout)
    assert [r["doc"]["source"] for r in again] == ids
    for before, after in zip(recs, again):
        if before["doc"]["source"] in clean:
            assert after == before
        else:
            assert after["doc"]["date"] == before["doc"]["date"] and after["doc"]["lang"] == before["doc"]["lang"]


def _encodes(text: str, encoding: str) -> bool:
    try:
        text.encode(encoding)
        return True
    except UnicodeEncodeError:
        return False


def test_ingest_events_export_summary(tmp_path):
    art = tmp_path / "szwecja.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    db = tmp_path / "k.duckdb"
    first = kronika("ingest", art, "--db", db)
    assert first.returncode == 0, first.stderr.decode()
    assert b"stored 1 new document(s)" in first.stderr
    again = kronika("ingest", art, "--db", db)
    assert b"stored 0 new document(s)" in again.stderr and b"1 already there" in again.stderr
    exported = kronika("export", "--db", db, "--format", "jsonl")
    assert exported.returncode == 0
    assert len(records(exported.stdout)) == 1
    assert kronika("events", "--db", db, "--format", "json").returncode == 0
    summ = kronika("summary", "--db", db)
    assert summ.returncode == 0 and b"1" in summ.stdout


def test_export_parquet_needs_an_output_file(tmp_path):
    db = tmp_path / "k.duckdb"
    art = tmp_path / "a.txt"
    art.write_text(ARTICLE, encoding="utf-8")
    kronika("ingest", art, "--db", db)
    res = kronika("export", "--db", db, "--format", "parquet")
    assert res.returncode == 2 and b"-o" in res.stderr


def test_version():
    res = kronika("--version")
    assert res.returncode == 0 and res.stdout.decode().startswith("kronika ")


def test_every_command_is_documented_in_the_readme():
    from kronika.cli import app

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    names = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert len(names) >= 7
    for name in names:
        assert f"kronika {name}" in readme, f"README does not document `kronika {name}`"


def test_extract_in_two_processes_gives_the_same_records_in_the_same_order(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('not json\n{"id": "x", "text": "Premier Polski Donald Tusk spotkał się w Berlinie z kanclerzem '
                   'Niemiec."}\n', encoding="utf-8")
    inputs = [str(ROOT / "examples" / "articles"), str(bad)]
    one = kronika("extract", *inputs)
    two = kronika("extract", "-j", "2", *inputs)
    assert one.returncode == two.returncode == 1  # the malformed line is reported by both, the rest carries on
    assert records(one.stdout) == records(two.stdout) and len(records(two.stdout)) == 16
    assert b"line 1: malformed JSON" in two.stderr and b"16 document(s) read, 1 input(s) failed" in two.stderr


def test_ingest_in_two_processes_stores_every_document(tmp_path):
    db = tmp_path / "s.duckdb"
    res = kronika("ingest", "--workers", "2", "--db", db, ROOT / "examples" / "articles")
    assert res.returncode == 0, res.stderr.decode()
    assert b"stored 15 new document(s)" in res.stderr
