"""The annual catalogue (决策事项目录, R-A3) and rule-of-law report (依法决策年度报告) of a year,
exported as one XLSX workbook (two sheets) and two CSV files (UTF-8 with BOM, for Excel).

The statuses and sums come from the domain (`juece.domain.archive.annual`); archive numbers from the
archive catalogue. Only this module uses pandas."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from juece.adapters.reporting import annual_workbook
from juece.adapters.reporting.labels import category_label, outcome_label
from juece.adapters.store.ledger import Ledger
from juece.domain.archive.annual import (
    STATUS_LABELS,
    DecisionStatus,
    catalogue_year,
    category_report,
    decision_status,
)
from juece.domain.record.cells import formula_safe
from juece.domain.record.entries import Entries
from juece.domain.stages import stage_label

CATALOGUE_COLUMNS: dict[str, str] = {
    "decision_id": "决策编号 decision id",
    "catalogue_number": "目录编号 catalogue number",
    "title": "决策事项 title",
    "category": "类别 category",
    "decision_body": "决策机关 decision body",
    "sponsor_unit": "承办单位 sponsor unit",
    "launched_on": "启动日期 launch date",
    "status": "状态 status",
    "stage": "所处环节 current stage",
    "outcome": "决定结果 outcome",
    "overdue": "逾期事项 overdue items",
    "archive_no": "档号 archive number",
    "version": "档案版本 archive version",
}
REPORT_COLUMNS: dict[str, str] = {
    "category": "类别 category",
    "decisions": "决策事项数 decisions",
    "done": "已完成 done",
    "in_progress": "办理中 in progress",
    "overdue_decisions": "久拖不决 undecided past a deadline",
    "late_decisions": "决定后逾期 decided, a later step past its deadline",
    "stages_completed": "已完成环节 stages completed",
    "statutory_stages_completed": "已完成法定环节 statutory stages completed",
    "comments": "公众意见数 comments",
    "comments_disposed": "已处理意见 comments disposed",
    "comments_adopted": "采纳及部分采纳 comments adopted or partly adopted",
    "comment_adoption_rate": "意见采纳率 comment adoption rate",
    "expert_opinions": "专家论证意见 expert opinions",
    "experts_disposed": "已处理专家意见 expert opinions disposed",
    "experts_adopted": "采纳专家意见 expert opinions adopted or partly adopted",
    "expert_adoption_rate": "专家意见采纳率 expert adoption rate",
    "overdue": "逾期事项 overdue items",
}
SHEETS = ("决策事项目录 catalogue", "依法决策年度报告 report")


@dataclass
class Exported:
    year: int
    decisions: int
    files: list[Path]


def load_records(ledger: Ledger) -> dict[str, Entries]:
    return {decision_id: ledger.entries(decision_id) for decision_id in ledger.decisions()}


def year_statuses(year: int, now: datetime, ledger: Ledger) -> list[DecisionStatus]:
    records = load_records(ledger)
    found = [decision_status(entries, now) for entries in records.values()
             if entries and catalogue_year(entries) == year]
    return sorted(found, key=lambda d: (d.catalogue_number or "~", d.launched_on, d.decision_id))


def archived(ledger: Ledger) -> dict[str, tuple[str, int | str]]:
    """Each decision's archive number and newest version, from the archive catalogue."""
    from juece.adapters.store import catalogue

    newest: dict[str, tuple[str, int | str]] = {}
    for issue in catalogue.issues(engine=ledger.engine):
        if issue.version >= int(newest.get(issue.decision_id, ("", 0))[1]):
            newest[issue.decision_id] = (issue.archive_no, issue.version)
    return newest


def catalogue_rows(statuses: list[DecisionStatus], archives: dict[str, tuple[str, int | str]]) -> list[dict[str, Any]]:
    rows = []
    for d in statuses:
        number, version = archives.get(d.decision_id, ("", ""))
        rows.append({**{k: v for k, v in d.as_dict().items() if k in CATALOGUE_COLUMNS},
                     "category": category_label(d.category), "status": STATUS_LABELS[d.status],
                     "stage": stage_label(d.stage), "outcome": outcome_label(d.outcome),
                     "archive_no": number, "version": version})
    return rows


def report_rows(statuses: list[DecisionStatus]) -> list[dict[str, Any]]:
    rows = category_report(statuses)
    for row in rows:
        row["category"] = "合计 total" if row["category"] == "total" else category_label(row["category"])
    return rows


def export(year: int, out_dir: Path, now: datetime, ledger: Ledger) -> Exported:
    import pandas as pd

    statuses = year_statuses(year, now, ledger)
    tables = {
        "catalogue": _frame(pd, catalogue_rows(statuses, archived(ledger)), CATALOGUE_COLUMNS),
        "rule-of-law-report": _frame(pd, report_rows(statuses), REPORT_COLUMNS),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    workbook, *csvs = outputs(year, out_dir)
    annual_workbook.write(workbook, dict(zip(SHEETS, tables.values(), strict=True)),
                          dates={CATALOGUE_COLUMNS["launched_on"]},
                          rates={REPORT_COLUMNS["comment_adoption_rate"], REPORT_COLUMNS["expert_adoption_rate"]})
    for path, frame in zip(csvs, tables.values(), strict=True):
        frame.to_csv(path, index=False, encoding="utf-8-sig")
    return Exported(year, len(statuses), [workbook, *csvs])


def outputs(year: int, out_dir: Path) -> list[Path]:
    """The files a year's export writes: the workbook, then the catalogue's and the report's CSV."""
    return [out_dir / f"juece-catalogue-{year}.xlsx", *(out_dir / f"juece-{name}-{year}.csv"
                                                       for name in ("catalogue", "rule-of-law-report"))]


def _frame(pd: Any, rows: list[dict[str, Any]], columns: dict[str, str]) -> Any:
    """The table as written to XLSX and CSV: a text that would start a formula stays text."""
    frame = pd.DataFrame(rows, columns=list(columns)).map(formula_safe)
    return frame.rename(columns=columns)
