"""The legality review's refusals (R-E1, R-E4) and the gate's reasons (R-E1, R-D1, R-D4) word for
word in both languages, every other input valid; the submission's stages and calendar (R-E2, R-E3)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest

from juece.domain.deliberation.meeting_answers import legality_review
from juece.domain.legality import review as legality
from juece.domain.record import workdays
from juece.domain.record.answers import TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.markup import literal
from juece.domain.stages import Stage, stage_label
from tests.unit.domain.legality.test_legality import (
    LAWFUL,
    REVISE,
    answer,
    only,
    reviewed,
    reviewing,
    revising,
)


@pytest.fixture
def advised(chain):
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {"conclusion": "lawful", "opinion": "合法。"})
    return chain


def refusal(handler: Any, ctx: TaskContext, reply: Any) -> tuple[str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        handler(ctx, reply)
    return caught.value.rule, caught.value.zh, caught.value.en


def gate_refusals(entries: list[dict[str, Any]]) -> tuple[list[dict[str, str]], bool]:
    passed, acts = legality.gate(entries)
    data = only(acts).data
    assert passed is (not data["refusals"])
    return data["refusals"], data["risk_controllable"]


def controllable(chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})


def test_a_review_again_before_the_revision_is_refused_in_both_languages_r_e4(spec, advised) -> None:
    answer(advised, spec, legality_review, reviewing(REVISE, revisions="删去第五条。"))
    assert refusal(legality_review, TaskContext(spec, advised.entries), reviewing(LAWFUL)) == (
        "R-E4", "草案尚未按审查意见修改，不能再次审查",
        "the draft has not been revised as the review asked: nothing to review again")


def test_a_review_past_the_last_round_is_refused_naming_the_rounds_in_both_languages_r_e4(
        spec, make_spec, advised) -> None:
    two = make_spec({"stages.legality_review.max_rounds": 2})
    for _ in range(2):
        answer(advised, two, legality_review, reviewing(REVISE, revisions="删去第五条。"))
        answer(advised, two, legality.legality_revision, revising(f"第一条 第{len(advised.entries)}稿。"))
    assert refusal(legality_review, TaskContext(two, advised.entries), reviewing(LAWFUL)) == (
        "R-E4", "合法性审查已进行2轮，轮次已用尽", "all 2 review rounds have been used")


def test_a_revision_nobody_asked_for_is_refused_in_both_languages_r_e4(spec, advised) -> None:
    answer(advised, spec, legality_review, reviewing(LAWFUL))
    assert refusal(legality.legality_revision, TaskContext(spec, advised.entries), revising()) == (
        "R-E4", "审查未要求修改或草案已修改",
        "nothing to revise: the review asked for no revision or the draft was already revised")


def test_once_the_sponsor_has_revised_no_further_revision_is_asked(spec, advised) -> None:
    answer(advised, spec, legality_review, reviewing(REVISE, revisions="删去第五条。"))
    answer(advised, spec, legality.legality_revision, revising())
    assert legality.revision_needed(advised.entries) is None and legality.rereview_needed(advised.entries)


def test_the_sponsor_is_shown_the_revisions_asked_and_the_current_draft(spec, advised) -> None:
    answer(advised, spec, legality_review, reviewing(REVISE, revisions="删去第五条。"))
    body = legality.revision_body(TaskContext(spec, advised.entries))
    assert body == ("合法性审查意见为“修改后合法”（R-E4），请按修改意见调整草案并说明修改内容，之后再次审查。\n"
                    "The review found the draft lawful with revisions (R-E4): revise it (full new text), say what "
                    "changed; it then goes to review again.\n\n**修改意见 Revisions asked**\n\n删去第五条。\n\n"
                    f"**现行草案 Current draft (v1)**\n\n{literal(spec.draft.text)}")


def test_the_sponsor_is_shown_no_revisions_before_any_review(spec, chain) -> None:
    body = legality.revision_body(TaskContext(spec, chain.entries))
    assert "**修改意见 Revisions asked**\n\n\n\n**现行草案 Current draft (v1)**" in body


def test_the_submission_states_a_stage_not_applicable_or_missing_in_both_languages(spec, chain) -> None:
    chain.add(Stage.EXPERT_REVIEW, "not_applicable", data={"reason": "非专业性问题"})
    expert = legality.procedure_statement(chain.entries, Stage.EXPERT_REVIEW)
    risk = legality.procedure_statement(chain.entries, Stage.RISK_ASSESSMENT)
    assert expert["summary"] == f"{stage_label(Stage.EXPERT_REVIEW)}：不适用，记录1条 / not applicable, 1 entries"
    assert risk["summary"] == f"{stage_label(Stage.RISK_ASSESSMENT)}：未见记录，记录0条 / no record, 0 entries"
    assert (expert["label"], expert["facts"], risk["evidence"]) == (stage_label(Stage.EXPERT_REVIEW),
                                                                    {"not_applicable": 1}, [])


def test_a_submission_across_new_year_names_the_loaded_schedule_of_both_years_r_e3(spec, chain) -> None:
    after = workdays.library_years().stop
    loaded = [workdays.parse_schedule(year, {"holidays": [f"{year}-01-01"]}, f"{year}年通知") for year in (after, after + 1)]
    workdays.provide(lambda: loaded)
    submitted = datetime(after, 12, 27, 2, tzinfo=UTC)
    data = only(legality.legality_submission(spec, chain.entries, submitted)).data
    assert data["review_due"].startswith(f"{after + 1}-01")
    assert data["calendar"].endswith(f"; {after}: {after}年通知; {after + 1}: {after + 1}年通知")


def test_the_gate_without_a_review_says_so_in_both_languages_r_e1(chain) -> None:
    controllable(chain)
    assert gate_refusals(chain.entries) == ([{"rule": "R-E1", "zh": "未经合法性审查", "en": "no legality review"}], True)


def test_the_gate_on_an_unlawful_finding_says_so_in_both_languages_r_e1(chain) -> None:
    reviewed(chain, "unlawful")
    controllable(chain)
    assert gate_refusals(chain.entries)[0] == [
        {"rule": "R-E1", "zh": "合法性审查认为不合法", "en": "the legality review found the draft unlawful"}]


def test_the_gate_while_revisions_are_outstanding_says_so_in_both_languages_r_e4(chain) -> None:
    reviewed(chain, "lawful_with_revisions")
    controllable(chain)
    assert gate_refusals(chain.entries)[0] == [
        {"rule": "R-E4", "zh": "修改后的草案尚未经审查认定合法",
         "en": "the draft was sent back for revision and has not been found lawful since"}]


@pytest.mark.parametrize("outcome", [None, "lawful?"])
def test_the_gate_on_an_unknown_review_outcome_names_it_r_e1(chain, outcome: str | None) -> None:
    reviewed(chain, outcome)  # type: ignore[arg-type]
    controllable(chain)
    assert gate_refusals(chain.entries)[0] == [
        {"rule": "R-E1", "zh": f"审查结论不明（{outcome}）", "en": f"unknown review outcome {outcome!r}"}]


def test_the_gate_on_a_review_of_an_earlier_draft_names_its_version_r_e4(chain) -> None:
    reviewed(chain, "lawful", draft_version=1)
    chain.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 2, "text": "第一条 第二稿。"})
    controllable(chain)
    assert gate_refusals(chain.entries)[0] == [
        {"rule": "R-E4", "zh": "最近一次审查针对第1版，草案已修改",
         "en": "the latest review is of version 1; the draft has changed since"}]


def test_the_gate_without_a_risk_assessment_says_so_and_the_risk_is_not_controllable_r_d1(chain) -> None:
    reviewed(chain, "lawful")
    chain.add(Stage.EXPERT_REVIEW, "not_applicable", data={"reason": "非专业性问题"})  # another stage's
    assert gate_refusals(chain.entries) == ([{"rule": "R-D1", "zh": "未作风险评估", "en": "no risk assessment"}], False)


def test_the_gate_on_an_uncontrollable_risk_says_so_in_both_languages_r_d4(chain) -> None:
    reviewed(chain, "lawful")
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": False})
    assert gate_refusals(chain.entries) == ([{"rule": "R-D4", "zh": "风险不可控：高风险点无可接受的防控措施",
                                              "en": "the risk is not controllable: a high point has no accepted "
                                                    "mitigation"}], False)


def test_the_sponsor_is_shown_no_revisions_where_the_review_recorded_none(spec, chain) -> None:
    reviewed(chain, "lawful_with_revisions")
    body = legality.revision_body(TaskContext(spec, chain.entries))
    assert "**修改意见 Revisions asked**\n\n\n\n**现行草案 Current draft (v1)**" in body
