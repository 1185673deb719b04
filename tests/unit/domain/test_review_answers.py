"""Answers in the review stages: dispositions (R-B4, R-B5, R-C6)."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.answers import Answer, TaskContext, list_param, one_choice, text_param
from juece.domain.errors import RuleViolation
from juece.domain.review_answers import (
    comment_dispositions,
    opinion_dispositions,
)
from juece.domain.stages import Stage

SUPPORT = "支持 Support"
WITH_CONDITIONS = "附条件支持 Support with conditions"
OPPOSE = "反对 Oppose"
CONFLICT = "申请回避 Declare a conflict of interest"
SUBMIT = "提交 Submit"
OPINION = {"necessity": "现行规划已滞后。", "feasibility": "用地指标可落实。", "soundness": "人口预测合理。",
           "opinion": "同意该规划草案。"}


def refused(handler, ctx: TaskContext, answer: Answer) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        handler(ctx, answer)
    return caught.value


# --- generic answer helpers ----------------------------------------------------------------

@pytest.mark.parametrize("chosen", [[], ["支持 Support", "反对 Oppose"], ["support"], ["支持 Support", "nonsense"]],
                         ids=["none", "two", "code-not-label", "one-valid-one-unknown"])
def test_one_choice_needs_exactly_one_known_label(chosen: list[str]) -> None:
    with pytest.raises(RuleViolation) as caught:
        one_choice(Answer("u", chosen, {}), {"支持 Support": "support", "反对 Oppose": "oppose"}, "R-C1")
    assert caught.value.rule == "R-C1"


def test_text_param_strips_and_refuses_a_blank_required_field_naming_it() -> None:
    assert text_param(Answer("u", [], {"x": "  值 "}), "x", "R-C1", "某字段") == "值"
    assert text_param(Answer("u", [], {"x": None}), "x", "R-C1", "某字段", required=False) == ""
    with pytest.raises(RuleViolation) as caught:
        text_param(Answer("u", [], {"x": "   "}), "x", "R-C1", "某字段")
    assert (caught.value.rule, caught.value.field) == ("R-C1", "x")


def test_list_param_treats_missing_as_empty_and_refuses_a_non_list() -> None:
    assert list_param(Answer("u", [], {}), "points") == []
    assert list_param(Answer("u", [], {"points": ""}), "points") == []
    with pytest.raises(RuleViolation) as caught:
        list_param(Answer("u", [], {"points": "a, b"}), "points")
    assert (caught.value.rule, caught.value.field) == ("FORM", "points")


# --- dispositions (R-B4, R-B5, R-C6) ---------------------------------------------------------

@pytest.fixture
def commented(chain):
    for n, late in ((1, False), (2, False), (3, False), (4, True)):
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                  {"receipt": f"C-00000{n}", "text": f"意见{n}", "late": late})
    return chain


def disposing(*items: dict[str, Any]) -> Answer:
    return Answer("sponsor_office", [SUBMIT], {"dispositions": list(items)})


def test_every_on_time_comment_gets_its_disposition_and_the_report_counts_them(spec, commented) -> None:
    outcome = comment_dispositions(TaskContext(spec, commented.entries), disposing(
        {"ref": "C-000002", "disposition": "partly_adopted"},
        {"ref": "C-000001", "disposition": "adopted", "reason": "已修改第三条。"},
        {"ref": "C-000003", "disposition": "not_adopted", "reason": "测算满足需求。"},
    ))
    assert outcome.done
    *disposed, report = outcome.acts
    assert [(a.kind, a.data["ref"], a.data["disposition"]) for a in disposed] == [
        ("comment_disposed", "C-000001", "adopted"), ("comment_disposed", "C-000002", "partly_adopted"),
        ("comment_disposed", "C-000003", "not_adopted")]
    assert all(a.stage == Stage.PUBLIC_PARTICIPATION and a.data["rule"] == "R-B4" for a in disposed)
    assert (report.kind, report.stage) == ("adoption_report", Stage.PUBLIC_PARTICIPATION)
    assert report.data == {"total": 3, "counts": {"partly_adopted": 1, "adopted": 1, "not_adopted": 1},
                           "rules": ["R-B4", "R-B5"], "adoption_rate": 0.6667}


def test_a_comment_without_a_disposition_keeps_the_stage_open_r_b4(spec, commented) -> None:
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(
        {"ref": "C-000001", "disposition": "adopted"}, {"ref": "C-000003", "disposition": "adopted"}))
    assert error.rule == "R-B4"
    assert error.en == "these have no disposition yet: C-000002"


@pytest.mark.parametrize("reason", [None, "", "   "], ids=["no-reason", "empty", "blank"])
def test_a_comment_not_adopted_without_a_reason_is_refused_r_b4(spec, commented, reason) -> None:
    items = [{"ref": f"C-00000{n}", "disposition": "adopted"} for n in (1, 2)]
    items.append({"ref": "C-000003", "disposition": "not_adopted", "reason": reason})
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*items))
    assert error.rule == "R-B4"
    assert "C-000003" in error.en


@pytest.mark.parametrize("ref", ["C-000099", "C-000004"], ids=["unknown", "late-comment"])
def test_a_disposition_for_a_comment_not_awaiting_one_is_refused_r_b4(spec, commented, ref: str) -> None:
    error = refused(comment_dispositions, TaskContext(spec, commented.entries),
                    disposing({"ref": ref, "disposition": "adopted"}))
    assert error.rule == "R-B4"
    assert ref in error.en


def test_a_comment_disposed_of_twice_is_refused_r_b4(spec, commented) -> None:
    items = [{"ref": f"C-00000{n}", "disposition": "adopted"} for n in (1, 2, 3)]
    items.append({"ref": "C-000002", "disposition": "not_adopted", "reason": "改变主意"})
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*items))
    assert error.rule == "R-B4"
    assert "C-000002 is disposed of twice" in error.en


@pytest.mark.parametrize("value", ["accepted", "", None, "ADOPTED"], ids=["unknown-word", "empty", "missing", "wrong-case"])
def test_a_disposition_value_outside_the_three_is_refused_r_b4(spec, commented, value) -> None:
    item = {"ref": "C-000001"} if value is None else {"ref": "C-000001", "disposition": value}
    assert refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(item)).rule == "R-B4"


def test_a_disposition_that_is_not_an_object_is_refused_as_a_form_error(spec, commented) -> None:
    assert refused(comment_dispositions, TaskContext(spec, commented.entries), disposing("C-000001")).rule == "FORM"


def test_no_comments_gives_an_empty_report_without_a_rate(spec, chain) -> None:
    report, = comment_dispositions(TaskContext(spec, chain.entries), disposing()).acts
    assert report.data["total"] == 0 and report.data["adoption_rate"] is None


@pytest.fixture
def opinions(chain):
    for expert in ("expert_1", "expert_2", "expert_4"):
        chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", expert, {"expert": expert, "conclusion": "support"})
        chain.add(Stage.EXPERT_REVIEW, "opinion_signed", expert, {"expert": expert})
    chain.add(Stage.EXPERT_REVIEW, "conflict_declared", "expert_3", {"expert": "expert_3", "statement": "利害关系"})
    return chain


def test_each_expert_opinion_gets_an_adoption_disposition_r_c6(spec, opinions) -> None:
    outcome = opinion_dispositions(TaskContext(spec, opinions.entries), disposing(
        {"ref": "expert_1", "disposition": "adopted"}, {"ref": "expert_2", "disposition": "adopted"},
        {"ref": "expert_4", "disposition": "not_adopted", "reason": "与上位规划不符。"}))
    *disposed, report = outcome.acts
    assert [(a.kind, a.stage, a.data["rule"]) for a in disposed] == [("opinion_disposed", Stage.EXPERT_REVIEW, "R-C6")] * 3
    assert report.data["rules"] == ["R-C6", "R-C6"]
    assert (report.data["total"], report.data["adoption_rate"]) == (3, 0.6667)


@pytest.mark.parametrize(
    ("items", "needle"),
    [([{"ref": "expert_1", "disposition": "adopted"}, {"ref": "expert_2", "disposition": "adopted"}], "expert_4"),
     ([{"ref": "expert_3", "disposition": "adopted"}], "expert_3"),
     ([{"ref": "expert_1", "disposition": "adopted"}, {"ref": "expert_2", "disposition": "adopted"},
       {"ref": "expert_4", "disposition": "not_adopted"}], "expert_4")],
    ids=["opinion-without-disposition", "withdrawn-expert", "not-adopted-without-reason"],
)
def test_expert_dispositions_are_refused_with_r_c6(spec, opinions, items, needle: str) -> None:
    error = refused(opinion_dispositions, TaskContext(spec, opinions.entries), disposing(*items))
    assert error.rule == "R-C6"
    assert needle in error.en
