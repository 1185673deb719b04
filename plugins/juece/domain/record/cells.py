"""Cells of a spreadsheet export that a spreadsheet program would run as a formula (CSV or
formula injection): a text a citizen typed beginning with `=`, `+`, `-` or `@` (or a tab or
carriage return before one) is written with a leading apostrophe, which spreadsheet programs
show as text; an upload of our own export takes the apostrophe off again."""

from __future__ import annotations

from typing import Any

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """The value as a spreadsheet will show it, never run it: text starting a formula gets `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def from_export(value: Any) -> Any:
    """A cell read back from our own export: the apostrophe `formula_safe` added taken off."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_START):
        return value[1:]
    return value
