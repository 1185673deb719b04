"""Archive numbers (档号) in the DA/T 22 style: fonds code, year, retention code, item number.

``J001-2027-Y-0003`` is item 3 of 2027 in fonds J001, kept permanently (Y = 永久, R-H4).
"""

from __future__ import annotations

import re

from juece.domain.record.errors import RecordError

DEFAULT_FONDS = "J001"
PERMANENT = "Y"  # 永久 permanent retention (R-H4)
RETENTION = "permanent"
FONDS = re.compile(r"^[A-Za-z0-9]{1,16}$")
ARCHIVE_NO = re.compile(r"^(?P<fonds>[A-Za-z0-9]{1,16})-(?P<year>\d{4})-(?P<retention>[A-Z])-(?P<number>\d{4,})$")
TRAILING_DIGITS = re.compile(r"(\d+)\D*$")


def fonds_code(value: str | None) -> str:
    """The fonds code (全宗号) as configured, or the default; refused when it is not plain letters/digits."""
    code = (value or "").strip() or DEFAULT_FONDS
    if not FONDS.fullmatch(code):
        raise RecordError(f"全宗号须为1至16位字母或数字，现为 {code!r} / "
                          f"the fonds code must be 1-16 letters or digits, not {code!r}")
    return code


def archive_number(fonds: str, year: int, number: int) -> str:
    """`{fonds}-{year}-Y-{number:04d}`."""
    if not 1000 <= year <= 9999:
        raise RecordError(f"档号年度须为四位数，现为 {year} / the archive year must have four digits, not {year}")
    if number < 1:
        raise RecordError(f"件号须为正整数，现为 {number} / the item number must be positive, not {number}")
    return f"{fonds_code(fonds)}-{year}-{PERMANENT}-{number:04d}"


def catalogue_item(number: str | int) -> int:
    """The item number of a catalogue number as specs write it: ``"2027-01"`` → 1, ``"7"`` → 7."""
    if isinstance(number, int):
        found = number
    else:
        match = TRAILING_DIGITS.search(str(number))
        if match is None:
            raise RecordError(f"决策事项目录编号 {number!r} 不含序号数字 / "
                              f"the catalogue number {number!r} holds no item number")
        found = int(match.group(1))
    if found < 1:
        raise RecordError(f"决策事项目录序号须为正整数 / the catalogue item number must be positive: {number!r}")
    return found


def parse_archive_number(text: str) -> tuple[str, int, int]:
    """(fonds, year, item) of an archive number; refused with the expected form when malformed."""
    match = ARCHIVE_NO.fullmatch(text.strip())
    if match is None:
        raise RecordError(f"档号格式应为 全宗号-年度-Y-件号（如 J001-2027-Y-0001），现为 {text!r} / "
                          f"an archive number looks like J001-2027-Y-0001, not {text!r}")
    return match["fonds"], int(match["year"]), int(match["number"])
