"""The legality review's and the meeting's answers refused word for word in both languages, with the
rule and field they cite and every other input valid; what a review and a decision record."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.deliberation.meeting_answers import (
    _outcome_words,
    absent_member,
    adviser_opinion,
    convene,
    head_decision,
    legality_review,
    member_view,
)
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from tests.unit.domain.deliberation.test_meeting_answers import (
    APPROVE,
    LAWFUL,
    MEMBERS,
    REJECT,
    REVIEW,
    REVISE,
    SUBMIT,
    UNLAWFUL,
    convening,
    deciding,
    meeting,
)


def refusal(handler: Any, ctx: TaskContext, answer: Answer) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        handler(ctx, answer)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


@pytest.fixture
def advised(chain):
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {"conclusion": "lawful", "opinion": "合法。"})
    return chain


def reviewing(label: str, **params: Any) -> Answer:
    return Answer("legality_reviewer", [label], {**REVIEW, **params})


def test_the_advisers_opinion_is_recorded_under_the_adviser_r_e4(spec, chain) -> None:
    act, = adviser_opinion(TaskContext(spec, chain.entries), Answer("lawyer_1", [UNLAWFUL], {"opinion": " 越权。 "})).acts
    assert (act.stage, act.kind, act.actor) == (Stage.LEGALITY_REVIEW, "adviser_opinion", "lawyer_1")
    assert act.data == {"conclusion": "unlawful", "opinion": "越权。", "rule": "R-E4"}


def test_an_adviser_opinion_without_its_text_is_refused_in_both_languages_r_e4(spec, chain) -> None:
    assert refusal(adviser_opinion, TaskContext(spec, chain.entries), Answer("lawyer_1", [LAWFUL], {})) == (
        "R-E4", "opinion", "请填写法律顾问意见", "`opinion` is required")


def test_a_review_before_the_advisers_opinion_is_refused_in_both_languages_r_e4(spec, chain) -> None:
    assert refusal(legality_review, TaskContext(spec, chain.entries), reviewing(LAWFUL)) == (
        "R-E4", None, "须先有法律顾问意见", "the legal adviser's opinion must come first")


def test_a_review_without_a_conclusion_cites_r_e4(spec, advised) -> None:
    assert refusal(legality_review, TaskContext(spec, advised.entries), reviewing("合法"))[0] == "R-E4"


@pytest.mark.parametrize(("name", "zh"), [("authority", "决策权限"), ("procedure", "决策程序"), ("content", "决策内容")])
def test_a_review_missing_a_finding_is_refused_naming_it_in_both_languages_r_e4(
        spec, advised, name: str, zh: str) -> None:
    assert refusal(legality_review, TaskContext(spec, advised.entries), reviewing(LAWFUL, **{name: " "})) == (
        "R-E4", name, f"请填写{zh}审查意见", f"`{name}` is required")


def test_a_lawful_review_records_its_round_findings_and_no_override(spec, advised) -> None:
    outcome = legality_review(TaskContext(spec, advised.entries), reviewing(LAWFUL))
    act, = outcome.acts
    assert outcome.notes == []
    assert (act.stage, act.kind, act.actor) == (Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer")
    assert act.data == {"outcome": "lawful", "round": 1, "max_rounds": spec.stages.legality_review.max_rounds,
                        "draft_version": 1, "rules": ["R-E1", "R-E4"], **REVIEW,
                        "exploratory_override": False, "legal_risk": "", "revisions": ""}


def test_a_review_asking_revisions_says_the_draft_goes_back_in_both_languages_r_e4(spec, advised) -> None:
    outcome = legality_review(TaskContext(spec, advised.entries), reviewing(REVISE, revisions="删去第五条。"))
    assert outcome.notes == ["[R-E4] 草案退回修改后须再次审查 / the draft goes back for revision, then to review again"]
    assert outcome.acts[0].data["revisions"] == "删去第五条。"


def test_a_review_asking_revisions_without_them_is_refused_in_both_languages_r_e4(spec, advised) -> None:
    assert refusal(legality_review, TaskContext(spec, advised.entries), reviewing(REVISE)) == (
        "R-E4", "revisions", "请填写修改意见", "`revisions` is required")


def test_the_override_without_its_legal_risk_is_refused_in_both_languages_r_e1(spec, advised) -> None:
    answer = reviewing(UNLAWFUL, exploratory_override=True)
    assert refusal(legality_review, TaskContext(spec, advised.entries), answer) == (
        "R-E1", "legal_risk", "请填写法律风险", "`legal_risk` is required")


def test_the_override_given_as_text_is_refused_r_e1(spec, advised) -> None:
    answer = reviewing(UNLAWFUL, exploratory_override="true", legal_risk="风险可控。")
    assert refusal(legality_review, TaskContext(spec, advised.entries), answer)[:2] == ("R-E1", "exploratory_override")


def test_the_override_of_a_lawful_finding_is_refused_in_both_languages_r_e1(spec, advised) -> None:
    answer = reviewing(LAWFUL, exploratory_override=True, legal_risk="风险可控。")
    assert refusal(legality_review, TaskContext(spec, advised.entries), answer) == (
        "R-E1", "exploratory_override", "探索性改革例外只适用于审查结论为不合法的情形",
        "the exploratory-reform override applies only to an unlawful finding")


def test_a_legal_risk_stated_without_the_override_is_kept(spec, advised) -> None:
    act, = legality_review(TaskContext(spec, advised.entries), reviewing(LAWFUL, legal_risk=" 无。 ")).acts
    assert (act.data["exploratory_override"], act.data["legal_risk"]) == (False, "无。")


def test_a_meeting_without_the_submit_choice_cites_r_f2(spec, chain) -> None:
    answer = Answer("secretary", [], {"attendees": MEMBERS})
    assert refusal(convene, TaskContext(spec, chain.entries), answer) == (
        "R-F2", None, "请选择且只选择一个选项", f"choose exactly one of: {SUBMIT}")


def test_strangers_at_the_meeting_are_refused_naming_them_in_both_languages_r_f2(spec, chain) -> None:
    answer = convening(*MEMBERS, "deputy_1", " deputy_2 ")
    assert refusal(convene, TaskContext(spec, chain.entries), answer) == (
        "R-F2", "attendees", "deputy_1, deputy_2 不是会议组成人员", "not members: deputy_1, deputy_2")


def test_no_quorum_is_refused_naming_those_present_and_the_share_in_both_languages_r_f2(spec, chain) -> None:
    assert refusal(convene, TaskContext(spec, chain.entries), convening("member_1", "county_head")) == (
        "R-F2", "attendees", "出席2人，未超过组成人员的50%，不足法定人数",
        "2 present is not more than 50% of the members: no quorum")


def test_a_meeting_without_the_head_is_refused_in_both_languages_r_f2(spec, chain) -> None:
    answer = convening("member_1", "member_2", "member_3", "member_4")
    assert refusal(convene, TaskContext(spec, chain.entries), answer) == (
        "R-F2", "attendees", "行政首长须出席并最后发言、作出决定",
        "the head of government must attend, speak last and decide")


def test_a_members_view_without_a_choice_cites_r_f3_and_a_dissent_needs_its_reasons(spec, chain) -> None:
    ctx = TaskContext(spec, chain.entries)
    assert refusal(member_view, ctx, Answer("member_1", [], {}))[0] == "R-F3"
    assert refusal(member_view, ctx, Answer("member_1", ["不同意 Disagree"], {})) == (
        "R-F3", "remarks", "请填写不同意的理由（照实记录）", "`remarks` is required")


def test_the_head_before_the_meeting_is_refused_in_both_languages_r_f2(spec, chain) -> None:
    assert refusal(head_decision, TaskContext(spec, chain.entries), deciding(APPROVE)) == (
        "R-F2", None, "会议尚未召开，不能作出决定", "the meeting has not been convened: no decision yet")


def test_the_head_before_every_attending_member_has_spoken_is_refused_naming_them_r_f2(spec, chain) -> None:
    meeting(chain, {"member_1": "agree", "member_3": "agree"})
    assert refusal(head_decision, TaskContext(spec, chain.entries), deciding(APPROVE)) == (
        "R-F2", None, "行政首长最后发言：member_2, member_4 尚未发表意见",
        "the head speaks last: member_2, member_4 have not spoken yet")


def test_a_departure_from_the_majority_without_a_reason_names_both_in_words_r_f4(spec, chain) -> None:
    meeting(chain, dict.fromkeys(MEMBERS[:4], "agree"))
    assert refusal(head_decision, TaskContext(spec, chain.entries), deciding(REJECT, reason="  ")) == (
        "R-F4", "reason", "决定（不予通过）与多数意见（通过）不一致，须说明理由",
        "the decision (Reject) departs from the majority view (Approve): the head must give a reason")


def test_a_reason_given_with_the_majority_is_kept(spec, chain) -> None:
    meeting(chain, dict.fromkeys(MEMBERS[:4], "agree"))
    act, = head_decision(TaskContext(spec, chain.entries), deciding(APPROVE, reason=" 依法通过。 ")).acts
    assert (act.data["reason"], act.data["differs_from_majority"]) == ("依法通过。", False)


def test_an_outcome_is_said_in_words_and_an_unknown_one_as_its_code() -> None:
    assert _outcome_words("revise") == ("修改后再审", "Revise and resubmit")
    assert _outcome_words("postpone") == ("暂缓", "Postpone")
    assert _outcome_words("adjourn") == ("adjourn", "adjourn")


def test_an_absent_member_is_recorded_with_a_note_in_both_languages_r_f3() -> None:
    act = absent_member("member_4")
    assert act.data == {"member": "member_4", "rule": "R-F3", "note": "缺席，未发表意见 / absent, no view"}
