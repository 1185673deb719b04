"""Where a number is personal data and where it is part of an identifier (R-H6), on each side of
the match; how many were removed; and what the redaction log says was removed, word for word."""

from __future__ import annotations

import re

import pytest

from juece.domain.archive.pii import (
    NAME_REMOVED,
    REMOVED,
    PublicText,
    literal_pattern,
    remove_pii,
    remove_standalone,
)

MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")


def cleaned(text: str) -> str:
    return remove_standalone(MOBILE, text, "X")[0]


@pytest.mark.parametrize(("text", "shown"), [
    ("a13912345678", "a13912345678"),  # a letter right before it, at the text's second character
    ("见 a13912345678", "见 a13912345678"),  # the letter after a space
    ("见a13912345678", "见a13912345678"),  # the text opens with Chinese
    ("ab13912345678", "ab13912345678"),
    ("a /13912345678", "a /X"),  # the letter is in an earlier token
    ("-13912345678 abc", "-X abc"),  # letters further on, after a space, are another token
    ("见13912345678ab", "见13912345678ab"),  # letters right after it
    ("见13912345678a", "见13912345678a"),  # one letter, closing the text
    ("a 13912345678ab", "a 13912345678ab"),
    ("13912345678-0 ab", "X-0 ab"),  # the token after it holds no letter; the next one does not count
    ("0451-13912345678/13812345678", "0451-X/X"),
])
def test_a_number_is_removed_unless_its_own_token_holds_a_letter(text: str, shown: str) -> None:
    assert cleaned(text) == shown


def test_a_number_typed_half_in_full_width_digits_before_letters_is_part_of_them() -> None:
    text = "１３９１２３４５６７8ab"
    assert remove_pii(text, REMOVED) == (text, [])


def test_each_removal_is_counted_once_and_what_stays_not_at_all() -> None:
    assert remove_standalone(MOBILE, "13912345678、C13812345678、13712345678", "X") == ("X、C13812345678、X", 2)
    assert remove_standalone(MOBILE, "C13812345678", "X") == ("C13812345678", 0)


def test_a_marker_given_as_a_function_is_given_the_removed_text() -> None:
    assert remove_standalone(MOBILE, "电话13912345678", lambda found: f"[{found[:3]}…]") == ("电话[139…]", 1)


def test_a_number_inside_a_receipt_number_stays_while_the_same_number_alone_goes() -> None:
    assert remove_pii("C-13912345678 / 13912345678", REMOVED) == (
        f"C-13912345678 / {REMOVED}", [("手机号码", "mobile number")])


def test_known_values_are_matched_longest_first_and_beside_digits() -> None:
    pattern = literal_pattern({"王小", "王小明", "李四"})
    assert pattern is not None
    assert [m.group(0) for m in pattern.finditer("王小明和李四，王小")] == ["王小明", "李四", "王小"]
    assert pattern.search("王小明1号楼") is not None
    assert PublicText(names=["王小", "王小明"])("王小明1号楼") == f"{NAME_REMOVED}1号楼"


def test_a_whole_value_is_not_found_inside_a_longer_id() -> None:
    pattern = literal_pattern({"hearing_02"}, whole=True)
    assert pattern is not None
    assert pattern.search("hearing_020") is None and pattern.search("hearing_02 签名") is not None


def test_contacts_of_five_characters_are_removed_and_shorter_ones_are_not_searched() -> None:
    assert PublicText(contacts=["54321"])("座机54321") == f"座机{REMOVED}"
    assert PublicText(contacts=["1234", ""])("房号1234") == "房号1234"


def test_the_redaction_log_names_exactly_what_was_removed() -> None:
    assert PublicText().clean("无个人信息") == ("无个人信息", [])
    assert PublicText(names=["王小明"], contacts=["wx-abc-123"]).clean(
        "王小明 13912345678 wx-abc-123") == (
        f"{NAME_REMOVED} {REMOVED} {REMOVED}", [("姓名", "name"), ("手机号码", "mobile number"), ("联系方式", "contact")])
