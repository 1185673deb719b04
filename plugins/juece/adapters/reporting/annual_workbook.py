"""The annual catalogue's workbook as a reader expects one: a styled, frozen, filterable header,
columns as wide as their text, dates as dates and rates as percentages (openpyxl, via pandas)."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path
from typing import Any

from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

HEADER_FONT = Font(bold=True)
HEADER_FILL = PatternFill("solid", start_color="DDE6F0", end_color="DDE6F0")
HEADER_BORDER = Border(bottom=Side(style="thin"))
DATE_FORMAT = "yyyy-mm-dd"
PERCENT_FORMAT = "0.0%"
MAX_WIDTH = 48


def write(path: Path, sheets: dict[str, Any], dates: set[str], rates: set[str]) -> None:
    """Each frame on its own sheet; ``dates`` and ``rates`` name the columns (by their headers)."""
    import pandas as pd

    with pd.ExcelWriter(path, engine="openpyxl") as writer:
        for name, frame in sheets.items():
            _as_dates(frame, dates).to_excel(writer, sheet_name=name, index=False)
            style(writer.sheets[name], list(frame.columns), dates, rates)


def _as_dates(frame: Any, dates: set[str]) -> Any:
    frame = frame.copy()
    for column in dates & set(frame.columns):
        frame[column] = [date.fromisoformat(v) if isinstance(v, str) and v else None for v in frame[column]]
    return frame


def style(sheet: Worksheet, headers: list[str], dates: set[str], rates: set[str]) -> None:
    for cell in sheet[1]:
        cell.font, cell.fill, cell.border = HEADER_FONT, HEADER_FILL, HEADER_BORDER
        cell.alignment = Alignment(vertical="center", wrap_text=True)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    for index, header in enumerate(headers, start=1):
        letter = get_column_letter(index)
        cells = sheet[letter][1:]
        fmt = DATE_FORMAT if header in dates else PERCENT_FORMAT if header in rates else None
        for cell in cells:
            if fmt and cell.value is not None:
                cell.number_format = fmt
        longest = max([_width(header), *(_width(_shown(c.value)) for c in cells)])
        sheet.column_dimensions[letter].width = min(longest + 2, MAX_WIDTH)


def _shown(value: Any) -> str:
    return "2027-01-01" if isinstance(value, date) else "" if value is None else str(value)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
