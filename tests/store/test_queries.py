"""`Store.events`: every filter, the order, and the content of a row."""
from __future__ import annotations

import pytest

from kronika.store import InvalidQuery
from tests.store.records import record_a, record_b, record_c

A, B, C = (r()["doc"]["id"] for r in (record_a, record_b, record_c))

# Chronological order of all nine events: by the start of their date interval, then its end, then
# document id and place in the document; undated events last.
ALL = [(A, "v1"), (A, "v3"), (B, "v1"), (B, "v2"), (B, "v3"), (C, "v3"), (C, "v1")] + sorted(
    [(A, "v2"), (C, "v2")]
)


def keys(rows: list[dict]) -> list[tuple[str, str]]:
    return [(r["doc_id"], r["event_id"]) for r in rows]


def test_all_events_in_date_order_undated_last(store):
    assert keys(store.events(limit=None)) == ALL


def test_limit(store):
    assert keys(store.events(limit=2)) == ALL[:2]
    assert store.events(limit=0) == []
    assert len(store.events()) == 9  # default limit 100
    with pytest.raises(InvalidQuery):
        store.events(limit=-1)


def test_row_content(store):
    rows = {(r["doc_id"], r["event_id"]): r for r in store.events(limit=None)}
    v1 = rows[(A, "v1")]
    text = record_a()["doc"]["text"]
    assert v1["event"] == "CONSULT" and v1["mode"] == ["visit"] and v1["context"] == ["diplomatic"]
    assert v1["date"] == "2023-01-11" and v1["precision"] == "day" and v1["status"] == "asserted"
    assert v1["actor_names"] == ["Andrzej Duda"] and v1["recipient_names"] == ["Volodymyr Zelenskyy"]
    assert v1["actor_countries"] == ["POL"] and v1["recipient_countries"] == ["UKR"]
    assert v1["attribution_names"] == []
    assert v1["trigger"] == "spotkał się"
    assert v1["evidence"] == text[v1["evidence_start"]:v1["evidence_end"]]
    assert v1["evidence"].startswith("Prezydent Andrzej Duda spotkał się") and v1["evidence"].endswith("Zełenskim.")
    assert v1["source"] == "przyklady/duda-zelenski-lwow.txt"
    assert v1["title"] == "Duda i Zełenski rozmawiali we Lwowie o czołgach"
    assert v1["location_name"] == "Lviv" and v1["cameo"] == "042" and v1["quad_code"] == 1

    v3 = rows[(A, "v3")]
    assert v3["actor_names"] == ["Andrzej Duda", "Volodymyr Zelenskyy"]  # in record order
    assert v3["recipient_names"] == [] and v3["attribution_names"] == ["Ukrinform"]
    assert v3["mode"] == [] and v3["rules"] == []  # absent keys read as empty lists

    # evidence is cut by character (not byte) offsets: sentences after Polish diacritics and „quotes”
    c_text = record_c()["doc"]["text"]
    threat = rows[(C, "v2")]
    assert threat["evidence"] == "Moskwa zagroziła Unii „bolesnymi konsekwencjami”."
    assert threat["evidence"] == c_text[threat["evidence_start"]:threat["evidence_end"]]
    assert threat["date"] is None and threat["precision"] == "unknown"
    assert rows[(C, "v3")]["attribution_names"] == ["Politico"]
    assert rows[(B, "v3")]["recipient_names"] == ["mieszkańcy"]


def test_actor_is_a_case_insensitive_name_substring(store):
    assert keys(store.events(actor="zelensk")) == [(A, "v1"), (A, "v3")]
    assert keys(store.events(actor="ZELENSKYY")) == [(A, "v1"), (A, "v3")]
    assert keys(store.events(actor="kremlin")) == [(B, "v2")]
    assert keys(store.events(actor="european union")) == [(C, "v3"), (C, "v1"), (C, "v2")]


def test_actor_ignores_accents(store):
    assert keys(store.events(actor="mieszkancy")) == [(B, "v3")]


