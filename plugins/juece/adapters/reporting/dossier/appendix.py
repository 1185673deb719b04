"""The volume's appendix, the process record (过程记录): a summary of the record, the compliance
table, the redaction log (public edition), the entries of each stage with their facts, the event log
with every entry's hash, and how to verify the file with and without juece."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from reportlab.platypus import CondPageBreak, PageBreak, Spacer

from juece.adapters.reporting import bulk, outline, sections
from juece.adapters.reporting.bulk import Progress
from juece.adapters.reporting.chunks import clip
from juece.adapters.reporting.document import Heading
from juece.adapters.reporting.layout import FRAME_WIDTH, para, tables
from juece.domain.stages import stage_label

APPENDIX = ("appendix", "附录 过程记录 Appendix: the process record")
SUMMARY = ("summary", "记录概要 Summary of the record")
COMPLIANCE = ("compliance", "合规对照表 Compliance with the rules")
REDACTIONS = ("redactions", "个人信息删除记录 Redaction log (R-H6)")
STAGES = ("stages", "各环节记录 Entries of each stage, with their facts")
LOG = ("log", "事件日志 Event log, in order of record, with hashes")
VERIFY = ("verify", "如何核验本文件 How to verify this file")
BULK_KINDS = frozenset({bulk.RECEIVED, bulk.DISPOSED})


def plan(record: dict[str, Any]) -> list[tuple[str, str, int]]:
    """(key, title, level) of every part of the appendix, in order."""
    items = [(*APPENDIX, 0), (*SUMMARY, 1), (*COMPLIANCE, 1)]
    if record.get("edition") == "public":
        items.append((*REDACTIONS, 1))
    items.append((*STAGES, 1))
    grouped = sections.by_stage(record)
    items += [(f"stage{number}", f"{number}  {stage_label(clip(stage))}", 2)
              for number, stage in enumerate(sections.stage_order(grouped), start=1)]
    return [*items, (*LOG, 1), (*VERIFY, 1)]


def _summary(record: dict[str, Any]) -> list[Any]:
    spec = sections.launch_spec(record)
    rows = [[para(label, "cellhead"), para(clip(value, sections.COVER_CHARS),
                                           "mono" if label == sections.HEAD_LABEL else "cell")]
            for label, value in sections.summary_rows(record, spec)]
    return [*tables(None, rows, (118, FRAME_WIDTH - 118)), *sections.file_notes(record),
            *sections.stage_overview(record)]


def _stage(entries: list[dict[str, Any]], stage: str) -> Iterator[Any]:
    if stage == "risk_assessment" and any(entry.get("kind") == "risk_assessed" for entry in entries):
        yield para("各轮风险矩阵图见卷内“社会稳定风险评估报告”；下表逐行列出矩阵的各格等级。/ Each round's risk "
                   "matrix is pictured in the risk assessment report in this volume; the table below lists its "
                   "cells' levels line by line.", "note")
    rest = [entry for entry in entries if entry.get("kind") not in BULK_KINDS]
    if rest:
        rows, starts = sections.entry_rows(rest)
        yield from tables(sections.STAGE_HEADER, rows, sections.STAGE_COLUMNS, starts)
    elif not entries:
        yield para(sections.NO_ENTRIES, "body")
    if len(rest) < len(entries):
        yield para(f"另有公众意见及其处理记录 {len(entries) - len(rest)} 条，逐条见卷内“公众意见采纳情况说明”的公众意见登记。"
                   f" / {len(entries) - len(rest)} more entries of comments and their handling are itemised in the "
                   "register of the adoption report.", "note")
    yield Spacer(1, 10)


VERIFY_STEPS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("用 juece 核验 With juece", (
        ("运行 juece verify 本文件.pdf。", "Run juece verify FILE.pdf."),
        ("核对数字签名：完整、覆盖全文件（其后无追加内容）、由记录所载的决策机关签署。",
         "It checks the signature: intact, covering the whole file (nothing appended), by the body the record "
         "names."),
        ("核对所附 record.json：哈希链完整，链头与每页页脚所印一致；有国密签名时核对 record.sm2.json。",
         "It checks the attached record.json: its hash chain intact, its head the one printed in every footer; "
         "and record.sm2.json where there is one."),
        ("逐份核对专家意见的签名，并按种子重演专家抽取；连接决策记录库时，再核对台账登记的正是本文件。",
         "It checks every expert's signature and re-runs every panel draw from its seed; with the records "
         "database, that the ledger recorded this very file."),
        ("发现问题即逐项列出，并以非零状态退出。", "It names each problem and exits 1."),
    )),
    ("不用 juece 核验 Without juece", (
        ("签名：任何 PAdES 验证工具（如 pyHanko、Adobe Reader）均可核验本文件的数字签名。",
         "Signature: any PAdES validator (pyHanko, Adobe Reader) checks it."),
        ("记录：用 pdfdetach 或 pikepdf 取出附件 record.json。", "Record: extract record.json with pdfdetach or pikepdf."),
        ("哈希链：每条记录的哈希，是该条除哈希本身以外全部字段（决策编号、序号、环节、事项、操作人、时间、数据、前一条哈希）"
         "按规范 JSON（键排序、无空格、UTF-8）计算的 SHA-256（记录声明 SM3 时为 SM3）；第一条的前一条哈希为 64 个 0。",
         "Hash chain: each entry's hash is the SHA-256 (SM3 where the record says so) of the canonical JSON "
         "(sorted keys, no spaces, UTF-8) of all its fields but the hash itself; the first entry links to 64 zeros."),
        ("链头：末条记录的哈希即链头，应与每页页脚所印一致。",
         "Chain head: the last entry's hash, which every footer prints."),
        ("国密签名：record.sm2.json 中的 SM2 签名所签的是 record.json 的 SM3 摘要（64 位十六进制字符），可用任何 "
         "SM2 工具（如 openssl pkeyutl）核验。", "SM2: the signature in record.sm2.json is over the 64 hex digits "
         "of record.json's SM3 digest; any SM2 tool (e.g. openssl pkeyutl) checks it."),
        ("公开版：删除了个人信息的记录保留原哈希，离线只能核对其前后链接；其内容可由档案部门对照台账核对。",
         "Public edition: an entry with personal data removed keeps its ledger hash; offline only its links "
         "can be checked, the archives office checks it against the ledger."),
    )),
)


def verify_page() -> list[Any]:
    story: list[Any] = []
    for title, steps in VERIFY_STEPS:
        story.append(para(title, "h2"))
        for number, (zh, en) in enumerate(steps, start=1):
            story += [para(f"{number}. {zh}", "body"), para(en, "note")]
    return story


def story(record: dict[str, Any], progress: Progress | None = None) -> Iterator[Any]:
    """Every flowable of the appendix, made as the layout asks for it."""
    titles = {key: title for key, title, _ in plan(record)}
    yield PageBreak()
    yield Heading(APPENDIX[1], APPENDIX[0])
    yield para("以下为生成上述各件文件的决策全过程记录，供核对。/ Below is the complete record the documents above "
               "were made from, for checking.", "note")
    yield Heading(SUMMARY[1], SUMMARY[0], level=1, style="h2")
    yield from _summary(record)
    yield PageBreak()
    yield Heading(COMPLIANCE[1], COMPLIANCE[0], level=1)
    yield from outline.compliance_table(record)
    if REDACTIONS[0] in titles:
        yield PageBreak()
        yield Heading(REDACTIONS[1], REDACTIONS[0], level=1)
        yield from outline.redaction_log(record)
    yield PageBreak()
    yield Heading(STAGES[1], STAGES[0], level=1)
    grouped = sections.by_stage(record)
    for number, stage in enumerate(sections.stage_order(grouped), start=1):
        yield CondPageBreak(120)
        yield Heading(titles[f"stage{number}"], f"stage{number}", level=2, style="h2")
        yield from _stage(grouped.get(stage, []), stage)
    yield PageBreak()
    yield Heading(LOG[1], LOG[0], level=1)
    yield from bulk.event_log_tables(record, progress)
    yield PageBreak()
    yield Heading(VERIFY[1], VERIFY[0], level=1)
    yield from verify_page()
