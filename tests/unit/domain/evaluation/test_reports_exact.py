"""Implementation reports, complaints and evaluation requests word for word (R-G2..R-G4): each
refusal's rule, field and words in both languages with every other input valid; what the record
keeps of a complaint; what counts as approved; months added at a month's end."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

import pytest

from juece.domain.evaluation import reports as evaluation
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from tests.unit.domain.conftest import Chain

UNIT = "延寿县自然资源局"


@pytest.fixture
def approved(chain: Chain) -> Chain:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.PUBLICATION, "published", "sponsor_office", {"published_at": "2026-03-02T02:00:00.000000Z"})
    return chain


def refusal(call: Callable[..., object], *args: object) -> tuple[str | None, str, str, str | None]:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    error = caught.value
    return error.rule, error.zh, error.en, error.field


def test_a_decision_published_but_not_approved_is_neither_implemented_nor_evaluated(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "reject"})
    chain.add(Stage.PUBLICATION, "published", "sponsor_office", {"published_at": "2026-03-02T02:00:00.000000Z"})
    assert evaluation.approved(chain.entries) is False
    assert refusal(evaluation.implementation_report, spec, chain.entries, UNIT, "s", {}, "x") == (
        "R-G2", "只有经批准并公布的决策才实施和评估",
        "only an approved and published decision is implemented and evaluated", None)
    act, = evaluation.schedule(spec, chain.entries, datetime(2026, 3, 3, tzinfo=UTC))
    assert act.data["applies"] is False and "due_at" not in act.data and "evaluator" not in act.data


def test_an_approved_decision_not_yet_published_is_not_approved_for_implementation(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    assert evaluation.approved(chain.entries) is False


def test_a_report_from_another_unit_is_refused_at_the_unit_field_r_g2(spec, approved) -> None:
    assert refusal(evaluation.implementation_report, spec, approved.entries, "延寿县财政局", "摘要", {}, "x") == (
        "R-G2", f"执行单位为{UNIT}，延寿县财政局不能报送实施情况",
        f"the implementing unit is {UNIT}; 延寿县财政局 cannot report", "unit")


def test_a_report_without_a_summary_is_refused_at_the_summary_field_r_g2(spec, approved) -> None:
    assert refusal(evaluation.implementation_report, spec, approved.entries, f" {UNIT} ", " \n", {}, "x") == (
        "R-G2", "请填写实施情况摘要", "a summary of the report is required", "summary")


def test_an_unknown_trigger_is_refused_with_the_three_ways_an_evaluation_starts_r_g3(spec, approved) -> None:
    assert refusal(evaluation.request, spec, approved.entries, "audit", "理由", "x") == (
        "R-G3", "评估启动方式须为 schedule/complaints/on_demand",
        "trigger must be one of schedule, complaints, on_demand", None)


def test_a_request_without_a_reason_is_refused_at_the_reason_field_r_g3(spec, approved) -> None:
    assert refusal(evaluation.request, spec, approved.entries, "on_demand", "  ", "x") == (
        "R-G3", "启动评估须说明理由", "an evaluation needs a reason", "reason")


def test_a_second_request_while_one_is_open_names_the_open_one_r_g3(spec, approved) -> None:
    approved.extend([evaluation.request(spec, approved.entries, "on_demand", "一", "x")])
    assert refusal(evaluation.request, spec, approved.entries, "schedule", "二", "x") == (
        "R-G3", "第1次评估尚未结束", "evaluation 1 is still open", None)


def test_the_pre_decision_assessor_is_refused_as_evaluator_in_both_languages_r_g4(spec, approved) -> None:
    assert refusal(evaluation.request, spec, approved.entries, "on_demand", "复核", "x", UNIT, "auditor") == (
        "R-G4", f"评估单位（{UNIT}，auditor）不得是承担主要论证评估工作的单位",
        f"the evaluator ({UNIT}, auditor) may not be the unit that did the main pre-decision assessment",
        "evaluator_unit")


def test_a_request_is_kept_with_its_trigger_in_words_and_the_rules_it_applies(spec, approved) -> None:
    act = evaluation.request(spec, approved.entries, "on_demand", " 县政府要求 ", "sponsor_office")
    assert (act.stage, act.kind, act.actor) == (Stage.POST_EVALUATION, "evaluation_requested", "sponsor_office")
    assert act.data == {"number": 1, "trigger": "on_demand", "trigger_label": "决策机关要求 on demand",
                        "reason": "县政府要求", "evaluator_unit": "延寿县发展和改革局", "evaluator": "evaluator",
                        "rules": ["R-G3", "R-G4"]}


def test_an_evaluation_is_open_from_its_request_until_concluded_and_pending_until_a_run_takes_it_up(
        spec, approved) -> None:
    assert (evaluation.open_number(approved.entries), evaluation.pending(approved.entries)) == (None, None)
    requested, = approved.extend([evaluation.request(spec, approved.entries, "on_demand", "一", "x")])
    assert (evaluation.open_number(approved.entries), evaluation.pending(approved.entries)) == (1, requested)
    approved.extend(evaluation.open_evaluation(spec, approved.entries, "manual__1", False, None))
    assert (evaluation.open_number(approved.entries), evaluation.pending(approved.entries)) == (1, None)
    approved.add(Stage.POST_EVALUATION, "evaluation_concluded", "evaluator", {"number": 1, "outcome": "continue"})
    assert evaluation.open_number(approved.entries) is None
    assert evaluation.request(spec, approved.entries, "on_demand", "二", "x").data["number"] == 2


def test_a_complaint_is_kept_without_the_complainant_and_counted_since_the_last_request_r_g3(
        make_spec, approved) -> None:
    spec = make_spec({"stages.post_evaluation.complaint_threshold": 5})
    for n in (1, 2):
        approved.extend(evaluation.complaint(spec, approved.entries, f"投诉{n}", "hotline", "sponsor_office"))
    approved.extend([evaluation.request(spec, approved.entries, "on_demand", "要求", "x")])
    approved.add(Stage.POST_EVALUATION, "evaluation_concluded", "evaluator", {"number": 1, "outcome": "continue"})
    act, = evaluation.complaint(spec, approved.entries, "  噪音扰民 ", "12345", "clerk")
    assert (act.stage, act.kind, act.actor) == (Stage.POST_EVALUATION, "complaint_recorded", "clerk")
    assert act.data == {"summary": "噪音扰民", "channel": "12345", "count_since_evaluation": 1, "threshold": 5,
                        "rule": "R-G3"}


def test_a_complaint_without_a_summary_is_refused_at_the_summary_field_r_g3(spec, approved) -> None:
    assert refusal(evaluation.complaint, spec, approved.entries, " ", "hotline", "x") == (
        "R-G3", "请填写投诉摘要", "a summary of the complaint is required", "summary")


def test_a_scheduled_run_states_the_months_after_implementation_as_its_reason(spec, approved) -> None:
    requested, _ = evaluation.open_evaluation(spec, approved.entries, "scheduled__1", True, None)
    assert requested.data["reason"] == "实施24个月后按计划评估 / scheduled 24 months after implementation"


@pytest.mark.parametrize(("start", "months", "expected"), [
    (datetime(2027, 1, 31, 2, tzinfo=UTC), 1, datetime(2027, 2, 28, 2, tzinfo=UTC)),
    (datetime(2028, 1, 31, 2, tzinfo=UTC), 1, datetime(2028, 2, 29, 2, tzinfo=UTC)),
    (datetime(2027, 11, 15, tzinfo=UTC), 2, datetime(2028, 1, 15, tzinfo=UTC)),
    (datetime(2027, 1, 15, tzinfo=UTC), 12, datetime(2028, 1, 15, tzinfo=UTC)),
    (datetime(2027, 12, 31, tzinfo=UTC), 24, datetime(2029, 12, 31, tzinfo=UTC)),
    (datetime(2027, 3, 31, tzinfo=UTC), 0, datetime(2027, 3, 31, tzinfo=UTC))],
    ids=["to-a-short-february", "to-a-leap-february", "over-the-year-end", "a-year-from-january", "two-years",
         "none"])
def test_months_are_added_on_the_calendar_keeping_the_day_or_the_months_last(
        start: datetime, months: int, expected: datetime) -> None:
    assert evaluation.add_months(start, months) == expected
