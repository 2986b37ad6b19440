"""Objects to columns and back (kronika.store.layout)."""
from __future__ import annotations

import json

import pytest

from kronika.store.layout import EVENT, TIMEX, decode_path, encode_path


@pytest.mark.parametrize("path", [("a",), ("evidence", "trigger", "start"), ("a.b",), ("x~1", "y.z~")])
def test_paths_round_trip(path):
    assert decode_path(encode_path(path)) == path


def test_event_columns_and_extras():
    event = {
        "id": "v7", "event": "AID", "actor": ["e1"], "recipient": [], "attribution": [],
        "location": {"name": "Rzeszów", "country": "POL", "admin1": "Podkarpackie"},
        "evidence": {"start": 3, "end": 40, "trigger": {"start": 10, "end": 18, "text": "przekazał", "lemma": "przekazać"}},
        "status": "asserted", "note": "hand-checked",
    }
    cols, children = EVENT.split(event)
    assert cols["event_id"] == "v7" and cols["location_name"] == "Rzeszów" and cols["location_country"] == "POL"
    assert cols["evidence_start"] == 3 and cols["trigger_end"] == 18 and cols["trigger_text"] == "przekazał"
    assert json.loads(cols["extra"]) == {"location.admin1": "Podkarpackie", "evidence.trigger.lemma": "przekazać",
                                         "note": "hand-checked"}
    assert children == {"actor": ["e1"], "recipient": [], "attribution": []}
    assert "date" not in cols  # absent keys have no value, not a null

    rebuilt = EVENT.rebuild(cols, lambda key: children[key])
    assert rebuilt == event
    assert list(rebuilt) == list(event)  # key order kept
    assert list(rebuilt["evidence"]["trigger"]) == list(event["evidence"]["trigger"])


def test_null_and_missing_stay_apart():
    with_null = {"start": 0, "end": 5, "text": "teraz", "type": "DATE", "value": None}
    cols, _ = TIMEX.split(with_null)
    assert cols["extra"] is None
    assert TIMEX.rebuild(cols) == with_null
    null_location = {"id": "v1", "location": None}
    cols, _ = EVENT.split(null_location)
    assert EVENT.rebuild(cols, lambda k: []) == null_location
    assert EVENT.rebuild(EVENT.split({"id": "v1"})[0], lambda k: []) == {"id": "v1"}


def test_not_an_object_is_refused():
    with pytest.raises(TypeError):
        EVENT.split(["v1"])  # type: ignore[arg-type]
