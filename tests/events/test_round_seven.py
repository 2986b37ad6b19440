"""Round seven: a break of relations names its partner with "z" + instrumental, and a time phrase
("po południu") does not swallow the subject after it as its genitive attribute."""
from __future__ import annotations

from .helpers import code, events_of, keys


def _only(doc, category: str) -> dict:
    found = events_of(doc, category)
    assert len(found) == 1, [(e["event"], e["actor"], e["recipient"], e["rules"]) for e in doc.events]
    return found[0]


def test_breaking_relations_with_a_country_in_the_instrumental_is_a_sanction_against_it():
    doc = code("Wilno ogłosiło zerwanie stosunków dyplomatycznych z Mińskiem.")
    ev = _only(doc, "SANCTION")
    assert keys(doc, ev["actor"]) == {"LTU"}
    assert keys(doc, ev["recipient"]) == {"BLR"}
    assert "recipient:z+inst" in ev["rules"]


def test_subject_after_po_poludniu_is_the_actor():
    doc = code("Po południu Tbilisi ogłosiło zerwanie stosunków dyplomatycznych z Moskwą.")
    ev = _only(doc, "SANCTION")
    assert keys(doc, ev["actor"]) == {"GEO"}
    assert keys(doc, ev["recipient"]) == {"RUS"}
