"""How the compliance table quotes a record: findings, values cut to one line, lists of names,
entry numbers and dates in China, from values of any type."""

from __future__ import annotations

from datetime import date

from juece.domain.archive.compliance_facts import (
    MET,
    NOT_MET,
    OPEN,
    OUTCOMES,
    STATUS_LABELS,
    TEXT_LIMIT,
    Finding,
    china_day,
    data,
    items,
    listed,
    mapping,
    met,
    not_met,
    open_,
    position,
    problems,
    seq,
    text,
    withheld,
)

PROOF = {"seq": 4}


def test_the_findings_carry_their_status_words_and_proof_and_open_says_nothing_yet_by_default() -> None:
    assert met(PROOF, "甲", "a") == Finding(MET, "甲", "a", PROOF, None)
    assert not_met(None, "乙", "b") == Finding(NOT_MET, "乙", "b", None, None)
    assert open_() == Finding(OPEN, "尚无相关记录", "nothing in the record yet", None, None)
    assert open_(PROOF, "丙", "c") == Finding(OPEN, "丙", "c", PROOF, None)


def test_every_status_and_outcome_has_its_words_in_both_languages() -> None:
    assert STATUS_LABELS == {
        "met": ("符合", "met"), "not_met": ("未符合", "not met"), "refused": ("依规拒绝通过", "refused under the rule"),
        "not_applicable": ("不适用", "not applicable"), "open": ("尚无记录", "open: nothing yet"),
        "not_used": ("未采用（选择性规定）", "not used (optional)"), "proven": ("由本档案证明", "proven by this file"),
        "due": ("公布后到期", "due after publication"), "withheld": ("公开版不载，见完整版", "withheld from the public edition")}
    assert OUTCOMES == {"approve": ("通过", "approved"), "reject": ("不予通过", "rejected"),
                        "revise": ("修改后再审", "revise and resubmit"), "postpone": ("暂缓", "postponed")}


def test_a_path_is_withheld_only_when_the_entry_lists_it_as_redacted() -> None:
    assert withheld({"redacted": ["data.pool", "data.text"]}, "data.pool") is True
    assert withheld({"redacted": ["data.text"]}, "data.pool") is False
    assert withheld({"redacted": "data.pool"}, "data.pool") is False
    assert withheld({}, "data.pool") is False
    assert withheld(None, "data.pool") is False
    assert withheld(["redacted"], "redacted") is False  # type: ignore[arg-type]


def test_lists_objects_and_data_are_read_only_when_they_have_their_type() -> None:
    assert items([1]) == [1] and items((1,)) == [] and items(None) == []
    assert mapping({"a": 1}) == {"a": 1} and mapping([("a", 1)]) == {} and mapping(None) == {}
    assert data({"data": {"a": 1}}) == {"a": 1}
    assert data({"data": ["a"]}) == {} and data({}) == {} and data(None) == {}
    assert data(["data"]) == {}  # type: ignore[arg-type]


def test_a_quoted_value_is_one_line_cut_with_an_ellipsis_past_its_limit() -> None:
    assert text(None) == "" and text(0) == "0" and text(False) == "False"
    assert text("  第一行\n第二行\t 末  ") == "第一行 第二行 末"
    assert text("x" * TEXT_LIMIT) == "x" * 120
    assert text("x" * 121) == "x" * 119 + "…"
    assert text("abcdef", 5) == "abcd…" and text("abcde", 5) == "abcde"
    assert text("  一个\n很长的  名称 " + "x" * 200, None) == "一个 很长的 名称 " + "x" * 200  # never cut
    assert text(None, None) == ""


def test_names_are_listed_eight_at_most_then_how_many_more() -> None:
    assert listed(["a", "b"]) == "a、b" and listed(("a", "b"), ", ") == "a, b"
    assert listed({"a"}) == "a" and listed(frozenset({"b"})) == "b"
    assert listed("ab") == "" and listed(None) == ""
    assert listed([str(n) for n in range(8)]) == "0、1、2、3、4、5、6、7"
    assert listed([str(n) for n in range(10)]) == "0、1、2、3、4、5、6、7 … (+2)"
    assert listed([str(n) for n in range(4)], "/", 3) == "0/1/2 … (+1)"
    assert listed(["y" * 41]) == "y" * 39 + "…"


def test_problems_name_each_part_with_something_in_it() -> None:
    assert problems(("甲", "a", True), ("乙", "b", ["#1", "#2"]), ("丙", "c", []), ("丁", "d", False),
                    ("戊", "e", ["#3"])) == ("甲；乙：#1、#2；戊：#3", "a; b: #1, #2; e: #3")
    assert problems(("甲", "a", None)) == ("", "")


def test_an_entry_is_named_by_its_number_or_a_dash() -> None:
    assert seq({"seq": 7}) == "#7" and seq({}) == "#None" and seq(None) == "—"


def test_an_entrys_position_is_its_whole_number_or_minus_one() -> None:
    assert position({"seq": 3}) == 3 and position({"seq": 0}) == 0
    assert position({"seq": True}) == -1 and position({"seq": "3"}) == -1 and position({}) == -1
    assert position(None) == -1


def test_a_moment_is_read_as_its_date_in_china() -> None:
    assert china_day("2027-03-01T16:00:00Z") == date(2027, 3, 2)
    assert china_day("2027-03-01T15:59:59+00:00") == date(2027, 3, 1)
    assert china_day("2027-03-01T23:30:00") == date(2027, 3, 1)  # no zone: already China time
    assert china_day("2027-03-01T01:00:00-08:00") == date(2027, 3, 1)
    assert china_day("2027-03-01T16:00:00z") is None and china_day("2027-03-01Z16:00:00") is None
    assert china_day("0001-01-01T00:00:00+14:00") is None and china_day("9999-12-31T23:00:00-10:00") is None
    assert china_day("not a date") is None and china_day(None) is None and china_day(["2027-03-01"]) is None
