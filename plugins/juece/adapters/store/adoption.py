"""The public adoption report (R-B5) as a table: built once from the ledger when the comments'
report is first asked for after it is recorded, then served a page at a time through read-only
connections (no request parses the ledger, none takes SQLite's write lock).

Dispositions are final once the report is recorded (R-B4), so the table never changes for that
report; comments received after it (late ones are still taken, R-B3) are read from the ledger
by their position in the chain, and shown as not in the report. A new report of the stage
rebuilds the table."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Boolean, Column, Engine, Integer, String, Table, Text, delete, func, select
from sqlalchemy.exc import IntegrityError

from juece.adapters.store.db import ensure_tables, ledger_entries, metadata, reading
from juece.adapters.store.ledger import Ledger, utc_now

adoption_rows = Table(
    "juece_adoption_rows",
    metadata,
    Column("decision_id", String(64), primary_key=True),
    Column("position", Integer, primary_key=True, autoincrement=False),  # 1, 2, ... in the chain's order
    Column("receipt", String(20), nullable=False),
    Column("paragraph", Integer, nullable=True),
    Column("text", Text, nullable=False),
    Column("late", Boolean, nullable=False),
    Column("disposition", String(30), nullable=False),
    Column("reason", Text, nullable=False),
)

adoption_built = Table(
    "juece_adoption_reports",
    metadata,
    Column("decision_id", String(64), primary_key=True),
    Column("report_hash", String(64), nullable=False),  # the adoption_report entry the table is for
    Column("through_seq", Integer, nullable=False),  # the last ledger entry read to build it
    Column("row_count", Integer, nullable=False),
    Column("built_at", String(40), nullable=False),
)

RECEIVED, DISPOSED = "comment_received", "comment_disposed"
COLUMNS = ("receipt", "paragraph", "text", "late", "disposition", "reason")


@dataclass(frozen=True)
class ReportPage:
    rows: list[dict[str, Any]]
    page: int
    pages: int
    total: int


class AdoptionReports:
    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger
        self.engine: Engine = ensure_tables(ledger.engine, adoption_rows, adoption_built)

    def page(self, decision_id: str, report_hash: str, page: int, size: int) -> ReportPage:
        """One page of the report: the table, built first if it is not yet (or is for an older
        report), then any comments received after it was built."""
        found = self._page(decision_id, report_hash, page, size)
        if found is None:
            self.build(decision_id, report_hash)
            found = self._page(decision_id, report_hash, page, size)
        if found is None:
            raise RuntimeError(f"the adoption report table of {decision_id} was not built")
        return found

    def _page(self, decision_id: str, report_hash: str, page: int, size: int) -> ReportPage | None:
        with reading(self.engine) as conn, conn.begin():  # one snapshot: the table and the chain after it
            built = conn.execute(select(adoption_built).where(adoption_built.c.decision_id == decision_id)).first()
            if built is None or built.report_hash != report_hash:
                return None
            after = _later(decision_id, built.through_seq)
            later = conn.execute(select(func.count()).select_from(after.subquery())).scalar_one()
            total = built.row_count + later
            pages = max(1, -(-total // size))
            page = min(max(page, 1), pages)
            start = (page - 1) * size  # rows before this page
            rows = [dict(row._mapping) for row in conn.execute(
                select(*(adoption_rows.c[name] for name in COLUMNS))
                .where(adoption_rows.c.decision_id == decision_id, adoption_rows.c.position > start)
                .order_by(adoption_rows.c.position).limit(size))]
            if len(rows) < size and start + len(rows) >= built.row_count and later:
                skip = max(0, start - built.row_count)
                for row in conn.execute(after.order_by(ledger_entries.c.seq).offset(skip).limit(size - len(rows))):
                    rows.append(_row(json.loads(row.data), {}))
        return ReportPage(rows, page, pages, total)

    def lookup(self, decision_id: str, report_hash: str | None, receipt: str) -> dict[str, Any] | None:
        """One comment by its receipt, as the public may see it: its row of the published report
        (``in_report``), or only that it was received (before the report, or after it); None when no
        comment has that receipt. Receipts are numbered in the order comments arrive (C-000001, ...),
        so whether one was received is a count, and nothing of a comment is read before the report."""
        if report_hash is not None:
            self.page(decision_id, report_hash, 1, 1)  # the report's table, built if it is not yet
            with reading(self.engine) as conn:
                row = conn.execute(select(*(adoption_rows.c[name] for name in COLUMNS)).where(
                    adoption_rows.c.decision_id == decision_id, adoption_rows.c.receipt == receipt)).first()
            if row is not None:  # a comment received after the report has a row, not a disposition
                return {**row._mapping, "in_report": bool(row.disposition)}
        number = int(receipt[2:]) if receipt[:2] == "C-" and receipt[2:].isdigit() else 0
        with reading(self.engine) as conn:
            received = conn.execute(select(func.count()).select_from(ledger_entries).where(
                ledger_entries.c.decision_id == decision_id, ledger_entries.c.kind == RECEIVED)).scalar_one()
        return {"in_report": False, "receipt": receipt} if 0 < number <= received else None

    def build(self, decision_id: str, report_hash: str) -> None:
        """The table for this report, from one read of the chain, in one transaction."""
        entries = self.ledger.entries(decision_id)
        disposed: dict[str, dict[str, Any]] = {}
        for entry in entries:
            if entry["kind"] == DISPOSED:
                disposed[entry["data"].get("ref")] = entry["data"]
        rows = [{"decision_id": decision_id, "position": n, **_row(entry["data"], disposed)}
                for n, entry in enumerate((e for e in entries if e["kind"] == RECEIVED), start=1)]
        marker = {"decision_id": decision_id, "report_hash": report_hash, "row_count": len(rows),
                  "through_seq": entries[-1]["seq"] if entries else 0, "built_at": utc_now()}
        try:
            with self.engine.begin() as conn:
                built = conn.execute(select(adoption_built.c.report_hash)
                                     .where(adoption_built.c.decision_id == decision_id)).scalar()
                if built == report_hash:
                    return  # another request built it meanwhile
                conn.execute(delete(adoption_rows).where(adoption_rows.c.decision_id == decision_id))
                conn.execute(delete(adoption_built).where(adoption_built.c.decision_id == decision_id))
                if rows:
                    conn.execute(adoption_rows.insert(), rows)
                conn.execute(adoption_built.insert(), [marker])
        except IntegrityError:  # another process built it at the same moment (PostgreSQL)
            return


def _later(decision_id: str, after_seq: int):  # type: ignore[no-untyped-def]
    return select(ledger_entries).where(ledger_entries.c.decision_id == decision_id,
                                        ledger_entries.c.kind == RECEIVED, ledger_entries.c.seq > after_seq)


def _row(data: dict[str, Any], disposed: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the public report shows of a comment: no name or contact ever (R-H6)."""
    disposition = disposed.get(data.get("receipt"), {})
    paragraph = data.get("paragraph")  # a whole number as the portal numbers the draft, or none
    return {"receipt": str(data.get("receipt", "")),
            "paragraph": paragraph if type(paragraph) is int and -2**63 <= paragraph < 2**63 else None,
            "text": str(data.get("text", "")), "late": bool(data.get("late")),
            "disposition": str(disposition.get("disposition", "")), "reason": str(disposition.get("reason", ""))}
