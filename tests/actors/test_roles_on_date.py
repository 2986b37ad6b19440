"""Dated roles: who held which office on a date given at day, month or year precision."""
from __future__ import annotations

import pytest

from kronika.actors.dates import parse_partial_date
from kronika.actors.kb import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def _roles(kb, person_id: str, date: str) -> set[tuple[str, str, str]]:
    return {(r.role, r.country, r.sector) for r in kb.person_roles_on(person_id, date)}


def test_shoigu_is_russian_defence_minister_in_august_2023(kb):
    assert ("defence_minister", "RUS", "MIL") in _roles(kb, "sergei-shoigu", "2023-08")


def test_shoigu_is_not_minister_in_january_2025(kb):
    roles = _roles(kb, "sergei-shoigu", "2025-01")
    assert not any(role == "defence_minister" for role, _c, _s in roles)
    assert ("security_council_secretary", "RUS", "GOV") in roles


def test_shoigu_month_of_the_handover_has_both_roles(kb):
    roles = {r for r, _c, _s in _roles(kb, "sergei-shoigu", "2024-05")}
    assert roles == {"defence_minister", "security_council_secretary"}
    assert {r for r, _c, _s in _roles(kb, "sergei-shoigu", "2024-06")} == {"security_council_secretary"}


def test_putin_is_russian_head_of_state_in_august_2023(kb):
    assert ("head_of_state", "RUS", "GOV") in _roles(kb, "vladimir-putin", "2023-08")
    assert ("head_of_state", "RUS", "GOV") in _roles(kb, "vladimir-putin", "2023-08-15")


def test_putin_was_prime_minister_not_president_in_2010(kb):
    assert _roles(kb, "vladimir-putin", "2010") == {("head_of_government", "RUS", "GOV")}


def test_zelenskyy_before_and_after_his_election(kb):
    assert _roles(kb, "volodymyr-zelenskyy", "2018-01") == set()
    assert ("head_of_state", "UKR", "GOV") in _roles(kb, "volodymyr-zelenskyy", "2020-01")


def test_year_precision_overlaps_any_day_of_the_year(kb):
    # Poroshenko left office on 20 May 2019: he is in office "in 2019" but not on 2019-06-01
    assert ("head_of_state", "UKR", "GOV") in _roles(kb, "petro-poroshenko", "2019")
    assert ("head_of_state", "UKR", "GOV") not in _roles(kb, "petro-poroshenko", "2019-06-01")


def test_holders_on_a_date(kb):
    assert [p.name for p in kb.holders_on("head_of_state", "USA", "2022-03-01")] == ["Joe Biden"]
    assert [p.name for p in kb.holders_on("defence_minister", "RUS", "2025-01-10")] == ["Andrey Belousov"]
    assert [p.name for p in kb.holders_on("foreign_minister", "UKR", "2023-06")] == ["Dmytro Kuleba"]
    assert [p.name for p in kb.holders_on("secretary_general", "NATO", "2025-06")] == ["Mark Rutte"]
    assert [p.name for p in kb.holders_on("head_of_government", "POL", "2024-01")] == ["Donald Tusk"]


def test_a_person_can_be_found_by_object_or_id(kb):
    person = kb.person("kim-jong-un")
    assert person is not None and person.wikidata == "Q56226"
    assert kb.person_roles_on(person, "2023-08") == kb.person_roles_on("kim-jong-un", "2023-08")


def test_defence_ministers_are_mil_and_igo_leaders_are_igo(kb):
    for person in kb.persons.values():
        for role in person.roles:
            if role.role == "defence_minister":
                assert role.sector == "MIL", person.name
            if role.country in kb.igo_codes:
                assert role.sector == "IGO", person.name


@pytest.mark.parametrize("value,first,last", [
    ("2023", "2023-01-01", "2023-12-31"),
    ("2024-02", "2024-02-01", "2024-02-29"),
    ("2023-08-15", "2023-08-15", "2023-08-15"),
])
def test_partial_dates_denote_day_ranges(value, first, last):
    d = parse_partial_date(value)
    assert (d.first.isoformat(), d.last.isoformat()) == (first, last)


@pytest.mark.parametrize("bad", ["2023-13", "2023-02-30", "23-08", "2023/08", "", "August 2023"])
def test_malformed_partial_dates_are_refused(bad):
    with pytest.raises(ValueError):
        parse_partial_date(bad)
