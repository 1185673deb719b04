"""Answers in the legality review (R-E1, R-E4) and the collective deliberation (R-F2..R-F5)."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.deliberation.meeting_answers import (
    absent_member,
    adviser_opinion,
    convene,
    head_decision,
    legality_review,
    majority_view,
    member_view,
)
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage

LAWFUL = "合法 Lawful"
REVISE = "需修改 Needs revision"
UNLAWFUL = "不合法 Unlawful"
SUBMIT = "提交 Submit"
AGREE, DISAGREE, ABSTAIN = "同意 Agree", "不同意 Disagree", "弃权 Abstain"
APPROVE, REJECT, RESUBMIT, POSTPONE = ("通过 Approve", "不予通过 Reject", "修改后再审 Revise and resubmit", "暂缓 Postpone")
REVIEW = {"authority": "县政府有权制定。", "procedure": "已履行公众参与等程序。", "content": "内容不违反上位法。"}
MEMBERS = ["member_1", "member_2", "member_3", "member_4", "county_head"]


def refused(handler, ctx: TaskContext, answer: Answer) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        handler(ctx, answer)
    return caught.value


# --- legal adviser and legality review (R-E4, R-E1) ------------------------------------------

@pytest.mark.parametrize(("label", "code"), [(LAWFUL, "lawful"), (REVISE, "lawful_with_revisions"), (UNLAWFUL, "unlawful")])
def test_the_legal_adviser_gives_a_written_opinion_r_e4(spec, chain, label: str, code: str) -> None:
    outcome = adviser_opinion(TaskContext(spec, chain.entries), Answer("legal_adviser", [label], {"opinion": "经审查…"}))
    act, = outcome.acts
    assert (act.stage, act.kind, act.actor) == (Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser")
    assert act.data == {"conclusion": code, "opinion": "经审查…", "rule": "R-E4"}


@pytest.mark.parametrize(("chosen", "params"), [([LAWFUL], {}), ([LAWFUL], {"opinion": " "}), ([], {"opinion": "同意"})],
                         ids=["no-opinion", "blank-opinion", "no-conclusion"])
def test_an_adviser_answer_without_opinion_or_conclusion_is_refused_r_e4(spec, chain, chosen, params) -> None:
    assert refused(adviser_opinion, TaskContext(spec, chain.entries), Answer("legal_adviser", chosen, params)).rule == "R-E4"


@pytest.fixture
def advised(chain):
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {"conclusion": "lawful", "opinion": "合法。"})
    return chain


def reviewing(label: str, **params: Any) -> Answer:
    return Answer("legality_reviewer", [label], {**REVIEW, **params})


def test_the_review_needs_the_legal_advisers_opinion_first_r_e4(spec, chain) -> None:
    error = refused(legality_review, TaskContext(spec, chain.entries), reviewing(LAWFUL))
    assert error.rule == "R-E4"
    assert "adviser" in error.en


def test_a_lawful_review_covers_authority_procedure_and_content(spec, advised) -> None:
    outcome = legality_review(TaskContext(spec, advised.entries), reviewing(LAWFUL))
    assert outcome.done
    act, = outcome.acts
    assert (act.stage, act.kind, act.actor) == (Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer")
    assert {name: act.data[name] for name in REVIEW} == REVIEW
    assert (act.data["outcome"], act.data["exploratory_override"], act.data["legal_risk"]) == ("lawful", False, "")
    assert act.data["rules"] == ["R-E1", "R-E4"]


@pytest.mark.parametrize("missing", ["authority", "procedure", "content"])
def test_a_review_missing_authority_procedure_or_content_is_refused_r_e4(spec, advised, missing: str) -> None:
    error = refused(legality_review, TaskContext(spec, advised.entries), reviewing(LAWFUL, **{missing: ""}))
    assert (error.rule, error.field) == ("R-E4", missing)


def test_a_revision_needs_the_revisions_r_e4(spec, advised) -> None:
    error = refused(legality_review, TaskContext(spec, advised.entries), reviewing(REVISE))
    assert (error.rule, error.field) == ("R-E4", "revisions")


def test_a_revision_sends_the_draft_back_for_a_review_again(spec, advised) -> None:
    outcome = legality_review(TaskContext(spec, advised.entries), reviewing(REVISE, revisions="删除第五条有效期表述。"))
    assert outcome.done  # the sponsor's revision and the next review are tasks of their own
    act, = outcome.acts
    assert (act.data["outcome"], act.data["revisions"]) == ("lawful_with_revisions", "删除第五条有效期表述。")
    assert outcome.notes and outcome.notes[0].startswith("[R-E4]")


def test_an_unlawful_finding_is_recorded_and_done(spec, advised) -> None:
    outcome = legality_review(TaskContext(spec, advised.entries), reviewing(UNLAWFUL))
    assert outcome.done
    assert (outcome.acts[0].data["outcome"], outcome.acts[0].data["exploratory_override"]) == ("unlawful", False)


def test_the_exploratory_override_of_an_unlawful_finding_records_the_legal_risk_r_e1(spec, advised) -> None:
    answer = reviewing(UNLAWFUL, exploratory_override=True, legal_risk="上位法尚无规定，属改革试点。")
    act, = legality_review(TaskContext(spec, advised.entries), answer).acts
    assert (act.data["exploratory_override"], act.data["legal_risk"]) == (True, "上位法尚无规定，属改革试点。")


def test_the_override_without_the_legal_risk_is_refused_r_e1(spec, advised) -> None:
    error = refused(legality_review, TaskContext(spec, advised.entries), reviewing(UNLAWFUL, exploratory_override=True))
    assert (error.rule, error.field) == ("R-E1", "legal_risk")


@pytest.mark.parametrize("label", [LAWFUL, REVISE], ids=["lawful", "needs-revision"])
def test_the_override_applies_only_to_an_unlawful_finding_r_e1(spec, advised, label: str) -> None:
    answer = reviewing(label, exploratory_override=True, legal_risk="风险", revisions="修改")
    error = refused(legality_review, TaskContext(spec, advised.entries), answer)
    assert error.rule == "R-E1"
    assert "unlawful" in error.en


# --- convening the meeting (R-F2) ------------------------------------------------------------

def convening(*attendees: Any) -> Answer:
    return Answer("secretary", [SUBMIT], {"attendees": list(attendees)})


def test_a_meeting_with_more_than_half_the_members_and_the_head_is_convened(spec, chain) -> None:
    outcome = convene(TaskContext(spec, chain.entries), convening("county_head", " member_2 ", "member_1"))
    act, = outcome.acts
    assert (act.stage, act.kind, act.actor) == (Stage.COLLECTIVE_DELIBERATION, "meeting_convened", "secretary")
    assert act.data["attendees"] == ["member_1", "member_2", "county_head"]  # in the order of the members list
    assert act.data["absentees"] == ["member_3", "member_4"]
    assert (act.data["meeting_type"], act.data["meeting_name"], act.data["quorum"]) == ("executive", "常务会议", 0.5)


def test_a_plenary_meeting_is_named_as_such(make_spec, chain) -> None:
    spec = make_spec({"stages.collective_deliberation.meeting_type": "plenary"})
    act, = convene(TaskContext(spec, chain.entries), convening(*MEMBERS)).acts
    assert (act.data["meeting_type"], act.data["meeting_name"]) == ("plenary", "全体会议")


@pytest.mark.parametrize(
    "attendees",
    [["member_1", "county_head"], ["county_head", "county_head", "county_head"], []],
    ids=["two-of-five", "one-member-three-times", "nobody"],
)
def test_half_the_members_or_fewer_is_no_quorum_r_f2(spec, chain, attendees: list[str]) -> None:
    error = refused(convene, TaskContext(spec, chain.entries), convening(*attendees))
    assert error.rule == "R-F2"
    assert "quorum" in error.en


def test_a_higher_quorum_from_the_spec_is_applied(make_spec, chain) -> None:
    spec = make_spec({"stages.collective_deliberation.quorum": 0.75})
    assert refused(convene, TaskContext(spec, chain.entries), convening("member_1", "member_2", "county_head")).rule == "R-F2"
    assert convene(TaskContext(spec, chain.entries), convening("member_1", "member_2", "member_3", "county_head")).done


def test_a_stranger_cannot_attend_as_a_member_r_f2(spec, chain) -> None:
    error = refused(convene, TaskContext(spec, chain.entries), convening(*MEMBERS, "deputy_from_elsewhere"))
    assert error.rule == "R-F2"
    assert "deputy_from_elsewhere" in error.en


def test_the_head_of_government_must_attend_r_f2(spec, chain) -> None:
    error = refused(convene, TaskContext(spec, chain.entries), convening("member_1", "member_2", "member_3", "member_4"))
    assert error.rule == "R-F2"
    assert "head" in error.en


# --- members' views (R-F3) -------------------------------------------------------------------

@pytest.mark.parametrize(("label", "view"), [(AGREE, "agree"), (ABSTAIN, "abstain")])
def test_agreeing_or_abstaining_needs_no_remarks(spec, chain, label: str, view: str) -> None:
    act, = member_view(TaskContext(spec, chain.entries, subject_user="member_1"), Answer("member_1", [label], {})).acts
    assert (act.kind, act.actor) == ("member_view", "member_1")
    assert act.data == {"member": "member_1", "view": view, "remarks": "", "rule": "R-F3"}


def test_dissent_is_recorded_as_stated(spec, chain) -> None:
    remarks = "我不同意。财政压力过大，<b>建议</b>分期实施。"
    act, = member_view(TaskContext(spec, chain.entries, subject_user="member_2"),
                       Answer("member_2", [DISAGREE], {"remarks": remarks})).acts
    assert (act.data["view"], act.data["remarks"]) == ("disagree", remarks)


def test_dissent_without_remarks_is_refused_r_f3(spec, chain) -> None:
    error = refused(member_view, TaskContext(spec, chain.entries, subject_user="member_2"), Answer("member_2", [DISAGREE], {}))
    assert (error.rule, error.field) == ("R-F3", "remarks")


def test_a_view_without_a_choice_is_refused_r_f3(spec, chain) -> None:
    assert refused(member_view, TaskContext(spec, chain.entries), Answer("member_2", [], {})).rule == "R-F3"


def test_an_absent_member_is_recorded_without_a_view() -> None:
    act = absent_member("member_4")
    assert (act.stage, act.kind, act.actor) == (Stage.COLLECTIVE_DELIBERATION, "member_absent", "juece")
    assert act.data["member"] == "member_4" and act.data["rule"] == "R-F3"


# --- the head's decision (R-F2, R-F4, R-F5) --------------------------------------------------

def meeting(chain, views: dict[str, str], attendees: list[str] | None = None):
    chain.add(Stage.COLLECTIVE_DELIBERATION, "meeting_convened", "secretary",
              {"attendees": attendees or MEMBERS, "absentees": []})
    for member, view in views.items():
        chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", member, {"member": member, "view": view, "remarks": "理由"})
    return chain


def deciding(label: str, **params: Any) -> Answer:
    return Answer("county_head", [label], params)


def test_the_head_speaks_last_all_attending_members_must_have_spoken_r_f2(spec, chain) -> None:
    meeting(chain, {"member_1": "agree", "member_3": "agree"})
    error = refused(head_decision, TaskContext(spec, chain.entries), deciding(APPROVE))
    assert error.rule == "R-F2"
    assert error.en == "the head speaks last: member_2, member_4 have not spoken yet"


def test_absent_members_are_not_waited_for(spec, chain) -> None:
    meeting(chain, {"member_1": "agree", "member_2": "agree"}, attendees=["member_1", "member_2", "county_head"])
    act, = head_decision(TaskContext(spec, chain.entries), deciding(APPROVE)).acts
    assert act.data["outcome"] == "approve"


def test_a_decision_with_the_majority_needs_no_reason(spec, chain) -> None:
    meeting(chain, {"member_1": "agree", "member_2": "agree", "member_3": "disagree", "member_4": "abstain"})
    act, = head_decision(TaskContext(spec, chain.entries), deciding(APPROVE)).acts
    assert (act.stage, act.kind, act.actor) == (Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head")
    assert act.data == {"outcome": "approve", "majority": "approve", "differs_from_majority": False, "reason": "",
                        "rules": ["R-F2", "R-F4", "R-F5"]}


@pytest.mark.parametrize(
    ("views", "label"),
    [({"member_1": "agree", "member_2": "agree", "member_3": "agree", "member_4": "disagree"}, REJECT),
     ({"member_1": "agree", "member_2": "agree", "member_3": "agree", "member_4": "agree"}, POSTPONE),
     ({"member_1": "disagree", "member_2": "disagree", "member_3": "agree", "member_4": "abstain"}, APPROVE)],
    ids=["reject-against-agreement", "postpone-against-agreement", "approve-against-disagreement"],
)
def test_a_decision_departing_from_the_majority_needs_a_reason_r_f4(spec, chain, views, label: str) -> None:
    meeting(chain, views)
    ctx = TaskContext(spec, chain.entries)
    error = refused(head_decision, ctx, deciding(label))
    assert (error.rule, error.field) == ("R-F4", "reason")
    act, = head_decision(ctx, deciding(label, reason="统筹全县财力后决定。")).acts
    assert (act.data["differs_from_majority"], act.data["reason"]) == (True, "统筹全县财力后决定。")


@pytest.mark.parametrize("label", [APPROVE, REJECT, RESUBMIT, POSTPONE])
def test_on_a_tie_no_reason_is_needed(spec, chain, label: str) -> None:
    meeting(chain, {"member_1": "agree", "member_2": "disagree", "member_3": "abstain", "member_4": "abstain"})
    act, = head_decision(TaskContext(spec, chain.entries), deciding(label)).acts
    assert (act.data["majority"], act.data["differs_from_majority"]) == (None, False)


def test_the_majority_ignores_abstentions(spec, chain) -> None:
    meeting(chain, {"member_1": "abstain", "member_2": "abstain", "member_3": "abstain", "member_4": "disagree"})
    assert majority_view(TaskContext(spec, chain.entries)) == "reject"


def test_a_decision_without_a_choice_is_refused_r_f5(spec, chain) -> None:
    meeting(chain, dict.fromkeys(MEMBERS[:4], "agree"))
    assert refused(head_decision, TaskContext(spec, chain.entries), deciding("批准")).rule == "R-F5"


def test_the_head_cannot_decide_before_the_meeting_is_convened(spec, chain) -> None:
    assert refused(head_decision, TaskContext(spec, chain.entries), deciding(APPROVE)).rule == "R-F2"
