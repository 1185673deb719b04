"""The review stages' own rules (spec/reviews.py), each refusal asserted by its rule and field."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from juece.spec.reviews import ExpertReview, RiskAssessment
from juece.spec.risk_matrix import DEFAULT_MATRIX, MATRIX_BY_CATEGORY


def test_a_risk_assessment_without_its_own_matrix_rates_by_the_decision_types_matrix_r_d3() -> None:
    assessment = RiskAssessment(assessor="risk_assessor")
    construction = MATRIX_BY_CATEGORY["major_public_construction"]
    assert construction != DEFAULT_MATRIX
    assert assessment.matrix_for("major_public_construction") == construction
    assert assessment.matrix_for("public_policy") == DEFAULT_MATRIX


VALID = {"specialties": ["城乡规划"], "response_days": 15, "reminder_days": 3}


def refusal(model: type[BaseModel], **fields: Any) -> dict[str, str]:
    """The one refusal of the model with these fields: its rule, field and words in both languages."""
    with pytest.raises(ValidationError) as caught:
        model(**fields)
    error, = caught.value.errors()
    return {key: error["ctx"][key] for key in ("rule", "field", "zh", "en")}


def test_an_expert_review_naming_no_specialty_is_refused_r_c2() -> None:
    assert refusal(ExpertReview, **{**VALID, "specialties": []}) == {
        "rule": "R-C2", "field": "specialties", "zh": "须列出论证所需的专业（specialties）",
        "en": "list the specialties the review needs (specialties)"}


def test_an_expert_review_marked_not_applicable_needs_no_specialty_nor_panel_rules() -> None:
    review = ExpertReview(applicable=False, not_applicable_reason="无需论证", panel_size=4, reminder_days=20)
    assert not review.applicable and review.specialties == []


@pytest.mark.parametrize("size", [5, 7, 9])
def test_an_odd_panel_of_at_least_five_is_taken_r_c5(size: int) -> None:
    assert ExpertReview(**VALID, panel_size=size).size_for("public_policy") == size


@pytest.mark.parametrize("size", [3, 4, 6])
def test_a_panel_under_five_or_even_is_refused_naming_its_size_r_c5(size: int) -> None:
    assert refusal(ExpertReview, **VALID, panel_size=size) == {
        "rule": "R-C5", "field": "panel_size", "zh": f"专家组须为不少于5人的奇数，现为{size}人",
        "en": f"the panel must be an odd number of at least 5 experts, got {size}"}


def test_a_quorum_equal_to_the_panel_is_taken_r_c5() -> None:
    assert ExpertReview(**VALID, panel_size=7, quorum=7).quorum == 7


def test_a_quorum_above_the_panel_is_refused_naming_both_numbers_r_c5() -> None:
    assert refusal(ExpertReview, **VALID, panel_size=7, quorum=8) == {
        "rule": "R-C5", "field": "quorum", "zh": "法定人数8超过专家组人数7",
        "en": "the quorum 8 exceeds the panel size 7"}


def test_a_quorum_above_five_is_taken_when_the_panel_size_comes_from_the_category() -> None:
    assert ExpertReview(**VALID, quorum=7).size_for("important_plan") == 7


def test_a_reminder_the_day_before_the_response_deadline_is_taken_r_c1() -> None:
    assert ExpertReview(**{**VALID, "response_days": 10, "reminder_days": 9}).reminder_days == 9


def test_a_reminder_on_the_response_deadline_is_refused_r_c1() -> None:
    assert refusal(ExpertReview, **{**VALID, "response_days": 10, "reminder_days": 10}) == {
        "rule": "R-C1", "field": "reminder_days", "zh": "提醒须早于答复期限",
        "en": "the reminder must come before the response deadline"}


def test_a_risk_assessment_naming_no_assessor_is_refused_r_d1() -> None:
    assert refusal(RiskAssessment) == {
        "rule": "R-D1", "field": "assessor", "zh": "须指定风险评估人（assessor）",
        "en": "a risk assessor must be named (assessor)"}


def test_a_risk_assessment_marked_not_applicable_needs_no_assessor() -> None:
    assert RiskAssessment(applicable=False, not_applicable_reason="无风险").assessor is None


def test_a_risk_assessments_own_matrix_is_kept_as_lists_and_rates_in_place_of_the_category() -> None:
    own = [["low"] * 5 for _ in range(4)] + [["medium"] * 5]
    assessment = RiskAssessment(assessor="risk_assessor", matrix=own)
    assert assessment.matrix == own and all(type(row) is list for row in assessment.matrix)
    assert assessment.matrix_for("major_public_construction") == tuple(tuple(row) for row in own)
