"""The seed article through the full pipeline: its three gold timexes."""
from __future__ import annotations

from kronika.ingest import read_inputs
from kronika.pipeline import default_pipeline


def test_seed_timexes(seed_txt):
    doc = next(d for d in read_inputs([str(seed_txt)]) if hasattr(d, "timexes"))
    default_pipeline()(doc)
    by_text = {t["text"]: t for t in doc.timexes}
    assert by_text["we wtorek"]["value"] == "2023-08-15"
    assert by_text["Pod koniec lipca"]["value"] == "2023-07"
    assert by_text["18 sierpnia"]["value"] == "2023-08-18"
    for t in doc.timexes:
        assert doc.text[t["start"]:t["end"]] == t["text"]
