"""`Pipeline.warm_up` lets stages load their models before the first document (`kronika bench` counts it as
set-up time)."""
from __future__ import annotations

import pytest

from kronika.pipeline import Pipeline
from kronika.lang.pl.tagger import Disambiguation, load_model


class _Loads:
    name = "loads"

    def __init__(self, calls: list[str]):
        self.calls = calls

    def warm_up(self) -> None:
        self.calls.append("loaded")

    def __call__(self, doc) -> None:
        self.calls.append("ran")


class _Plain:
    name = "plain"

    def __call__(self, doc) -> None:
        raise AssertionError("warm_up must not run a stage")


def test_warm_up_calls_every_stage_that_has_one_and_runs_none():
    calls: list[str] = []
    Pipeline({"pl": [_Plain(), _Loads(calls)], "en": [_Loads(calls)]}).warm_up()
    assert calls == ["loaded", "loaded"]


def test_the_tagger_stage_builds_its_tables_when_warmed_up():
    model = load_model()
    if model is None:
        pytest.skip("no shipped tagger model")
    model._store = None  # as after loading
    Disambiguation().warm_up()
    assert model._store is not None and "Tak" in model._store.form_slots
