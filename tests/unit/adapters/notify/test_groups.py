"""Groups in the people directory (JUECE_PEOPLE_FILE's ``groups:``): read with their members and
display names; a malformed group refused naming the group and field, Chinese first; a role held by
a user or by any member of its group; a group named by its display name, never ``group:…``."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.notify.groups import (
    groups_from_settings,
    holds_role,
    load_groups,
    people_behind,
    role_called,
)
from juece.adapters.notify.people import PeopleFileError, directory_from_settings, load_people
from juece.domain.groups import Group

REPO = Path(__file__).resolve().parents[4]
FILE = """
groups:
  sponsor-office:
    name: 承办科室
    name_en: sponsor office
    members: [zhou_min, qian_jin]
  empty_one:
    members: []
people:
  - user: zhou_min
    name: 周敏
  - user: qian_jin
    name: 钱进
"""


@pytest.fixture
def directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "people.yaml"
    path.write_text(FILE, encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(path))
    return path


def test_groups_and_people_are_read_from_one_file(directory: Path) -> None:
    groups = load_groups(directory)
    assert groups["sponsor-office"] == Group("sponsor-office", ("zhou_min", "qian_jin"), "承办科室", "sponsor office")
    assert groups["empty_one"].members == () and groups["empty_one"].called == "empty_one 组 group"
    assert set(load_people(directory)) == {"zhou_min", "qian_jin"}


def test_a_list_of_people_or_a_csv_has_no_groups(tmp_path: Path) -> None:
    listed, table = tmp_path / "people.yaml", tmp_path / "people.csv"
    listed.write_text("- user: a\n", encoding="utf-8")
    table.write_text("user,name\na,A\n", encoding="utf-8")
    assert load_groups(listed) == {} and load_groups(table) == {}


def test_the_demo_directory_keeps_its_users_and_has_the_offices_as_groups() -> None:
    path = REPO / "templates" / "libraries" / "people.yaml"
    groups, people = load_groups(path), load_people(path)
    assert {"sponsor_office", "legality_reviewer", "county_head", "expert_01"} <= set(people)
    assert groups["sponsor-office"].called == "承办科室 sponsor office"
    assert "sponsor_office" in groups["sponsor-office"].members and len(groups["sponsor-office"].members) == 3
    assert "legality_reviewer" in groups["legality-office"].members and len(groups["legality-office"].members) == 2
    assert all(member in people for group in groups.values() for member in group.members)


@pytest.mark.parametrize(("groups", "group", "field"), [
    ("groups: [a, b]", "", ""),
    ("groups:\n  Office: {members: [a]}", "Office", "—"),
    ("groups:\n  office: [a]", "office", "—"),
    ("groups:\n  office: {members: [a], phone: '1'}", "office", "phone"),
    ("groups:\n  office: {name: 科室}", "office", "members"),
    ("groups:\n  office: {members: a}", "office", "members"),
    ("groups:\n  office: {members: [a b]}", "office", "members"),
    ("groups:\n  office: {members: ['group:other']}", "office", "members"),
    ("groups:\n  office: {members: [a, a]}", "office", "members"),
    ("groups:\n  office: {members: [a], name: [x]}", "office", "name"),
    ("groups:\n  office: {members: [a], name_en: \"x\\ny\"}", "office", "name_en"),
])
def test_a_malformed_group_is_refused_naming_it_in_both_languages(tmp_path: Path, groups: str, group: str,
                                                                  field: str) -> None:
    path = tmp_path / "people.yaml"
    path.write_text(f"{groups}\npeople: []\n", encoding="utf-8")
    with pytest.raises(PeopleFileError) as refused:
        load_groups(path)
    message = str(refused.value)
    assert message.index("人员名录") < message.index("the people file")
    if group:
        assert f"group {group}, field {field}" in message and f"组 {group} 的 {field}" in message


def test_a_mapping_with_other_keys_is_refused_as_before(tmp_path: Path) -> None:
    path = tmp_path / "people.yaml"
    path.write_text("people: []\nteams: {}\n", encoding="utf-8")
    with pytest.raises(PeopleFileError, match="must be a list of people"):
        load_people(path)


def test_a_role_is_held_by_its_user_or_any_member_of_its_group(directory: Path) -> None:
    assert holds_role("group:sponsor-office", "zhou_min") and holds_role("group:sponsor-office", "qian_jin")
    assert not holds_role("group:sponsor-office", "sponsor_office")
    assert not holds_role("group:nobody-knows", "zhou_min") and not holds_role("group:empty_one", "zhou_min")
    assert holds_role("sponsor_office", "sponsor_office") and not holds_role("sponsor_office", "zhou_min")
    assert not holds_role(None, "zhou_min")


def test_a_user_role_never_reads_the_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(tmp_path / "missing.yaml"))
    assert holds_role("sponsor_office", "sponsor_office") and people_behind(["a", "b"]) == {"a", "b"}
    assert not holds_role("group:sponsor-office", "zhou_min")  # a directory refused: nobody holds a group


def test_a_group_is_named_by_its_display_name_and_stands_for_its_members(directory: Path) -> None:
    assert role_called("group:sponsor-office") == "承办科室 sponsor office"
    assert role_called("group:unknown") == "unknown 组 group" and role_called("legal_adviser") == "legal_adviser"
    assert directory_from_settings()["group:sponsor-office"].called == "承办科室 sponsor office"
    assert people_behind(["group:sponsor-office", "county_head", "group:unknown"]) == {"zhou_min", "qian_jin",
                                                                                        "county_head"}


def test_a_changed_file_is_read_again(directory: Path) -> None:
    assert groups_from_settings()["sponsor-office"].members == ("zhou_min", "qian_jin")
    directory.write_text(FILE.replace("[zhou_min, qian_jin]", "[zhou_min, qian_jin, sun_li]"), encoding="utf-8")
    assert groups_from_settings()["sponsor-office"].members == ("zhou_min", "qian_jin", "sun_li")
