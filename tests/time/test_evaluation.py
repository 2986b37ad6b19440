"""The KPWr TIMEX3 evaluation: the convention mapping on sentences of our own; the KPWr data parts skip when
../shared is absent."""
from __future__ import annotations

import pytest

from kronika.time.evaluation import (GoldTimex, TimexScore, kpwr_convention, read_ccl, score_document,
                                     split_files)
from tests.time.helpers import analyse


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


def test_eval_timex_reports_raw_and_mapped_figures(kpwr):
    from kronika.time.evaluation import eval_timex

    lines = eval_timex(kpwr, "tune")
    assert lines[-1].startswith("timex tune: raw: extent F1 strict")
    assert "kpwr: extent F1 strict" in lines[-1]
    raw_relaxed = float(lines[2].split("F1")[1])
    assert raw_relaxed > 0.5


def _texts(timexes: list[dict]) -> list[tuple[str, str, str]]:
    return [(t["text"], t["type"], t["value"]) for t in timexes]


def test_kpwr_convention_drops_vague_references_and_keeps_the_document_untouched():
    doc = analyse("Obecnie rozmowy trwają, a wkrótce delegacje wrócą do Genewy; wtedy zapadnie decyzja.")
    assert {t["rule"] for t in doc.timexes} >= {"now", "soon", "then"}
    assert kpwr_convention(doc) == []
    assert len(doc.timexes) >= 3


def test_kpwr_convention_splits_a_year_range_into_two_dates():
    doc = analyse("W latach 1990–2006 Estonia przeszła długą drogę do NATO, podobnie Łotwa w latach 1991-94.")
    mapped = _texts(kpwr_convention(doc))
    assert ("1990", "DATE", "1990") in mapped and ("2006", "DATE", "2006") in mapped
    assert ("1991", "DATE", "1991") in mapped and ("94", "DATE", "1994") in mapped
    assert all(t["type"] != "DURATION" for t in kpwr_convention(doc))


def test_kpwr_convention_cuts_units_ago_and_ahead_to_a_duration():
    doc = analyse("Dwa tygodnie temu Izrael wznowił ostrzał, a za trzy dni do Kairu przyleci mediator.")
    mapped = _texts(kpwr_convention(doc))
    assert ("Dwa tygodnie", "DURATION", "P2W") in mapped
    assert ("za trzy dni", "DURATION", "P3D") in mapped
    assert _texts(doc.timexes)[0][1] == "DATE"  # kronika's own convention is unchanged


def test_score_document_counts_the_mapped_year_range_as_two_strict_matches():
    text = "W latach 1990–2006 Estonia przeszła długą drogę do NATO."
    doc = analyse(text)
    s = text.index("1990")
    gold = [GoldTimex(s, s + 4, "1990", "DATE", "1990"), GoldTimex(s + 5, s + 9, "2006", "DATE", "2006")]
    raw, mapped = TimexScore(), TimexScore()
    score_document(doc, gold, raw, "raw")
    score_document(doc, gold, mapped, "kpwr")
    assert raw.strict_tp == 0
    assert mapped.strict_tp == 2 and mapped.value_ok == 2 and mapped.n_pred == 2
    with pytest.raises(ValueError):
        score_document(doc, gold, TimexScore(), "timeml")
