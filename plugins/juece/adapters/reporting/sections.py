"""The record read for the volume's appendix: its summary (bodies, dates, outcome, edition, chain
head) and notes, the stages at a glance, and each stage's entries with their facts."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Any

from juece.adapters.reporting import labels, persons
from juece.adapters.reporting.chunks import clip, fact_chunks
from juece.adapters.reporting.layout import FRAME_WIDTH, lines_para, para, tables
from juece.adapters.reporting.text import missing_characters
from juece.domain.expert_review.panel_public import pool_digest
from juece.domain.legality.findings import FINDINGS, citations, provisions_key
from juece.domain.record.clock import ZONE_NAME, china_time
from juece.domain.stages import ORDER, stage_label

STAGE_COLUMNS = (32, 62, 72, 78, FRAME_WIDTH - 244)
STAGE_HEADER = ("序号 #", f"时间 Time\n{ZONE_NAME}", "操作人 Actor", "事项 Event", "内容 Facts")
NO_ENTRIES = "无记录 / no entries"
COVER_CHARS = 400
HEAD_LABEL = "链头 Chain head"
REFUSALS = ("answer_refused", "step_refused")
FORM_ERROR = "无：格式错误 / none: a form error"


def fmt_time(at: Any, sep: str = " ") -> str:
    """'2027-03-01 17:00:00' in China time for an ISO-8601 time (headers state the zone, 北京时间
    UTC+8); the raw value if unreadable."""
    text = str(at)
    shown = china_time(text, zone=False)
    return clip(at) if shown is text else shown.replace(" ", sep, 1)


def launch_spec(record: dict[str, Any]) -> dict[str, Any]:
    """The decision spec recorded when the decision was launched ({} if none)."""
    for entry in record.get("entries", []):
        if entry.get("kind") == "launched" and isinstance(entry.get("data"), dict):
            spec = entry["data"].get("spec")
            return spec if isinstance(spec, dict) else {}
    return {}


def clock_scale(record: dict[str, Any]) -> float:
    for entry in record.get("entries", []):
        if entry.get("kind") == "launched" and isinstance(entry.get("data"), dict):
            scale = entry["data"].get("clock_scale", 1)
            return float(scale) if isinstance(scale, int | float) else 1.0
    return 1.0


def outcome(record: dict[str, Any]) -> str:
    """The outcome of the last head_decision entry; undecided if there is none."""
    decisions = [e for e in record.get("entries", []) if e.get("kind") == "head_decision"]
    data = decisions[-1].get("data") if decisions else None
    return labels.outcome_label(data.get("outcome") if isinstance(data, dict) else None)


def _decided(record: dict[str, Any]) -> str:
    decisions = [e for e in record.get("entries", []) if e.get("kind") == "head_decision"]
    return fmt_time(decisions[-1].get("at"))[:10] if decisions else "—"


def summary_rows(record: dict[str, Any], spec: dict[str, Any]) -> list[tuple[str, str]]:
    entries = record.get("entries", [])
    rows = [
        ("档号 Archive number", record.get("archive_no") or "（未编号 not yet catalogued）"),
        ("决策编号 Decision ID", record.get("decision_id", "—")),
        ("决策机关 Decision body", spec.get("decision_body", "—")),
        ("承办单位 Sponsor unit", spec.get("sponsor_unit", "—")),
        ("决策类别 Category", labels.category_label(spec.get("category", "—"))),
        (f"启动日期 Launched ({ZONE_NAME})", fmt_time(entries[0].get("at"))[:10] if entries else "—"),
        (f"决定日期 Decided ({ZONE_NAME})", _decided(record)),
        ("决策结果 Outcome", outcome(record)),
        ("保管期限 Retention", "永久 permanent"),
        ("档案版本 Edition", labels.EDITION_LABELS.get(str(record.get("edition")),
                                                      str(record.get("edition", "—")))),
        ("记录条数 Entries", str(len(entries))),
        (HEAD_LABEL, record.get("chain_head", "—")),
    ]
    catalogue = spec.get("catalogue")
    if isinstance(catalogue, dict):
        rows.insert(4, ("决策事项目录 Catalogue",
                        f"{catalogue.get('year', '')} 年 第 {catalogue.get('number', '')} 号"))
    return rows


def assumed_calendar(record: dict[str, Any]) -> str:
    """The years counted with an assumed holiday schedule, as the record states them ('' if none)."""
    years = set()
    for entry in record.get("entries", []):
        calendar = (entry.get("data") or {}).get("calendar") if isinstance(entry.get("data"), dict) else None
        if isinstance(calendar, str) and "assumed" in calendar:
            years |= set(re.findall(r"; (\d{4}): [^;]*?（假定 assumed）", calendar))
    return "、".join(f"{y}年" for y in sorted(years))


def file_notes(record: dict[str, Any]) -> list[Any]:
    notes = [
        "本档案为 PDF/A-3b 格式，附有 record.json：决策全过程记录的规范 JSON，每条记录以 SHA-256 "
        "哈希链相连，末条哈希即链头，印于每页页脚；全文件由决策机关以数字签名（PAdES）签署，"
        "任何字节被改动均可由 juece verify 查出。/ A PDF/A-3b file. The complete record is "
        "attached as record.json (canonical JSON); its entries are linked by a SHA-256 hash chain "
        "whose last hash, the chain head, is printed in every footer. The decision body signs the "
        "whole file (PAdES): juece verify detects any changed byte.",
    ]
    if missing_characters(_all_text(record)):
        notes.append("嵌入字库缺少的字符以 [U+XXXX] 标示，原文见 record.json。/ Characters the "
                     "embedded fonts lack are shown as [U+XXXX]; the original text is in "
                     "record.json.")
    return [para(note, "note") for note in notes]


def _all_text(value: Any) -> str:
    """Every character used anywhere in the value, once (order does not matter)."""
    seen: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            seen.update(item)
        elif isinstance(item, dict):
            stack += item.values()
        elif isinstance(item, list | tuple):
            stack += item
    return "".join(sorted(seen))


def by_stage(record: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for entry in record.get("entries", []):
        grouped[str(entry.get("stage"))].append(entry)
    return grouped


def stage_overview(record: dict[str, Any]) -> list[Any]:
    grouped = by_stage(record)
    rows = []
    for stage in stage_order(grouped):
        entries = grouped.get(stage, [])
        span = (f"{fmt_time(entries[0].get('at'))} — {fmt_time(entries[-1].get('at'))}"
                if entries else NO_ENTRIES)
        rows.append([para(stage_label(clip(stage)), "cell"), para(str(len(entries)), "cell"),
                     para(span, "cell")])
    header = ("环节 Stage", "记录 Entries", f"起止时间 From — to ({ZONE_NAME})")
    return [para("环节概览 Stages at a glance", "h2"),
            *tables(header, rows, (170, 60, FRAME_WIDTH - 230))]


def stage_order(grouped: dict[str, list[dict[str, Any]]]) -> list[str]:
    known = [str(stage) for stage in ORDER]
    return known + sorted(stage for stage in grouped if stage not in known)


def _facts(entry: dict[str, Any]) -> list[tuple[str, str]]:
    data = entry.get("data")
    if entry.get("kind") == "launched" and isinstance(data, dict) and "spec" in data:
        rest = {key: value for key, value in data.items() if key not in ("spec", "spec_text")}
        facts = labels.flatten(rest) if rest else []
        return [*facts, (labels.field_label("spec"), "见卷内文件“决策草案”及“起草说明” / see the draft and its explanation in the volume")]
    if data in (None, {}, []):
        return [("", "—")]
    return labels.flatten(_compact(entry.get("kind"), data))


def _compact(kind: Any, data: Any) -> Any:
    """Long structures said shortly where the full form is elsewhere: the drawn pool (in the
    attached record of the full edition; a public edition holds only its hash and the seated
    panel, see `panel_public`), the risk matrix (drawn as a picture), one line per likelihood, and
    the provisions a legality finding relies on, each as it is cited.
    A refusal citing no rule says it was a form error."""
    if not isinstance(data, dict):
        return data
    if kind in REFUSALS and "rule" in data and data["rule"] is None:
        data = {**data, "rule": FORM_ERROR}
    if kind == "panel_drawn" and isinstance(data.get("pool"), list):
        digest = pool_digest(data["pool"])
        data = {**data, "pool": f"{len(data['pool'])} 名专家，SHA-256 {digest}；名单见所附 record.json / "
                                f"{len(data['pool'])} experts, full list in the attached record.json"}
    if kind == "legality_reviewed":  # each provision relied on in words: 《…》第二十条
        data = {**data, **{provisions_key(name): citations(data, name) for name in FINDINGS
                           if isinstance(data.get(provisions_key(name)), list)}}
    matrix = data.get("matrix")
    if kind == "risk_assessed" and isinstance(matrix, list) and all(isinstance(row, list) for row in matrix):
        data = {**data, "matrix": [f"可能性 likelihood {n}: " + " ".join(labels.value_text(cell) for cell in row)
                                   for n, row in enumerate(matrix, start=1)]}
    return data


def entry_rows(entries: list[dict[str, Any]]) -> tuple[list[list[Any]], list[int]]:
    """Table rows for entries (long facts continue on extra rows) and each entry's first row."""
    rows: list[list[Any]] = []
    firsts: list[int] = []
    for entry in entries:
        chunks = fact_chunks(_facts(entry))
        firsts.append(len(rows))
        rows.append([
            para(clip(entry.get("seq", ""), 12), "cell"),
            para(fmt_time(entry.get("at"), "\n"), "cell"),
            para(clip(persons.actor(entry)), "cell"),
            para(labels.kind_label(clip(entry.get("kind", "")), "\n"), "cell"),
            lines_para(chunks[0]),
        ])
        rows += [[para(f"({entry.get('seq', '')})", "note"), "", "", "", lines_para(chunk)]
                 for chunk in chunks[1:]]
    return rows, firsts
