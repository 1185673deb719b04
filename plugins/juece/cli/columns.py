"""Columns of text that line up in a terminal whatever the script: a CJK character (East Asian
Wide or Fullwidth) takes two columns, any other character one."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

GAP = "  "  # between two columns


def width(text: str) -> int:
    """The columns ``text`` takes in a terminal."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def pad(text: str, size: int) -> str:
    """``text`` with spaces after it to fill ``size`` columns (as it is when it is wider)."""
    return text + " " * max(size - width(text), 0)


def clip(text: str, size: int) -> str:
    """``text`` shortened, with …, to fit ``size`` columns."""
    if width(text) <= size:
        return text
    while width(text) > size - 1:
        text = text[:-1]
    return text + "…"


def wrap(text: str, columns: int, indent: str = "    ") -> str:
    """A long line broken at ``columns`` display columns, its continuation lines indented."""
    lines, line = [], ""
    for ch in text:
        if width(line) + width(ch) > columns:
            lines.append(line)
            line = indent
        line += ch
    return "\n".join([*lines, line])


def sizes(rows: Sequence[Sequence[str]]) -> list[int]:
    """The width of each column: its widest cell."""
    return [max(width(cell) for cell in column) for column in zip(*rows, strict=True)]


def align(rows: Sequence[Sequence[str]]) -> list[str]:
    """The rows as lines, each cell padded to its column's width, no blanks at a line's end."""
    widths = sizes(rows)
    return [GAP.join(pad(cell, size) for cell, size in zip(row, widths, strict=True)).rstrip() for row in rows]
