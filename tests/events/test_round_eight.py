"""Round eight: a content-word companion outranks a bare preposition; role heads match case-insensitively."""
from __future__ import annotations

from tests.events.helpers import code, events_of, keys


def test_summoned_ambassador_is_accuse_not_request() -> None:
    """'wezwany do' must not beat 'wezwany ambasador': the role noun is the more specific companion."""
    doc = code("Ambasador Iranu został wezwany do niemieckiego MSZ po egzekucji obywatela Niemiec.")
    assert not events_of(doc, "REQUEST")
    acc = events_of(doc, "ACCUSE")
    assert len(acc) == 1
    assert acc[0]["rules"][0] == "wezwac_ambasadora"
    assert keys(doc, acc[0]["actor"]) == {"DEU"}
    assert keys(doc, acc[0]["recipient"]) == {"IRN"}


def test_acronym_role_head_with_genitive_country_is_actor() -> None:
    """'MSZ Czech' acts for Czechia although the analyser keeps the acronym's lemma upper-case."""
    doc = code("MSZ Czech ponownie wezwało ambasadora Rosji w sprawie cyberataku na koleje.")
    acc = events_of(doc, "ACCUSE")
    assert len(acc) == 1
    assert keys(doc, acc[0]["actor"]) == {"CZE"}
    assert keys(doc, acc[0]["recipient"]) == {"RUS"}
