"""The order of the archive: cover, contents, a section per stage (with the comment register
in public participation), the compliance table, the redaction log or the personal-data
annex, and the event log. The contents and the PDF bookmarks come from the same plan."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from juece.adapters.reporting import bulk, charts, comment_charts, drafts, labels, persons, sections
from juece.adapters.reporting.bulk import Progress
from juece.adapters.reporting.chunks import clip
from juece.adapters.reporting.document import ContentsLine, Heading
from juece.adapters.reporting.layout import FRAME_WIDTH, para, tables
from juece.domain.archive.compliance import compliance
from juece.domain.stages import ORDER, stage_label

PARTICIPATION = "public_participation"
BULK_KINDS = frozenset({bulk.RECEIVED, bulk.DISPOSED})


def plan(record: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(key, title, level) of every section, in order."""
    grouped = sections.by_stage(record)
    items: list[tuple[str, str, int]] = []
    for number, stage in enumerate(sections.stage_order(grouped), start=1):
        items.append((f"stage{number}", f"{number}  {stage_label(clip(stage))}", 0))
        if stage == PARTICIPATION and bulk.comment_count(record):
            items.append(("comments", "公众意见登记 Register of public comments", 1))
    items.append(("compliance", "合规对照表 Compliance with the rules", 0))
    if record.get("edition") == "public":
        items.append(("redactions", "个人信息删除记录 Redaction log (R-H6)", 0))
    items.append(("log", "事件日志 Event log, in order of record", 0))
    return items


def contents(items: list[tuple[str, str, int]]) -> list[Any]:
    return [Heading("目录 Contents", "contents"),
            *(ContentsLine(title, key, level) for key, title, level in items), PageBreak()]


def story(record: dict[str, Any], progress: Progress | None = None) -> Iterator[Any]:
    """Every flowable of the archive, made as the layout asks for it."""
    items = plan(record)
    yield from sections.cover(record)
    yield from contents(items)
    titles = {key: (title, level) for key, title, level in items}
    grouped = sections.by_stage(record)
    for number, stage in enumerate(sections.stage_order(grouped), start=1):
        yield CondPageBreak(120)
        yield Heading(*titles[f"stage{number}"][:1], f"stage{number}")
        yield from _stage_body(record, stage, grouped.get(stage, []), progress, titles)
    yield PageBreak()
    yield Heading(titles["compliance"][0], "compliance")
    yield from compliance_table(record)
    if "redactions" in titles:
        yield PageBreak()
        yield Heading(titles["redactions"][0], "redactions")
        yield from redaction_log(record)
    yield PageBreak()
    yield Heading(titles["log"][0], "log")
    yield from bulk.event_log_tables(record, progress)


def _stage_body(record: dict[str, Any], stage: str, entries: list[dict[str, Any]],
                progress: Progress | None, titles: dict[str, tuple[str, int]]) -> Iterator[Any]:
    if stage == str(ORDER[0]):
        spec = sections.launch_spec(record)
        details = sections.launch_details(spec)  # ends with the "Entries" heading
        yield from details[:-1]
        yield from drafts.draft_history(record, spec)
        yield from details[-1:]
    yield from charts.stage_figures(stage, entries)
    rest = [entry for entry in entries if entry.get("kind") not in BULK_KINDS]
    if rest:
        rows, starts = sections.entry_rows(rest)
        yield from tables(sections.STAGE_HEADER, rows, sections.STAGE_COLUMNS, starts)
    elif not entries:
        yield para(sections.NO_ENTRIES, "body")
    if stage == PARTICIPATION and "comments" in titles:
        yield CondPageBreak(160)
        yield Heading(titles["comments"][0], "comments", level=1, style="h2")
        yield from comment_charts.comment_figures(record)
        yield para("每条意见一行，逾期意见亦逐条处理；处理结果及理由见右侧，采纳情况报告形成后收到的意见未列入（R-B3、R-B4）。"
                   "/ One row per comment with its disposition and reason, late ones too; a comment received "
                   "after the adoption report is not in it (R-B3, R-B4).", "note")
        yield from bulk.comment_tables(record, progress)
    yield Spacer(1, 10)


def compliance_rows(record: dict[str, Any]) -> list[tuple[str, str, str, str]]:
    """The compliance table as text: rule, requirement, status (Chinese first, with English; a due
    date; answers refused under the rule) and the reason or proof in words with its entry."""
    rows = []
    for item in compliance(record):
        zh, en = item.label
        status = f"{zh}\n{en}"
        if item.due:
            status += f"\n到期 due {item.due}"
        if item.refusals:
            status += f"\n拒绝 {item.refusals} 次 refused {item.refusals}×"
        proof = item.proof or {}
        where = (f"\n#{proof.get('seq')} {labels.kind_label(clip(proof.get('kind', ''), 40))} {str(proof.get('hash', ''))[:16]}"
                 if proof else "")
        rows.append((item.rule, f"{item.title_zh}\n{item.title_en}", status,
                     persons.in_text(f"{item.note_zh}\n{item.note_en}") + where))
    return rows


def compliance_table(record: dict[str, Any]) -> list[Any]:
    header = ("规则 Rule", "要求 Requirement", "结果 Status", "理由或证明 Reason or proof (entry, hash)")
    rows = [[para(rule, "cell"), para(title, "cell"), para(status, "cell"), para(basis, "cell")]
            for rule, title, status, basis in compliance_rows(record)]
    note = para("每条规则按其要求逐项核对本记录：“符合”附证明该项的记录；“未符合”说明原因；“依规拒绝通过”指规则在此阻止了"
                "决策继续；“由本档案证明”指本文件自身的链头、签名、PDF/A 格式或删除记录；“公布后到期”为公布后才须履行的"
                "义务及其到期日；“公开版不载”指证明材料因保护个人信息未收入公开版；拒绝次数为因违反该规则而被退回的答复。/ Each "
                "rule is checked against this record for what it requires: met, with the entry that proves it; not "
                "met, with why; refused, where the rule stopped the decision; proven by this file (its chain head, "
                "signature, PDF/A, redaction log); due after publication, with the due date; withheld, where the "
                "proof is kept out of the public edition (R-H6); refused answers are those sent back for breaking "
                "the rule.",
                "note")
    return [note, *tables(header, rows, (40, 120, 84, FRAME_WIDTH - 244))]


def redaction_log(record: dict[str, Any]) -> list[Any]:
    log = record.get("redactions") or []
    intro = para(f"本公开版共删除 {len(log)} 处个人信息；被删除内容所在记录的哈希保持不变，"
                 "可凭账本核对。/ This public edition removes personal data in "
                 f"{len(log)} places; the entries keep their ledger hashes and can be checked "
                 "against the ledger.", "body")
    if not log:
        return [intro]
    rows = [[para(str(item.get("seq", "")), "cell"), para(labels.kind_label(clip(item.get("kind", ""), 40)), "cell"),
             para(labels.path_text(clip(item.get("path", ""), 120)), "cell"),
             para(f"{item.get('what_zh', '')} {item.get('what_en', '')}", "cell"),
             para(str(item.get("rule", "")), "cell")] for item in log]
    header = ("序号 #", "事项 Event", "位置 Where", "删除内容 What", "依据 Rule")
    return [intro, *tables(header, rows, (36, 100, 180, 130, FRAME_WIDTH - 446))]
