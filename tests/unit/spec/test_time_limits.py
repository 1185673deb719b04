"""The spec's time_limits (R-H5 and the rule of each step it bounds): optional, every field with a
default, a value under one day refused naming the field and its rule in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.spec import SpecError, load_spec, load_spec_text
from juece.spec.time_limits import OVERALL_DAYS, OVERALL_DAYS_BY_CATEGORY, TimeLimits

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
URBAN = (TEMPLATES / "urban-planning.yaml").read_text(encoding="utf-8")
CATEGORIES = ["public_policy", "important_plan", "resources_policy", "major_public_construction",
              "other_public_interest"]


def with_limits(lines: str) -> str:
    return URBAN + "time_limits:\n" + lines


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.yaml")), ids=lambda p: p.name)
def test_a_template_without_time_limits_takes_every_default(path: Path) -> None:
    assert load_spec(path).time_limits == TimeLimits()
    assert TimeLimits().model_dump() == {
        "dispositions_working_days": 15, "hearing_record_days": 7, "risk_round_days": 30,
        "convening_days": 30, "head_decision_days": 7, "overall_days": None}


@pytest.mark.parametrize("category", CATEGORIES)
def test_every_category_has_an_overall_limit_unless_the_spec_gives_one(category: str) -> None:
    assert TimeLimits().overall_for(category) == OVERALL_DAYS_BY_CATEGORY.get(category, OVERALL_DAYS) >= 365
    assert TimeLimits(overall_days=90).overall_for(category) == 90


def test_limits_of_one_day_are_taken() -> None:
    lines = "".join(f"  {name}: 1\n" for name in TimeLimits.model_fields)
    assert load_spec_text(with_limits(lines), "urban.yaml").time_limits.model_dump() == dict.fromkeys(
        TimeLimits.model_fields, 1)


@pytest.mark.parametrize(("field", "rule"), [
    ("dispositions_working_days", "R-B4"), ("hearing_record_days", "R-B6"), ("risk_round_days", "R-D2"),
    ("convening_days", "R-F2"), ("head_decision_days", "R-F2"), ("overall_days", "R-H5"),
])
@pytest.mark.parametrize("value", [0, -3])
def test_a_limit_under_one_day_is_refused_naming_field_rule_and_both_languages(
        field: str, rule: str, value: int) -> None:
    text = with_limits(f"  {field}: {value}\n")
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, "urban.yaml")
    (issue,) = caught.value.issues
    assert (issue.rule, issue.field) == (rule, f"time_limits.{field}")
    assert "至少为1" in issue.message and f"must be at least 1, got {value}" in issue.message
    assert issue.line == len(text.splitlines())


@pytest.mark.parametrize(("field", "rule"), [("risk_round_days", "R-D2"), ("overall_days", "R-H5")])
def test_a_limit_that_is_not_a_number_is_reported_under_its_rule(field: str, rule: str) -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_text(with_limits(f"  {field}: soon\n"), "urban.yaml")
    assert [(i.rule, i.field) for i in caught.value.issues] == [(rule, f"time_limits.{field}")]


def test_a_misspelt_limit_is_refused_with_the_nearest_name() -> None:
    with pytest.raises(SpecError) as caught:
        load_spec_text(with_limits("  convene_days: 10\n"), "urban.yaml")
    (issue,) = caught.value.issues
    assert (issue.rule, issue.suggestion) == ("R-H5", "convening_days")
