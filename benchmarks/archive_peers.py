"""The archive benchmark's peers: the same content rendered by WeasyPrint and by a bare ReportLab canvas.

Both read the record the way juece does and print the same content: the cover (title, decision body,
sponsor, dates, outcome, edition, chain head), the comment register and the event log exactly as juece
lays them out (juece's own cells and column widths), every other entry's facts by stage,
on A4 pages with juece's margins and type sizes, in the same embedded TrueType fonts
(AR PL UMing CN for text, WenQuanYi Zen Hei for headings), each page footed with the chain head and
"第 X 页 共 Y 页". The canvas is the lower bound: drawString line by line, a wrap that counts characters.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from typing import Any

from juece.adapters.reporting import bulk
from juece.adapters.reporting.labels import EDITION_LABELS, flatten, kind_label, outcome_label
from juece.domain.stages import stage_label

UMING = "/usr/share/fonts/truetype/arphic/uming.ttc"  # Debian fonts-arphic-uming, face 0: AR PL UMing CN
ZENHEI = "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"  # Debian fonts-wqy-zenhei, face 0
COMMENT_KINDS = ("comment_received", "comment_disposed")
# The register and the event log print exactly juece's cells in juece's column widths.
REGISTER_HEAD = tuple(bulk.comment_columns(True)[1])
SECTION_HEAD = ("序号 #", "时间 Time", "操作人 Actor", "事项 Event", "内容 Facts")
LOG_HEAD = tuple(bulk.LOG_NAMES)
# Column widths in points (A4 minus 18 mm margins: 493 pt), as in juece's tables.
REGISTER_COLS = tuple(round(column.width) for column in bulk.comment_columns(True)[0])
SECTION_COLS = (32, 62, 72, 78, 249)
LOG_COLS = tuple(round(column.width) for column in bulk.LOG_COLUMNS)
CHUNK = 200  # rows per HTML table, as juece's tables


@dataclass
class Content:
    """What every renderer prints, as plain strings."""

    title: str
    title_en: str
    header: str
    chain_head: str
    cover: list[tuple[str, str]]
    comments: list[tuple[str, ...]] = field(default_factory=list)
    sections: list[tuple[str, list[tuple[str, ...]]]] = field(default_factory=list)
    log: list[tuple[str, ...]] = field(default_factory=list)


def _time(at: Any) -> str:
    return str(at)[:19].replace("T", " ")


def _spec(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return next((e["data"]["spec"] for e in entries if e["kind"] == "launched"), {})


def _cover(record: dict[str, Any], spec: dict[str, Any]) -> list[tuple[str, str]]:
    entries = record["entries"]
    decided = [e["data"].get("outcome") for e in entries if e["kind"] == "head_decision"]
    return [("决策编号 Decision ID", record["decision_id"]), ("决策机关 Decision body", spec.get("decision_body", "—")),
            ("承办单位 Sponsor unit", spec.get("sponsor_unit", "—")),
            ("启动日期 Launched", _time(entries[0]["at"])[:10]),
            ("决策结果 Outcome", outcome_label(decided[-1] if decided else None)),
            ("保管期限 Retention", "永久 permanent"),
            ("档案版本 Edition", EDITION_LABELS.get(record["edition"], record["edition"])),
            ("记录条数 Entries", str(len(entries))), ("链头 Chain head", record["chain_head"])]


def _facts(entry: dict[str, Any]) -> str:
    data = entry["data"]
    if entry["kind"] == "launched":
        data = {**data, "spec": "见本节上文 / see above"}
    return "\n".join(f"{label}：{text}" if label else text for label, text in flatten(data))


def content(record: dict[str, Any]) -> Content:
    entries = record["entries"]
    spec = _spec(entries)
    stages: dict[str, list[tuple[str, ...]]] = {}
    for e in entries:
        if e["kind"] not in COMMENT_KINDS:
            stages.setdefault(e["stage"], []).append(
                (str(e["seq"]), _time(e["at"]), e["actor"], kind_label(e["kind"]), _facts(e)))
    log = [tuple(str(cell) for cell in row) for row in bulk.log_rows(entries)]
    return Content(spec.get("title", ""), spec.get("title_en", ""),
                   f"重大行政决策档案 Major administrative decision archive · {record['decision_id']} · "
                   f"{record['edition']}", record["chain_head"], _cover(record, spec),
                   [tuple(str(cell) for cell in row) for row in bulk.register_rows(record)],
                   [(stage_label(stage), rows) for stage, rows in stages.items()], log)


# ---------------------------------------------------------------- WeasyPrint: HTML + CSS
CSS = """
@page { size: A4; margin: 20mm 18mm; font-family: "AR PL UMing CN", "WenQuanYi Zen Hei";
  @top-left { content: "%(header)s"; font-size: 7.5pt; color: #555; }
  @bottom-left { content: "链头 chain head: %(head)s"; font-size: 7pt; color: #555; }
  @bottom-right { content: "第 " counter(page) " 页 共 " counter(pages) " 页"; font-size: 7pt; color: #555; } }
body { font-family: "AR PL UMing CN", "WenQuanYi Zen Hei"; font-size: 8pt; line-height: 11.5pt; }
h1, h2, th { font-family: "WenQuanYi Zen Hei", "AR PL UMing CN"; font-weight: normal; }
h1 { font-size: 14pt; line-height: 20pt; } h2 { font-size: 10.5pt; }
.title { font-size: 20pt; line-height: 28pt; }
table { border-collapse: collapse; table-layout: fixed; width: 100%%; margin: 0; }
th { background: #ececec; text-align: left; }
th, td { border: 0.4pt solid #9a9a9a; padding: 2.5pt 3.5pt 3pt; vertical-align: top;
  overflow-wrap: break-word; }
tr { break-inside: avoid; }
.mono { font-size: 6.5pt; }
"""


def _table(head: tuple[str, ...], widths: tuple[int, ...], rows: list[tuple[str, ...]]) -> list[str]:
    """Rows as tables of CHUNK rows; WeasyPrint repeats the thead on every page a table spans."""
    cols = "".join(f'<col style="width:{w}pt">' for w in widths)
    thead = "<thead><tr>" + "".join(f"<th>{html.escape(h)}</th>" for h in head) + "</tr></thead>"
    out = []
    for first in range(0, len(rows), CHUNK):
        out.append(f"<table><colgroup>{cols}</colgroup>{thead}<tbody>")
        out += ["<tr>" + "".join(f"<td>{_escape(cell)}</td>" for cell in row) + "</tr>"
                for row in rows[first:first + CHUNK]]
        out.append("</tbody></table>")
    return out


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>")


def _css_string(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


def html_document(c: Content) -> str:
    cover = [(html.escape(k), html.escape(v)) for k, v in c.cover]
    parts = [f"<!DOCTYPE html><html lang='zh-CN'><head><meta charset='utf-8'><title>{html.escape(c.title)}</title>",
             f"<style>{CSS % {'header': _css_string(c.header), 'head': c.chain_head}}</style></head><body>",
             f"<p class='title'>{html.escape(c.title)}</p><h2>{html.escape(c.title_en)}</h2><table>",
             *(f"<tr><th style='width:118pt'>{k}</th><td>{v}</td></tr>" for k, v in cover),
             "</table><h1 style='break-before: page'>公众意见登记 Comment register</h1>",
             *_table(REGISTER_HEAD, REGISTER_COLS, c.comments)]
    for number, (stage, rows) in enumerate(c.sections, start=1):
        parts += [f"<h1>{number}  {html.escape(stage)}</h1>", *_table(SECTION_HEAD, SECTION_COLS, rows)]
    parts += ["<h1 style='break-before: page'>事件日志 Event log, in order of record</h1>",
              *_table(LOG_HEAD, LOG_COLS, c.log), "</body></html>"]
    return "".join(parts)


def render_weasyprint(record: dict[str, Any], out_path: str) -> int:
    """The PDF by WeasyPrint; the number of pages."""
    from weasyprint import HTML

    document = HTML(string=html_document(content(record))).render()
    document.write_pdf(out_path)
    return len(document.pages)


# ---------------------------------------------------------------- bare ReportLab canvas: the lower bound
PAGE_W, PAGE_H = 595.2756, 841.8898  # A4
LEFT, RIGHT, TOP, BOTTOM = 51.02, 595.2756 - 51.02, 841.8898 - 56.69, 56.69  # 18 mm, 20 mm
SIZE, LEADING, PAD = 8.0, 11.5, 5.5
BODY, HEADING = "BenchSong", "BenchHei"


def wrap(text: str, width: float, size: float = SIZE) -> list[str]:
    """Lines of at most `width` points, counting a wide character as 1 em and any other as 0.55 em."""
    lines = []
    for paragraph in text.split("\n"):
        start, used = 0, 0.0
        for i, char in enumerate(paragraph):
            advance = size if char > "\u2e7f" else 0.55 * size
            if used + advance > width and i > start:
                lines.append(paragraph[start:i])
                start, used = i, 0.0
            used += advance
        lines.append(paragraph[start:])
    return lines


class Pager:
    """Draws rows top to bottom, starting a page when one is full; the page total is a form drawn last."""

    def __init__(self, out_path: str, c: Content) -> None:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen.canvas import Canvas

        for name, path in ((BODY, UMING), (HEADING, ZENHEI)):
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
        self.canvas = Canvas(out_path, pagesize=(PAGE_W, PAGE_H), pageCompression=1, invariant=1,
                             initialFontName=BODY, initialFontSize=SIZE)
        self.c, self.pages, self.y = c, 1, TOP
        self.font: tuple[str, float] | None = None

    def text(self, x: float, y: float, line: str, font: str = BODY, size: float = SIZE) -> None:
        if self.font != (font, size):
            self.canvas.setFont(font, size)
            self.font = (font, size)
        self.canvas.drawString(x, y, line)

    def footer(self) -> None:
        self.text(LEFT, BOTTOM - 22.7, f"链头 chain head: {self.c.chain_head}", size=7)
        label = f"第 {self.pages} 页 共"
        self.text(RIGHT - 70, BOTTOM - 22.7, label, size=7)
        self.canvas.saveState()
        self.canvas.translate(RIGHT - 70 + self.canvas.stringWidth(label + " ", BODY, 7), BOTTOM - 22.7)
        self.canvas.doForm("total")
        self.canvas.restoreState()
        self.text(RIGHT - 6, BOTTOM - 22.7, "页", size=7)
        if self.pages > 1:
            self.text(LEFT, TOP + 19, self.c.header, size=7.5)

    def new_page(self) -> None:
        self.footer()
        self.canvas.showPage()
        self.pages += 1
        self.y, self.font = TOP, None

    def heading(self, line: str, size: float = 14, break_before: bool = False) -> None:
        if break_before or self.y - 3 * size < BOTTOM:
            self.new_page()
        self.y -= size * 1.4
        self.text(LEFT, self.y, line, HEADING, size)
        self.y -= size * 0.6

    def row(self, cells: list[list[str]], widths: tuple[int, ...], font: str = BODY) -> None:
        """One table row, continued on the next page if it is taller than what is left."""
        while any(cells):
            fit = int((self.y - BOTTOM - PAD) // LEADING)
            tallest = max(len(lines) for lines in cells)
            if fit < min(tallest, 3) and self.y < TOP:
                self.new_page()
                continue
            x, shown = LEFT, min(fit, tallest)
            for lines, width in zip(cells, widths, strict=True):
                for k, line in enumerate(lines[:shown]):
                    self.text(x + 3.5, self.y - 2.5 - SIZE - k * LEADING, line, font)
                x += width
            self.y -= shown * LEADING + PAD
            self.canvas.line(LEFT, self.y, RIGHT, self.y)
            cells = [lines[shown:] for lines in cells]

    def table(self, head: tuple[str, ...], widths: tuple[int, ...], rows: list[tuple[str, ...]]) -> None:
        self.row([wrap(h, w - 7) for h, w in zip(head, widths, strict=True)], widths, HEADING)
        for values in rows:
            if self.y - LEADING - PAD < BOTTOM:
                self.new_page()
                self.row([wrap(h, w - 7) for h, w in zip(head, widths, strict=True)], widths, HEADING)
            self.row([wrap(v, w - 7) for v, w in zip(values, widths, strict=True)], widths)

    def finish(self) -> int:
        self.footer()
        self.canvas.showPage()
        self.canvas.beginForm("total")
        self.text(0, 0, str(self.pages), size=7)
        self.canvas.endForm()
        self.canvas.save()
        return self.pages


def render_canvas(record: dict[str, Any], out_path: str) -> int:
    """The PDF drawn line by line on a ReportLab canvas; the number of pages."""
    c = content(record)
    pager = Pager(out_path, c)
    pager.heading(c.title, 20)
    pager.text(LEFT, pager.y - 12, c.title_en, size=12)
    pager.y -= 24
    pager.table(("项目 Item", "内容 Value"), (118, 375), c.cover)
    pager.heading("公众意见登记 Comment register", break_before=True)
    pager.table(REGISTER_HEAD, REGISTER_COLS, c.comments)
    for number, (stage, rows) in enumerate(c.sections, start=1):
        pager.heading(f"{number}  {stage}")
        pager.table(SECTION_HEAD, SECTION_COLS, rows)
    pager.heading("事件日志 Event log, in order of record", break_before=True)
    pager.table(LOG_HEAD, LOG_COLS, c.log)
    return pager.finish()
