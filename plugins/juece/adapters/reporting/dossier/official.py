"""An official document's look after GB/T 9704 (党政机关公文格式), with the embedded faces: the
issuing body (发文机关标志) centred above a rule, the document number (发文字号) under it, the title
centred, the body in paragraphs indented two characters, the issuing body and the date (成文日期, in
Chinese numerals' usual Arabic form 2027年3月1日) at the right below it. Plain, without the red
of a printed letterhead: the archive's colours are for its marks, not for imitating a seal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import HRFlowable, Spacer

from juece.adapters.reporting import fonts
from juece.adapters.reporting.layout import GRID, MemoParagraph
from juece.adapters.reporting.text import markup


def _style(name: str, font: str, size: float, leading: float, **extra: Any) -> ParagraphStyle:
    return ParagraphStyle(f"official-{name}", fontName=font, fontSize=size, leading=leading, wordWrap="CJK",
                          **extra)


STYLES = {
    "issuer": _style("issuer", fonts.HEADING, 22, 30, alignment=TA_CENTER, spaceAfter=6),
    "number": _style("number", fonts.BODY, 11, 16, alignment=TA_CENTER),
    "title": _style("title", fonts.HEADING, 15, 22, alignment=TA_CENTER, spaceBefore=10, spaceAfter=2),
    "title_en": _style("title_en", fonts.BODY, 9, 13, alignment=TA_CENTER, spaceAfter=12,
                       textColor="#555555"),
    "body": _style("body", fonts.BODY, 11, 19, firstLineIndent=22, spaceAfter=3),
    "sign": _style("sign", fonts.BODY, 11, 19, alignment=TA_RIGHT, rightIndent=22),
}


def chinese_date(day: str) -> str:
    """'2027年3月1日' for '2027-03-01'; the text as it is when it is no such date."""
    parts = day.split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return day
    return f"{int(parts[0])}年{int(parts[1])}月{int(parts[2])}日"


def _p(text: str, style: str) -> MemoParagraph:
    chosen = STYLES[style]
    return MemoParagraph(markup(text, chosen.fontName), chosen)


def official(issuer: str, doc_no: str, title: str, title_en: str, lines: Sequence[str], day: str,
             sign: bool = True) -> list[Any]:
    """The flowables of an official document: head, title, body paragraphs, issuer and date."""
    story: list[Any] = [_p(issuer or "—", "issuer")]
    if doc_no:
        story.append(_p(doc_no, "number"))
    story += [Spacer(1, 4), HRFlowable(width="100%", thickness=1.2, color=GRID, spaceAfter=6),
              _p(title, "title")]
    if title_en:
        story.append(_p(title_en, "title_en"))
    story += [_p(line, "body") for line in lines if line.strip()]
    if sign:
        story += [Spacer(1, 16), _p(issuer or "—", "sign"), _p(chinese_date(day) if day else "—", "sign")]
    return story


def text_document(title: str, kind: str, title_en: str, lines: Sequence[str]) -> list[Any]:
    """A normative text (a draft, the decision's text): its title centred, what it is under it
    (征求意见稿, 第 2 版), then its articles in paragraphs indented two characters."""
    story: list[Any] = [_p(title, "title"), _p(kind, "number")]
    if title_en:
        story.append(_p(title_en, "title_en"))
    return [*story, Spacer(1, 6), *(_p(line, "body") for line in lines if line.strip())]
