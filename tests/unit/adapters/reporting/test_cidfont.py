"""The bulk tables' whole-document CID fonts: text extracts verbatim, codes are stable, and a
face with more characters than one font holds continues in a second font."""

from __future__ import annotations

import io

import pikepdf
import pypdf
import pytest
from reportlab.pdfgen.canvas import Canvas

from juece.adapters.reporting import cidfont, fonts
from juece.adapters.reporting.fastrows import Column, FastTable, header_row, lay_row
from juece.adapters.reporting.layout import prepare

COLUMNS = [Column(120.0), Column(300.0)]
ROWS = [("C-000001", "希望在和平街建设一处全民健身中心，配备游泳池。"),
        ("C-000002", "建议增加公共厕所和垃圾分类设施 (A&B) \\ 100%。"),
        ("C-000003", "罕见字𠀋与表情😀也要印出。")]


def _table_pdf() -> bytes:
    prepare()
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1)
    table = FastTable(COLUMNS, header_row(["回执 Receipt", "意见 Comment"], COLUMNS),
                      [lay_row(row, COLUMNS) for row in ROWS], page_height=800)
    table.wrapOn(canvas, 420, 800)
    table.drawOn(canvas, 40, 400)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def _text(data: bytes) -> str:
    return "".join(pypdf.PdfReader(io.BytesIO(data)).pages[0].extract_text().split())


def _type0_fonts(data: bytes) -> list[str]:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return sorted(str(name) for name, font in pdf.pages[0].Resources.Font.items()
                      if font.Subtype == "/Type0")


def test_table_text_is_extracted_verbatim_and_the_same_table_gives_the_same_bytes() -> None:
    data = _table_pdf()
    text = _text(data)
    for receipt, comment in ROWS:
        assert receipt in text
        covered = "".join(c for c in comment if fonts.font_for(c, fonts.BODY))
        assert "".join(covered.split()) in text
    assert _table_pdf() == data


def test_a_face_continues_in_a_new_font_when_one_is_full(monkeypatch: pytest.MonkeyPatch) -> None:
    one = _type0_fonts(_table_pdf())
    monkeypatch.setattr(cidfont, "BLOCK", 4)
    data = _table_pdf()
    assert len(_type0_fonts(data)) > len(one)
    assert "希望在和平街建设一处全民健身中心" in _text(data)
