"""A public comment's refusals (R-B1, and the portal's bounds as form errors) word for word in both
languages, every other input valid; the paragraph and the commenter's fields at their bounds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from juece.domain import steps
from juece.domain.participation.comments import (
    MAX_COMMENT_CHARS,
    check_paragraph,
    clean_text,
    comment_act,
    personal_field,
    receive_comment,
)
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)  # a Monday, 16:00 China time
NOTICE: dict[str, Any] = {"data": {"effective_closes_at": "2026-04-01T16:00:00.000000Z"}}


def refusal(call: Any, *args: Any, **kwargs: Any) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        call(*args, **kwargs)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


@pytest.fixture
def noticed(chain, spec):
    chain.extend(steps.publish_notice(spec, chain.entries, START))
    return chain


def test_a_comment_where_public_participation_is_not_applicable_is_refused_in_both_languages_r_b1() -> None:
    assert refusal(comment_act, NOTICE, True, "我有意见", START, "C-000001") == (
        "R-B1", None, "本决策不公开征求意见", "this decision is not open for public comment")


def test_a_comment_before_the_notice_is_refused_in_both_languages_r_b1(chain) -> None:
    assert refusal(receive_comment, chain.entries, "我有意见", START) == (
        "R-B1", None, "征求意见公告尚未发布，暂不能提交意见", "the notice is not published yet: comments open when it is")


def test_a_comment_that_is_not_text_is_refused_for_its_form() -> None:
    assert refusal(comment_act, NOTICE, False, ["我有意见"], START, "C-000001") == (
        None, "text", "意见内容应为文本", "the comment text must be a string")


def test_an_empty_comment_is_refused_in_both_languages() -> None:
    assert refusal(comment_act, NOTICE, False, " \r\n ", START, "C-000001") == (
        None, "text", "意见内容不能为空", "a comment needs some text")


def test_a_comment_one_character_too_long_is_refused_naming_both_lengths() -> None:
    assert refusal(comment_act, NOTICE, False, "意" * (MAX_COMMENT_CHARS + 1), START, "C-000001") == (
        None, "text", "意见不得超过5000字（现5001字）", "a comment may have at most 5000 characters (5001 given)")


def test_comments_are_numbered_in_order_and_recorded_with_their_channel_and_contact(noticed) -> None:
    first = receive_comment(noticed.entries, "建议一。", START + timedelta(hours=1))
    assert (first.data["receipt"], first.data["channel"], first.data["has_contact"]) == ("C-000001", "cli", False)
    noticed.extend([first])
    second = receive_comment(noticed.entries, "建议二。", START + timedelta(hours=2), paragraph=5, channel="portal")
    assert (second.data["receipt"], second.data["paragraph"], second.data["channel"]) == ("C-000002", 5, "portal")
    kept = comment_act(NOTICE, False, "建议三。", START, "C-000003", has_contact=True)
    assert kept.data["has_contact"] is True and kept.data["late"] is False


def test_a_comment_after_the_notice_closes_is_kept_and_marked_late_r_b3() -> None:
    late = comment_act(NOTICE, False, "迟到的意见。", datetime(2026, 4, 1, 16, 0, tzinfo=UTC), "C-000001")
    assert late.data["late"] is True and late.data["rule"] == "R-B3"


def test_a_paragraph_past_the_published_drafts_last_is_refused_naming_the_count(noticed) -> None:
    assert refusal(receive_comment, noticed.entries, "建议。", START, paragraph=6) == (
        None, "paragraph", "草案共5段，段落编号应为1至5的整数（收到“6”）",
        "the draft has 5 paragraphs: paragraph must be a whole number from 1 to 5 ('6' given)")


@pytest.mark.parametrize(("paragraph", "paragraphs", "taken"), [
    (None, 5, None), (1, 5, 1), (5, 5, 5), (7, None, 7), (1, None, 1)])
def test_a_paragraph_from_one_to_the_last_is_taken(paragraph: int | None, paragraphs: int | None,
                                                    taken: int | None) -> None:
    assert check_paragraph(paragraph, paragraphs) == taken


@pytest.mark.parametrize(("paragraph", "shown"), [
    (0, "0"), (-1, "-1"), (True, "True"), (2.0, "2.0"), ("2", "2"), ("第二段的意见内容很长很长很长很长很长很长很长很长", "第二段的意见内容很长很长很长很长很长很长"),
    ([2], "list")])
def test_a_paragraph_that_is_not_a_whole_number_from_one_is_refused_quoting_it_shortly(
        paragraph: object, shown: str) -> None:
    assert refusal(check_paragraph, paragraph, None) == (
        None, "paragraph", f"段落编号应为正整数（收到“{shown}”）",
        f"paragraph must be a whole number from 1 ({shown!r} given)")
    assert refusal(check_paragraph, paragraph, 5) == (
        None, "paragraph", f"草案共5段，段落编号应为1至5的整数（收到“{shown}”）",
        f"the draft has 5 paragraphs: paragraph must be a whole number from 1 to 5 ({shown!r} given)")


@pytest.mark.parametrize(("paragraph", "shown"), [(2**63 - 1, str(2**63 - 1)[:20]), (2**63, "int")],
                         ids=["under-64-bits", "64-bits"])
def test_a_huge_paragraph_number_is_quoted_in_twenty_digits_or_as_a_number(paragraph: int, shown: str) -> None:
    assert refusal(check_paragraph, paragraph, 5) == (
        None, "paragraph", f"草案共5段，段落编号应为1至5的整数（收到“{shown}”）",
        f"the draft has 5 paragraphs: paragraph must be a whole number from 1 to 5 ({shown!r} given)")


@pytest.mark.parametrize(("field", "zh", "limit"), [("name", "姓名", 100), ("contact", "联系方式", 200)])
def test_a_commenters_name_or_contact_is_taken_up_to_its_bound_and_refused_past_it(
        field: str, zh: str, limit: int) -> None:
    assert personal_field(None, field) is None and personal_field(" \r\n ", field) is None
    assert personal_field(" 张\x07三 ", field) == "张三"
    assert personal_field("字" * limit, field) == "字" * limit
    assert refusal(personal_field, "字" * (limit + 1), field) == (
        None, field, f"{zh}不得超过{limit}字（现{limit + 1}字）",
        f"{field} may have at most {limit} characters ({limit + 1} given)")
    assert refusal(personal_field, 12345, field) == (None, field, f"{zh}应为文本", f"{field} must be a string")


def test_line_breaks_count_as_one_character_and_control_characters_and_lone_surrogates_go() -> None:
    assert clean_text("一\r\n二\r三\n四") == "一\n二\n三\n四"
    assert clean_text("a\x00b\x1fc\x7fd\x9fe\tf") == "abcde\tf"
    assert clean_text("意\ud800见") == "意见"


def test_the_comment_is_recorded_in_public_participation_by_the_public(noticed) -> None:
    act = receive_comment(noticed.entries, "  建议。 ", START)
    assert (act.stage, act.kind, act.actor, act.data["text"]) == (
        Stage.PUBLIC_PARTICIPATION, "comment_received", "public", "建议。")


def test_another_stage_marked_not_applicable_leaves_comments_open_r_b1(noticed) -> None:
    noticed.add(Stage.EXPERT_REVIEW, "not_applicable", data={"reason": "非专业性问题"})
    assert receive_comment(noticed.entries, "建议。", START).data["receipt"] == "C-000001"
