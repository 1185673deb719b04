"""Each refusal of the risk register (R-D1..R-D4) by its rule, field and words in both languages,
every other input valid; what a round records and what the sponsor is shown."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import VALUE_LABELS
from juece.domain.record.markup import literal
from juece.domain.risk.register import (
    DIMENSIONS,
    conclude,
    reassessment_needed,
    revision_body,
    revision_needed,
    risk_assessment,
    risk_revision,
)
from juece.domain.stages import Stage
from juece.spec.risk_matrix import MATRIX_BY_CATEGORY
from tests.unit.domain.risk.test_risk import HIGH, assessing, point, record, revising


def refusal(handler: Any, ctx: TaskContext, answer: Answer) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        handler(ctx, answer)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def test_an_assessment_without_the_submit_choice_is_refused_r_d2(spec, chain) -> None:
    answer = Answer("risk_assessor", [], assessing().params)
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), answer) == (
        "R-D2", None, "请选择且只选择一个选项", "choose exactly one of: 提交 Submit")


@pytest.mark.parametrize(("params", "field", "zh", "en"), [
    ({"risk_points": []}, "risk_points", "风险评估报告须列明风险点", "the assessment must state its risk points"),
    ({"departments_heard": [" ", ""]}, "departments_heard", "须写明听取意见的有关部门",
     "name the departments that were heard"),
], ids=["no-points", "blank-departments"])
def test_a_report_without_points_or_departments_is_refused_in_both_languages_r_d2(
        spec, chain, params: dict[str, Any], field: str, zh: str, en: str) -> None:
    answer = Answer("risk_assessor", ["提交 Submit"], {**assessing().params, **params})
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), answer) == ("R-D2", field, zh, en)


def test_a_risk_point_that_is_not_an_object_is_refused_naming_its_number(spec, chain) -> None:
    answer = assessing([point(), "社会稳定"])
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), answer) == (
        None, "risk_points", "第2个风险点格式不对", "risk point 2 must be an object")


def test_a_risk_point_of_an_unknown_dimension_is_refused_naming_the_five_in_words_r_d1(spec, chain) -> None:
    words = [VALUE_LABELS[code].split(" ", 1) for code in DIMENSIONS]
    answer = assessing([point(), point(dimension="economy")])
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), answer) == (
        "R-D1", "risk_points.2.dimension", f"第2个风险点的维度须为{'、'.join(w[0] for w in words)}之一",
        f"risk point 2: the dimension must be one of {', '.join(w[1] for w in words)}")


@pytest.mark.parametrize(("changes", "name", "zh", "en"), [
    ({"likelihood": 0}, "likelihood", "可能性", "likelihood"),
    ({"likelihood": 6}, "likelihood", "可能性", "likelihood"),
    ({"impact": True}, "impact", "影响程度", "impact"),
    ({"impact": "3"}, "impact", "影响程度", "impact"),
], ids=["likelihood-0", "likelihood-6", "impact-bool", "impact-text"])
def test_a_score_outside_one_to_five_is_refused_naming_the_point_and_the_score_r_d3(
        spec, chain, changes: dict[str, Any], name: str, zh: str, en: str) -> None:
    answer = assessing([point(), point(**changes)])
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), answer) == (
        "R-D3", f"risk_points.2.{name}", f"第2个风险点的{zh}须为1至5的整数",
        f"risk point 2: the {en} must be a whole number from 1 to 5")


@pytest.mark.parametrize("score", [1, 5])
def test_scores_of_one_and_five_are_taken_r_d3(spec, chain, score: int) -> None:
    act, = risk_assessment(TaskContext(spec, chain.entries), assessing([point(likelihood=score, impact=score)])).acts
    assert (act.data["points"][0]["likelihood"], act.data["points"][0]["impact"]) == (score, score)


@pytest.mark.parametrize(("name", "zh", "en"), [("description", "风险描述", "a description"),
                                                ("measure", "防范措施", "a prevention measure")])
def test_a_risk_point_without_its_description_or_measure_is_refused_naming_it_r_d2(
        spec, chain, name: str, zh: str, en: str) -> None:
    answer = assessing([point(), point(**{name: "  "})])
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), answer) == (
        "R-D2", f"risk_points.2.{name}", f"第2个风险点须写明{zh}", f"risk point 2 needs {en}")


def test_a_recorded_point_keeps_its_words_trimmed_and_its_accepted_mitigation(spec, chain) -> None:
    answer = assessing([point(dimension=" ecology ", description=" 噪声扰民 ", measure=" 夜间停工 ",
                              likelihood=4, impact=4, mitigation_accepted=True)], departments_heard=[" 县环保局 "])
    act, = risk_assessment(TaskContext(spec, chain.entries), answer).acts
    assert act.data["points"] == [{"id": "R1", "dimension": "ecology", "description": "噪声扰民", "likelihood": 4,
                                   "impact": 4, "level": "high", "measure": "夜间停工", "mitigation_accepted": True}]
    assert act.data["departments_heard"] == ["县环保局"] and act.data["response_plan"] == "成立应急处置小组。"
    assert act.data["matrix"] == [list(row) for row in spec.stages.risk_assessment.matrix_for(spec.category)]


def test_an_uncontrollable_round_says_which_points_in_both_languages_r_d4(spec, chain) -> None:
    outcome = risk_assessment(TaskContext(spec, chain.entries), assessing([HIGH, point(), HIGH]))
    assert outcome.notes == ["[R-D4] 高风险点 R1, R3 无可接受的防控措施，须调整草案后重新评估 / "
                             "high risk points R1, R3 lack an accepted mitigation: revise and reassess"]


def test_a_reassessment_before_the_revision_is_refused_in_both_languages_r_d4(spec, chain) -> None:
    record(chain, spec, assessing([HIGH]))
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), assessing()) == (
        "R-D4", None, "风险不可控：须先由承办单位调整草案，再重新评估",
        "the risk is not controllable: the sponsor revises the draft before it is reassessed")


def test_a_round_past_the_last_is_refused_naming_the_rounds_r_d4(spec, make_spec, chain) -> None:
    one = make_spec({"stages.risk_assessment.max_rounds": 1})
    record(chain, one, assessing([HIGH]))
    record(chain, one, revising(), risk_revision)
    assert refusal(risk_assessment, TaskContext(one, chain.entries), assessing()) == (
        "R-D4", None, "风险评估已进行1轮，轮次已用尽", "all 1 assessment rounds have been used")


def test_the_last_round_is_taken_r_d4(spec, make_spec, chain) -> None:
    two = make_spec({"stages.risk_assessment.max_rounds": 2})
    record(chain, two, assessing([HIGH]))
    record(chain, two, revising(), risk_revision)
    act, = risk_assessment(TaskContext(two, chain.entries), assessing()).acts
    assert (act.data["round"], act.data["max_rounds"]) == (2, 2)


def test_a_revision_nobody_asked_for_is_refused_in_both_languages_r_d4(spec, chain) -> None:
    record(chain, spec, assessing())
    assert refusal(risk_revision, TaskContext(spec, chain.entries), revising()) == (
        "R-D4", None, "风险可控或草案已修改，无需修改",
        "nothing to revise: the risk is controllable or the draft was already revised")


def test_the_sponsor_is_shown_the_uncontrolled_points_and_the_current_draft(spec, chain) -> None:
    record(chain, spec, assessing([point(), HIGH]))
    body = revision_body(TaskContext(spec, chain.entries))
    assert body.startswith("风险不可控（R-D4），请调整草案并说明修改内容，之后重新评估。\nThe risk is not controllable "
                           "(R-D4): revise the draft (full new text) and say what changed; the risk is then reassessed.")
    assert "\n\n- R2 (ecology, 4×4): 拆迁户安置诉求；措施 measure: 提前公示安置方案\n\n" in body
    assert "- R1 " not in body and "**现行草案 Current draft (v1)**" in body and body.endswith(literal(spec.draft.text))


def test_the_sponsor_is_shown_a_dash_where_no_point_is_uncontrolled(spec, chain) -> None:
    body = revision_body(TaskContext(spec, chain.entries))
    assert "\n\n—\n\n**现行草案 Current draft (v1)**" in body


def test_the_conclusion_after_an_uncontrolled_round_with_rounds_left_is_not_exhausted(spec, chain) -> None:
    last, = record(chain, spec, assessing([HIGH]))
    act, = conclude(spec, chain.entries)
    assert (act.stage, act.kind, act.actor) == ("risk_assessment", "risk_concluded", "juece")
    assert act.data == {"rounds": 1, "max_rounds": 3, "controllable": False, "rounds_exhausted": False,
                        "latest_assessment": last["hash"], "draft_version": 1, "rule": "R-D4",
                        "note": "风险评估轮次已用尽，风险仍不可控，不得提交集体讨论 / the assessment rounds ran out "
                                "with the risk still not controllable: the decision may not go to deliberation"}


def test_the_conclusion_of_no_round_is_not_controllable(spec, chain) -> None:
    act, = conclude(spec, chain.entries)
    assert (act.data["rounds"], act.data["controllable"], act.data["latest_assessment"]) == (0, False, None)


def test_a_report_without_a_response_plan_is_refused_in_both_languages_r_d2(spec, chain) -> None:
    answer = assessing(response_plan="  ")
    assert refusal(risk_assessment, TaskContext(spec, chain.entries), answer) == (
        "R-D2", "response_plan", "请填写处置预案", "`response_plan` is required")


def test_a_construction_project_is_rated_by_its_own_matrix_r_d3(make_spec, chain) -> None:
    construction = make_spec({"category": "major_public_construction"})
    act, = risk_assessment(TaskContext(construction, chain.entries),
                           assessing([point(likelihood=3, impact=4, mitigation_accepted=True)])).acts
    assert act.data["points"][0]["level"] == "high"  # medium by the default matrix
    assert act.data["matrix"] == [list(row) for row in MATRIX_BY_CATEGORY["major_public_construction"]]


def test_a_round_after_a_controllable_one_needs_no_revision_first_r_d4(spec, chain) -> None:
    record(chain, spec, assessing())
    act, = risk_assessment(TaskContext(spec, chain.entries), assessing()).acts
    assert act.data["round"] == 2


def test_no_reassessment_is_needed_after_a_controllable_round_whatever_revised_the_draft_since(spec, chain) -> None:
    chain.add(Stage.LEGALITY_REVIEW, Kind.DRAFT_REVISED, "sponsor_office", {"version": 2, "text": "第一条 第二稿。"})
    assert not reassessment_needed(chain.entries)  # no risk round at all
    record(chain, spec, assessing())
    chain.add(Stage.LEGALITY_REVIEW, Kind.DRAFT_REVISED, "sponsor_office", {"version": 3, "text": "第一条 第三稿。"})
    assert not reassessment_needed(chain.entries) and revision_needed(chain.entries) is None


def test_a_recorded_point_keeps_its_likelihood_and_impact_apart(spec, chain) -> None:
    act, = risk_assessment(TaskContext(spec, chain.entries), assessing([point(likelihood=2, impact=3)])).acts
    assert {k: act.data["points"][0][k] for k in ("likelihood", "impact", "level")} == {
        "likelihood": 2, "impact": 3, "level": "medium"}


def test_the_sponsor_is_shown_each_uncontrolled_point_on_a_line_of_its_own(spec, chain) -> None:
    record(chain, spec, assessing([HIGH, point(dimension="public_safety", likelihood=5, impact=4, description="踩踏",
                                               measure="限流")]))
    body = revision_body(TaskContext(spec, chain.entries))
    assert ("\n\n- R1 (ecology, 4×4): 拆迁户安置诉求；措施 measure: 提前公示安置方案\n"
            "- R2 (public_safety, 5×4): 踩踏；措施 measure: 限流\n\n") in body
