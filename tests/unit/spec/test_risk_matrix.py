"""The risk matrix (R-D3): each decision type's default, cell by cell, and a spec's own matrix
refused word for word in both languages at the first bad row or cell, every other cell valid."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError
from pydantic_core import PydanticCustomError

from juece.spec import SpecError, load_spec_text
from juece.spec.reviews import RiskAssessment
from juece.spec.risk_matrix import (
    DEFAULT_MATRIX,
    MATRIX_BY_CATEGORY,
    check_matrix,
    default_matrix,
    threshold_matrix,
)
from tests.unit.spec.test_spec_lint import URBAN, variant

L, M, H = "low", "medium", "high"
# likelihood x impact: high from 15, medium from 6 (any category without its own)
DEFAULT = ((L, L, L, L, L),
           (L, L, M, M, M),
           (L, M, M, M, H),
           (L, M, M, H, H),
           (L, M, H, H, H))
# a major public construction project: high from 12, medium from 5
CONSTRUCTION = ((L, L, L, L, M),
                (L, L, M, M, M),
                (L, M, M, H, H),
                (L, M, H, H, H),
                (M, M, H, H, H))
# a resources policy: high from 12, medium from 6
RESOURCES = ((L, L, L, L, L),
             (L, L, M, M, M),
             (L, M, M, H, H),
             (L, M, H, H, H),
             (L, M, H, H, H))


@pytest.mark.parametrize(("high_from", "medium_from", "matrix"), [
    (15, 6, DEFAULT), (12, 5, CONSTRUCTION), (12, 6, RESOURCES)])
def test_a_threshold_matrix_rates_likelihood_times_impact_from_its_two_thresholds(
        high_from: int, medium_from: int, matrix: tuple[tuple[str, ...], ...]) -> None:
    assert threshold_matrix(high_from, medium_from) == matrix


@pytest.mark.parametrize(("category", "matrix"), [
    ("public_policy", DEFAULT), ("important_plan", DEFAULT), ("other_public_interest", DEFAULT),
    ("major_public_construction", CONSTRUCTION), ("resources_policy", RESOURCES)])
def test_each_decision_type_has_its_default_matrix(category: str, matrix: tuple[tuple[str, ...], ...]) -> None:
    assert default_matrix(category) == matrix
    assert (DEFAULT_MATRIX, MATRIX_BY_CATEGORY) == (DEFAULT, {"major_public_construction": CONSTRUCTION,
                                                             "resources_policy": RESOURCES})


def refusal(matrix: list[list[str]]) -> dict[str, Any]:
    """The one refusal of a risk assessment with this matrix, every other field valid."""
    with pytest.raises(ValidationError) as caught:
        RiskAssessment(assessor="risk_assessor", matrix=matrix)
    error, = caught.value.errors()
    return {"type": error["type"], "loc": error["loc"], "msg": error["msg"], "ctx": error["ctx"]}


def refused(zh: str, en: str) -> dict[str, Any]:
    return {"type": "rule_violation", "loc": ("matrix",), "msg": f"[R-D3] {zh} / {en}",
            "ctx": {"rule": "R-D3", "zh": zh, "en": en, "field": ""}}


SHAPE = refused("风险矩阵须为5行（可能性1至5）×5列（影响1至5）",
                "the risk matrix needs 5 rows (likelihood 1-5) of 5 cells (impact 1-5)")


def test_a_matrix_of_five_rows_of_five_levels_rising_each_way_is_taken() -> None:
    assert RiskAssessment(assessor="risk_assessor", matrix=[list(row) for row in CONSTRUCTION]).matrix_for(
        "public_policy") == CONSTRUCTION


@pytest.mark.parametrize("rows", [
    [[L] * 5] * 4, [[L] * 5] * 6, [[L] * 5] * 4 + [[L] * 4], [[L] * 5] * 4 + [[L] * 6], [[L] * 4] * 5],
    ids=["four-rows", "six-rows", "a-row-of-four", "a-row-of-six", "every-row-of-four"])
def test_a_matrix_not_five_by_five_is_refused_r_d3(rows: list[list[str]]) -> None:
    assert refusal(rows) == SHAPE


def test_a_cell_naming_no_level_is_refused_at_its_likelihood_and_impact_r_d3() -> None:
    # a spec's matrix is refused earlier, as not a level (Level); check_matrix answers any caller
    rows = [[L] * 5, [L, L, "severe", H, H], [H] * 5, [H] * 5, [H] * 5]
    with pytest.raises(PydanticCustomError) as caught:
        check_matrix(rows)
    zh, en = "可能性2、影响3处须为 low/medium/high", "cell likelihood 2, impact 3 must be one of low, medium, high"
    assert (caught.value.type, caught.value.context) == ("rule_violation", refused(zh, en)["ctx"])
    assert caught.value.message() == f"[R-D3] {zh} / {en}"


def test_a_cell_rated_lower_than_the_one_before_it_in_its_row_is_refused_r_d3() -> None:
    rows = [[L] * 5, [L, M, L, M, M], [M] * 5, [M] * 5, [M] * 5]
    assert refusal(rows) == refused(
        "可能性2、影响3处的等级低于可能性或影响更小的格子，矩阵须单调",
        "cell likelihood 2, impact 3 is rated lower than a cell with a smaller likelihood or impact: "
        "the matrix must be monotone")


def test_a_cell_rated_lower_than_the_one_above_it_is_refused_though_the_one_above_left_is_not_r_d3() -> None:
    rows = [[L] * 5, [L, L, L, M, M], [L, L, L, L, M], [M] * 5, [M] * 5]
    assert refusal(rows) == refused(
        "可能性3、影响4处的等级低于可能性或影响更小的格子，矩阵须单调",
        "cell likelihood 3, impact 4 is rated lower than a cell with a smaller likelihood or impact: "
        "the matrix must be monotone")


def test_a_bad_matrix_in_a_spec_is_reported_at_the_matrix_under_r_d3() -> None:
    text = variant(("    assessor: risk_assessor\n", "    assessor: risk_assessor\n    matrix: [[low]]\n"),
                   text=URBAN)
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, "urban.yaml")
    issue, = caught.value.issues
    assert (issue.rule, issue.field) == ("R-D3", "stages.risk_assessment.matrix")
    assert issue.message == f"{SHAPE['ctx']['zh']} / {SHAPE['ctx']['en']}"
