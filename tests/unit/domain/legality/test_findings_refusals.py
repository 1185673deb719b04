"""The provisions a legality finding relies on (R-E4): each refusal word for word in both languages
with its rule and field, every other input valid; each bound taken and the one past it refused; a
provision said in words; the reviewer's task ids."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.legality.findings import (
    ARTICLE_CAP,
    LAW_CAP,
    MAX_PROVISIONS,
    citation,
    provisions,
    reviewer_task_ids,
)
from juece.domain.record.answers import Answer
from juece.domain.record.errors import RuleViolation

GOOD = {"law": "中华人民共和国城乡规划法", "article": "第二十条"}


def given(value: Any) -> Answer:
    return Answer("legality_reviewer", [], {"authority_provisions": value})


def refusal(value: Any) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        provisions(given(value), "authority")
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def test_provisions_not_given_are_none() -> None:
    assert provisions(given(None), "authority") == [] and provisions(given(""), "authority") == []


def test_provisions_that_are_not_a_list_are_refused_for_their_form() -> None:
    assert refusal("XXXX") == (None, "authority_provisions", "决策权限所依据的规定应为列表",
                               "the provisions of the authority finding must be a list")


def test_as_many_provisions_as_allowed_are_taken_and_one_more_refused_r_e4() -> None:
    assert len(provisions(given([GOOD] * MAX_PROVISIONS), "authority")) == MAX_PROVISIONS
    assert refusal([GOOD] * (MAX_PROVISIONS + 1)) == (
        "R-E4", "authority_provisions", f"决策权限所依据的规定至多{MAX_PROVISIONS}条",
        f"at most {MAX_PROVISIONS} provisions for the authority finding")


def test_a_provision_that_is_not_an_object_is_refused_naming_its_number() -> None:
    assert refusal([GOOD, "第二十条"]) == (None, "authority_provisions.2", "决策权限第2条依据格式不对",
                                         "provision 2 of the authority finding must be an object")


@pytest.mark.parametrize(("item", "field", "zh", "en"), [
    ({"law": 20, "article": "第二十条"}, "law", "决策权限第2条依据的法律法规名称须为文字",
     "the name of the law or regulation of provision 2 (authority) must be text"),
    ({"law": "法" * (LAW_CAP + 1), "article": "第二十条"}, "law", f"决策权限第2条依据的法律法规名称至多{LAW_CAP}字",
     f"the name of the law or regulation of provision 2 (authority) must be at most {LAW_CAP} characters"),
    ({"law": "城乡规划法", "article": 20}, "article", "决策权限第2条依据的条款须为文字",
     "the article of provision 2 (authority) must be text"),
    ({"law": "城乡规划法", "article": "条" * (ARTICLE_CAP + 1)}, "article", f"决策权限第2条依据的条款至多{ARTICLE_CAP}字",
     f"the article of provision 2 (authority) must be at most {ARTICLE_CAP} characters"),
], ids=["law-not-text", "law-too-long", "article-not-text", "article-too-long"])
def test_a_law_or_article_not_text_or_too_long_is_refused_naming_it_r_e4(
        item: dict[str, Any], field: str, zh: str, en: str) -> None:
    assert refusal([GOOD, item]) == ("R-E4", f"authority_provisions.2.{field}", zh, en)


def test_a_law_and_article_at_their_bounds_are_taken_with_whitespace_folded() -> None:
    item = {"law": "法" * LAW_CAP, "article": " 第二十条 \n 第一款 " + "条" * (ARTICLE_CAP - 9)}
    marked = {"law": " 《城乡规划法》 ", "article": "第二十条"}
    taken, plain = provisions(given([item, marked]), "authority")
    assert taken == {"law": "法" * LAW_CAP, "article": "第二十条 第一款 " + "条" * (ARTICLE_CAP - 9)}
    assert plain == {"law": "城乡规划法", "article": "第二十条"}


def test_a_provision_is_said_in_words_whatever_it_lacks() -> None:
    assert citation(GOOD) == "《中华人民共和国城乡规划法》第二十条"
    assert citation({"law": "城乡规划法", "article": "20"}) == "《城乡规划法》第20条"
    assert citation({"article": "第二条"}) == "《》第二条" and citation({"law": "城乡规划法"}) == "《城乡规划法》"
    assert citation("第二十条") == "第二十条"


def test_the_reviewers_task_ids_are_the_review_and_each_rereview_under_their_group() -> None:
    assert reviewer_task_ids(3) == ["review", "rereview_1", "rereview_2"]
    assert reviewer_task_ids(2, "legality") == ["legality.review", "legality.rereview_1"]
