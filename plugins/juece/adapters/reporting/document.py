"""The document frame: a story built as it is laid out, page marks, contents and bookmarks.

Memory stays bounded however long the record is: the story is a generator consumed as the
pages fill (`LazyStory`), and nothing of a finished page is held back. Numbers known only
at the end — the page total in every footer ("第 X 页 共 Y 页") and the page each document
of the file list begins on — are drawn as form XObjects that are defined when the document is
saved, so the build is a single pass.
"""

from __future__ import annotations

import functools
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph, SimpleDocTemplate

from juece.adapters.reporting import fonts
from juece.adapters.reporting.layout import (
    GRID,
    MARGIN_BOTTOM,
    MARGIN_TOP,
    MARGIN_X,
    MUTED,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    STYLES,
    prepare,
)
from juece.adapters.reporting.text import markup, one_line

TOTAL_FORM = "JuecePageTotal"
COUNT_FORM = "JuecePageCount"  # the page total alone, for the volume's reference sheet
FOOTER_SIZE = 7.0
LOOKAHEAD = 4  # flowables kept ready: ReportLab looks at the next ones for keepWithNext


class LazyStory(list):  # type: ignore[type-arg]
    """A story list that refills itself from a generator as ReportLab consumes it."""

    def __init__(self, flowables: Iterable[Any]) -> None:
        super().__init__()
        self._source: Iterator[Any] = iter(flowables)
        self._refill()

    def _refill(self) -> None:
        while len(self) < LOOKAHEAD:
            try:
                self.append(next(self._source))
            except StopIteration:
                return

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._refill()

    def pop(self, index: Any = -1) -> Any:
        item = super().pop(index)
        self._refill()
        return item


@dataclass
class PageMarks:
    """What every page carries besides its content, and where the contents point."""

    header: str
    chain_head: str
    pages_of: dict[str, int] = field(default_factory=dict)  # contents key -> page number


def toc_form(key: str) -> str:
    """The form that draws the page a contents key falls on, right-aligned (the file list's 页号)."""
    return f"JueceToc{key}"


class Heading(Paragraph):
    """A section heading: a bookmark, an outline entry and a line of the contents."""

    def __init__(self, text: str, key: str, level: int = 0, style: str = "h1") -> None:
        super().__init__(markup(text, STYLES[style].fontName), STYLES[style])
        self.key, self.level, self.title = key, level, one_line(text)

    def draw(self) -> None:
        super().draw()
        canvas = self.canv
        canvas.bookmarkHorizontal(self.key, 0, self.height)
        canvas.addOutlineEntry(self.title, self.key, level=self.level, closed=self.level > 0)
        canvas.marks.pages_of.setdefault(self.key, canvas.getPageNumber())


def draw_marks(canvas: Canvas, marks: PageMarks, number: int) -> None:
    """Running header, and the footer with the chain head and "第 X 页 共 Y 页"."""
    canvas.saveState()
    canvas.setStrokeColor(GRID)
    canvas.setLineWidth(0.4)
    canvas.setFillColor(MUTED)
    if number > 1:
        top = PAGE_HEIGHT - MARGIN_TOP + 6 * 2.8346
        canvas.setFont(fonts.BODY, 7.5)
        canvas.drawString(MARGIN_X, top + 2, one_line(marks.header))
        canvas.line(MARGIN_X, top, PAGE_WIDTH - MARGIN_X, top)
    bottom = MARGIN_BOTTOM - 8 * 2.8346
    canvas.line(MARGIN_X, bottom + 9, PAGE_WIDTH - MARGIN_X, bottom + 9)
    canvas.setFont(fonts.BODY, FOOTER_SIZE)
    canvas.drawString(MARGIN_X, bottom, f"链头 chain head: {marks.chain_head}")
    label = f"第 {number} 页 共 "
    start = PAGE_WIDTH - MARGIN_X - stringWidth("第 00000 页 共 00000 页", fonts.BODY, FOOTER_SIZE)
    canvas.drawString(start, bottom, label)
    canvas.translate(start + stringWidth(label, fonts.BODY, FOOTER_SIZE), bottom)
    canvas.doForm(TOTAL_FORM)
    canvas.restoreState()


def _pack(page: pdfdoc.PDFPage) -> None:
    """Compress a finished page's content now: ReportLab would keep its text until the
    document is saved, so a long archive's pages would all be held uncompressed at once."""
    stream = pdfdoc.PDFStream(content=zlib.compress(page.stream.encode("utf-8")), filters=[])
    stream.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])
    page.Contents, page.stream = stream, None


class MarkedCanvas(Canvas):
    """Marks each page as it is finished; the numbers known only at the end go in forms."""

    def __init__(self, *args: Any, marks: PageMarks, contents: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.marks, self._contents, self._pages = marks, contents, 0

    def showPage(self) -> None:  # noqa: N802 (ReportLab's name)
        self._pages += 1
        draw_marks(self, self.marks, self._pages)
        super().showPage()
        _pack(self._doc.Pages.pages[-1])  # type: ignore[attr-defined]

    def save(self) -> None:
        self._form(TOTAL_FORM, f"{self._pages} 页", right=False)
        self._form(COUNT_FORM, str(self._pages), right=True)
        for key in self._contents:
            page = self.marks.pages_of.get(key)
            self._form(toc_form(key), str(page) if page else "—", right=True)
        super().save()

    def _form(self, name: str, text: str, right: bool) -> None:
        self.beginForm(name, lowerx=-200, lowery=-4, upperx=200, uppery=12)
        self.setFont(fonts.BODY, FOOTER_SIZE if not right else 9.0)
        self.setFillColor(MUTED)
        if right:
            self.drawRightString(0, 0, text)
        else:
            self.drawString(0, 0, text)
        self.endForm()


def build_pdf(story: Iterable[Any], target: Any, marks: PageMarks, title: str,
              contents: list[str]) -> int:
    """Lay the story out on A4 pages in one pass, deterministically; the number of pages."""
    prepare()
    rl_config.useA85 = 0  # binary streams: pikepdf re-compresses them anyway
    doc = SimpleDocTemplate(
        target, pagesize=(PAGE_WIDTH, PAGE_HEIGHT), leftMargin=MARGIN_X, rightMargin=MARGIN_X,
        topMargin=MARGIN_TOP, bottomMargin=MARGIN_BOTTOM, invariant=1,
        initialFontName=fonts.BODY, title=one_line(title), author="juece",
        creator="juece", pageCompression=1,
    )
    doc.build(LazyStory(story),
              canvasmaker=functools.partial(MarkedCanvas, marks=marks, contents=contents))
    return doc.page
