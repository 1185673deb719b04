"""The office's review of the announcement (R-G1), word for word: what its task shows, each refusal
in both languages with its rule and field, the wording limit on and one past its bound, and the
stage the reviewed text is recorded in."""

from __future__ import annotations

import pytest

from juece.domain.publication.review import (
    MAX_TEXT_CHARS,
    document_number,
    generated,
    review_announcement,
    review_body,
    wording,
)
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.markup import literal
from juece.domain.stages import Stage
from tests.unit.domain.publication.test_review import answer, decided

NUMBER_ZH = "发文字号格式应为“机关代字〔年份〕序号号”，如“延政发〔2027〕9号”，收到“{}”"
NUMBER_EN = "the document number must read like 延政发〔2027〕9号 (code〔year〕number号), got {!r}"


def refusal(call, *args, **kwargs) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        call(*args, **kwargs)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def test_the_office_is_asked_in_both_languages_and_shown_the_generated_text(spec, chain) -> None:
    ctx = TaskContext(spec, decided(chain).entries)
    assert review_body(ctx) == (
        "请审阅拟公布的决定公告，可修改文字（留空则按原文公布），并填写发文字号，如“延政发〔2027〕9号”。\n"
        "Review the announcement to be published: change its wording if needed (leave it empty to publish it "
        "as generated) and give the document number, e.g. 延政发〔2027〕9号 (R-G1).\n\n"
        f"```text\n{literal(generated(ctx))}\n```")


@pytest.mark.parametrize("number", ["延政发〔2027〕9号", " 延政发〔2027〕12345号 ", "黑龙江省延寿县人民政府办公室发〔2027〕1号"],
                         ids=["plain", "surrounding-spaces", "a-long-code"])
def test_a_document_number_reading_code_year_number_is_taken_stripped(number: str) -> None:
    assert document_number(number) == number.strip()


def test_a_bad_document_number_is_refused_quoting_its_first_forty_characters() -> None:
    number = "延政发" + "二" * 50
    assert refusal(document_number, number) == (
        "R-G1", "document_number", NUMBER_ZH.format(number[:40]), NUMBER_EN.format(number[:40]))


def test_a_missing_document_number_is_asked_for_by_name(spec, chain) -> None:
    ctx = TaskContext(spec, decided(chain).entries)
    assert refusal(review_announcement, ctx, answer(None)) == ("R-G1", "document_number", "请填写发文字号",
                                                               "`document_number` is required")


def test_an_emptied_wording_where_the_text_is_shown_in_full_is_refused_in_both_languages() -> None:
    assert refusal(wording, "  ", required=True) == (
        "R-G1", "text", "公告文字不能为空；如按生成的文字公布，请保留原文",
        "the announcement's wording is empty: keep the generated text to publish it as it is")


def test_a_wording_of_exactly_the_limit_is_taken_and_one_character_more_is_refused() -> None:
    assert MAX_TEXT_CHARS == 200_000
    assert wording("字" * MAX_TEXT_CHARS + "\n") == "字" * MAX_TEXT_CHARS
    assert refusal(wording, "字" * (MAX_TEXT_CHARS + 1)) == (
        "R-G1", "text", "公告文字超过200000字", "the announcement is over 200000 characters")


def test_the_reviewed_announcement_is_recorded_in_the_publication_stage(spec, chain) -> None:
    act, = review_announcement(TaskContext(spec, decided(chain).entries), answer()).acts
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLICATION, "announcement_reviewed", "sponsor_office")


def test_a_wording_over_the_limit_in_the_answer_is_refused_and_nothing_recorded(spec, chain) -> None:
    ctx = TaskContext(spec, decided(chain).entries)
    reply = Answer("sponsor_office", answer().chosen, {"document_number": "延政发〔2027〕9号",
                                                       "text": "字" * (MAX_TEXT_CHARS + 1)})
    assert refusal(review_announcement, ctx, reply)[:2] == ("R-G1", "text")
