"""Each rule's evaluator checks what the rule requires, not that an entry of some kind exists.

Whole records are in tests/unit/adapters/reporting/test_compliance_table.py; here, the edges of single
rules on small records."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.archive.compliance import (
    EVALUATORS,
    MET,
    NOT_APPLICABLE,
    NOT_MET,
    NOT_USED,
    OPEN,
    PROVEN,
    REFUSED,
    compliance,
)
from juece.domain.rules import RULES
from juece.domain.stages import Stage

PP, RA, LR, CD = (Stage.PUBLIC_PARTICIPATION, Stage.RISK_ASSESSMENT, Stage.LEGALITY_REVIEW,
                  Stage.COLLECTIVE_DELIBERATION)


def status(chain: Any, rule: str, **record: Any) -> Any:
    found = {item.rule: item for item in compliance({"entries": chain.entries, **record})}
    return found[rule]


def comments(chain: Any, *late: bool) -> None:
    chain.add(PP, "notice_published", "sponsor_office", {"how_to_comment": "无需账号", "closes_at": "2027-04-01T16:00:00Z",
                                                         "period_days": 30, "draft_version": 1})
    for number, is_late in enumerate(late, start=1):
        chain.add(PP, "comment_received", "public", {"receipt": f"C-{number:06d}", "text": "意见", "late": is_late})
    chain.add(PP, "comments_closed", "juece", {"count": len(late)})


def dispose(chain: Any, ref: str, disposition: str, reason: str = "") -> None:
    chain.add(PP, "comment_disposed", "sponsor_office", {"ref": ref, "disposition": disposition, "reason": reason})


def assessed(chain: Any, controllable: bool) -> None:
    chain.add(RA, "risk_assessed", "risk_assessor", {
        "controllable": controllable, "uncontrolled_points": [] if controllable else ["R1"],
        "points": [{"id": "R1", "dimension": "public_finance", "description": "债务", "measure": "分期",
                    "level": "medium" if controllable else "high"}],
        "departments_heard": ["县财政局"], "response_plan": "预案"})


def test_every_rule_of_the_registry_is_evaluated_once_in_order(chain) -> None:
    assert [item.rule for item in compliance(chain.entries)] == list(RULES) == list(EVALUATORS)
    assert len(RULES) == 40


def test_a_comment_without_a_disposition_keeps_r_b4_open_then_not_met_once_the_meeting_is_prepared(chain) -> None:
    comments(chain, False, True)
    dispose(chain, "C-000001", "adopted")
    assert status(chain, "R-B4").status == OPEN and "C-000002" in status(chain, "R-B4").note_zh  # late ones too
    chain.add(CD, "materials_issued", "secretary", {})
    assert status(chain, "R-B4").status == NOT_MET


def test_r_b4_is_met_only_when_every_comment_has_a_disposition_and_a_reason_where_needed(chain) -> None:
    comments(chain, False, True)
    dispose(chain, "C-000001", "adopted")
    dispose(chain, "C-000002", "partly_adopted")
    item = status(chain, "R-B4")
    assert item.status == NOT_MET and "C-000002" in item.note_zh
    dispose(chain, "C-000002", "partly_adopted", "部分采纳：已改第三条。")
    item = status(chain, "R-B4")
    assert (item.status, item.proof["kind"]) == (MET, "comment_disposed")


def test_a_comment_received_after_the_adoption_report_is_told_apart_not_counted_undisposed_r_b4(chain) -> None:
    comments(chain, False)
    dispose(chain, "C-000001", "adopted")
    chain.add(PP, "adoption_report", "sponsor_office", {"total": 1})
    chain.add(PP, "comment_received", "public", {"receipt": "C-000002", "text": "很晚的意见", "late": True})
    item = status(chain, "R-B4")
    assert item.status == MET and "1 more received after the adoption report" in item.note_en


def test_a_short_period_needs_the_urgency_reason_printed_in_the_notice_r_b2(chain) -> None:
    chain.add(PP, "notice_published", "sponsor_office", {"period_days": 15, "urgency_reason": None})
    assert status(chain, "R-B2").status == NOT_MET
    chain.add(PP, "notice_published", "sponsor_office", {"period_days": 15, "urgency_reason": "防汛工期紧迫"})
    assert status(chain, "R-B2").status == MET and "防汛工期紧迫" in status(chain, "R-B2").note_zh


def test_r_d4_is_not_met_when_the_last_round_was_uncontrollable(chain) -> None:
    assessed(chain, False)
    item = status(chain, "R-D4")
    assert item.status == NOT_MET and "R1" in item.note_zh and item.proof["kind"] == "risk_assessed"
    chain.add(RA, "draft_revised", "sponsor_office", {"version": 2, "text": "修改后"})
    assessed(chain, True)
    item = status(chain, "R-D4")
    assert item.status == MET and "此前1轮不可控" in item.note_zh


def test_reassessing_without_a_revised_draft_is_not_met_r_d4(chain) -> None:
    assessed(chain, False)
    assessed(chain, True)
    assert status(chain, "R-D4").status == NOT_MET


def test_a_closed_gate_is_refused_with_its_reasons_and_the_meeting_rules_are_not_applicable(chain) -> None:
    chain.add(LR, "legality_reviewed", "legality_reviewer", {"outcome": "unlawful"})
    chain.add(LR, "gate_closed", "juece", {"refusals": [{"rule": "R-E1", "zh": "审查认为不合法", "en": "found unlawful"}]})
    item = status(chain, "R-E1")
    assert (item.status, item.proof["kind"]) == (REFUSED, "gate_closed") and "审查认为不合法（R-E1）" in item.note_zh
    assert status(chain, "R-F2").status == NOT_APPLICABLE and status(chain, "R-G1").status == NOT_APPLICABLE
    chain.add(CD, "meeting_convened", "secretary", {"attendees": []})  # deliberation despite the closed gate
    assert status(chain, "R-E1").status == NOT_MET


def test_the_gate_passes_lawfully_only_after_a_lawful_review_or_a_recorded_override(chain) -> None:
    chain.add(LR, "legality_reviewed", "legality_reviewer", {"outcome": "unlawful"})
    chain.add(LR, "gate_passed", "juece", {})
    assert status(chain, "R-E1").status == NOT_MET
    chain.add(LR, "legality_reviewed", "legality_reviewer",
              {"outcome": "unlawful", "exploratory_override": True, "legal_risk": "与现行收费规定不一致"})
    chain.add(LR, "gate_passed", "juece", {})
    item = status(chain, "R-E1")
    assert item.status == MET and "与现行收费规定不一致" in item.note_zh


@pytest.mark.parametrize(("outcome", "reason", "expected"), [
    ("approve", "", MET), ("reject", "", NOT_MET), ("reject", "财政承受能力不足。", MET)],
    ids=["follows-majority", "departs-without-reason", "departs-with-reason"])
def test_r_f4_asks_for_the_heads_reason_only_where_the_decision_departs_from_the_majority(
        chain, outcome: str, reason: str, expected: str) -> None:
    for member in ("member_1", "member_2"):
        chain.add(CD, "member_view", member, {"member": member, "view": "agree", "remarks": ""})
    chain.add(CD, "head_decision", "county_head", {"outcome": outcome, "reason": reason})
    assert status(chain, "R-F4").status == expected


def test_r_a3_is_met_only_with_a_catalogue_entry(chain, empty_chain, make_spec) -> None:
    assert status(chain, "R-A3").status == MET and "2027-01" in status(chain, "R-A3").note_zh
    empty_chain.launched(make_spec({"catalogue": None}))
    assert status(empty_chain, "R-A3").status == NOT_USED


def test_a_stage_marked_not_applicable_makes_its_rules_not_applicable_with_the_reason(chain) -> None:
    chain.add(RA, "not_applicable", "juece", {"reason": "不涉及社会稳定风险", "article": "Art. 22", "rule": "R-A2"})
    for rule in ("R-D1", "R-D2", "R-D3", "R-D4"):
        item = status(chain, rule)
        assert item.status == NOT_APPLICABLE and "不涉及社会稳定风险" in item.note_zh, rule
    item = status(chain, "R-A2")
    assert item.status == MET and "1个环节不适用，均写明理由" in item.note_zh


def test_only_the_allowed_stages_may_be_not_applicable_r_a2(chain) -> None:
    chain.add(Stage.LAUNCH, "workflow_started", "juece", {})
    chain.add(LR, "not_applicable", "juece", {"reason": "无"})
    assert status(chain, "R-A2").status == NOT_MET


def test_archive_rules_are_proven_by_the_file_and_open_before_it_exists(chain) -> None:
    assert status(chain, "R-H2").status == OPEN
    item = status(chain, "R-H2", edition="full", chain_head=chain.entries[-1]["hash"])
    assert item.status == PROVEN and chain.entries[-1]["hash"][:16] in item.note_zh
    public = status(chain, "R-H6", edition="public", chain_head="0" * 64, redactions=[{}, {}])
    assert public.status == PROVEN and "删去个人信息2处" in public.note_zh


def test_only_answers_refused_under_a_rule_are_counted_beside_it(chain) -> None:
    chain.add(CD, "answer_refused", "county_head", {"rule": "R-F4", "zh": "须说明理由", "en": "reason"})
    chain.add(CD, "answer_refused", "county_head", {"rule": None, "zh": "应为列表", "en": "must be a list"})
    counts = {item.rule: item.refusals for item in compliance(chain.entries)}
    assert counts["R-F4"] == 1 and sum(counts.values()) == 1


@pytest.mark.parametrize("junk", [
    {"kind": "panel_drawn", "stage": "expert_review", "data": {"seats": "x", "rules": [], "pool": None}},
    {"kind": "risk_assessed", "stage": "risk_assessment", "data": {"points": [1, None, "p"]}},
    {"kind": "head_decision", "stage": "collective_deliberation", "data": ["not", "a", "dict"]},
    {"kind": "comment_received", "stage": "public_participation", "data": {"receipt": None}, "seq": "x"},
    {"kind": None, "stage": None, "data": None},
], ids=["panel", "risk", "decision", "comment", "nothing"])
def test_a_hostile_record_never_breaks_the_table(chain, junk: dict[str, Any]) -> None:
    assert len(compliance({"entries": [*chain.entries, junk, "not an entry"], "edition": "full",
                           "chain_head": "0" * 64})) == 40
