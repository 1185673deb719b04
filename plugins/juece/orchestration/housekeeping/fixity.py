"""DAG `archive_fixity`: once a day, every stored archive file and every decision's chain is
checked (R-H2, R-H3); a finding fails the run after it is logged, recorded and notified."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from airflow.sdk import DAG, BaseOperator

from juece.adapters.store.ledger import Ledger
from juece.orchestration.housekeeping.daily import daily_dag
from juece.services import fixity

DAG_ID = "archive_fixity"


class FixityOperator(BaseOperator):
    """Runs the check; fails (after reporting) when anything differs, so the run shows red."""

    ui_color = "#fde2e1"

    def execute(self, context: Any) -> dict[str, Any]:
        result = fixity.run("dag", Ledger())
        summary = {"files": result.files, "decisions": result.decisions, "findings": len(result.findings)}
        if not result.ok:
            names = "; ".join(f.line() for f in result.findings)
            raise RuntimeError(f"档案完整性校验发现问题 fixity check failed ({len(result.findings)}): {names}")
        self.log.info("All %d archive file(s) and %d chain(s) intact", result.files, result.decisions)
        return summary


def build_fixity() -> dict[str, DAG]:
    """The daily DAG (orchestration/housekeeping/daily.py)."""
    return daily_dag(
        DAG_ID, FixityOperator, "check",
        description="档案完整性校验 Archive fixity: file hashes, archive verification, ledger chains (R-H2, R-H3)",
        tags=["archive"], default_args={"retries": 0, "execution_timeout": timedelta(hours=6)},  # instead of DAILY_ARGS
        doc_md="### 档案完整性校验 Archive fixity\nA mismatch is logged, recorded as `fixity_failed` "
               "and notified; it is never repaired (R-H2).")
