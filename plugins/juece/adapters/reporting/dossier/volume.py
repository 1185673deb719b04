"""The volume's own pages after GB/T 9705 (文书档案案卷格式) and DA/T 22: the cover (案卷封面), the
file list (卷内文件目录) and the reference sheet (卷内备考表).

The file list's page numbers (页号) and the reference sheet's page total are known only once the
volume is laid out: they are drawn as the forms `document` defines when the file is saved, so the
numbers are the real ones and each entry links to its document."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable, PageBreak, Spacer

from juece.adapters.reporting import fonts
from juece.adapters.reporting.document import COUNT_FORM, Heading, toc_form
from juece.adapters.reporting.dossier.base import Document
from juece.adapters.reporting.dossier.official import STYLES as OFFICIAL
from juece.adapters.reporting.layout import FRAME_WIDTH, STYLES, MemoParagraph, para, tables
from juece.adapters.reporting.text import markup

FILE_LIST = ("filelist", "卷内文件目录 File list")
REFERENCE = ("reference", "卷内备考表 Reference sheet of the volume")
NOT_YET = "（未编号 not yet catalogued）"
# 序号, 文号, 责任者, 题名, 日期, 页号, 备注
LIST_WIDTHS = (26, 66, 80, FRAME_WIDTH - 330, 54, 28, 76)
LIST_HEADER = ("序号\nNo.", "文号\nDoc. no.", "责任者\nResponsible", "题名 Title", "日期\nDate", "页号\nPage",
               "备注\nRemarks")


class PageRef(Flowable):
    """The page a contents key falls on, right-aligned in its cell, linked to that place."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        self.width, self.height = availWidth, 11.5
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.linkRect("", self.key, (0, 0, self.width, self.height), relative=1)
        canvas.saveState()
        canvas.translate(self.width, 2.5)
        canvas.doForm(toc_form(self.key))
        canvas.restoreState()


class PageCount(Flowable):
    """'本卷共 N 页' with the volume's page total, known when the file is saved."""

    def __init__(self, before: str, after: str) -> None:
        super().__init__()
        self.before, self.after = before, after
        self.width, self.height = FRAME_WIDTH, 16

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(fonts.BODY, 10)
        canvas.drawString(0, 4, self.before)
        end = canvas.stringWidth(self.before, fonts.BODY, 10) + 34
        canvas.saveState()
        canvas.translate(end, 4)
        canvas.doForm(COUNT_FORM)
        canvas.restoreState()
        canvas.setFont(fonts.BODY, 10)
        canvas.drawString(end + 6, 4, self.after)


def _link(text: str, key: str) -> MemoParagraph:
    return MemoParagraph(f'<a href="#{key}">{markup(text, fonts.BODY)}</a>', STYLES["cell"])


def _centred(text: str, style: str) -> MemoParagraph:
    chosen = OFFICIAL[style]
    return MemoParagraph(markup(text, chosen.fontName), chosen)


