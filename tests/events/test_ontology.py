from __future__ import annotations

from kronika.events.ontology import ontology

# SPEC.md / ONTOLOGY.md: quad class and default score of every PLOVER category
EXPECTED = {
    "AGREE": (1, 2.5), "CONSULT": (1, 2.5), "SUPPORT": (1, 5), "CONCEDE": (1, 4.5),
    "COOPERATE": (2, 9.5), "AID": (2, 10), "RETREAT": (2, 6.5),
    "REQUEST": (3, 0), "ACCUSE": (3, -3), "REJECT": (3, -2), "THREATEN": (3, -3.5),
    "PROTEST": (4, -5), "SANCTION": (4, -6), "MOBILIZE": (4, -5.5), "COERCE": (4, -7), "ASSAULT": (4, -9),
}


def test_categories_quads_and_scores_follow_the_ontology():
    onto = ontology()
    assert set(onto.categories) == set(EXPECTED)
    for name, (quad, score) in EXPECTED.items():
        assert onto.quad(name) == quad, name
        assert onto.score(name) == score, name


def test_mode_scores_and_cameo_codes():
    onto = ontology()
    assert onto.score("CONSULT", ["visit"]) == 4
    assert onto.score("CONSULT", ["phone"]) == 1.5
    assert onto.score("ACCUSE", ["allege"]) == -3.5
    assert onto.score("RETREAT", ["disarm"]) == 10
    assert onto.score("COERCE", ["arrest"]) == -7  # no mode score: the category's
    assert onto.cameo("CONSULT") == "040"
    assert onto.cameo("CONSULT", ["visit"]) == "042"
    assert onto.cameo("ASSAULT", ["unknown-mode"]) == "180"


def test_cameo_roots_match_the_quad_classes():
    onto = ontology()
    for cat in onto.categories.values():
        root = int(cat.cameo[:2])
        allowed = {1: {3, 4, 5, 8}, 2: {6, 7, 8}, 3: {2, 9, 10, 11, 12, 13}, 4: set(range(14, 21))}
        assert root in allowed[cat.quad], cat.name
        for mode in cat.modes.values():
            assert mode.cameo and mode.cameo.isdigit(), (cat.name, mode.name)


def test_contexts_include_the_plover_list():
    assert {"military", "diplomatic", "economic", "cbrn", "migration"} <= ontology().contexts
