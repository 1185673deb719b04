"""The evaluator's answer and the amendment decision word for word (R-G4, R-G5): refusals with their
rule, field and words; the amendment's id counted from earlier adjustments and held to 63
characters; the amendment spec as data ready to launch; the amendment recorded on the amended side."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from juece.domain.evaluation import reports as evaluation
from juece.domain.evaluation.answers import (
    amendment_id,
    amendment_launched,
    amendment_spec,
    conclude,
)
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.stages import Stage
from juece.spec import DecisionSpec, load_spec
from tests.unit.domain.conftest import TEMPLATES, Chain

FINDINGS = {"findings": "养老用房配建率仅六成。", "public_views": "座谈会两场。", "adjustment": "提高配建标准。"}


def approved(spec: DecisionSpec) -> Chain:
    chain = Chain(spec.id).launched(spec)
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.PUBLICATION, "published", "sponsor_office", {"published_at": "2026-03-02T02:00:00.000000Z"})
    return chain


def concluded(spec: DecisionSpec, outcome: str = "调整 Adjust") -> Chain:
    chain = approved(spec)
    chain.extend(evaluation.open_evaluation(spec, chain.entries, "manual__1", False, "要求"))
    chain.extend(conclude(TaskContext(spec, chain.entries), Answer("evaluator", [outcome], FINDINGS)).acts)
    return chain


def refusal(call: Callable[..., object], *args: object) -> tuple[str | None, str, str, str | None]:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    error = caught.value
    return error.rule, error.zh, error.en, error.field


def conclusion(chain: Chain, number: int, outcome: str) -> None:
    chain.add(Stage.POST_EVALUATION, "evaluation_concluded", "evaluator", {"number": number, "outcome": outcome})


def test_the_amendments_number_counts_only_earlier_adjustments(spec: DecisionSpec) -> None:
    chain = approved(spec)
    for number, outcome in enumerate(("continue", "continue"), 1):
        conclusion(chain, number, outcome)
    assert amendment_id(spec, chain.entries) == f"{spec.id}-amend-1"
    conclusion(chain, 3, "adjust")
    assert amendment_id(spec, chain.entries) == f"{spec.id}-amend-2"


def test_an_amendment_id_of_63_characters_is_taken_and_one_of_64_refused(
        make_spec: Callable[..., DecisionSpec]) -> None:
    longest = make_spec({"id": "a" * 55})
    assert amendment_id(longest, []) == "a" * 55 + "-amend-1"
    too_long = make_spec({"id": "a" * 56})
    with pytest.raises(FormError) as caught:
        amendment_id(too_long, [])
    new_id = "a" * 56 + "-amend-1"
    assert caught.value.as_dict() == {"rule": None, "zh": f"调整决策编号 {new_id} 超过63个字符",
                                      "en": f"the amendment id {new_id} is longer than 63", "field": None}


def test_there_is_nothing_to_conclude_without_an_open_evaluation_in_both_languages(spec: DecisionSpec) -> None:
    context = TaskContext(spec, approved(spec).entries)
    assert refusal(conclude, context, Answer("evaluator", ["继续执行 Continue"], FINDINGS)) == (
        "R-G3", "没有进行中的评估", "no evaluation is open", None)


@pytest.mark.parametrize(("missing", "rule", "zh"), [
    ("findings", "R-G4", "请填写评估结论及依据"), ("public_views", "R-G4", "请填写征求公众意见情况"),
    ("adjustment", "R-G5", "请填写调整内容")])
def test_each_missing_text_is_asked_for_by_its_name_in_both_languages(
        spec: DecisionSpec, missing: str, rule: str, zh: str) -> None:
    chain = approved(spec)
    chain.extend(evaluation.open_evaluation(spec, chain.entries, "manual__1", False, "要求"))
    params = {key: value for key, value in FINDINGS.items() if key != missing}
    answer = Answer("evaluator", ["调整 Adjust"], params)
    assert refusal(conclude, TaskContext(spec, chain.entries), answer) == (rule, zh, f"`{missing}` is required", missing)


@pytest.mark.parametrize("outcome", [None, "继续执行 Continue"], ids=["no-conclusion", "continue"])
def test_no_amendment_unless_the_evaluation_concluded_adjust_in_both_languages(
        spec: DecisionSpec, outcome: str | None) -> None:
    chain = concluded(spec, outcome) if outcome else approved(spec)
    assert refusal(amendment_spec, spec, chain.entries) == (
        "R-G5", "评估结论不是调整，不启动调整决策", "the evaluation did not conclude `adjust`", None)


def nones(value: Any) -> int:
    if isinstance(value, dict):
        return sum(nones(item) for item in value.values())
    if isinstance(value, list):
        return sum(nones(item) for item in value)
    return int(value is None)


def test_the_amendment_spec_is_json_data_with_no_empty_fields_and_both_titles_marked(spec: DecisionSpec) -> None:
    data = amendment_spec(spec, concluded(spec).entries)
    assert json.loads(json.dumps(data)) == data and nones(data) == 0
    assert (data["id"], data["amends"], data["title"], data["title_en"]) == (
        f"{spec.id}-amend-1", spec.id, f"{spec.title}（调整）", f"{spec.title_en} (amendment)")
    assert "catalogue" not in data


def test_a_hearings_time_is_kept_as_text_in_the_amendment_spec() -> None:
    spec = load_spec(TEMPLATES / "price-hearing.yaml")
    data = amendment_spec(spec, concluded(spec).entries)
    assert isinstance(data["stages"]["public_participation"]["hearing"]["time"], str)
    assert json.loads(json.dumps(data)) == data


def test_a_spec_without_english_title_or_catalogue_gives_an_amendment_without_them(
        make_spec: Callable[..., DecisionSpec]) -> None:
    spec = make_spec({"title_en": None, "catalogue": None})
    data = amendment_spec(spec, concluded(spec).entries)
    assert "title_en" not in data and "catalogue" not in data and data["title"] == f"{spec.title}（调整）"


def test_the_amendment_is_recorded_on_the_amended_side_with_the_evaluation_it_came_from(spec: DecisionSpec) -> None:
    launched = {"decision_id": f"{spec.id}-amend-1", "hash": "a" * 64}
    act = amendment_launched(spec, concluded(spec).entries, launched, "manual__2")
    assert (act.stage, act.kind, act.actor) == (Stage.POST_EVALUATION, "amendment_launched", "sponsor_office")
    assert act.data == {"amendment": f"{spec.id}-amend-1", "launched_entry": "a" * 64, "evaluation": 1,
                        "run_id": "manual__2", "rule": "R-G5"}
    assert amendment_launched(spec, approved(spec).entries, launched, None).data["evaluation"] is None