def test_actor_matches_a_country_code_of_actor_or_recipient(store):
    assert keys(store.events(actor="UKR")) == [(A, "v1"), (A, "v3"), (B, "v1"), (B, "v3"), (A, "v2")]
    assert keys(store.events(actor="hun")) == [(C, "v3")]


def test_actor_does_not_match_sources_in_the_attribution_chain(store):
    assert store.events(actor="Ukrinform") == []
    assert store.events(actor="Politico") == []


def test_country_is_an_exact_code(store):
    assert keys(store.events(country="RUS")) == [(B, "v1"), (B, "v2"), (C, "v1"), (C, "v2")]
    assert keys(store.events(country="rus")) == keys(store.events(country="RUS"))
    assert keys(store.events(country="EU")) == [(C, "v3"), (C, "v1"), (C, "v2")]
    assert store.events(country="RU") == []  # not a prefix match
    assert store.events(country="Russia") == []  # a code, not a name


def test_category_and_status(store):
    assert keys(store.events(category="consult")) == [(A, "v1"), (A, "v3")]
    assert keys(store.events(category="SANCTION")) == [(C, "v1")]
    assert keys(store.events(status="planned")) == [(A, "v2")]
    assert keys(store.events(status="Alleged")) == [(C, "v3")]
    assert store.events(status="denied") == []


def test_since_keeps_events_whose_interval_reaches_it(store):
    # 2023-05 (month) and 2023-05..2023-06 overlap "since 2023-05-15"; undated events never match
    assert keys(store.events(since="2023-05-15")) == [(B, "v1"), (B, "v2"), (B, "v3"), (C, "v3"), (C, "v1")]
    assert keys(store.events(since="2023-06")) == [(C, "v3"), (C, "v1")]
    assert keys(store.events(since="2023-06-24")) == [(C, "v3")]  # enddate 2023-06 reaches June's end
    assert store.events(since="2023-07") == []
    assert len(store.events(since="2023")) == 7


def test_until_keeps_events_whose_interval_starts_by_its_end(store):
    assert keys(store.events(until="2023-05-02")) == [(A, "v1"), (A, "v3"), (B, "v1"), (B, "v2"), (B, "v3"), (C, "v3")]
    assert keys(store.events(until="2023-04")) == [(A, "v1"), (A, "v3")]
    assert keys(store.events(until="2023-01-10")) == []
    assert len(store.events(until="2023")) == 7


def test_since_and_until_together(store):
    assert keys(store.events(since="2023-01-11", until="2023-01-11")) == [(A, "v1"), (A, "v3")]
    assert keys(store.events(since="2023-06-01", until="2023-06-22")) == [(C, "v3")]


def test_filters_combine(store):
    assert keys(store.events(country="UKR", category="CONSULT", since="2023-01")) == [(A, "v1"), (A, "v3")]
    assert keys(store.events(actor="russia", status="asserted", until="2023-05")) == [(B, "v1")]


@pytest.mark.parametrize("bad", ["last week", "2023-13", "2023-02-30", "23-01-01", "2023/01/01"])
def test_malformed_dates_are_refused(store, bad):
    with pytest.raises(InvalidQuery):
        store.events(since=bad)
    with pytest.raises(InvalidQuery):
        store.events(until=bad)


def test_filter_values_are_parameters_not_sql(store):
    assert store.events(actor="x' OR '1'='1") == []
    assert store.events(category="CONSULT' --") == []
    assert store.events(actor="%") == []  # no LIKE wildcards either
    assert store.counts()["events"] == 9


def test_a_record_without_text_has_no_evidence_text(db_path):
    from kronika.store import Store

    rec = record_b()
    del rec["doc"]["text"]
    with Store(db_path) as store:
        assert store.add(rec) is True
        rows = store.events()
        assert [r["evidence"] for r in rows] == [None, None, None]
        assert [r["trigger"] for r in rows] == ["atak rakietowy", "zaprzeczył", "wezwał"]  # stored trigger text
        assert store.record(rec["doc"]["id"]) == rec
