"""Risk assessment (R-D1..R-D4): the register, the matrix by decision type, the rounds with the
sponsor's revision between them, and the stage's conclusion."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from juece.domain.participation.draft import current_draft
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.forms import FORMS
from juece.domain.risk.register import (
    conclude,
    reassessment_needed,
    revision_needed,
    risk_assessment,
    risk_level,
    risk_revision,
)
from juece.domain.stages import Stage
from juece.spec.risk_matrix import DEFAULT_MATRIX, MATRIX_BY_CATEGORY

SUBMIT = "提交 Submit"
REVISE = "提交修改稿 Submit the revised draft"


def refused(handler, ctx: TaskContext, answer: Answer) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        handler(ctx, answer)
    return caught.value


def point(**changes: Any) -> dict[str, Any]:
    base = {"dimension": "social_stability", "description": "拆迁户安置诉求", "likelihood": 2, "impact": 2,
            "measure": "提前公示安置方案", "mitigation_accepted": False}
    return {**base, **changes}


HIGH = point(dimension="ecology", likelihood=4, impact=4)


def assessing(points: list[Any] | None = None, **params: Any) -> Answer:
    base = {"risk_points": [point()] if points is None else points, "departments_heard": ["县公安局", "县信访局"],
            "response_plan": "成立应急处置小组。"}
    return Answer("risk_assessor", [SUBMIT], {**base, **params})


def revising(text: str = "第一条 修改后的草案。", changes: str = "删去东部新区二期。") -> Answer:
    return Answer("sponsor_office", [REVISE], {"text": text, "changes": changes})


def record(chain, spec, answer: Answer, handler=risk_assessment) -> list[dict[str, Any]]:
    return chain.extend(handler(TaskContext(spec, chain.entries), answer).acts)


# --- the matrix (R-D3) -----------------------------------------------------------------------

@pytest.mark.parametrize(
    ("likelihood", "impact", "level"),
    [(1, 1, "low"), (1, 5, "low"), (2, 2, "low"), (2, 3, "medium"), (3, 4, "medium"), (3, 5, "high"), (5, 5, "high")],
    ids=["1x1", "1x5", "2x2", "2x3-first-medium", "3x4", "3x5-first-high", "5x5"],
)
def test_the_default_matrix_scores_likelihood_times_impact(likelihood: int, impact: int, level: str) -> None:
    assert risk_level(likelihood, impact) == level


def test_a_construction_project_is_rated_high_sooner_than_the_default() -> None:
    construction = MATRIX_BY_CATEGORY["major_public_construction"]
    assert risk_level(3, 4, construction) == "high" and risk_level(3, 4, DEFAULT_MATRIX) == "medium"


def test_the_spec_may_set_its_own_matrix_and_the_assessment_uses_it(spec, make_spec, chain) -> None:
    strict = [["low", "medium", "high", "high", "high"]] + [["high"] * 5] * 4
    custom = make_spec({"stages.risk_assessment.matrix": strict})
    act, = risk_assessment(TaskContext(custom, chain.entries), assessing([point(likelihood=1, impact=3)])).acts
    assert act.data["points"][0]["level"] == "high"
    assert act.data["matrix"] == strict


@pytest.mark.parametrize(
    "matrix",
    [[["low"] * 5] * 4, [["low"] * 4] * 5, [["low"] * 4 + ["severe"]] + [["high"] * 5] * 4,
     [["high", "low", "low", "low", "low"]] + [["high"] * 5] * 4, [["medium"] * 5, ["low"] * 5] + [["high"] * 5] * 3],
    ids=["four-rows", "four-columns", "unknown-level", "falls-along-impact", "falls-along-likelihood"],
)
def test_a_matrix_that_is_not_five_by_five_of_known_levels_or_not_monotone_is_refused_r_d3(make_spec, matrix) -> None:
    with pytest.raises(ValidationError) as caught:
        make_spec({"stages.risk_assessment.matrix": matrix})
    assert "R-D3" in str(caught.value) or "literal_error" in str(caught.value)


# --- one round (R-D1..R-D3) --------------------------------------------------------------------

def test_a_complete_assessment_is_recorded_with_levels_and_is_controllable(spec, chain) -> None:
    answer = assessing([point(), point(dimension="public_finance", likelihood=5, impact=3, mitigation_accepted=True)])
    outcome = risk_assessment(TaskContext(spec, chain.entries), answer)
    assert outcome.done and outcome.notes == []
    act, = outcome.acts
    assert (act.stage, act.kind, act.actor) == (Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor")
    data = act.data
    assert [(p["id"], p["level"]) for p in data["points"]] == [("R1", "low"), ("R2", "high")]
    assert (data["controllable"], data["uncontrolled_points"], data["round"]) == (True, [], 1)
    assert (data["max_rounds"], data["draft_version"]) == (3, 1)
    assert data["departments_heard"] == ["县公安局", "县信访局"]
    assert data["third_party"] == "哈尔滨社会稳定风险评估中心"
    assert data["rules"] == ["R-D2", "R-D3", "R-D4"]


def test_a_high_point_without_an_accepted_mitigation_makes_the_risk_uncontrollable_r_d4(spec, chain) -> None:
    outcome = risk_assessment(TaskContext(spec, chain.entries), assessing([point(), HIGH]))
    assert outcome.done  # the round is over; the sponsor's revision is a task of its own
    act, = outcome.acts
    assert (act.data["controllable"], act.data["uncontrolled_points"]) == (False, ["R2"])
    assert len(outcome.notes) == 1 and outcome.notes[0].startswith("[R-D4]") and "R2" in outcome.notes[0]
    chain.extend(outcome.acts)
    assert revision_needed(chain.entries) is not None


@pytest.mark.parametrize(
    ("params", "field"),
    [({"risk_points": []}, "risk points"), ({"departments_heard": []}, "departments"),
     ({"departments_heard": ["  ", ""]}, "departments"), ({"response_plan": " "}, "response_plan"),
     ({"risk_points": [point(measure="")]}, "measure"), ({"risk_points": [point(description=None)]}, "description")],
    ids=["no-points", "no-departments", "blank-departments", "no-plan", "point-without-measure",
         "point-without-description"],
)
def test_an_incomplete_report_is_refused_with_r_d2(spec, chain, params: dict[str, Any], field: str) -> None:
    answer = assessing(**params) if "risk_points" not in params else assessing(params["risk_points"])
    error = refused(risk_assessment, TaskContext(spec, chain.entries), answer)
    assert error.rule == "R-D2"
    assert field in error.en + (error.field or "")


def test_a_risk_point_that_is_not_an_object_is_a_form_error(spec, chain) -> None:
    error = refused(risk_assessment, TaskContext(spec, chain.entries), assessing(["社会稳定"]))
    assert (error.rule, error.field) == (None, "risk_points") and "object" in error.en


@pytest.mark.parametrize(
    "changes",
    [{"likelihood": 0}, {"likelihood": 6}, {"impact": -1}, {"impact": True}, {"likelihood": "3"}, {"likelihood": 2.5},
     {"impact": None}],
    ids=["likelihood-0", "likelihood-6", "impact-negative", "impact-bool", "likelihood-text", "likelihood-float",
         "impact-missing"],
)
def test_a_score_outside_one_to_five_or_not_an_integer_is_refused_with_r_d3(spec, chain, changes) -> None:
    assert refused(risk_assessment, TaskContext(spec, chain.entries), assessing([point(**changes)])).rule == "R-D3"


@pytest.mark.parametrize("dimension", ["", "economy", "SOCIAL_STABILITY", None], ids=["empty", "unknown", "wrong-case", "missing"])
def test_a_risk_point_needs_a_known_dimension_r_d1(spec, chain, dimension) -> None:
    assert refused(risk_assessment, TaskContext(spec, chain.entries), assessing([point(dimension=dimension)])).rule == "R-D1"


def test_a_mitigation_given_as_the_text_false_is_not_accepted(spec, chain) -> None:
    error = refused(risk_assessment, TaskContext(spec, chain.entries),
                    assessing([point(likelihood=5, impact=5, mitigation_accepted="false")]))
    assert error.rule == "R-D4"


# --- rounds: revise, then reassess (R-D4) ----------------------------------------------------

def test_an_uncontrollable_round_cannot_be_reassessed_before_the_sponsor_revises(spec, chain) -> None:
    record(chain, spec, assessing([HIGH]))
    before = list(chain.entries)
    error = refused(risk_assessment, TaskContext(spec, chain.entries), assessing())
    assert error.rule == "R-D4" and "revises" in error.en
    assert chain.entries == before


def test_the_sponsor_revision_bumps_the_version_and_records_the_text_and_what_changed(spec, chain) -> None:
    uncontrolled, = record(chain, spec, assessing([HIGH]))
    revised, = record(chain, spec, revising(), risk_revision)
    assert (revised["stage"], revised["kind"], revised["actor"]) == ("risk_assessment", "draft_revised", "sponsor_office")
    data = revised["data"]
    assert (data["previous_version"], data["version"]) == (1, 2)
    assert (data["text"], data["changes"], data["rule"]) == ("第一条 修改后的草案。", "删去东部新区二期。", "R-D4")
    assert data["in_response_to"] == uncontrolled["hash"] and data["previous_sha256"] != data["text_sha256"]
    assert current_draft(chain.entries).version == 2
    assert revision_needed(chain.entries) is None and reassessment_needed(chain.entries)


def test_the_reassessment_is_the_next_round_of_the_revised_draft(spec, chain) -> None:
    record(chain, spec, assessing([HIGH]))
    record(chain, spec, revising(), risk_revision)
    act, = record(chain, spec, assessing([{**HIGH, "mitigation_accepted": True}]))
    assert (act["data"]["round"], act["data"]["draft_version"], act["data"]["controllable"]) == (2, 2, True)
    assert not reassessment_needed(chain.entries) and revision_needed(chain.entries) is None


@pytest.mark.parametrize(("answer", "field"), [(revising(text=" "), "text"), (revising(changes=""), "changes")],
                         ids=["no-text", "no-changes"])
def test_a_revision_needs_the_new_text_and_what_changed(spec, chain, answer: Answer, field: str) -> None:
    record(chain, spec, assessing([HIGH]))
    error = refused(risk_revision, TaskContext(spec, chain.entries), answer)
    assert (error.rule, error.field) == ("R-D4", field)


def test_a_revision_that_changes_nothing_is_refused(spec, chain) -> None:
    record(chain, spec, assessing([HIGH]))
    error = refused(risk_revision, TaskContext(spec, chain.entries), revising(text=spec.draft.text))
    assert (error.rule, error.field) == ("R-D4", "text")


def test_no_revision_is_asked_while_the_risk_is_controllable(spec, chain) -> None:
    record(chain, spec, assessing())
    assert refused(risk_revision, TaskContext(spec, chain.entries), revising()).rule == "R-D4"
    assert FORMS["risk_revision"].needed(chain.entries) is False
    assert FORMS["risk_reassessment"].needed(chain.entries) is False


def test_when_the_rounds_run_out_the_record_says_so_and_no_further_round_is_taken(spec, make_spec, chain) -> None:
    two = make_spec({"stages.risk_assessment.max_rounds": 2})
    record(chain, two, assessing([HIGH]))
    record(chain, two, revising(), risk_revision)
    record(chain, two, assessing([HIGH]))
    record(chain, two, revising("第一条 第三稿。"), risk_revision)
    assert refused(risk_assessment, TaskContext(two, chain.entries), assessing()).rule == "R-D4"
    act, = conclude(two, chain.entries)
    assert (act.kind, act.data["rounds"], act.data["rounds_exhausted"], act.data["controllable"]) == \
        ("risk_concluded", 2, True, False)
    assert act.data["rule"] == "R-D4" and "deliberation" in act.data["note"]


def test_a_controllable_risk_concludes_the_stage_without_a_note(spec, chain) -> None:
    last, = record(chain, spec, assessing())
    act, = conclude(spec, chain.entries)
    assert (act.data["controllable"], act.data["rounds_exhausted"], act.data["latest_assessment"]) == \
        (True, False, last["hash"])
    assert "note" not in act.data
