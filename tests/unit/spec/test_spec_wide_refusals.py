"""The rules a whole spec answers for (R-C5's quorum against the panel its category gives, R-G4's
independent evaluator) and the time limits' floor (R-H5 and the rule of each step), each refusal word
for word in both languages at its field, every other input of the template valid."""

from __future__ import annotations

import pytest
import yaml
from pydantic import ValidationError

from juece.spec import load_spec_text
from juece.spec.models import DecisionSpec
from juece.spec.time_limits import TimeLimits
from tests.unit.spec.test_spec_lint import URBAN, only_issue, variant

REMINDER = "    reminder_days: 10\n"


def with_review(lines: str, category: str = "important_plan") -> str:
    return variant((REMINDER, REMINDER + lines), ("\ncategory: important_plan", f"\ncategory: {category}"))


@pytest.mark.parametrize(("category", "size"), [("important_plan", 7), ("public_policy", 5)])
def test_a_quorum_equal_to_the_panel_its_category_gives_is_taken_r_c5(category: str, size: int) -> None:
    spec = load_spec_text(with_review(f"    quorum: {size}\n", category))
    assert (spec.stages.expert_review.quorum, spec.panel_size) == (size, size)


@pytest.mark.parametrize(("category", "size"), [("important_plan", 7), ("public_policy", 5)])
def test_a_quorum_one_above_the_panel_its_category_gives_is_refused_word_for_word_r_c5(
        category: str, size: int) -> None:
    issue = only_issue(with_review(f"    quorum: {size + 1}\n", category))
    assert (issue.rule, issue.field) == ("R-C5", "stages.expert_review.quorum")
    assert issue.message == f"法定人数{size + 1}超过专家组人数{size} / the quorum {size + 1} exceeds the panel size {size}"


def test_an_inapplicable_expert_review_may_keep_a_quorum_above_the_panel() -> None:
    text = variant(("  expert_review:\n", "  expert_review:\n    applicable: false\n    not_applicable_reason: 非专业性问题\n"
                    "    quorum: 9\n"))
    assert load_spec_text(text).stages.expert_review.quorum == 9


G4 = ("后评估单位不得是承担主要论证评估工作的单位 / "
      "the evaluator may not be the unit that did the main pre-decision assessment")


@pytest.mark.parametrize("unit", ["延寿县自然资源局", "哈尔滨社会稳定风险评估中心"], ids=["sponsor-unit", "third-party"])
def test_an_evaluator_that_did_the_main_assessment_is_refused_word_for_word_r_g4(unit: str) -> None:
    issue = only_issue(variant(("evaluator_unit: 延寿县发展和改革局", f"evaluator_unit: {unit}")))
    assert (issue.rule, issue.field, issue.message) == ("R-G4", "stages.post_evaluation.evaluator_unit", G4)


def test_an_evaluator_of_another_unit_is_taken_r_g4() -> None:
    assert load_spec_text(URBAN).stages.post_evaluation.evaluator_unit == "延寿县发展和改革局"


LIMITS = [("dispositions_working_days", "R-B4", "意见处理期限（工作日）"),
          ("hearing_record_days", "R-B6", "听证笔录签名期限（日）"),
          ("risk_round_days", "R-D2", "每轮风险评估期限（日）"),
          ("convening_days", "R-F2", "召开会议期限（日）"),
          ("head_decision_days", "R-F2", "行政首长作出决定期限（日）"),
          ("overall_days", "R-H5", "决策总期限（日）")]


@pytest.mark.parametrize(("field", "rule", "name"), LIMITS, ids=[limit[0] for limit in LIMITS])
def test_a_limit_of_no_day_is_refused_word_for_word_at_its_field_under_its_rule(field: str, rule: str, name: str) -> None:
    issue = only_issue(URBAN + f"time_limits:\n  {field}: 0\n")
    assert (issue.rule, issue.field) == (rule, f"time_limits.{field}")
    assert issue.message == f"{name}至少为1，现为0 / time_limits.{field} must be at least 1, got 0"


@pytest.mark.parametrize(("field", "rule", "name"), LIMITS, ids=[limit[0] for limit in LIMITS])
def test_a_limit_of_one_day_is_taken(field: str, rule: str, name: str) -> None:
    assert getattr(TimeLimits.model_validate({field: 1}), field) == 1


def test_no_overall_limit_is_taken_and_read_by_category() -> None:
    assert TimeLimits(overall_days=None).overall_for("public_policy") == 365


def model_refusal(text: str) -> dict[str, str]:
    """The one refusal of the spec's model itself, before the loader names a rule for its field."""
    with pytest.raises(ValidationError) as caught:
        DecisionSpec.model_validate(yaml.safe_load(text))
    error, = caught.value.errors()
    assert error["msg"] == f"[{error['ctx']['rule']}] {error['ctx']['zh']} / {error['ctx']['en']}"
    return dict(error["ctx"])


def test_the_model_itself_cites_r_c5_for_a_quorum_above_the_panel() -> None:
    assert model_refusal(with_review("    quorum: 8\n")) == {
        "rule": "R-C5", "field": "stages.expert_review.quorum", "zh": "法定人数8超过专家组人数7",
        "en": "the quorum 8 exceeds the panel size 7"}


def test_the_model_itself_cites_r_g4_for_an_evaluator_that_did_the_main_assessment() -> None:
    zh, en = G4.split(" / ")
    assert model_refusal(variant(("evaluator_unit: 延寿县发展和改革局", "evaluator_unit: 延寿县自然资源局"))) == {
        "rule": "R-G4", "field": "stages.post_evaluation.evaluator_unit", "zh": zh, "en": en}


@pytest.mark.parametrize(("field", "rule", "name"), LIMITS, ids=[limit[0] for limit in LIMITS])
def test_the_model_itself_cites_each_limits_rule_for_a_limit_under_a_day(field: str, rule: str, name: str) -> None:
    with pytest.raises(ValidationError) as caught:
        TimeLimits.model_validate({field: -1})
    error, = caught.value.errors()
    assert error["ctx"] == {"rule": rule, "zh": f"{name}至少为1，现为-1",
                            "en": f"time_limits.{field} must be at least 1, got -1", "field": ""}
