"""The legality review's findings with the provisions relied on (R-E4): rows of law and article,
optional (old answers and Airflow's own form give none) but each row checked, refused at its field
with the rule, the rest of the answer valid; recorded in the ledger entry, said in words in the
archive's facts and the record's timeline."""

from __future__ import annotations

from typing import Any

import pytest

from juece.adapters.reporting.sections import _facts
from juece.domain.archive.timeline_decision import legality_reviewed
from juece.domain.deliberation.meeting_answers import legality_review
from juece.domain.legality.findings import MAX_PROVISIONS, citation, reviewer_task_ids
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.forms import FORMS
from juece.domain.stages import Stage

LAWFUL = "合法 Lawful"
REVIEW = {"authority": "县政府有权批准。", "procedure": "程序完备。", "content": "不违反上位法。"}
PLANNING = {"law": "中华人民共和国城乡规划法", "article": "第二十条"}
DECISIONS = {"law": "《重大行政决策程序暂行条例》", "article": "第三条"}


@pytest.fixture
def advised(chain):
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {"conclusion": "lawful", "opinion": "合法。"})
    return chain


def reviewing(**params: Any) -> Answer:
    return Answer("legality_reviewer", [LAWFUL], {**REVIEW, "authority_provisions": [PLANNING, DECISIONS], **params})


def refused(spec, chain, answer: Answer) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        legality_review(TaskContext(spec, chain.entries), answer)
    return caught.value


def test_the_provisions_are_recorded_with_each_finding(spec, advised) -> None:
    act, = legality_review(TaskContext(spec, advised.entries), reviewing(
        procedure_provisions=[{"law": " 中华人民共和国城乡规划法 ", "article": " 第二十六条 "}])).acts
    assert act.data["authority_provisions"] == [PLANNING, {"law": "重大行政决策程序暂行条例", "article": "第三条"}]
    assert act.data["procedure_provisions"] == [{"law": "中华人民共和国城乡规划法", "article": "第二十六条"}]
    assert "content_provisions" not in act.data  # none given: none recorded
    assert {name: act.data[name] for name in REVIEW} == REVIEW


def test_an_answer_without_provisions_as_from_airflows_form_is_still_valid(spec, advised) -> None:
    act, = legality_review(TaskContext(spec, advised.entries), Answer("legality_reviewer", [LAWFUL], REVIEW)).acts
    assert act.data["outcome"] == "lawful" and not {k for k in act.data if k.endswith("_provisions")}  # as before
    fields = FORMS["legality_review"].fields
    assert {"authority_provisions", "procedure_provisions", "content_provisions"} <= set(fields)
    assert fields["authority_provisions"]["type"] == ["null", "array"]  # optional in Airflow's form


@pytest.mark.parametrize(("params", "field"), [
    ({"authority_provisions": [PLANNING, {"law": "城乡规划法", "article": ""}]}, "authority_provisions.2.article"),
    ({"authority_provisions": [PLANNING, {"law": "城乡规划法"}]}, "authority_provisions.2.article"),
    ({"procedure_provisions": [{"law": " ", "article": "第三条"}]}, "procedure_provisions.1.law"),
    ({"procedure_provisions": [{"law": "《》", "article": "第三条"}]}, "procedure_provisions.1.law"),
    ({"content_provisions": [{"law": "法" * 201, "article": "第三条"}]}, "content_provisions.1.law"),
    ({"content_provisions": [{"law": "城乡规划法", "article": "第" * 61}]}, "content_provisions.1.article"),
    ({"content_provisions": [{"law": ["城乡规划法"], "article": "第三条"}]}, "content_provisions.1.law"),
    ({"content_provisions": [{"law": "城乡规划法", "article": 26}]}, "content_provisions.1.article"),
    ({"authority_provisions": [PLANNING] * (MAX_PROVISIONS + 1)}, "authority_provisions"),
], ids=["no-article", "article-missing", "blank-law", "only-brackets", "long-law", "long-article", "law-not-text",
        "article-not-text", "too-many"])
def test_a_bad_provision_is_refused_at_its_field_under_r_e4(spec, advised, params, field: str) -> None:
    error = refused(spec, advised, reviewing(**params))
    assert (error.rule, error.field) == ("R-E4", field)
    assert error.zh and error.en and "_" not in error.zh


@pytest.mark.parametrize(("params", "field"), [
    ({"authority_provisions": "城乡规划法第二十条"}, "authority_provisions"),
    ({"procedure_provisions": ["城乡规划法第二十条"]}, "procedure_provisions.1"),
], ids=["not-a-list", "row-not-an-object"])
def test_provisions_of_the_wrong_shape_are_a_form_error_at_their_field(spec, advised, params, field: str) -> None:
    error = refused(spec, advised, reviewing(**params))
    assert (error.rule, error.field) == (None, field)


def test_the_override_of_a_lawful_finding_is_refused_at_its_field(spec, advised) -> None:
    error = refused(spec, advised, reviewing(exploratory_override=True, legal_risk="试点"))
    assert (error.rule, error.field) == ("R-E1", "exploratory_override")


def test_the_archive_and_the_timeline_say_the_provisions_in_words(spec, advised) -> None:
    act, = legality_review(TaskContext(spec, advised.entries), reviewing()).acts
    entry = {"kind": "legality_reviewed", "data": act.data, "seq": 9, "at": "2027-03-01T02:00:00+00:00"}
    facts = dict(_facts(entry))
    assert facts["权限所依据的规定 Provisions on authority 1"] == "《中华人民共和国城乡规划法》第二十条"
    assert facts["权限所依据的规定 Provisions on authority 2"] == "《重大行政决策程序暂行条例》第三条"
    assert not any(label.startswith("内容所依据") for label in facts)
    zh, en = legality_reviewed(act.data, entry, {})  # type: ignore[arg-type]
    assert "依据：《中华人民共和国城乡规划法》第二十条、《重大行政决策程序暂行条例》第三条" in zh
    assert "provisions relied on: 《中华人民共和国城乡规划法》第二十条" in en
    old = {k: v for k, v in act.data.items() if not k.endswith("_provisions")}  # a record from before
    assert "依据" not in legality_reviewed(old, entry, {})[0]  # type: ignore[arg-type]


def test_a_bare_article_number_is_said_as_an_article_and_the_tasks_are_named_once() -> None:
    assert citation({"law": "城乡规划法", "article": "26"}) == "《城乡规划法》第26条"
    assert reviewer_task_ids(3, "legality_review") == [
        "legality_review.review", "legality_review.rereview_1", "legality_review.rereview_2"]
