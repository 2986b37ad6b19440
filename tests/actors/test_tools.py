"""`kronika kb check` and `kronika kb who`, run as real processes."""
from __future__ import annotations

import subprocess
import sys


def kb(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kronika", "kb", *args], capture_output=True, text=True, timeout=300)


def test_kb_check_passes_on_the_shipped_data_and_counts_it():
    res = kb("check")
    assert res.returncode == 0, res.stderr
    assert "0 problem(s)" in res.stdout
    persons = next(line for line in res.stdout.splitlines() if line.startswith("persons"))
    assert int(persons.split()[1]) > 300


def test_kb_check_fails_on_overlapping_terms(tmp_path, monkeypatch):
    import shutil
    from pathlib import Path

    import kronika.actors
    from kronika.actors import tools
    from kronika.actors.kb import load_kb_from

    data = Path(kronika.actors.__file__).parent / "data"
    copy = tmp_path / "data"
    shutil.copytree(data, copy)
    extra = copy / "persons" / "zz-test.yaml"
    extra.write_text(
        "- name: Ivan Testov\n"
        "  pl: [Iwan Testow]\n"
        "  gender: m\n"
        "  country: RUS\n"
        "  roles:\n"
        "  - {role: head_of_state, country: RUS, start: 2020-01-01, end: 2021-01-01}\n",
        encoding="utf-8",
    )
    assert tools.check(load_kb_from(data))[0] == []
    problems, _ = tools.check(load_kb_from(copy))
    assert any("Ivan Testov" in p for p in problems), problems


def test_kb_who_resolves_inflected_and_short_forms_as_of_a_date():
    res = kb("who", "Szojgu", "--date", "2023-08-01")
    assert res.returncode == 0
    assert "Sergei Shoigu" in res.stdout and "country RUS, sector MIL" in res.stdout
    later = kb("who", "Szojgu", "--date", "2025-03")
    assert "sector MIL" not in later.stdout
    assert "North Korea (PRK)" in kb("who", "Korei Północnej").stdout
    assert "Korean Central News Agency" in kb("who", "KCNA").stdout


def test_kb_who_says_when_nothing_matches():
    res = kb("who", "Xyzzy Qwerty")
    assert res.returncode == 1
    assert "nothing in the knowledge base" in res.stderr
