"""The automated steps: notice, not applicable, legality submission, the gate, the meeting pack,
minutes, publication and the evaluation schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from juece.domain import steps
from juece.domain.record.errors import RuleViolation
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage
from juece.spec import load_spec

START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)
NOTICE = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday, 16:00 China time; day 30 is Wednesday 1 April
TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def only(acts):
    assert len(acts) == 1
    return acts[0]


# --- start, notice, not applicable ----------------------------------------------------------

def test_start_needs_the_launched_entry_r_h1(spec, empty_chain) -> None:
    with pytest.raises(RuleViolation) as refused:
        steps.start(spec, empty_chain.entries, "run-1")
    assert refused.value.rule == "R-H1"


def test_start_records_the_run_and_the_dag(spec, chain) -> None:
    act = only(steps.start(spec, chain.entries, "manual__2027"))
    assert (act.stage, act.kind) == (Stage.LAUNCH, "workflow_started")
    assert act.data == {"run_id": "manual__2027", "dag_id": "decision__yanshou-2027-urban-001"}


def test_the_notice_publishes_the_draft_and_how_and_until_when_to_comment(spec, chain) -> None:
    act = only(steps.publish_notice(spec, chain.entries, NOTICE))
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "notice_published", "sponsor_office")
    data = act.data
    assert data["draft_sha256"] == sha256_text(spec.draft.text)
    assert data["draft_version"] == 1
    assert data["period_days"] == 30
    assert data["opens_at"] == "2026-03-02T08:00:00.000000Z"
    assert data["closes_at"] == data["effective_closes_at"] == "2026-04-01T16:00:00.000000Z"  # 24:00 China time
    assert data["last_day"] == "2026-04-01"
    assert data["how_to_comment"] and "无需注册账号" in data["how_to_comment"]
    assert data["urgency_reason"] is None
    assert set(data["rules"]) == {"R-B1", "R-B2"}
    assert "hearing" not in data


def test_a_short_period_notice_carries_the_urgency_reason_and_the_period(make_spec, empty_chain) -> None:
    spec = make_spec({"stages.public_participation.comment_period_days": 10,
                      "stages.public_participation.urgency_reason": "汛期前须完成排涝设施布局"})
    empty_chain.launched(spec, clock_scale=240)
    data = only(steps.publish_notice(spec, empty_chain.entries, NOTICE)).data
    assert data["urgency_reason"] == "汛期前须完成排涝设施布局"
    assert data["period_days"] == 10
    assert data["closes_at"] == "2026-03-12T16:00:00.000000Z"
    assert data["effective_closes_at"] == "2026-03-02T09:02:00.000000Z"  # 10 days 8 hours at 240 times


def test_a_notice_with_a_hearing_publishes_its_time_place_and_selection() -> None:
    spec = load_spec(TEMPLATES / "price-hearing.yaml")
    data = only(steps.publish_notice(spec, [], NOTICE)).data
    assert data["hearing"]["place"] == "延寿县政务服务中心三楼听证室"
    assert data["hearing"]["selection_method"]
    assert data["hearing"]["materials_days_before"] >= 7


@pytest.mark.parametrize(
    ("stage", "article"),
    [(Stage.PUBLIC_PARTICIPATION, "Art. 14"), (Stage.EXPERT_REVIEW, "Art. 19"), (Stage.RISK_ASSESSMENT, "Art. 22")],
    ids=["public-participation", "expert-review", "risk-assessment"],
)
def test_not_applicable_records_the_reason_and_the_article(make_spec, stage: Stage, article: str) -> None:
    spec = make_spec({f"stages.{stage.value}.applicable": False,
                      f"stages.{stage.value}.not_applicable_reason": "书面理由：依法不适用"})
    act = only(steps.not_applicable(spec, stage))
    assert (act.stage, act.kind, act.actor) == (stage, "not_applicable", "juece")
    assert act.data == {"reason": "书面理由：依法不适用", "article": article, "rule": "R-A2"}


def test_closing_comments_lists_on_time_and_late_receipts(spec, chain) -> None:
    for receipt, late in (("C-000001", False), ("C-000002", True), ("C-000003", False)):
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": receipt, "late": late})
    act = only(steps.close_comments(spec, chain.entries))
    assert act.data == {"count": 3, "on_time": ["C-000001", "C-000003"], "late": ["C-000002"], "rule": "R-B3"}


# --- the meeting pack (R-F1) -----------------------------------------------------------------

def _full_pack(chain) -> dict[str, str]:
    return {
        "comment_adoption_report": chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report")["hash"],
        "expert_adoption_report": chain.add(Stage.EXPERT_REVIEW, "adoption_report")["hash"],
        "risk_report": chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})["hash"],
        "legality_opinion": chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", data={"outcome": "lawful"})["hash"],
    }


def test_the_meeting_pack_names_each_report_by_its_hash(spec, chain) -> None:
    expected = _full_pack(chain)
    act = only(steps.materials(spec, chain.entries))
    assert (act.stage, act.kind, act.actor) == (Stage.COLLECTIVE_DELIBERATION, "materials_issued", "secretary")
    assert {name: act.data[name] for name in expected} == expected
    assert act.data["members"] == list(spec.stages.collective_deliberation.members)
    assert act.data["draft_sha256"] == sha256_text(spec.draft.text)
    assert act.data["rule"] == "R-F1"


@pytest.mark.parametrize("missing", ["comment_adoption_report", "expert_adoption_report", "risk_report", "legality_opinion"])
def test_the_meeting_pack_is_refused_with_r_f1_when_a_report_is_missing(spec, chain, missing: str) -> None:
    pack = _full_pack(chain)
    chain.entries[:] = [e for e in chain.entries if e["hash"] != pack[missing]]
    with pytest.raises(RuleViolation) as refused:
        steps.materials(spec, chain.entries)
    assert refused.value.rule == "R-F1"
    assert refused.value.en == f"the meeting pack lacks: {missing}"


def test_an_adoption_report_of_the_wrong_stage_does_not_count_for_the_pack(spec, chain) -> None:
    chain.add(Stage.EXPERT_REVIEW, "adoption_report")
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})
    chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", data={"outcome": "lawful"})
    with pytest.raises(RuleViolation, match="comment_adoption_report"):
        steps.materials(spec, chain.entries)


def test_an_inapplicable_stage_is_in_the_pack_as_not_applicable(spec, chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report")
    chain.add(Stage.EXPERT_REVIEW, "not_applicable", data={"reason": "非专业性问题"})
    chain.add(Stage.RISK_ASSESSMENT, "not_applicable", data={"reason": "无风险"})
    chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", data={"outcome": "lawful"})
    data = only(steps.materials(spec, chain.entries)).data
    assert data["expert_adoption_report"] == data["risk_report"] == "not_applicable"


# --- minutes (R-F3), publication (R-G1), evaluation (R-G2..R-G4) ------------------------------

def _meeting(chain, outcome: str = "approve", reason: str = "") -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "meeting_convened", "secretary",
              {"meeting_type": "executive", "attendees": ["member_1", "member_2", "county_head"],
               "absentees": ["member_3", "member_4"]})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "member_1", {"member": "member_1", "view": "agree", "remarks": ""})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "member_2",
              {"member": "member_2", "view": "disagree", "remarks": "财政压力大，建议分期。"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": outcome, "reason": reason})


def test_the_minutes_record_attendees_absentees_every_view_dissent_as_stated_and_the_decision(spec, chain) -> None:
    _meeting(chain, "approve", "")
    act = only(steps.minutes(spec, chain.entries))
    assert (act.kind, act.actor, act.data["rule"]) == ("minutes_recorded", "secretary", "R-F3")
    data = act.data
    assert data["attendees"] == ["member_1", "member_2", "county_head"]
    assert data["absentees"] == ["member_3", "member_4"]
    assert [v["member"] for v in data["views"]] == ["member_1", "member_2"]
    assert data["dissent"] == [{"member": "member_2", "view": "disagree", "remarks": "财政压力大，建议分期。",
                               "recorded_by": "member_2"}]
    assert data["decision"] == "approve"


def test_there_are_no_minutes_without_a_meeting_decision_r_f3(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "meeting_convened", "secretary", {"attendees": []})
    with pytest.raises(RuleViolation) as refused:
        steps.minutes(spec, chain.entries)
    assert refused.value.rule == "R-F3"


def test_an_approved_decision_is_published_with_both_adoption_explanations(spec, chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report", data={"counts": {"adopted": 2, "not_adopted": 1}})
    chain.add(Stage.EXPERT_REVIEW, "adoption_report", data={"counts": {"partly_adopted": 5}})
    _meeting(chain)
    act = only(steps.publication(spec, chain.entries, START))
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLICATION, "published", "sponsor_office")
    text = act.data["announcement"]
    assert text.startswith("延寿县人民政府关于《延寿县城区控制性详细规划（2027—2035年）》的决定\n")
    assert "的决定已经延寿县人民政府常务会议审议通过，现予公布。" in text
    assert "公众意见采纳情况：采纳2条，部分采纳0条，未采纳1条" in text
    assert "专家论证意见采纳情况：采纳0条，部分采纳5条，未采纳0条" in text
    assert act.data["within_working_days"] == 20
    assert act.data["published_at"] == "2027-03-01T08:00:00.000000Z"


def test_the_announcement_says_not_applicable_for_a_stage_marked_so(spec, chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report", data={"counts": {}})
    chain.add(Stage.EXPERT_REVIEW, "not_applicable", data={"reason": "非专业性问题"})
    _meeting(chain)
    assert "专家论证意见采纳情况：本环节不适用" in only(steps.publication(spec, chain.entries, START)).data["announcement"]


def test_the_announcement_never_calls_a_missing_report_not_applicable(spec, chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report", data={"counts": {}})
    _meeting(chain)
    text = only(steps.publication(spec, chain.entries, START)).data["announcement"]
    assert "专家论证意见采纳情况：尚无采纳情况说明" in text


@pytest.mark.parametrize("outcome", ["reject", "revise", "postpone"])
def test_only_an_approved_decision_is_published(spec, chain, outcome: str) -> None:
    _meeting(chain, outcome, "理由")
    act = only(steps.publication(spec, chain.entries, START))
    assert (act.kind, act.data["outcome"]) == ("not_published", outcome)


def test_an_undeliberated_decision_is_not_published(spec, chain) -> None:
    act = only(steps.publication(spec, chain.entries, START))
    assert (act.kind, act.data["outcome"]) == ("not_published", "not_deliberated")


def test_the_notice_of_a_later_draft_version_names_that_version(make_spec, chain) -> None:
    spec = make_spec({"draft.version": 2, "draft.text": "第一条 修改后的草案。"})
    data = only(steps.publish_notice(spec, chain.entries, NOTICE + timedelta(days=1))).data
    assert (data["draft_version"], data["draft_sha256"]) == (2, sha256_text("第一条 修改后的草案。"))


def test_the_announcement_names_the_meeting_of_the_decision_body_not_always_a_county(make_spec, chain) -> None:
    spec = make_spec({"decision_body": "哈尔滨市人民政府"})
    _meeting(chain)
    assert "县政府" not in only(steps.publication(spec, chain.entries, START)).data["announcement"]


# --- the words of each refusal, and what a record without optional fields reads as ---------------

def test_a_start_without_the_launched_entry_says_so_in_both_languages_naming_the_decision(spec, empty_chain) -> None:
    with pytest.raises(RuleViolation) as refused:
        steps.start(spec, empty_chain.entries, "run-1")
    assert (refused.value.zh, refused.value.en) == (
        "决策尚未登记启动", "decision yanshou-2027-urban-001 has no `launched` entry")


def test_the_run_is_started_by_the_system_not_a_person(spec, chain) -> None:
    assert only(steps.start(spec, chain.entries, "manual__2027")).actor == "juece"


def test_a_pack_missing_two_reports_names_both_in_both_languages(spec, chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})
    chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", data={"outcome": "lawful"})
    with pytest.raises(RuleViolation) as refused:
        steps.materials(spec, chain.entries)
    assert (refused.value.rule, refused.value.zh, refused.value.en) == (
        "R-F1", "会议材料不全：comment_adoption_report, expert_adoption_report",
        "the meeting pack lacks: comment_adoption_report, expert_adoption_report")


def test_a_stage_marked_not_applicable_never_stands_in_for_another_stages_report(spec, chain) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report")
    chain.add(Stage.EXPERT_REVIEW, "not_applicable", data={"reason": "非专业性问题"})
    risk = chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})["hash"]
    legality = chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", data={"outcome": "lawful"})["hash"]
    data = only(steps.materials(spec, chain.entries)).data
    assert (data["expert_adoption_report"], data["risk_report"], data["legality_opinion"]) == (
        "not_applicable", risk, legality)


def test_minutes_are_refused_without_a_decision_in_both_languages(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    with pytest.raises(RuleViolation) as refused:
        steps.minutes(spec, chain.entries)  # a decision, but no meeting convened on record
    assert (refused.value.rule, refused.value.zh, refused.value.en) == (
        "R-F3", "会议尚未作出决定，不能形成纪要", "no meeting decision to minute yet")


def test_minutes_read_absent_remarks_name_and_reason_as_empty_and_keep_who_recorded_a_view(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "meeting_convened", "secretary",
              {"meeting_type": "executive", "attendees": ["member_1", "county_head"], "absentees": []})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "secretary",
              {"member": "member_1", "view": "agree", "recorded_by": "secretary"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    data = only(steps.minutes(spec, chain.entries)).data
    assert data["views"] == [{"member": "member_1", "view": "agree", "remarks": "", "recorded_by": "secretary"}]
    assert (data["meeting_name"], data["head_reason"], data["meeting_type"]) == ("", "", "executive")


def test_minutes_carry_the_meetings_name_and_the_heads_reason(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "meeting_convened", "secretary",
              {"meeting_type": "plenary", "meeting_name": "第5次常务会议", "attendees": [], "absentees": []})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "revise", "reason": "再论证"})
    data = only(steps.minutes(spec, chain.entries)).data
    assert (data["meeting_name"], data["head_reason"], data["decision"], data["views"]) == (
        "第5次常务会议", "再论证", "revise", [])
