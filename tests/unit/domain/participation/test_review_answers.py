"""Answers in the review stages: dispositions (R-B4, R-B5, R-C6)."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.participation.review_answers import comment_dispositions, opinion_dispositions
from juece.domain.record.answers import Answer, TaskContext, list_param, one_choice, text_param
from juece.domain.record.errors import RuleViolation
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
    assert (caught.value.rule, caught.value.field) == (None, "points")  # a form error: no rule


# --- dispositions (R-B4, R-B5, R-C6) ---------------------------------------------------------

@pytest.fixture
def commented(chain):
    for n, late in ((1, False), (2, False), (3, False), (4, True)):
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                  {"receipt": f"C-00000{n}", "text": f"意见{n}", "late": late})
    return chain


def disposing(*items: dict[str, Any]) -> Answer:
    return Answer("sponsor_office", [SUBMIT], {"dispositions": list(items)})


ALL_VALID = {"C-000001": {"ref": "C-000001", "disposition": "adopted"},
             "C-000002": {"ref": "C-000002", "disposition": "partly_adopted", "reason": "分两期实施。"},
             "C-000003": {"ref": "C-000003", "disposition": "not_adopted", "reason": "测算满足需求。"},
             "C-000004": {"ref": "C-000004", "disposition": "adopted", "reason": "逾期意见，已一并研究采纳。"}}


def valid_but(ref: str, item: dict[str, Any] | None) -> list[dict[str, Any]]:
    """Every comment validly disposed of, except ``ref``: given as ``item``, or left out (None)."""
    return [item if key == ref else value for key, value in ALL_VALID.items() if key != ref or item is not None]


def test_every_comment_late_ones_too_gets_its_disposition_and_the_report_counts_them(spec, commented) -> None:
    outcome = comment_dispositions(TaskContext(spec, commented.entries), disposing(*reversed(ALL_VALID.values())))
    assert outcome.done
    *disposed, report = outcome.acts
    assert [(a.kind, a.data["ref"], a.data["disposition"]) for a in disposed] == [
        ("comment_disposed", "C-000001", "adopted"), ("comment_disposed", "C-000002", "partly_adopted"),
        ("comment_disposed", "C-000003", "not_adopted"), ("comment_disposed", "C-000004", "adopted")]
    assert disposed[0].data["reason"] == ""  # adopted as it stands: no reason needed (R-B4)
    assert all(a.stage == Stage.PUBLIC_PARTICIPATION and a.data["rule"] == "R-B4" for a in disposed)
    assert (report.kind, report.stage) == ("adoption_report", Stage.PUBLIC_PARTICIPATION)
    assert report.data == {"total": 4, "counts": {"adopted": 2, "partly_adopted": 1, "not_adopted": 1},
                           "rules": ["R-B4", "R-B5"], "adoption_rate": 0.75}


@pytest.mark.parametrize("ref", ["C-000002", "C-000004"], ids=["on-time", "late"])
def test_a_comment_without_a_disposition_keeps_the_stage_open_r_b4(spec, commented, ref: str) -> None:
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*valid_but(ref, None)))
    assert (error.rule, error.field) == ("R-B4", "dispositions")
    assert error.en == f"these have no disposition yet: {ref}"


@pytest.mark.parametrize("reason", [None, "", "   "], ids=["no-reason", "empty", "blank"])
@pytest.mark.parametrize(("ref", "disposition"),
                         [("C-000003", "not_adopted"), ("C-000002", "partly_adopted"), ("C-000004", "partly_adopted")],
                         ids=["not-adopted", "partly-adopted", "late-partly-adopted"])
def test_a_comment_not_adopted_as_it_stands_needs_a_reason_r_b4(spec, commented, ref, disposition, reason) -> None:
    items = valid_but(ref, {"ref": ref, "disposition": disposition, "reason": reason})
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*items))
    assert (error.rule, error.field) == ("R-B4", "reason")
    assert error.en.startswith(f"{ref} is ") and "a reason is required" in error.en


def test_a_disposition_for_a_comment_not_received_is_a_form_error(spec, commented) -> None:
    items = [*ALL_VALID.values(), {"ref": "C-000099", "disposition": "adopted"}]
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*items))
    assert (error.rule, error.field) == (None, "ref")
    assert "C-000099" in error.en


def test_a_comment_disposed_of_twice_is_a_form_error(spec, commented) -> None:
    items = [*ALL_VALID.values(), {"ref": "C-000002", "disposition": "not_adopted", "reason": "改变主意"}]
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*items))
    assert (error.rule, error.field) == (None, "ref")
    assert "C-000002 is disposed of twice" in error.en


@pytest.mark.parametrize("value", ["accepted", "", None, "ADOPTED"], ids=["unknown-word", "empty", "missing", "wrong-case"])
def test_a_disposition_value_outside_the_three_is_refused_r_b4(spec, commented, value) -> None:
    item = {"ref": "C-000001"} if value is None else {"ref": "C-000001", "disposition": value}
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*valid_but("C-000001", item)))
    assert (error.rule, error.field) == ("R-B4", "disposition")


def test_a_disposition_that_is_not_an_object_is_refused_as_a_form_error(spec, commented) -> None:
    items = [*valid_but("C-000001", None), "C-000001"]
    assert refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(*items)).rule is None


def test_no_comments_gives_an_empty_report_without_a_rate(spec, chain) -> None:
    report, = comment_dispositions(TaskContext(spec, chain.entries), disposing()).acts
    assert report.data["total"] == 0 and report.data["adoption_rate"] is None


def test_once_the_comments_report_is_recorded_no_disposition_is_taken_r_b4(spec, commented) -> None:
    commented.extend(comment_dispositions(TaskContext(spec, commented.entries), disposing(*ALL_VALID.values())).acts)
    again = {"ref": "C-000003", "disposition": "adopted", "reason": "改为采纳。"}
    error = refused(comment_dispositions, TaskContext(spec, commented.entries), disposing(again))
    assert (error.rule, error.field) == ("R-B4", "dispositions")
    assert "adoption report is recorded" in error.en


@pytest.fixture
def opinions(chain):
    for expert in ("expert_1", "expert_2", "expert_4"):
        chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", expert, {"expert": expert, "conclusion": "support"})
        chain.add(Stage.EXPERT_REVIEW, "opinion_signed", expert, {"expert": expert})
    chain.add(Stage.EXPERT_REVIEW, "conflict_declared", "expert_3", {"expert": "expert_3", "statement": "利害关系"})
    return chain


OPINIONS_VALID = {"expert_1": {"ref": "expert_1", "disposition": "adopted", "reason": "已补充专题论证。"},
                  "expert_2": {"ref": "expert_2", "disposition": "partly_adopted", "reason": "一期规模缩减。"},
                  "expert_4": {"ref": "expert_4", "disposition": "not_adopted", "reason": "与上位规划不符。"}}


def test_each_expert_opinion_gets_an_adoption_disposition_with_its_reasons_r_c6(spec, opinions) -> None:
    outcome = opinion_dispositions(TaskContext(spec, opinions.entries), disposing(*OPINIONS_VALID.values()))
    *disposed, report = outcome.acts
    assert [(a.kind, a.stage, a.data["rule"]) for a in disposed] == [("opinion_disposed", Stage.EXPERT_REVIEW, "R-C6")] * 3
    assert [a.data["reason"] for a in disposed] == [item["reason"] for item in OPINIONS_VALID.values()]
    assert report.data["rules"] == ["R-C6", "R-C6"]
    assert (report.data["total"], report.data["adoption_rate"]) == (3, 0.6667)


@pytest.mark.parametrize("disposition", ["adopted", "partly_adopted", "not_adopted"])
def test_an_expert_opinion_disposed_of_without_reasons_is_refused_r_c6(spec, opinions, disposition: str) -> None:
    items = [*list(OPINIONS_VALID.values())[:2], {"ref": "expert_4", "disposition": disposition, "reason": " "}]
    error = refused(opinion_dispositions, TaskContext(spec, opinions.entries), disposing(*items))
    assert (error.rule, error.field) == ("R-C6", "reason")
    assert error.en.startswith("expert_4 is ")


@pytest.mark.parametrize(
    ("items", "rule", "field", "needle"),
    [(list(OPINIONS_VALID.values())[:2], "R-C6", "dispositions", "expert_4"),
     ([*OPINIONS_VALID.values(), {"ref": "expert_3", "disposition": "adopted", "reason": "理由"}], None, "ref",
      "expert_3")],
    ids=["opinion-without-disposition-r-c6", "withdrawn-expert-is-a-form-error"],
)
def test_expert_dispositions_are_refused(spec, opinions, items, rule, field: str, needle: str) -> None:
    error = refused(opinion_dispositions, TaskContext(spec, opinions.entries), disposing(*items))
    assert (error.rule, error.field) == (rule, field)
    assert needle in error.en


def test_once_the_experts_report_is_recorded_no_disposition_is_taken_and_the_comments_stay_open(
        spec, opinions) -> None:
    opinions.extend(opinion_dispositions(TaskContext(spec, opinions.entries), disposing(*OPINIONS_VALID.values())).acts)
    error = refused(opinion_dispositions, TaskContext(spec, opinions.entries), disposing(*OPINIONS_VALID.values()))
    assert (error.rule, error.field) == ("R-C6", "dispositions")
    assert comment_dispositions(TaskContext(spec, opinions.entries), disposing()).done  # another stage's report


@pytest.mark.parametrize(("handler", "rule"), [(comment_dispositions, "R-B4"), (opinion_dispositions, "R-C6")],
                         ids=["comments", "opinions"])
def test_dispositions_without_the_submit_choice_are_refused_under_the_stage_rule(spec, opinions, handler, rule) -> None:
    answer = Answer("sponsor_office", [SUPPORT], {"dispositions": list(OPINIONS_VALID.values())})
    error = refused(handler, TaskContext(spec, opinions.entries), answer)
    assert (error.rule, error.field, error.zh, error.en) == (
        rule, None, "请选择且只选择一个选项", "choose exactly one of: 提交 Submit")


def test_dispositions_recorded_earlier_count_so_an_answer_may_give_only_the_rest(spec, commented) -> None:
    for item in list(ALL_VALID.values())[:3]:
        commented.add(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office", {**item, "rule": "R-B4"})
    outcome = comment_dispositions(TaskContext(spec, commented.entries), disposing(ALL_VALID["C-000004"]))
    disposed, report = outcome.acts
    assert (disposed.kind, disposed.data["ref"]) == ("comment_disposed", "C-000004")
    assert report.data["counts"] == {"adopted": 2, "partly_adopted": 1, "not_adopted": 1}
