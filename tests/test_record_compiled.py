"""The compiled schema check of `kronika.record` accepts only what jsonschema accepts."""
from __future__ import annotations

import copy
import random

import pytest

from kronika.ingest.document import document_id
from kronika.record import InvalidRecord, Unsupported, _validator, compile_check, schema, validate

TEXT = "Ministrowie obu państw podpisali w czwartek umowę o współpracy."


def _record() -> dict:
    return {
        "doc": {"id": document_id(TEXT), "source": "umowa.txt", "lang": "pl", "title": None,
                "date": {"value": "2024-03-07", "precision": "day"}},
        "entities": [{"id": "e1", "name": "Polska", "type": "country", "country": "POL", "wikidata": "Q36",
                      "mentions": [{"start": 0, "end": 11, "text": "Ministrowie"}]}],
        "events": [{"id": "v1", "event": "AGREE", "actor": ["e1"], "recipient": [], "date": "2024-03-07",
                    "precision": "day", "status": "asserted", "attribution": [], "quad_code": 1,
                    "confidence": 0.5, "event_scale": 2,
                    "evidence": {"start": 0, "end": 63, "trigger": {"start": 22, "end": 31}}}],
        "quotes": [{"id": "q1", "speaker": "e1", "kind": "indirect", "text": "umowę", "start": 41, "end": 46}],
        "timexes": [{"start": 32, "end": 41, "text": "czwartek", "type": "DATE", "value": "2024-03-07"}],
    }


# values of every JSON type and a few edge cases, to put anywhere in a record
ODD = [None, True, False, 0, 1, -1, 1.0, 1.5, -0.5, 2, 5, "", "x", "day", "AGREE", "Q12", "Qx", "sha256:00",
       [], ["a"], [1], {}, {"start": 1}, {"start": 0, "end": 1}]


def _paths(node, path=()):
    yield path
    if isinstance(node, dict):
        for k, v in node.items():
            yield from _paths(v, path + (k,))
    elif isinstance(node, list):
        for k, v in enumerate(node):
            yield from _paths(v, path + (k,))


def _mutate(rec: dict, rng: random.Random) -> dict:
    rec = copy.deepcopy(rec)
    path = rng.choice([p for p in _paths(rec) if p])
    parent = rec
    for k in path[:-1]:
        parent = parent[k]
    action = rng.random()
    if action < 0.2 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action < 0.3 and isinstance(parent, dict):
        parent["extra_" + str(rng.randrange(3))] = rng.choice(ODD)
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(ODD))
    return rec


def test_the_shipped_schema_compiles_and_the_sample_is_valid():
    check = compile_check(schema())
    assert check(_record())
    assert not list(_validator().iter_errors(_record()))


def test_compiled_check_agrees_with_jsonschema_on_mutated_records():
    check = compile_check(schema())
    rng = random.Random(7)
    rejected = 0
    for _ in range(3000):
        rec = _mutate(_record(), rng)
        if rng.random() < 0.5:
            rec = _mutate(rec, rng)
        expected = not list(_validator().iter_errors(rec))
        assert check(rec) == expected, rec
        rejected += not expected
    assert 300 < rejected < 2900  # both kinds were tried


def test_validate_still_reports_jsonschema_messages():
    rec = _record()
    rec["events"][0]["status"] = "rumoured"
    with pytest.raises(InvalidRecord, match="events/0/status"):
        validate(rec)


def test_unknown_keywords_are_left_to_jsonschema():
    with pytest.raises(Unsupported):
        compile_check({"type": "object", "properties": {"a": {"type": "string", "format": "date"}}})
    with pytest.raises(Unsupported):
        compile_check({"$ref": "https://example.org/other.json"})
    check = compile_check({"type": "object", "required": ["a"], "properties": {"a": {"enum": [1, None]}}})
    assert check({"a": 1}) and check({"a": 1.0}) and check({"a": None})
    assert not check({"a": True}) and not check({}) and not check([])
