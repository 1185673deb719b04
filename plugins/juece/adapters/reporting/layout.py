"""Page layout of the archive: styles, safe paragraphs, chunked tables, header and footer."""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextvars import ContextVar
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Table, TableStyle

from juece.adapters.reporting import fonts, linebreak
from juece.adapters.reporting.text import markup

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN_X = 18 * mm
MARGIN_TOP = 20 * mm
MARGIN_BOTTOM = 20 * mm
FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
MAX_TABLE_ROWS = 200
GRID = colors.HexColor("#9a9a9a")
SHADE = colors.HexColor("#ececec")
MUTED = colors.HexColor("#555555")
DIGEST = re.compile(r"[0-9a-fA-F]{40,128}")
DIGEST_SIZE = 6.5
# Rows are kept whole (see chunks); splitting inside a row is the fallback for a row that
# still cannot fit on a page.
split_in_row: ContextVar[int] = ContextVar("split_in_row", default=0)


def _style(name: str, font: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading,
                          wordWrap="CJK", **extra)


STYLES: dict[str, ParagraphStyle] = {
    "title": _style("title", fonts.HEADING, 20, 28, spaceAfter=4),
    "subtitle": _style("subtitle", fonts.BODY, 12, 17, textColor=MUTED, spaceAfter=14),
    "h1": _style("h1", fonts.HEADING, 14, 20, spaceBefore=6, spaceAfter=8),
    "h2": _style("h2", fonts.HEADING, 10.5, 15, spaceBefore=8, spaceAfter=4),
    "body": _style("body", fonts.BODY, 9.5, 15, spaceAfter=4),
    "notice": _style("notice", fonts.BODY, 9.5, 15, borderColor=colors.HexColor("#b0413e"),
                     borderWidth=0.8, borderPadding=6, spaceBefore=10, spaceAfter=10,
                     backColor=colors.HexColor("#fbf0ef")),
    "note": _style("note", fonts.BODY, 8, 12, textColor=MUTED, spaceAfter=3),
    "cell": _style("cell", fonts.BODY, 8, 11.5),
    "cellhead": _style("cellhead", fonts.HEADING, 8, 11.5),
    "mono": _style("mono", fonts.BODY, 7.5, 11),
}


class MemoParagraph(Paragraph):
    """A paragraph that breaks its lines once per width: tables ask for the same wrap often."""

    _memo: tuple[float, Any, float, list[float]] | None = None

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        memo = self._memo
        if memo is not None and memo[0] == availWidth:
            _, self.blPara, self.height, self._wrapWidths = memo
            self.width = availWidth
            return self.width, self.height
        size = super().wrap(availWidth, availHeight)
        self._memo = (availWidth, self.blPara, self.height, self._wrapWidths)
        return size


def para(value: object, style: str = "body", font: str | None = None) -> Paragraph:
    """A paragraph printing the value literally."""
    chosen = STYLES[style]
    return MemoParagraph(markup(value, font or chosen.fontName), chosen)


def lines_para(lines: Sequence[tuple[str, str]], style: str = "cell") -> Paragraph:
    """'label: value' lines in one paragraph, labels in the heading font."""
    parts = []
    for label, value in lines:
        text = markup(value, STYLES[style].fontName)
        if DIGEST.fullmatch(value):
            text = f'<font size="{DIGEST_SIZE}">{text}</font>'
        if label:
            parts.append(f'<font name="{fonts.HEADING}">{markup(label, fonts.HEADING)}</font>'
                         f"：{text}")
        else:
            parts.append(text)
    return MemoParagraph("<br/>".join(parts), STYLES[style])


def _table_style(header: bool, starts: Sequence[int] | None) -> TableStyle:
    """Grid lines; with `starts`, horizontal lines only above the rows that begin a group."""
    commands: list[tuple[Any, ...]] = [
        ("FONTNAME", (0, 0), (-1, -1), fonts.BODY),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]
    if starts is None:
        commands.append(("GRID", (0, 0), (-1, -1), 0.4, GRID))
    else:
        commands += [("BOX", (0, 0), (-1, -1), 0.4, GRID),
                     ("LINEBEFORE", (1, 0), (-1, -1), 0.4, GRID),
                     ("LINEBELOW", (0, "splitlast"), (-1, "splitlast"), 0.4, GRID),
                     ("LINEABOVE", (0, "splitfirst"), (-1, "splitfirst"), 0.4, GRID)]
        commands += [("LINEABOVE", (0, row), (-1, row), 0.4, GRID) for row in starts]
    if header:
        commands += [("BACKGROUND", (0, 0), (-1, 0), SHADE),
                     ("LINEBELOW", (0, 0), (-1, 0), 0.4, GRID)]
    return TableStyle(commands)


def tables(header: Sequence[str] | None, rows: Sequence[Sequence[Any]],
           widths: Sequence[float], starts: Sequence[int] | None = None) -> list[Table]:
    """Rows as tables of at most MAX_TABLE_ROWS rows, each repeating the header.

    `starts` lists the rows that begin a group (an entry whose long facts continue on the
    rows after it); without it every row is ruled off.
    """
    head = [[MemoParagraph(markup(cell, fonts.HEADING), STYLES["cellhead"]) for cell in header]] \
        if header else []
    result = []
    for first in range(0, max(len(rows), 1), MAX_TABLE_ROWS):
        chunk = [list(row) for row in rows[first:first + MAX_TABLE_ROWS]]
        local = None if starts is None else [
            row - first + len(head) for row in starts if first <= row < first + len(chunk)]
        table = Table(head + chunk, colWidths=list(widths), repeatRows=len(head),
                      splitInRow=split_in_row.get(), hAlign="LEFT")
        table.setStyle(_table_style(bool(head), local))
        result.append(table)
    return result


def prepare() -> None:
    """Fonts registered and Chinese line breaking installed, before any paragraph is made."""
    fonts.register_fonts()
    linebreak.install()
