"""A role the statute makes a person's (R-B6, R-F2, R-F3) refuses a group word for word in both
languages, naming the rule and the group written; a user id passes unchanged. A group's name out of
form is refused word for word too."""

from __future__ import annotations

from typing import Annotated

import pytest
from pydantic import TypeAdapter, ValidationError

from juece.spec.roles import Role, _personal
from tests.unit.spec.test_spec_lint import only_issue, variant


def personal(rule: str, zh: str, en: str) -> TypeAdapter[str]:
    """A personal role built now, as spec/roles.py builds Member, Head and Participant."""
    return TypeAdapter(Annotated[str, _personal(rule, zh, en)])


def test_a_personal_role_takes_a_user_id_as_written() -> None:
    assert personal("R-F3", "会议组成人员", "a meeting member").validate_python("member_1") == "member_1"


@pytest.mark.parametrize(("rule", "zh", "en"), [
    ("R-F3", "会议组成人员", "a meeting member"), ("R-F2", "行政首长", "the head of government"),
    ("R-B6", "听证参加人", "a hearing participant")])
def test_a_personal_role_refuses_a_group_naming_the_rule_the_role_and_the_group(rule: str, zh: str, en: str) -> None:
    with pytest.raises(ValidationError) as caught:
        personal(rule, zh, en).validate_python("group:members")
    error, = caught.value.errors()
    assert error["ctx"] == {"rule": rule, "zh": f"{zh}须为本人（一个用户），不能是一组人（group:members）",
                            "en": f"{en} must be one person (a user id), not a group (group:members)", "field": ""}


def test_a_head_written_as_a_group_is_refused_in_both_languages_at_the_head_r_f2() -> None:
    issue = only_issue(variant(("head: county_head\n", "head: group:heads\n")))
    assert (issue.rule, issue.field) == ("R-F2", "stages.collective_deliberation.head")
    assert issue.message == ("行政首长须为本人（一个用户），不能是一组人（group:heads） / "
                             "the head of government must be one person (a user id), not a group (group:heads)")


def test_a_group_name_out_of_form_is_refused_word_for_word_naming_it() -> None:
    with pytest.raises(ValidationError) as caught:
        TypeAdapter(Role).validate_python("group:Legal Office")
    error, = caught.value.errors()
    assert (error["type"], error["ctx"]) == ("group_name", {"name": "Legal Office"})
    assert error["msg"] == ("组名“Legal Office”不合格式：须为小写字母、数字、- 或 _，至多63个字符 / the group name "
                            "Legal Office must be lowercase letters, digits, - or _, at most 63 characters")
