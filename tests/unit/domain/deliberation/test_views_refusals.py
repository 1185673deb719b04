"""Views the secretary records in the room (R-F3) refused by rule, field and words in both
languages, every other input valid; the consequence of each outcome in words (R-F5)."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.deliberation.views import conclude, view_of, views_in_room
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage

ATTENDING = ["member_1", "member_2", "member_3", "county_head"]


def refusal(spec, items: list[Any]) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        views_in_room(spec, ATTENDING, items, "secretary")
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def test_views_stated_in_the_room_are_recorded_trimmed_under_each_member_by_the_secretary(spec) -> None:
    items = [{"member": " member_1 ", "view": " agree ", "remarks": None},
             {"member": "member_2", "view": "abstain", "remarks": " 回避。 "},
             {"member": "member_3", "view": "disagree", "remarks": "规模偏大。"}]
    acts = views_in_room(spec, ATTENDING, items, "the_secretary")
    assert [(a.stage, a.kind, a.actor) for a in acts] == [
        (Stage.COLLECTIVE_DELIBERATION, "member_view", "the_secretary")] * 3
    assert [a.data for a in acts] == [
        {"member": "member_1", "view": "agree", "remarks": "", "recorded_by": "the_secretary", "rule": "R-F3"},
        {"member": "member_2", "view": "abstain", "remarks": "回避。", "recorded_by": "the_secretary", "rule": "R-F3"},
        {"member": "member_3", "view": "disagree", "remarks": "规模偏大。", "recorded_by": "the_secretary",
         "rule": "R-F3"}]


def test_the_heads_view_is_never_recorded_by_the_secretary_r_f2(spec) -> None:
    assert refusal(spec, [{"member": "member_1", "view": "agree"}, {"member": "county_head", "view": "agree"}]) == (
        "R-F2", "views_in_room", "行政首长最后发言并作出决定，不由秘书代为记录意见",
        "the head speaks last and decides in the head's own task, not recorded here")


def test_the_view_of_a_member_not_attending_is_refused_naming_the_member_r_f3(spec) -> None:
    assert refusal(spec, [{"member": "member_4", "view": "agree"}]) == (
        "R-F3", "views_in_room", "member_4 未出席会议，不能代为记录其意见",
        "member_4 does not attend the meeting: no view to record")


def test_a_members_view_given_twice_is_refused_naming_the_member_r_f3(spec) -> None:
    items = [{"member": "member_2", "view": "agree"}, {"member": "member_2", "view": "agree"}]
    assert refusal(spec, items) == ("R-F3", "views_in_room", "member_2 的意见填写了两次",
                                    "the view of member_2 is given twice")


def test_a_view_that_is_not_an_object_is_refused_r_f3(spec) -> None:
    assert refusal(spec, ["member_2 agrees"]) == ("R-F3", "views_in_room", "每条意见须写明 member、view、remarks",
                                                  "each view needs member, view and remarks")


@pytest.mark.parametrize("item", [{"view": "agree"}, {"member": " ", "view": "agree"},
                                  {"member": "member_2", "view": "maybe"}, {"member": "member_2"}],
                         ids=["no-member", "blank-member", "unknown-view", "no-view"])
def test_a_view_without_its_member_or_one_of_the_three_is_refused_r_f3(spec, item: dict[str, Any]) -> None:
    assert refusal(spec, [item]) == ("R-F3", "views_in_room", "意见须写明组成人员和 agree/disagree/abstain 之一",
                                     "a view needs the member and one of agree, disagree, abstain")


def test_a_dissent_without_its_reasons_is_refused_naming_the_member_r_f3(spec) -> None:
    assert refusal(spec, [{"member": "member_3", "view": "disagree", "remarks": "  "}]) == (
        "R-F3", "views_in_room", "member_3 不同意，须照实记录其理由",
        "member_3 disagrees: the reasons must be recorded as stated")


def test_the_latest_view_of_the_member_is_the_one_found(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "member_1", {"member": "member_1", "view": "agree"})
    latest = chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "secretary", {"member": "member_1", "view": "abstain"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "member_2", {"member": "member_2", "view": "agree"})
    assert view_of(chain.entries, "member_1") == latest
    assert view_of(chain.entries, "member_3") is None


@pytest.mark.parametrize(("outcome", "zh", "en"), [
    ("approve", "依法公布（R-G1）并由执行单位组织实施（R-G2）",
     "to be published (R-G1) and carried out by the implementing unit (R-G2)"),
    ("reject", "不予通过：不公布，本次决策程序终止", "rejected: not published; this procedure ends"),
    ("revise", "修改后再审：承办单位修改草案后以新版本重新提请审议，本次运行以此结果结束",
     "revise and resubmit: the sponsor revises the draft and brings a new version; this run ends with that outcome"),
    ("postpone", "暂缓：本次不作决定，待条件成熟后重新提请审议",
     "postponed: no decision now; to be brought back to a later meeting"),
])
def test_each_outcomes_consequence_is_recorded_in_both_languages_r_f5(spec, chain, outcome: str, zh: str, en: str) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": outcome})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "minutes_recorded", "secretary", {})
    act, = conclude(spec, chain.entries)
    assert (act.stage, act.data["zh"], act.data["en"]) == (Stage.COLLECTIVE_DELIBERATION, zh, en)


@pytest.mark.parametrize("kinds", [[], ["minutes_recorded"]], ids=["nothing", "minutes-without-a-decision"])
def test_there_is_no_consequence_without_a_minuted_decision_r_f5(spec, chain, kinds: list[str]) -> None:
    for kind in kinds:
        chain.add(Stage.COLLECTIVE_DELIBERATION, kind, "secretary", {})
    with pytest.raises(RuleViolation) as caught:
        conclude(spec, chain.entries)
    error = caught.value
    assert (error.rule, error.zh, error.en) == ("R-F5", "会议尚未作出决定并形成纪要", "no minuted meeting decision yet")
