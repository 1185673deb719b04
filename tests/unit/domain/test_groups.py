"""Who holds a role: a user, or every member of a group; anyone else's answer is refused (R-H5)."""

from __future__ import annotations

import pytest

from juece.domain.groups import Group, UnknownGroup, called, expand, holders, holds, require_holder
from juece.domain.record.errors import RuleViolation

GROUPS = {"legality-office": Group("legality-office", ("chen_jing", "wei_dong"), "合法性审查科室",
                                   "legality review office"),
          "empty": Group("empty", ())}


def test_a_group_role_is_held_by_each_member_and_a_user_role_by_the_user() -> None:
    assert holders("group:legality-office", GROUPS) == ("chen_jing", "wei_dong")
    assert holders("legality_reviewer", GROUPS) == ("legality_reviewer",)
    assert holds("group:legality-office", "wei_dong", GROUPS) and not holds("group:legality-office", "li_si", GROUPS)
    assert holds("legality_reviewer", "legality_reviewer", GROUPS) and not holds("legality_reviewer", "x", GROUPS)


@pytest.mark.parametrize(("role", "said"), [("group:missing", "没有组“missing”"), ("group:empty", "没有成员")])
def test_an_unknown_or_empty_group_names_itself_in_both_languages(role: str, said: str) -> None:
    with pytest.raises(UnknownGroup) as refused:
        holders(role, GROUPS)
    message = str(refused.value)
    assert said in message and role.removeprefix("group:") in message.split(" / ")[1]


def test_an_answer_from_outside_the_group_is_refused_under_r_h5() -> None:
    require_holder("group:legality-office", "chen_jing", GROUPS)
    with pytest.raises(RuleViolation) as refused:
        require_holder("group:legality-office", "li_si", GROUPS)
    assert refused.value.rule == "R-H5"
    assert "合法性审查科室" in refused.value.zh and "li_si" in refused.value.en and "group:" not in str(refused.value)
    with pytest.raises(RuleViolation, match="R-H5"):
        require_holder("legality_reviewer", "li_si", GROUPS)


def test_names_and_people_behind_roles() -> None:
    assert called("group:legality-office", GROUPS) == "合法性审查科室 legality review office"
    assert called("group:gone", GROUPS) == "gone 组 group" and called("county_head", GROUPS) == "county_head"
    assert expand(["group:legality-office", "county_head", "group:gone"], GROUPS) == {"chen_jing", "wei_dong",
                                                                                       "county_head"}


class Directory:
    """A people directory that knows only well-formed group names and notes each name asked for."""

    def __init__(self, groups: dict[str, Group]) -> None:
        self.groups, self.asked = groups, []

    def get(self, name: str, /) -> Group | None:
        assert isinstance(name, str) and name, f"looked up {name!r}, not a group name"
        self.asked.append(name)
        return self.groups.get(name)


def test_nobody_holds_a_missing_role_and_an_empty_user_id_holds_nothing() -> None:
    odd = {"odd": Group("odd", ("", "chen_jing"))}
    assert not holds(None, "chen_jing", odd) and not holds("", "chen_jing", odd)
    assert not holds("group:odd", "", odd) and not holds("", "", odd)


def test_the_people_behind_a_user_role_are_found_without_looking_it_up() -> None:
    directory = Directory(GROUPS)
    assert expand(["county_head", "group:legality-office"], directory) == {"county_head", "chen_jing", "wei_dong"}
    assert directory.asked == ["legality-office"]


def test_a_refusal_for_a_user_role_names_the_user_without_looking_it_up() -> None:
    directory = Directory(GROUPS)
    with pytest.raises(RuleViolation) as refused:
        require_holder("legality_reviewer", "li_si", directory)
    assert directory.asked == []
    assert (refused.value.rule, refused.value.zh, refused.value.en) == (
        "R-H5", "只有legality_reviewer可以办理本任务，li_si 不可以", "only legality_reviewer may answer this task, not li_si")


def test_an_answer_from_outside_a_group_is_refused_naming_the_group_as_pages_do() -> None:
    with pytest.raises(RuleViolation) as refused:
        require_holder("group:legality-office", "li_si", GROUPS)
    assert (refused.value.zh, refused.value.en) == (
        "只有合法性审查科室 legality review office的成员可以办理本任务，li_si 不可以",
        "only a member of 合法性审查科室 legality review office may answer this task, not li_si")
