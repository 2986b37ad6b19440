"""Component benchmarks and corpus readers, on tiny self-written files (and the shared data when present)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronika.lang.pl.corpora import parse_brat, read_conllu, read_iob, read_polem, read_poleval, read_text
from kronika.lang.pl.evaluation import eval_lemmas, eval_ner, eval_tagger, poleval_counts
from kronika.lang.pl.ner import load_model as load_ner
from kronika.lang.pl.tagger import load_model as load_tagger

from tests.lang.pl.test_training import CONLLU, IOB

TEXT = "Donald Tusk spotkał się w Brukseli z Ursulą von der Leyen."
BRAT = ("T1\tpersName 0 11\tDonald Tusk\nT2\tpersName_forename 0 6\tDonald\nT3\tpersName_surname 7 11\tTusk\n"
        "T4\tplaceName_settlement 26 34\tBrukseli\nA1\tderivType_x T4 relAdj\nT5\tpersName 37 58\tUrsulą von der Leyen\n")


def _poleval(tmp_path: Path, answers: int = 1) -> Path:
    q = {"input": {"fileContent": TEXT, "fname": "/a/b/c/PCC/short/Dzienniki/1.txt"},
         "answers": [{"created": f"2018-07-0{k + 1}T10:00:00", "data": {"brat": BRAT}} for k in range(answers)]}
    path = tmp_path / "gold.json"
    path.write_text(json.dumps({"questions": [q]}, ensure_ascii=False), "utf-8")
    return path


def test_parse_brat_splits_fragments_and_skips_derivations():
    spans = parse_brat(BRAT + "T6\tgeogName 1 3;5 8\tx y\n")
    assert ("persName", 0, 11) in spans and ("geogName", 1, 3) in spans and ("geogName", 5, 8) in spans
    assert not any("derivType" in c for c, _, _ in spans)


def test_poleval_counts_like_the_official_scorer():
    gold = [("persName", 0, 11), ("placeName_settlement", 26, 34)]
    pred = [("persName", 0, 6), ("placeName_settlement", 26, 34), ("orgName", 40, 45)]
    ex_tp, ex_fp, ex_fn, ov_tp, ov_fp, ov_fn = poleval_counts(gold, pred)
    assert (ex_tp, ex_fp, ex_fn) == (1, 2, 1)
    assert (ov_tp, ov_fp, ov_fn) == (2, 1, 0)
    # touching intervals count as overlapping (closed intervals, as in the official script)
    assert poleval_counts([("geogName", 0, 5)], [("geogName", 5, 9)])[3] == 1
    assert poleval_counts([("geogName", 0, 5)], [("orgName", 0, 5)])[3] == 0


def test_read_poleval(tmp_path):
    docs = read_poleval(_poleval(tmp_path, answers=2))
    assert docs[0].id == "PCC/short/Dzienniki/1.txt" and docs[0].answers == 2
    assert ("placeName_settlement", 26, 34) in docs[0].spans


@pytest.mark.skipif(load_ner() is None, reason="no NER model shipped")
def test_eval_ner_prints_the_final_score_last(tmp_path):
    lines = eval_ner(_poleval(tmp_path))
    assert lines[-1].startswith("Final score: ")
    assert float(lines[-1].split()[-1]) > 0.5
    assert lines[0].startswith("documents: 1 (1 scored")


def test_read_iob_and_conllu(tmp_path):
    iob = tmp_path / "x.iob"
    iob.write_text(IOB, "utf-8")
    sents = list(read_iob(iob))
    assert len(sents) == 2 and sents[0].doc == "doc1"
    assert sents[0].tokens[1].label == "I-persName#B-persName-surname"
    conllu = tmp_path / "x.conllu"
    conllu.write_text(CONLLU + "# sent_id = t3\n1-2\tzrobiłbym\t_\t_\t_\t_\t_\t_\t_\t_\n"
                      "1\tzrobił\tzrobić\tVERB\tpraet:sg:m1:perf\tAspect=Perf\t0\troot\t_\t_\n"
                      "2\tbym\tby\tAUX\tqub\t_\t1\taux\t_\t_\n", "utf-8")
    s = list(read_conllu(conllu))
    assert [t.form for t in s[2].tokens] == ["zrobiłbym"] and s[2].tokens[0].lemma == "zrobić"
    assert s[0].tokens[3].case == "Gen" and s[0].tokens[3].space_after is False


@pytest.mark.skipif(load_tagger() is None, reason="no tagger model shipped")
def test_eval_tagger_and_lemmas(tmp_path):
    conllu = tmp_path / "x.conllu"
    conllu.write_text(CONLLU, "utf-8")
    lines = eval_tagger(conllu)
    assert lines[-1].startswith("lemma accuracy: ")
    assert float(lines[-1].split()[2]) >= 0.8
    tsv = tmp_path / "x.tsv"
    tsv.write_text("Korea Północna\tKoreę Północną\tx x\tsubst adj\tTrue True\tnam_loc_gpe_country\t\n"
                   "Warszawa\tWarszawy\tx\tsubst\tTrue\tnam_loc_gpe_city\t\n", "utf-8")
    assert read_polem(tsv)[0].tokens == ["Koreę", "Północną"]
    lines = eval_lemmas(tsv)
    assert lines[-1] == "base forms exact: 1.0000"


def test_polem_rows_are_spaced_by_their_space_after_flags(tmp_path):
    from kronika.lang.pl.evaluation import _tokens_of

    tsv = tmp_path / "x.tsv"
    tsv.write_text("park im. Jana Pawła\tPark im . Jana Pawła\tx x x x x\tsubst brev interp subst subst\t"
                   "True False True True True\tnam_fac_park\t\n"
                   "Kraków - Zakopane\tKraków - Zakopane\tx x x\tsubst interp subst\tTrue True True\tnam_x\t\n"
                   "al. Róż\tal. Róż\tx x\tbrev subst\tFalse True True\tnam_x\t\n", "utf-8")
    park, road, street = read_polem(tsv)
    assert park.text == "Park im. Jana Pawła"  # no space after "im": the flag says so
    assert road.text == "Kraków - Zakopane"  # a spaced dash stays spaced
    assert street.text == "al. Róż"  # flags of other tokens than the orth's: the orth is the text as written

    def written(words, flags=None):
        toks = _tokens_of(words, flags)
        return "".join(t.text + " " * t.space_after for t in toks)

    assert written(["Kraków", "-", "Zakopane"], [True, True, True]) == "Kraków - Zakopane"
    assert written(["Bielsko", "-", "Biała"], [False, False, True]) == "Bielsko-Biała"
    # a row whose flags are all False has lost its spacing: the rule (no space around a hyphen, before a dot)
    assert written(["Bielsko", "-", "Biała", "Sp", ".", "z"], [False] * 6) == "Bielsko-Biała Sp. z"
    assert written(["ds", ".", "Ukrainy"], [True, True, True]) == "ds. Ukrainy"  # never before a closing dot


def test_read_text_of_a_7z_archive(tmp_path):
    py7zr = pytest.importorskip("py7zr")
    src = tmp_path / "a.txt"
    src.write_text("zażółć gęślą jaźń", "utf-8")
    arch = tmp_path / "a.txt.7z"
    with py7zr.SevenZipFile(arch, "w") as z:
        z.write(src, "a.txt")
    assert read_text(arch) == "zażółć gęślą jaźń"


def test_shared_ud_files_read(shared):
    path = shared / "data" / "ud-polish" / "pl_pud-ud-test.conllu"
    if not path.is_file():
        pytest.skip("UD Polish not present")
    sents = list(read_conllu(path))
    assert len(sents) == 1000 and all(s.tokens for s in sents)
