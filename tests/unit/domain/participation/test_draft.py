"""The draft as it stands and as it was (R-D4, R-E4): the current text and version, every version
in order, what a revision changed paragraph by paragraph, and the sponsor's revision with each
refusal word for word."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from juece.domain.participation.draft import (
    Draft,
    changes,
    current_draft,
    revise,
    revised_since,
    versions,
)
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage
from juece.spec import DecisionSpec
from tests.unit.domain.conftest import Chain

SUBMIT = "提交修改稿 Submit the revised draft"
LAUNCHED_TEXT = "第一条 为合理利用城区土地，制定本规划。\n第二条 规划范围为城区。"


@pytest.fixture
def third(make_spec: Callable[..., DecisionSpec]) -> DecisionSpec:
    """A decision launched with the third version of its draft."""
    return make_spec({"draft.version": 3, "draft.text": LAUNCHED_TEXT})


def revising(text: str = "第一条 按审查意见修改后的草案。", changes: str = "删去第二条。", chosen: str = SUBMIT) -> Answer:
    return Answer("sponsor_office", [chosen], {"text": text, "changes": changes})


def refusal(ctx: TaskContext, answer: Answer, asked_by: dict[str, Any]) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        revise(ctx, answer, asked_by, "R-E4")
    error = caught.value
    return error.rule, error.field, error.zh, error.en


# --- the current text ---------------------------------------------------------------------------

def test_without_a_launch_the_draft_is_an_empty_first_version() -> None:
    assert current_draft([]) == Draft(1, "", None)
    assert versions([]) == [Draft(1, "", None)]


def test_before_any_revision_the_draft_is_the_launched_text_and_version(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    assert current_draft(records.entries) == Draft(3, LAUNCHED_TEXT, None)


def test_a_launch_whose_draft_gives_no_version_or_text_is_an_empty_first_version() -> None:
    records = Chain("d-1")
    records.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": {"draft": {"explanation": "说明。"}}})
    assert current_draft(records.entries) == Draft(1, "", None)
    assert versions(records.entries) == [Draft(1, "", None)]


def test_after_a_revision_the_draft_is_the_revised_text_made_by_that_entry(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    revision = records.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 4, "text": "第四稿。"})
    assert current_draft(records.entries) == Draft(4, "第四稿。", revision["hash"])


# --- every version --------------------------------------------------------------------------------

def test_every_version_is_listed_in_order_with_the_entry_that_made_it(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    first = records.add(Stage.RISK_ASSESSMENT, "draft_revised", "sponsor_office", {"version": 4, "text": "第四稿。"})
    records.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {"conclusion": "lawful", "text": "意见。"})
    second = records.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 5, "text": "第五稿。"})
    assert versions(records.entries) == [Draft(3, LAUNCHED_TEXT, None), Draft(4, "第四稿。", first["hash"]),
                                         Draft(5, "第五稿。", second["hash"])]


def test_a_revision_that_gives_no_version_or_text_is_numbered_by_its_place_with_an_empty_text() -> None:
    records = Chain("d-1")
    records.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": {"draft": {"text": "初稿。"}}})
    first = records.add(Stage.RISK_ASSESSMENT, "draft_revised", "sponsor_office", {})
    second = records.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"text": "第三稿。"})
    assert versions(records.entries) == [Draft(1, "初稿。", None), Draft(2, "", first["hash"]),
                                         Draft(3, "第三稿。", second["hash"])]


# --- what a revision changed -------------------------------------------------------------------------

def test_a_revision_lists_the_paragraphs_removed_and_added_in_their_order() -> None:
    before = Draft(1, "第一条 甲。\n\n第二条 乙。\n第三条 丙。\n", None)
    after = Draft(2, "第一条 甲。\n第二条 乙乙。\n第三条 丙。\n  第四条 丁。\n", "h")
    assert changes(before, after) == [("removed", "第二条 乙。"), ("added", "第二条 乙乙。"), ("added", "第四条 丁。")]


def test_a_revision_that_only_moves_blank_lines_changes_nothing() -> None:
    assert changes(Draft(1, "甲。\n乙。", None), Draft(2, "\n甲。\n\n乙。\n", "h")) == []


def test_a_paragraph_dropped_is_listed_as_removed() -> None:
    assert changes(Draft(1, "甲。\n乙。", None), Draft(2, "乙。", "h")) == [("removed", "甲。")]


# --- the sponsor's revision -------------------------------------------------------------------------

def test_a_revision_records_the_next_version_with_both_hashes_in_the_stage_that_asked(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    asked = records.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"conclusion": "revise"})
    outcome = revise(TaskContext(third, records.entries), revising("  第一条 修改后的草案。\n"), asked, "R-E4")
    assert outcome.acts == [Act(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {
        "version": 4, "previous_version": 3, "text": "第一条 修改后的草案。", "text_sha256": sha256_text("第一条 修改后的草案。"),
        "previous_sha256": sha256_text(LAUNCHED_TEXT), "changes": "删去第二条。", "in_response_to": asked["hash"],
        "rule": "R-E4"})]


def test_a_revision_without_the_submit_choice_is_refused_under_the_rule_that_asked(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    asked = records.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"conclusion": "revise"})
    assert refusal(TaskContext(third, records.entries), revising(chosen="提交 Submit"), asked) == (
        "R-E4", None, "请选择且只选择一个选项", "choose exactly one of: 提交修改稿 Submit the revised draft")


def test_a_second_revision_in_the_same_round_is_refused_in_both_languages(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    asked = records.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"conclusion": "revise"})
    records.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 4, "text": "第四稿。"})
    assert refusal(TaskContext(third, records.entries), revising(), asked) == (
        "R-E4", None, "本轮已提交修改稿", "the draft was already revised in this round")


@pytest.mark.parametrize(("params", "field", "zh"), [
    ({"text": " ", "changes": "删去第二条。"}, "text", "请填写修改后的草案全文"),
    ({"text": "第一条 新稿。", "changes": ""}, "changes", "请填写修改说明（改了什么）")], ids=["no-text", "no-changes"])
def test_a_revision_without_its_text_or_what_changed_is_refused_naming_the_field(
        third: DecisionSpec, params: dict[str, str], field: str, zh: str) -> None:
    records = Chain(third.id).launched(third)
    asked = records.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"conclusion": "revise"})
    answer = Answer("sponsor_office", [SUBMIT], params)
    assert refusal(TaskContext(third, records.entries), answer, asked) == ("R-E4", field, zh, f"`{field}` is required")


def test_a_revision_that_repeats_the_current_text_is_refused_as_no_adjustment(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    asked = records.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"conclusion": "revise"})
    assert refusal(TaskContext(third, records.entries), revising(f"\n{LAUNCHED_TEXT}  "), asked) == (
        "R-E4", "text", "修改稿与现行草案相同，草案须作调整",
        "the revised text is the same as the current draft: the draft must actually be adjusted")


def test_the_draft_is_revised_since_an_entry_only_by_a_revision_recorded_after_it(third: DecisionSpec) -> None:
    records = Chain(third.id).launched(third)
    asked = records.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"conclusion": "revise"})
    assert revised_since(records.entries, asked) is False
    revision = records.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 4, "text": "第四稿。"})
    later = records.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"conclusion": "revise"})
    assert revised_since(records.entries, asked) is True
    assert revised_since(records.entries, revision) is False
    assert revised_since(records.entries, later) is False
