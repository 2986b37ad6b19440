"""The shipped knowledge base validates, and the validator catches the mistakes an editor can make."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from kronika.actors.kb import DATA, KBError, load_kb, load_kb_from, validate_kb


def test_shipped_kb_is_valid():
    problems = validate_kb(load_kb())
    assert problems == [], "\n".join(problems)


def test_kb_has_expected_size():
    kb = load_kb()
    assert len(kb.countries) >= 249
    assert len(kb.persons) >= 400
    assert len(kb.organizations) >= 150
    assert len(kb.roles) >= 150


@pytest.fixture()
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _append_person(data: Path, text: str) -> None:
    path = data / "persons" / "zz-test.yaml"
    path.write_text(text, encoding="utf-8")


def _problems(data: Path) -> list[str]:
    return validate_kb(load_kb_from(data))


def test_overlapping_presidents_are_reported(data_copy: Path):
    _append_person(data_copy, """
- name: Ivan Testov
  pl: [Iwan Testow]
  gender: m
  roles:
  - {role: head_of_state, country: RUS, start: 2020-01-01, end: 2021-01-01}
""")
    problems = _problems(data_copy)
    assert any("head_of_state of RUS" in p and "Ivan Testov" in p for p in problems)


def test_handover_day_and_acting_holders_are_not_overlaps(data_copy: Path):
    _append_person(data_copy, """
- name: Acting Testov
  pl: [Tymczasowy Testow]
  gender: m
  roles:
  - {role: head_of_state, country: RUS, start: 2020-01-01, end: 2020-02-01, acting: true}
- name: Handover Testov
  pl: [Testow]
  gender: m
  roles:
  - {role: head_of_state, country: ATA, start: 2020-01-01, end: 2020-06-01}
- name: Handover Testova
  pl: [Testowa]
  gender: f
  roles:
  - {role: head_of_state, country: ATA, start: 2020-06-01}
""")
    assert _problems(data_copy) == []


def test_bad_codes_sectors_ids_and_dates_are_reported(data_copy: Path):
    _append_person(data_copy, """
- name: Broken Person
  pl: [Zepsuta Osoba]
  gender: x
  wikidata: 7747
  roles:
  - {role: head_of_state, country: XYZ, start: 2020-01-01}
  - {role: foreign_minister, country: POL, sector: ARMY, start: 2020-05-01, end: 2019-01-01}
  - {role: supreme_overlord, country: POL, start: 2020}
  - {role: secretary_general, country: POL, start: 2021}
- name: No Polish Name
  gender: m
""")
    problems = "\n".join(_problems(data_copy))
    assert "gender 'x'" in problems
    assert "bad Wikidata id 7747" in problems
    assert "country 'XYZ'" in problems
    assert "sector 'ARMY'" in problems
    assert "ends (2019-01-01) before it starts" in problems
    assert "unknown role" in problems
    assert "IGO office held for a non-IGO POL" in problems
    assert "no-polish-name" in problems and "no Polish name" in problems


def test_duplicate_person_ids_are_refused(data_copy: Path):
    _append_person(data_copy, """
- name: Vladimir Putin
  pl: [Władimir Putin]
  gender: m
""")
    with pytest.raises(KBError, match="duplicate person id vladimir-putin"):
        load_kb_from(data_copy)


def test_malformed_dates_are_refused(data_copy: Path):
    _append_person(data_copy, """
- name: Date Testov
  pl: [Testow]
  gender: m
  roles:
  - {role: minister, country: POL, start: 2023-02-30}
""")
    with pytest.raises(KBError, match="Date Testov"):
        load_kb_from(data_copy)


def test_bad_organisation_and_role_word_are_reported(data_copy: Path):
    orgs = data_copy / "organizations.yaml"
    orgs.write_text(orgs.read_text(encoding="utf-8") + """
- {id: bad-org, name: Bad Org, type: army, sector: XXX, country: QQQ, pl: [Zła Organizacja], parent: nowhere}
""", encoding="utf-8")
    roles = data_copy / "roles.tsv"
    roles.write_text(roles.read_text(encoding="utf-8") + "wielki mistrz\tgrand_master\tGOD\tdeity\n",
                     encoding="utf-8")
    problems = "\n".join(_problems(data_copy))
    assert "organisation bad-org (Bad Org): type 'army'" in problems
    assert "unknown sector 'XXX'" in problems
    assert "country 'QQQ'" in problems
    assert "parent 'nowhere'" in problems
    assert "role word 'wielki mistrz': unknown sector 'GOD'" in problems
    assert "office 'grand_master' not in offices.tsv" in problems
    assert "type 'deity'" in problems


def test_duplicate_country_codes_are_refused(data_copy: Path):
    path = data_copy / "countries.tsv"
    path.write_text(path.read_text(encoding="utf-8") + "POL\tPX\tstate\tPoland again\t\tPolska\t\t\t\t\t\n",
                    encoding="utf-8")
    with pytest.raises(KBError, match="duplicate country code POL"):
        load_kb_from(data_copy)


def test_unquoted_yaml_booleans_and_numbers_in_names_are_refused(data_copy: Path):
    _append_person(data_copy, """
- name: Norway Testov
  pl: [Testow, NO]
  gender: m
""")
    with pytest.raises(KBError, match="put it in quotes"):
        load_kb_from(data_copy)
