"""The KPWr TIMEX3 evaluation; skips when ../shared is absent."""
from __future__ import annotations

import pytest

from kronika.time.evaluation import read_ccl, split_files


@pytest.fixture(scope="module")
def kpwr(shared):
    path = shared / "data" / "kpwr-timex"
    if not path.is_dir():
        pytest.skip("kpwr-timex not present")
    return path


def test_gold_spans_point_into_the_rebuilt_text(kpwr):
    files = split_files(kpwr, "tune")
    assert files
    n = 0
    for path in files[:20]:
        text, gold = read_ccl(path)
        for g in gold:
            assert text[g.start:g.end] == g.text and g.text.strip() == g.text
            assert g.type in {"DATE", "TIME", "DURATION", "SET"}
            n += 1
    assert n > 0


def test_eval_timex_reports_a_headline(kpwr):
    from kronika.time.evaluation import eval_timex

    lines = eval_timex(kpwr, "tune")
    assert lines[-1].startswith("timex tune: extent F1 strict")
    relaxed_f1 = float(lines[2].split("F1")[1])
    assert relaxed_f1 > 0.5
