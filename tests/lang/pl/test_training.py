"""Training on tiny self-written corpora: the trainers run, write loadable models, and are reproducible."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from kronika.lang.pl.ner import load_model as load_ner
from kronika.lang.pl.tagger import load_model as load_tagger
from kronika.lang.pl.training import AveragedPerceptron, train_ner, train_tagger

CONLLU = """# sent_id = t1
# text = Wojska weszły do miasta.
1\tWojska\twojsko\tNOUN\tsubst:pl:nom:n\tCase=Nom|Gender=Neut|Number=Plur\t2\tnsubj\t_\t_
2\tweszły\twejść\tVERB\tpraet:pl:n:perf\tAspect=Perf\t0\troot\t_\t_
3\tdo\tdo\tADP\tprep:gen\tAdpType=Prep\t4\tcase\t_\t_
4\tmiasta\tmiasto\tNOUN\tsubst:sg:gen:n\tCase=Gen|Gender=Neut|Number=Sing\t2\tobl\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\tinterp\t_\t2\tpunct\t_\t_

# sent_id = t2
# text = Prezydent odwiedził Kijów.
1\tPrezydent\tprezydent\tNOUN\tsubst:sg:nom:m1\tCase=Nom|Gender=Masc|Number=Sing\t2\tnsubj\t_\t_
2\todwiedził\todwiedzić\tVERB\tpraet:sg:m1:perf\tAspect=Perf\t0\troot\t_\t_
3\tKijów\tKijów\tPROPN\tsubst:sg:acc:m3\tCase=Acc|Gender=Masc|Number=Sing\t2\tobj\t_\tSpaceAfter=No
4\t.\t.\tPUNCT\tinterp\t_\t2\tpunct\t_\t_

"""

IOB_SENTENCE = """Donald\tDonald\tsubst:sg:nom:m1\tB-persName#B-persName-forename
Tusk\tTusk\tsubst:sg:nom:m1\tI-persName#B-persName-surname
pojechał\tpojechać\tpraet:sg:m1:perf\tO
do\tdo\tprep:gen\tO
Brukseli\tBruksela\tsubst:sg:gen:f\tB-placeName-settlement
.\t.\tinterp\tO

"""

IOB = """-DOCSTART CONFIG FEATURES orth base ctag
-DOCSTART FILE doc1
""" + IOB_SENTENCE + """Komisja\tkomisja\tsubst:sg:nom:f\tB-orgName
Europejska\teuropejski\tadj:sg:nom:f:pos\tI-orgName
obradowała\tobradować\tpraet:sg:f:imperf\tO
w\tw\tprep:loc\tO
Brukseli\tBruksela\tsubst:sg:loc:f\tB-placeName-settlement
.\t.\tinterp\tO

"""


@pytest.fixture()
def corpora(tmp_path: Path) -> tuple[Path, Path]:
    conllu = tmp_path / "tiny.conllu"
    conllu.write_text(CONLLU * 6, "utf-8")
    iob = tmp_path / "tiny.iob"
    iob.write_text(IOB + "\n".join(IOB.split("\n")[2:]) * 6, "utf-8")
    return conllu, iob


def _sha(p: Path) -> str:
    return hashlib.sha256(p.read_bytes()).hexdigest()


def test_train_tagger_writes_a_loadable_reproducible_model(corpora, tmp_path):
    conllu, _ = corpora
    out1, out2 = tmp_path / "a.model", tmp_path / "b.model"
    lines = list(train_tagger([conllu], output=out1, seed=5, epochs=2))
    list(train_tagger([conllu], output=out2, seed=5, epochs=2))
    assert lines[-1].startswith("tagger: best epoch")
    model = load_tagger(out1)
    assert model.meta["seed"] == 5 and model.meta["training_sha256"] == _sha(conllu)
    assert model.upos["subst"] == "NOUN"
    assert _sha(out1) == _sha(out2)


def test_tagger_training_refuses_the_untagged_iob(corpora, tmp_path):
    _, iob = corpora
    with pytest.raises(ValueError, match="at least one CoNLL-U"):
        list(train_tagger([iob], output=tmp_path / "x.model"))


def test_train_ner_learns_the_tiny_corpus(corpora, tmp_path):
    _, iob = corpora
    out = tmp_path / "ner.model"
    lines = list(train_ner([iob], output=out, seed=3, epochs=3, min_count=1))
    assert "held-out span F1" in lines[-1]
    model = load_ner(out)
    assert "B-placeName-settlement" in model.labels
    assert model.meta["training_sha256"] == _sha(iob)


def test_averaged_perceptron_averages_over_time():
    p = AveragedPerceptron()
    p.tick()
    p.update("f", "A", 1.0)  # weight 1 from step 1 on
    for _ in range(3):
        p.tick()
    # steps 1..4 → weight 1 for 3 of 4 steps recorded (step 1 update happens at i=1)
    avg = p.averaged(scale=1000)
    assert 0 < avg["f"]["A"] <= 1.0
    p.update("f", "A", -1.0)
    assert p.weights["f"]["A"] == 0.0


def test_train_ner_structured_and_greedy_record_their_decoder(corpora, tmp_path):
    _, iob = corpora
    for decoder in ("viterbi", "greedy"):
        out = tmp_path / f"{decoder}.model"
        lines = list(train_ner([iob], output=out, seed=3, epochs=3, min_count=1, decoder=decoder))
        model = load_ner(out)
        assert model.meta["decoder"] == decoder
        assert float(lines[-1].rsplit(" ", 1)[1]) > 0.5  # the tiny corpus is learnt either way
