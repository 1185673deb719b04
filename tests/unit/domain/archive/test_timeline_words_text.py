"""The words the record in words is made of: free text on one line and cut at its limit, coded
values and labels in words, moments and deadlines in China time, people by name, role and seat."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.archive.timeline_words import (
    MORE_VALUES,
    People,
    article,
    as_dict,
    as_list,
    clause,
    closing,
    count,
    day,
    disposition,
    edition,
    lower_first,
    moment,
    number,
    one_line,
    percent,
    plural,
    readable,
    short,
    split_label,
    stage_words,
    words,
)


def test_a_field_of_the_wrong_shape_reads_as_an_empty_one() -> None:
    assert (as_dict({"a": 1}), as_dict([1]), as_dict(None)) == ({"a": 1}, {}, {})
    assert (as_list([1]), as_list((1,)), as_list("ab")) == ([1], [], [])


@pytest.mark.parametrize("control", ["\x00", "\x1f", "\x7f", "\x9f", "\u2028", "\u2029", "\t", "\n"])
def test_control_characters_and_whitespace_runs_become_one_space(control: str) -> None:
    assert one_line(f" 甲{control}乙 {control} 丙 ") == "甲 乙 丙"


def test_a_list_is_one_line_joined_by_a_chinese_semicolon_without_its_empty_items_or_structures() -> None:
    assert one_line(["甲", None, " ", ("乙", "丙"), {"k": "v"}, 3]) == "甲；乙；丙；3"
    assert (one_line(None), one_line({"k": "v"}), one_line(0), one_line(False)) == ("", "", "0", "False")


def test_free_text_is_kept_whole_at_its_limit_and_cut_with_an_ellipsis_one_past_it() -> None:
    assert short("字" * 60) == "字" * 60
    assert short("字" * 61) == "字" * 59 + "…"
    assert short("abcdef", 5) == "abcd…" and short("abcde", 5) == "abcde"
    assert short("ab  " + "c" * 10, 4) == "ab…"  # no space left before the ellipsis


def test_a_label_is_split_into_its_chinese_and_english_words() -> None:
    assert split_label(" 通过 approve ") == ("通过", "approve")
    assert split_label("完整版（限制查阅）full edition, restricted") == ("完整版（限制查阅）", "full edition, restricted")
    assert split_label("未决 / undecided") == ("未决", "undecided")
    assert split_label("通过 line one\nline two") == ("通过", "line one\nline two")
    assert split_label("只有中文") == ("只有中文", "只有中文") and split_label("only English") == ("only English",) * 2


def test_only_a_capitalised_word_is_lowered_inside_a_sentence() -> None:
    assert [lower_first(t) for t in ("Support it", "Ab", "OK", "A", "", "already", "2nd")] == [
        "support it", "ab", "OK", "A", "", "already", "2nd"]


def test_a_value_nobody_named_reads_with_spaces_for_underscores_cut_at_forty() -> None:
    assert readable("some_odd_code") == "some odd code"
    assert readable("a" * 40) == "a" * 40 and readable("a" * 41) == "a" * 39 + "…"
    assert readable(None) == ""


def test_coded_values_are_put_in_words_from_the_table_then_the_extra_values_then_readably() -> None:
    assert words("adopted") == ("采纳", "adopted")
    assert words("conflict") == ("申报利害关系回避", "declared a conflict of interest")
    assert words("conflict", {"conflict": "冲突 Clash of interest"}) == ("冲突", "clash of interest")
    assert words("odd_code") == ("odd code", "odd code") and words(0) == ("0", "0")
    assert (words(None), words(""), words(True), words(False)) == (("", ""), ("", ""), ("是", "yes"), ("否", "no"))


@pytest.mark.parametrize(("code", "zh", "en"), [
    ("not_deliberated", "未经集体讨论决定", "not deliberated"),
    ("conflict", "申报利害关系回避", "declared a conflict of interest"),
    ("non_responding", "逾期未答复", "did not respond in time"),
    ("permanent", "永久", "permanent"),
    ("portal", "公众参与页面", "the public portal"),
    ("web", "网页", "the web page"),
    ("cli", "命令行", "the command line"),
    ("csv", "表格导入", "a spreadsheet upload"),
    ("log", "系统日志", "the log"),
    ("email", "电子邮件", "e-mail"),
    ("webhook", "政务即时通讯", "the messaging platform"),
])
def test_each_value_the_shared_tables_do_not_name_reads_in_both_languages(code: str, zh: str, en: str) -> None:
    assert words(code, {}) == (zh, en)
    assert len(MORE_VALUES) == 11


def test_an_edition_is_named_without_its_note() -> None:
    assert edition("full") == ("完整版", "full edition")
    assert edition("public") == ("公开版", "public edition")
    assert edition("draft_copy") == ("draft copy", "draft copy") and edition(None) == ("", "")


def test_a_stage_is_named_in_words_and_an_unknown_one_readably() -> None:
    assert stage_words("expert_review") == ("专家论证", "Expert review")
    assert stage_words("odd_stage") == ("odd stage", "odd stage") and stage_words(None) == ("", "")


def test_an_article_is_named_in_chinese_and_other_text_is_kept_short() -> None:
    assert article("Art. 19") == ("条例第19条", "Art. 19")
    assert article("see Art.22, para 1") == ("条例第22条", "Art. 22")
    assert article("第十九条" * 6) == ("第十九条" * 4 + "第十九…",) * 2
    assert article(None) == ("", "")


def test_numbers_counts_and_rates_are_shown_as_a_reader_counts() -> None:
    assert [number(v) for v in (3, 2.5, 3.0, True, "3", None)] == ["3", "2.5", "3", "", "", ""]
    assert [count(v) for v in ([1, 2], (1,), {"a": 1}, 4, "abc", None)] == ["2", "1", "1", "4", "", ""]
    assert [percent(v) for v in (0.75, 0.125, 1, 0.0, 2, True, "0.5")] == ["75", "12.5", "100", "0", "200", "", ""]


def test_a_moment_is_shown_in_china_time_to_the_minute_and_a_date_as_it_is() -> None:
    assert moment("2027-03-01T08:05:59.123456Z") == "2027-03-01 16:05"
    assert moment("2027-03-01T20:00:00+00:00") == "2027-03-02 04:00"
    assert moment("2027-03-01") == "2027-03-01"
    assert (moment(None), moment(" "), moment("not a time")) == ("", "", "not a time")
    assert moment("xT" * 20) == ("x " * 12).rstrip() + "…"


def test_a_deadline_at_midnight_ends_at_24_00_of_the_day_before() -> None:
    assert closing("2027-03-31T16:00:00Z") == "2027-03-31 24:00"
    assert closing("2027-02-28T16:00:00Z") == "2027-02-28 24:00"
    assert closing("2027-03-31T16:01:00Z") == "2027-04-01 00:01"
    assert (closing("2027-03-31"), closing(None)) == ("2027-03-31", "")


def test_a_day_is_the_date_of_a_moment_in_china_time() -> None:
    assert day("2027-03-31T16:00:00Z") == "2027-04-01" and day("2027-03-31") == "2027-03-31"
    assert (day("soon"), day(None), day("2027-3-1 later")) == ("soon", "", "2027-3-1 later")


def test_a_disposition_and_its_reason_read_as_a_clause() -> None:
    assert disposition({}) == ("未载明", "not stated", "", "")
    assert disposition({"disposition": "partly_adopted", "reason": " 已改第三条。"}) == (
        "部分采纳", "partly adopted", "；理由：已改第三条", "; reason: 已改第三条")
    long: dict[str, Any] = {"disposition": "odd_one", "reason": "理" * 61}
    assert disposition(long) == ("odd one", "odd one", f"；理由：{'理' * 59}…", f"; reason: {'理' * 59}…")


def test_a_clause_drops_its_own_full_stop_but_keeps_an_ellipsis() -> None:
    assert clause("好。", "条件", "condition") == ("；条件：好", "; condition: 好")
    assert clause("a, ;.", "甲", "a") == ("；甲：a", "; a: a")
    assert clause("cut.…", "甲", "a") == ("；甲：cut.…", "; a: cut.…")
    assert clause("", "甲", "a") == clause("。", "甲", "a") == ("", "")


def test_one_thing_is_singular_and_others_plural() -> None:
    assert (plural("1", "point"), plural("2", "point"), plural("0", "point")) == ("1 point", "2 points", "0 points")


def test_people_keep_their_defaults_empty() -> None:
    assert People() == People({}, {}, {})
