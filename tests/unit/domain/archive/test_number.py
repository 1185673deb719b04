"""Archive numbers (档号, R-H4): the fonds code, the number's exact form, a catalogue number's item,
and the words of each refusal in Chinese and English."""

from __future__ import annotations

import pytest

from juece.domain.archive.number import (
    archive_number,
    catalogue_item,
    fonds_code,
    parse_archive_number,
)
from juece.domain.record.errors import RecordError


def test_an_unset_or_blank_fonds_code_is_the_default_j001() -> None:
    assert fonds_code(None) == "J001"
    assert fonds_code("") == "J001"
    assert fonds_code("   ") == "J001"


def test_a_configured_fonds_code_is_kept_without_its_surrounding_spaces() -> None:
    assert fonds_code(" X9 ") == "X9"
    assert fonds_code("a" * 16) == "a" * 16


def test_a_fonds_code_of_seventeen_characters_is_refused_in_both_languages() -> None:
    with pytest.raises(RecordError) as refused:
        fonds_code("A" * 17)
    code = "A" * 17
    assert str(refused.value) == (f"全宗号须为1至16位字母或数字，现为 {code!r} / "
                                  f"the fonds code must be 1-16 letters or digits, not {code!r}")


def test_a_fonds_code_with_a_dash_is_refused() -> None:
    with pytest.raises(RecordError, match="'J-1'"):
        fonds_code("J-1")


def test_an_archive_number_is_fonds_year_permanent_and_a_four_digit_item() -> None:
    assert archive_number("J001", 2027, 3) == "J001-2027-Y-0003"
    assert archive_number(" K2 ", 1000, 1) == "K2-1000-Y-0001"
    assert archive_number("", 9999, 12345) == "J001-9999-Y-12345"


def test_an_archive_year_of_three_or_five_digits_is_refused_in_both_languages() -> None:
    with pytest.raises(RecordError) as refused:
        archive_number("J001", 999, 1)
    assert str(refused.value) == "档号年度须为四位数，现为 999 / the archive year must have four digits, not 999"
    with pytest.raises(RecordError, match="not 10000$"):
        archive_number("J001", 10000, 1)


def test_an_item_number_of_zero_is_refused_in_both_languages() -> None:
    with pytest.raises(RecordError) as refused:
        archive_number("J001", 2027, 0)
    assert str(refused.value) == "件号须为正整数，现为 0 / the item number must be positive, not 0"


def test_a_bad_fonds_code_is_refused_when_the_number_is_made() -> None:
    with pytest.raises(RecordError, match="全宗号"):
        archive_number("J 1", 2027, 1)


def test_a_catalogue_items_number_is_the_last_run_of_digits() -> None:
    assert catalogue_item("2027-01") == 1
    assert catalogue_item("7") == 7
    assert catalogue_item("第12号") == 12
    assert catalogue_item(4) == 4


def test_a_catalogue_number_without_digits_is_refused_in_both_languages() -> None:
    with pytest.raises(RecordError) as refused:
        catalogue_item("甲号")
    assert str(refused.value) == ("决策事项目录编号 '甲号' 不含序号数字 / "
                                  "the catalogue number '甲号' holds no item number")


def test_a_catalogue_item_of_zero_is_refused_written_or_as_a_number() -> None:
    expected = "决策事项目录序号须为正整数 / the catalogue item number must be positive: "
    with pytest.raises(RecordError) as refused:
        catalogue_item("2027-00")
    assert str(refused.value) == expected + "'2027-00'"
    with pytest.raises(RecordError) as refused:
        catalogue_item(0)
    assert str(refused.value) == expected + "0"


def test_an_archive_number_reads_back_as_fonds_year_and_item() -> None:
    assert parse_archive_number("J001-2027-Y-0003") == ("J001", 2027, 3)
    assert parse_archive_number("  K2-1999-D-12345 \n") == ("K2", 1999, 12345)


@pytest.mark.parametrize("text", ["J001-2027-Y-003", "J001-27-Y-0003", "J001-2027-y-0003", "J001-2027-0003",
                                  "J 01-2027-Y-0003", "J001-2027-Y-0003x"])
def test_a_malformed_archive_number_is_refused_with_the_expected_form(text: str) -> None:
    with pytest.raises(RecordError) as refused:
        parse_archive_number(text)
    assert str(refused.value) == (f"档号格式应为 全宗号-年度-Y-件号（如 J001-2027-Y-0001），现为 {text!r} / "
                                  f"an archive number looks like J001-2027-Y-0001, not {text!r}")
