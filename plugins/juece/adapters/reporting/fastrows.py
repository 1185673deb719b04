"""Fast tables for the bulk of the archive: comments and the event log (issue: scale).

A platypus Paragraph re-parses markup and measures every fragment; for 100,000 comments that
costs minutes. Here a row is laid out once, as plain text: character widths come from a
cache per font and size, line ends are found by bisecting the running width (the Chinese
rules of `linebreak` still apply), and a chunk of rows is drawn with one text object. The
text is printed literally (no markup is ever parsed), characters the body font lacks are
set in the fallback font that has them, and a character no font has is shown as [U+XXXX].
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate, groupby

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from juece.adapters.reporting import cidfont, fonts, linebreak
from juece.adapters.reporting.text import clean

PAD_X, PAD_TOP, PAD_BOTTOM = 3.0, 2.0, 3.0
GRID_GRAY, SHADE_GRAY, LINE_WIDTH = 0.6, 0.925, 0.4
Run = tuple[str, str]  # font, text
Line = list[Run]


@dataclass(frozen=True)
class Column:
    """One column: its width and the font its text is set in."""

    width: float
    font: str = fonts.BODY
    size: float = 8.0
    leading: float = 11.0


class _Metrics:
    """Character widths and fonts for one (font, size), filled as characters are met."""

    cache: dict[tuple[str, float], _Metrics] = {}

    def __init__(self, font: str, size: float) -> None:
        self.font, self.size = font, size
        self.width: dict[str, float] = {}
        self.face: dict[str, str | None] = {}
        self.missing: set[str] = set()
        self.plain: set[str] = set()  # characters set in this font itself

    @classmethod
    def of(cls, font: str, size: float) -> _Metrics:
        key = (font, size)
        if key not in cls.cache:
            cls.cache[key] = cls(font, size)
        return cls.cache[key]

    def learn(self, char: str) -> str:
        face = None if char == "\n" else fonts.font_for(char, self.font)
        if face is None and char != "\n" and not char.isspace():
            shown = f"[U+{ord(char):04X}]"
            self.missing.add(char)
            self.face[char] = self.font
            self.width[char] = stringWidth(shown, self.font, self.size)
            return char
        self.face[char] = face or self.font
        if self.face[char] == self.font:
            self.plain.add(char)
        self.width[char] = 0.0 if char == "\n" else stringWidth(char, face or self.font, self.size)
        return char

    def widths(self, text: str) -> list[float]:
        width = self.width
        for char in set(text).difference(width):
            self.learn(char)
        return [width[char] for char in text]


def wrap_text(text: str, metrics: _Metrics, max_width: float) -> list[str]:
    """The text broken into lines no wider than max_width (Chinese line-breaking rules)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        if not paragraph:
            lines.append("")
            continue
        ends = list(accumulate(metrics.widths(paragraph)))
        start, size = 0, len(paragraph)
        while start < size:
            before = ends[start - 1] if start else 0.0
            overflow = bisect_right(ends, before + max_width + 1e-6, lo=start)
            if overflow >= size:
                lines.append(paragraph[start:])
                break
            end = max(start + 1, overflow)
            if end < size:
                end = max(start + 1, linebreak.break_index(paragraph, start, end))
            lines.append(paragraph[start:end].rstrip())
            start = end
    return lines


def runs(line: str, metrics: _Metrics) -> Line:
    """A line as (font, text) runs; characters no font has become [U+XXXX]."""
    if metrics.plain.issuperset(line):
        return [(metrics.font, line)]
    face, missing = metrics.face, metrics.missing
    result: Line = []
    for char in line:
        font = face.get(char) or metrics.font
        shown = f"[U+{ord(char):04X}]" if char in missing else char
        if result and result[-1][0] == font:
            result[-1] = (font, result[-1][1] + shown)
        else:
            result.append((font, shown))
    return result


class _Ink:
    """Text operators for one document, written directly: the fast tables set their text in
    whole-document CID fonts (`cidfont`), one hex string per run of one face, instead of
    ReportLab's text objects, which re-encode every string into 256-character subsets."""

    def __init__(self, doc: object) -> None:
        self.fonts = cidfont.CidFonts(doc)
        self.current: tuple[str, float] | None = None

    @classmethod
    def of(cls, canvas: object) -> _Ink:
        ink = getattr(canvas, "_juece_ink", None)
        if ink is None:
            ink = cls(canvas._doc)  # type: ignore[attr-defined]
            canvas._juece_ink = ink  # type: ignore[attr-defined]
        ink.current = None  # a new BT block sets its font again
        return ink

    def show(self, ops: list[str], font_name: str, size: float, text: str) -> None:
        fonts = self.fonts
        codes = fonts.codes.get(font_name)
        if codes is None or not codes.keys() >= set(text):
            fonts.learn(font_name, text)
            codes = fonts.codes[font_name]
        name = fonts.single(font_name)
        if name is not None:  # one font for the whole face: one string
            self._select(ops, name, size)
            ops.append(f"<{''.join(map(codes.__getitem__, text))}> Tj")
            return
        owner = fonts.fonts[font_name]
        for name, group in groupby(text, key=owner.__getitem__):
            self._select(ops, name, size)
            ops.append(f"<{''.join(map(codes.__getitem__, group))}> Tj")

    def _select(self, ops: list[str], name: str, size: float) -> None:
        if self.current != (name, size):
            ops.append(f"/{name} {fp_str(size)} Tf")
            self.current = (name, size)


