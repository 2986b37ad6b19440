"""The pipeline keeps the garbage collector off its long-lived heap (`HeapFreezer`) without leaking cycles."""
from __future__ import annotations

import gc
import weakref

import pytest

from kronika.pipeline import HeapFreezer, Pipeline


class _Cycle:
    def __init__(self):
        self.me = self


@pytest.fixture
def clean_gc():
    was = gc.isenabled()
    gc.enable()
    gc.unfreeze()
    yield
    gc.unfreeze()
    if not was:
        gc.disable()


def test_objects_alive_after_a_document_are_frozen(clean_gc):
    freezer = HeapFreezer(freeze_every=4, collect_every=100)
    keep = [_Cycle() for _ in range(10)]
    freezer.after_document()  # the first document: freeze
    assert gc.get_freeze_count() > 0
    assert all(k.me is k for k in keep)


def test_frozen_cyclic_garbage_is_collected_at_the_next_round(clean_gc):
    freezer = HeapFreezer(freeze_every=4, collect_every=8)
    held = _Cycle()
    ref = weakref.ref(held)
    freezer.after_document()  # frozen while still held (the caller's last document)
    del held
    gc.collect()
    assert ref() is not None  # frozen: the collector does not see it
    for _ in range(7):
        freezer.after_document()  # the 8th document: unfreeze, collect, freeze again
    assert ref() is None


def test_unfrozen_cyclic_garbage_is_collected_when_freezing(clean_gc):
    freezer = HeapFreezer(freeze_every=4, collect_every=100)
    freezer.after_document()
    held = _Cycle()
    ref = weakref.ref(held)
    del held
    for _ in range(4):  # the 5th document freezes again, after collecting what is not frozen
        freezer.after_document()
    assert ref() is None


def test_nothing_happens_while_the_collector_is_disabled(clean_gc):
    gc.disable()
    freezer = HeapFreezer()
    freezer.after_document()
    assert gc.get_freeze_count() == 0 and freezer.documents == 0


def test_a_pipeline_can_leave_the_collector_alone(clean_gc):
    calls = []

    class Stage:
        name = "s"
        assigns = ()

        def __call__(self, doc):
            calls.append(doc)

    from kronika.ingest.document import Document

    plain = Pipeline({"pl": [Stage()]}, manage_gc=False)
    plain(Document(text="Ala ma kota.", source="t", lang="pl"))
    assert gc.get_freeze_count() == 0 and len(calls) == 1
    managed = Pipeline({"pl": [Stage()]})
    managed(Document(text="Ala ma kota.", source="t", lang="pl"))
    assert gc.get_freeze_count() > 0 and managed.heap.documents == 1
