"""Spreadsheet exports never hand a formula to a spreadsheet program: a text starting with `=`,
`+`, `-` or `@` is written as text, and our own export read back is what was exported."""

from __future__ import annotations

import pytest

from juece.domain.record.cells import formula_safe, from_export


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://x\",\"点此\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1"])
def test_a_text_that_would_start_a_formula_is_written_as_text_and_read_back_unchanged(text: str) -> None:
    assert formula_safe(text) == "'" + text
    assert from_export(formula_safe(text)) == text


@pytest.mark.parametrize("value", ["建议增加停车位", "'引号开头", 3, None, ""])
def test_other_cells_are_left_as_they_are(value: object) -> None:
    assert formula_safe(value) == value and from_export(value) == value

