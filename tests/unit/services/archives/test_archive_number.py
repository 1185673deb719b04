"""Archive numbers (档号): fonds, year, permanent retention, four-digit item."""

from __future__ import annotations

import pytest

from juece.domain.archive.number import (
    archive_number,
    catalogue_item,
    fonds_code,
    parse_archive_number,
)
from juece.domain.record.errors import RecordError


def test_number_has_fonds_year_permanent_code_and_four_digit_item() -> None:
    assert archive_number("J001", 2027, 3) == "J001-2027-Y-0003"


def test_catalogue_number_as_specs_write_it_gives_the_item() -> None:
    assert catalogue_item("2027-01") == 1
    assert catalogue_item("第12号") == 12
    assert catalogue_item(7) == 7


@pytest.mark.parametrize("bad", ["abc", "0", "2027-00"], ids=["no-digits", "zero", "zero-item"])
def test_catalogue_number_without_a_positive_item_is_refused(bad: str) -> None:
    with pytest.raises(RecordError, match="catalogue"):
        catalogue_item(bad)


def test_fonds_defaults_and_refuses_odd_characters() -> None:
    assert fonds_code(None) == "J001"
    assert fonds_code(" X12 ") == "X12"
    with pytest.raises(RecordError, match="fonds"):
        fonds_code("J/001")


def test_archive_number_parses_back_and_malformed_is_refused() -> None:
    assert parse_archive_number("J001-2027-Y-0003") == ("J001", 2027, 3)
    with pytest.raises(RecordError, match="J001-2027-Y-0001"):
        parse_archive_number("../../etc/passwd")


def test_impossible_year_or_item_is_refused() -> None:
    with pytest.raises(RecordError):
        archive_number("J001", 27, 1)
    with pytest.raises(RecordError):
        archive_number("J001", 2027, 0)