def cover_fields(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """The cover's fields (GB/T 9705 案卷封面), each label Chinese first."""
    dates = f"{meta['date_start'] or '—'} 至 {meta['date_end'] or '—'}"
    openness = f"{meta['classification']}；{meta['openness_words'] or '—'}"
    return [
        ("全宗号 Fonds", meta["fonds"] or NOT_YET),
        ("档号 Archive number", meta["archive_no"] or NOT_YET),
        ("案卷题名 Title of the volume", " ".join(p for p in (meta["title"], meta["title_en"]) if p)),
        ("立卷单位 Compiled by", meta["responsible"] or "—"),
        ("起止日期 Dates (北京时间 China time)", dates),
        ("保管期限 Retention", meta["retention_words"]),
        ("密级 / 开放状态 Classification / openness", openness),
        ("决策编号 Decision ID", meta["decision_id"]),
    ]


def cover(meta: dict[str, Any], notices: Sequence[Any] = ()) -> list[Any]:
    """The volume cover: what the volume is, where it is kept and who may read it."""
    rows = [[para(label, "cellhead"), para(value, "body")] for label, value in cover_fields(meta)]
    story: list[Any] = [
        Spacer(1, 20),
        _centred("重大行政决策档案", "issuer"),
        _centred("Major administrative decision archive", "title_en"),
        Spacer(1, 50),
        _centred(meta["title"] or meta["decision_id"], "title"),
        _centred(meta["title_en"], "title_en"),
        Spacer(1, 40),
        *tables(None, rows, (150, FRAME_WIDTH - 150)),
        *notices,
        PageBreak(),
    ]
    return story


def file_list(documents: Sequence[Document], after: Sequence[tuple[str, str]]) -> list[Any]:
    """卷内文件目录: one row per document (序号, 文号, 责任者, 题名, 日期, 页号, 备注), then the
    appendix and the reference sheet, each title and page linked to the place it names."""
    rows = [[para(str(number), "cell"), para(doc.doc_no or "—", "cell"), para(doc.responsible or "—", "cell"),
             _link(doc.title, doc.key), para(doc.date or "—", "cell"), PageRef(doc.key),
             para(doc.remarks, "cell")] for number, doc in enumerate(documents, start=1)]
    rows += [[para("", "cell"), para("", "cell"), para("", "cell"), _link(title, key), para("", "cell"),
              PageRef(key), para("", "cell")] for key, title in after]
    note = para("页号为各件首页在本文件中的页码；点击题名或页号可转到该件。/ The page is where each document "
                "begins in this file; click a title or page to go there.", "note")
    return [Heading(FILE_LIST[1], FILE_LIST[0]), *tables(LIST_HEADER, rows, LIST_WIDTHS), note, PageBreak()]


def document_head(number: int, doc: Document) -> list[Any]:
    """A document's heading (its bookmark and the file list's target) and its particulars."""
    facts = [f"卷内第 {number} 件 item {number}", f"责任者 {doc.responsible or '—'}", f"日期 {doc.date or '—'}"]
    if doc.doc_no:
        facts.insert(1, f"文号 {doc.doc_no}")
    if doc.remarks:
        facts.append(f"备注 {doc.remarks}")
    return [Heading(doc.title, doc.key), para(" · ".join(facts), "note"), Spacer(1, 6)]


def integrity_statement(meta: dict[str, Any], entries: int) -> str:
    return (f"本卷由 juece 依决策全过程记录组卷，记录共 {entries} 条，以哈希链相连，组卷时逐条校验无误，链头为 "
            f"{meta['chain_head']}；卷内各件均由记录生成，未另行录入。全卷附 record.json（完整记录），由决策机关数字签名，"
            "任何改动均可查出（核验方法见附录）。/ Compiled by juece from the decision's complete record: "
            f"{entries} entries linked by a hash chain, each checked when the volume was compiled; chain head as "
            "above. Every document is made from the record, nothing typed twice. record.json (the complete record) "
            "is attached and the decision body signs the whole file: any change is detected (see the appendix "
            "on how to verify).")


def reference_sheet(meta: dict[str, Any], documents: int, entries: int) -> list[Any]:
    """卷内备考表: the volume's documents and pages, its state, who compiled and checked it, when."""
    rows = [
        ("本卷情况说明 State of the volume", integrity_statement(meta, entries)),
        ("立卷人 Compiled by", f"juece（依记录自动组卷 compiled from the record）；立卷单位 {meta['responsible'] or '—'}"),
        ("检查人 Checked by", "组卷时链校验通过 chain checked when compiled；档案部门检查人签名 archivist's "
                             "signature: ____________"),
        ("立卷时间 Date compiled", f"{meta['date_end'] or '—'}（记录末条日期 date of the record's last entry）"),
    ]
    table = tables(None, [[para(label, "cellhead"), para(value, "body")] for label, value in rows],
                   (120, FRAME_WIDTH - 120))
    return [PageBreak(), Heading(REFERENCE[1], REFERENCE[0]),
            PageCount(f"本卷共有文件 {documents} 件，共", "页。"),
            para(f"This volume holds {documents} documents; its pages are counted in every footer.", "note"),
            Spacer(1, 8), *table]
