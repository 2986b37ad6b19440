"""Cutting a text into marked segments: nothing lost, overlaps and crossings handled."""
from __future__ import annotations

from kronika.web.markup import Mark, document_marks, segments
from tests.web.records import TEXT_KIM_PUTIN, record_kim_putin


def test_segments_rebuild_the_text_and_nest_marks():
    text = "abcdefghij"
    segs = segments(text, [Mark(0, 6, "quote"), Mark(2, 4, "ent", label="PER"), Mark(3, 8, "trigger", label="X")])
    assert "".join(s.text for s in segs) == text
    assert [s.text for s in segs] == ["ab", "c", "d", "ef", "gh", "ij"]
    assert [[m.kind for m in s.marks] for s in segs] == [
        ["quote"], ["quote", "ent"], ["quote", "ent", "trigger"], ["quote", "trigger"], ["trigger"], []]
    assert [[m.label for m in s.closing] for s in segs] == [[], [], ["PER"], [], ["X"], []]


def test_segments_clip_to_an_excerpt_and_drop_empty_marks():
    segs = segments("cdef", [Mark(0, 3, "ent"), Mark(5, 5, "timex"), Mark(None, 2, "x"), Mark(5, 9, "quote")], offset=2)
    assert [(s.text, [m.kind for m in s.marks]) for s in segs] == [("c", ["ent"]), ("de", []), ("f", ["quote"])]


def test_document_marks_cover_every_layer():
    record = record_kim_putin()
    kinds = [m.kind for m in document_marks(record)]
    assert kinds.count("ent") == 9 and kinds.count("quote") == 1 and kinds.count("timex") == 1
    assert kinds.count("trigger") == 2
    segs = segments(TEXT_KIM_PUTIN, document_marks(record))
    assert "".join(s.text for s in segs) == TEXT_KIM_PUTIN
