"""Implementation and post-decision evaluation (R-G2..R-G5), each refusal with its rule id."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from juece.domain.evaluation import reports as evaluation
from juece.domain.evaluation.answers import amendment_spec, conclude, opened
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from juece.spec import DecisionSpec

UNIT = "延寿县自然资源局"
ADJUST, CONTINUE, STOP = "调整 Adjust", "继续执行 Continue", "停止执行 Stop"
FINDINGS = {"findings": "养老用房配建率仅六成。", "public_views": "座谈会两场，问卷五百份。"}


@pytest.fixture
def approved(chain):
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.PUBLICATION, "published", "sponsor_office", {"published_at": "2026-03-02T02:00:00.000000Z"})
    return chain


def refused(call, *args) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    return caught.value


def test_the_implementing_unit_reports_with_the_attachments_hash_r_g2(spec, approved) -> None:
    act = evaluation.implementation_report(spec, approved.entries, UNIT, "一季度完成两处。", {"sha256": "ab"}, "sponsor_office")
    assert (act.kind, act.data["number"], act.data["attachment"], act.data["rule"]) == (
        "implementation_reported", 1, {"sha256": "ab"}, "R-G2")


@pytest.mark.parametrize(("unit", "summary"), [("延寿县财政局", "摘要"), (UNIT, " ")], ids=["another-unit", "no-summary"])
def test_only_the_named_unit_reports_with_a_summary_r_g2(spec, approved, unit: str, summary: str) -> None:
    assert refused(evaluation.implementation_report, spec, approved.entries, unit, summary, {}, "x").rule == "R-G2"


@pytest.mark.parametrize("outcome", [None, "reject", "postpone"])
def test_nothing_is_implemented_or_evaluated_unless_approved_and_published(spec, chain, outcome) -> None:
    if outcome:
        chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": outcome})
    assert refused(evaluation.implementation_report, spec, chain.entries, UNIT, "s", {}, "x").rule == "R-G2"
    assert refused(evaluation.request, spec, chain.entries, "on_demand", "r", "x").rule == "R-G3"
    assert refused(evaluation.complaint, spec, chain.entries, "投诉", "hotline", "x").rule == "R-G3"


def test_an_evaluation_on_demand_names_the_independent_evaluator(spec, approved) -> None:
    act = evaluation.request(spec, approved.entries, "on_demand", "县政府要求", "sponsor_office")
    assert (act.kind, act.data["number"], act.data["trigger"]) == ("evaluation_requested", 1, "on_demand")
    assert (act.data["evaluator_unit"], act.data["evaluator"]) == ("延寿县发展和改革局", "evaluator")


@pytest.mark.parametrize(("unit", "user"), [
    (UNIT, None), ("哈尔滨社会稳定风险评估中心", None), ("延寿县审计局", "sponsor_office"), ("延寿县审计局", "risk_assessor")],
    ids=["sponsor-unit", "third-party-assessor", "sponsor-office-user", "risk-assessor-user"])
def test_the_pre_decision_assessor_may_not_evaluate_r_g4(spec, approved, unit: str, user) -> None:
    error = refused(evaluation.request, spec, approved.entries, "on_demand", "复核", "x", unit, user)
    assert (error.rule, error.field) == ("R-G4", "evaluator_unit")


def test_another_independent_evaluator_may_be_named(spec, approved) -> None:
    act = evaluation.request(spec, approved.entries, "on_demand", "复核", "x", "延寿县审计局", "auditor")
    assert (act.data["evaluator_unit"], act.data["evaluator"]) == ("延寿县审计局", "auditor")


def test_an_evaluation_on_demand_needs_a_reason_and_none_may_be_open_r_g3(spec, approved) -> None:
    assert refused(evaluation.request, spec, approved.entries, "on_demand", " ", "x").rule == "R-G3"
    approved.extend([evaluation.request(spec, approved.entries, "on_demand", "一", "x")])
    error = refused(evaluation.request, spec, approved.entries, "on_demand", "二", "x")
    assert error.rule == "R-G3" and "still open" in error.en


def test_complaints_reaching_the_threshold_request_an_evaluation_r_g3(make_spec, approved) -> None:
    spec = make_spec({"stages.post_evaluation.complaint_threshold": 3})
    for count in (1, 2):
        acts = evaluation.complaint(spec, approved.entries, f"投诉{count}", "hotline", "sponsor_office")
        assert [a.kind for a in acts] == ["complaint_recorded"] and acts[0].data["count_since_evaluation"] == count
        approved.extend(acts)
    acts = evaluation.complaint(spec, approved.entries, "投诉3", "hotline", "sponsor_office")
    assert [a.kind for a in acts] == ["complaint_recorded", "evaluation_requested"]
    assert (acts[1].data["trigger"], acts[1].actor) == ("complaints", "juece")


def test_a_scheduled_run_records_its_own_request_and_a_manual_one_takes_up_the_pending(spec, approved) -> None:
    acts = evaluation.open_evaluation(spec, approved.entries, "scheduled__1", True, None)
    assert [(a.kind, a.data["trigger"]) for a in acts] == [("evaluation_requested", "schedule"), ("evaluation_opened", "schedule")]
    approved.extend([evaluation.request(spec, approved.entries, "on_demand", "要求", "x")])
    opened_, = evaluation.open_evaluation(spec, approved.entries, "manual__1", False, None)
    assert (opened_.kind, opened_.data["number"], opened_.data["run_id"]) == ("evaluation_opened", 1, "manual__1")


def test_a_run_started_in_airflow_without_a_request_needs_a_reason_r_g3(spec, approved) -> None:
    assert refused(evaluation.open_evaluation, spec, approved.entries, "manual__1", False, None).rule == "R-G3"
    acts = evaluation.open_evaluation(spec, approved.entries, "manual__1", False, "审计发现问题")
    assert acts[0].data["reason"] == "审计发现问题"


def test_the_evaluation_is_planned_after_months_from_publication(spec, approved) -> None:
    act, = evaluation.schedule(spec, approved.entries, datetime(2026, 3, 3, tzinfo=UTC))
    assert (act.data["applies"], act.data["due_at"], act.data["effective_due_at"]) == (
        True, "2028-03-02T02:00:00.000000Z", "2028-03-02T02:00:00.000000Z")


@pytest.mark.parametrize("outcome", [None, "reject", "revise", "postpone"])
def test_no_evaluation_is_planned_for_a_decision_not_approved(spec, chain, outcome) -> None:
    if outcome:
        chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": outcome})
    act, = evaluation.schedule(spec, chain.entries, datetime(2026, 3, 3, tzinfo=UTC))
    assert (act.stage, act.kind, act.data["applies"]) == (Stage.POST_EVALUATION, "evaluation_scheduled", False)
    assert act.data["evaluator_unit"] == "延寿县发展和改革局" and "due_at" not in act.data


def evaluating(spec, chain):
    chain.extend(evaluation.open_evaluation(spec, chain.entries, "manual__1", False, "要求"))
    return TaskContext(spec, chain.entries)


@pytest.mark.parametrize(("label", "outcome"), [(CONTINUE, "continue"), (STOP, "stop")])
def test_the_evaluator_concludes_continue_or_stop(spec, approved, label: str, outcome: str) -> None:
    act, = conclude(evaluating(spec, approved), Answer("evaluator", [label], FINDINGS)).acts
    assert (act.kind, act.data["outcome"], act.data["amendment_id"]) == ("evaluation_concluded", outcome, None)


def test_an_adjustment_names_the_amendment_decision_it_opens_r_g5(spec, approved) -> None:
    answer = Answer("evaluator", [ADJUST], {**FINDINGS, "adjustment": "配建标准提高到每百户四十平方米。"})
    act, = conclude(evaluating(spec, approved), answer).acts
    assert act.data["amendment_id"] == f"{spec.id}-amend-1"
    approved.extend([act])
    assert opened(approved.entries) is None
    data = amendment_spec(spec, approved.entries)
    amended = DecisionSpec.model_validate(data)
    assert (amended.id, amended.amends, amended.draft.version, amended.catalogue) == (f"{spec.id}-amend-1", spec.id, 2, None)
    assert "配建标准提高到每百户四十平方米。" in amended.draft.explanation


@pytest.mark.parametrize(("label", "params", "rule", "field"), [
    (ADJUST, FINDINGS, "R-G5", "adjustment"), (CONTINUE, {"findings": "好"}, "R-G4", "public_views"),
    (CONTINUE, {"public_views": "有"}, "R-G4", "findings"), ("再议 Later", FINDINGS, "R-G4", None)],
    ids=["adjust-without-adjustment", "no-public-views", "no-findings", "no-outcome"])
def test_an_incomplete_evaluation_is_refused(spec, approved, label, params, rule, field) -> None:
    error = refused(conclude, evaluating(spec, approved), Answer("evaluator", [label], params))
    assert (error.rule, error.field) == (rule, field)


def test_there_is_nothing_to_conclude_without_an_open_evaluation_r_g3(spec, approved) -> None:
    assert refused(conclude, TaskContext(spec, approved.entries), Answer("evaluator", [CONTINUE], FINDINGS)).rule == "R-G3"


def test_no_amendment_without_an_adjustment_r_g5(spec, approved) -> None:
    approved.extend(conclude(evaluating(spec, approved), Answer("evaluator", [CONTINUE], FINDINGS)).acts)
    assert refused(amendment_spec, spec, approved.entries).rule == "R-G5"


def test_the_amendment_starts_from_the_draft_as_last_revised(spec, approved) -> None:
    approved.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 3, "text": "第一条 修改稿。"})
    answer = Answer("evaluator", [ADJUST], {**FINDINGS, "adjustment": "调整。"})
    approved.extend(conclude(evaluating(spec, approved), answer).acts)
    assert amendment_spec(spec, approved.entries)["draft"] | {"explanation": ""} == {
        "text": "第一条 修改稿。", "version": 4, "explanation": ""}