@dataclass
class Row:
    """A laid-out row: its height and, per cell, its lines."""

    height: float
    cells: list[list[str]]


def lay_row(values: Sequence[object], columns: Sequence[Column]) -> Row:
    cells = []
    height = 0.0
    for value, column in zip(values, columns, strict=True):
        metrics = _Metrics.of(column.font, column.size)
        lines = wrap_text(clean(value), metrics, column.width - 2 * PAD_X) if value != "" else []
        cells.append(lines)
        height = max(height, len(lines) * column.leading)
    return Row(height + PAD_TOP + PAD_BOTTOM, cells)


class FastTable(Flowable):
    """Rows of plain text with a repeated header, split between rows across pages."""

    def __init__(self, columns: Sequence[Column], header: Row | None, rows: list[Row],
                 page_height: float) -> None:
        super().__init__()
        self.columns, self.header, self.rows = list(columns), header, rows
        self.page_height = page_height
        self.width = sum(column.width for column in columns)
        self.height = self._rows_height(rows)

    def _rows_height(self, rows: Sequence[Row]) -> float:
        return (self.header.height if self.header else 0.0) + sum(row.height for row in rows)

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        room = availHeight - (self.header.height if self.header else 0.0)
        fitted = 0
        for row in self.rows:
            if row.height > room:
                break
            room -= row.height
            fitted += 1
        if fitted == 0:
            if availHeight < self.page_height - 1:
                return []  # the next page has room for the row
            return self._split_row(room)
        return [self._with(self.rows[:fitted]), self._with(self.rows[fitted:])]

    def _split_row(self, room: float) -> list[Flowable]:
        """A row taller than a whole page continues on the next, cut between lines."""
        first = self.rows[0]
        keep = [max(1, int((room - PAD_TOP - PAD_BOTTOM) // column.leading))
                for column in self.columns]
        head = Row(0.0, [lines[:n] for lines, n in zip(first.cells, keep, strict=True)])
        tail = Row(0.0, [lines[n:] for lines, n in zip(first.cells, keep, strict=True)])
        for part in (head, tail):
            part.height = PAD_TOP + PAD_BOTTOM + max(
                len(lines) * column.leading for lines, column in zip(part.cells, self.columns, strict=True))
        return [self._with([head]), self._with([tail, *self.rows[1:]])]

    def _with(self, rows: list[Row]) -> FastTable:
        return FastTable(self.columns, self.header, rows, self.page_height)

    def draw(self) -> None:
        canvas = self.canv
        top = self.height
        rows = ([self.header] if self.header else []) + self.rows
        if self.header:
            canvas.setFillGray(SHADE_GRAY)
            canvas.rect(0, top - self.header.height, self.width, self.header.height, stroke=0, fill=1)
        canvas.setFillGray(0)
        ink = _Ink.of(canvas)
        ops = ["BT"]
        ys = [top]
        for row in rows:
            x = 0.0
            for lines, column in zip(row.cells, self.columns, strict=True):
                metrics = _Metrics.of(fonts.HEADING if row is self.header else column.font,
                                      column.size)
                y = ys[-1] - PAD_TOP - column.size
                for line in lines:
                    ops.append(f"1 0 0 1 {fp_str(x + PAD_X, y)} Tm")
                    for font, part in runs(line, metrics):
                        ink.show(ops, font, column.size, part)
                    y -= column.leading
                x += column.width
            ys.append(ys[-1] - row.height)
        ops.append("ET")
        canvas._code.append(" ".join(ops))  # noqa: SLF001 (raw text operators, see _Ink)
        self._grid(ys)

    def _grid(self, ys: list[float]) -> None:
        canvas = self.canv
        canvas.setStrokeGray(GRID_GRAY)
        canvas.setLineWidth(LINE_WIDTH)
        xs = list(accumulate([0.0] + [column.width for column in self.columns]))
        segments = [(0.0, y, self.width, y) for y in ys]
        segments += [(x, ys[0], x, ys[-1]) for x in xs]
        canvas.lines(segments)


def header_row(labels: Sequence[str], columns: Sequence[Column]) -> Row:
    heading = [Column(c.width, fonts.HEADING, c.size, c.leading) for c in columns]
    return lay_row(labels, heading)
