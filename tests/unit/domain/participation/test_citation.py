"""A comment's place in the draft: by article (第三条 Article 3) when the draft is written in
articles, else by paragraph (第3段 paragraph 3)."""

from __future__ import annotations

import pytest

from juece.domain.participation.citation import citation, cite, numeral

ARTICLES = ["第一章 总则", "第一条 为合理利用土地，制定本规划。", "第二十一条 本规划自公布之日起施行。",
            "第一百零五条 附则。", "附：说明"]


@pytest.mark.parametrize(("number", "cited"), [
    (2, "第一条 Article 1"), (3, "第二十一条 Article 21"), (4, "第一百零五条 Article 105"),
    (1, "第1段 paragraph 1"), (5, "第5段 paragraph 5"), (9, "第9段 paragraph 9"), (None, "—")],
    ids=["first-article", "twenty-first", "hundred-and-fifth", "a-heading-is-a-paragraph",
         "a-line-that-is-no-article", "beyond-the-draft", "none-given"])
def test_a_comment_is_cited_by_article_where_the_draft_has_one(number: int | None, cited: str) -> None:
    assert citation(ARTICLES, number) == cited


def test_a_draft_in_plain_paragraphs_is_cited_by_paragraph() -> None:
    assert citation(["城区用地规划说明。", "第二段内容。"], 2) == "第2段 paragraph 2"


@pytest.mark.parametrize(("text", "value"), [("三", 3), ("十", 10), ("十二", 12), ("二十", 20), ("一百零五", 105),
                                             ("12", 12), ("条", None)])
def test_chinese_numerals_are_read(text: str, value: int | None) -> None:
    assert numeral(text) == value


def test_thousands_and_hundreds_add_up_and_a_bare_ten_after_a_hundred_counts_ten() -> None:
    assert (numeral("一千一百零五"), numeral("一百十"), numeral("两千零二十")) == (1105, 110, 2020)


@pytest.mark.parametrize(("paragraphs", "number", "cited"), [
    (["第一条 总则。", "第二条 附则。"], 1, ("第一条", "Article 1")),
    (["第一条 总则。", "第二条 附则。"], 0, ("第0段", "paragraph 0")),
    (["第一条 总则。", "第二条 附则。"], -1, ("第-1段", "paragraph -1")),
    (["第一条 总则。", "第二条 附则。"], 3, ("第3段", "paragraph 3")),
    (["第一条 总则。", "第二条 附则。"], 2.0, ("第二条", "Article 2")),
    ([], 1, ("第1段", "paragraph 1"))],
    ids=["the-first-line", "zero-is-before-the-draft", "negative", "one-past-the-end", "a-float-from-a-table", "no-draft"])
def test_a_number_outside_the_draft_is_cited_as_a_paragraph_and_the_first_line_as_its_article(
        paragraphs: list[str], number: float, cited: tuple[str, str]) -> None:
    assert cite(paragraphs, number) == cited


def test_a_not_a_number_from_a_table_is_cited_as_none_given() -> None:
    assert cite(["第一条 总则。"], float("nan")) == ("—", "—")


def test_an_article_whose_number_mixes_digits_and_chinese_numerals_is_cited_as_a_paragraph() -> None:
    assert cite(["第1十条 总则。", "第十2条 附则。"], 1) == ("第1段", "paragraph 1")
    assert cite(["第1十条 总则。", "第十2条 附则。"], 2) == ("第2段", "paragraph 2")


def test_an_article_numbered_in_full_width_digits_is_cited_by_its_value() -> None:
    assert cite(["第１２条 总则。"], 1) == ("第１２条", "Article 12")
