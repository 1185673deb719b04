"""DAG `personal_data_retention`: once a day, the retention periods of personal data (R-H6) are
applied: commenters' client hashes past `JUECE_CLIENT_RETENTION_DAYS`, and the names and contacts of
every decision archived more than `JUECE_PERSONAL_RETENTION_DAYS` ago (the full edition keeps them,
for archivists only). Each erasure is recorded in the decision's ledger with counts only."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from airflow.sdk import DAG, BaseOperator

from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import apply_retention
from juece.orchestration.housekeeping.daily import daily_dag

DAG_ID = "personal_data_retention"


class RetentionOperator(BaseOperator):
    ui_color = "#f1e8fd"

    def execute(self, context: Any) -> dict[str, dict[str, int]]:
        erased = apply_retention(Ledger(), datetime.now(UTC))
        for decision_id, counts in erased.items():
            self.log.info("%s: personal data erased after its retention period %s", decision_id, counts)
        return erased


def build_retention() -> dict[str, DAG]:
    """The daily DAG (orchestration/housekeeping/daily.py)."""
    return daily_dag(
        DAG_ID, RetentionOperator, "apply",
        description="个人信息保存期限 Personal data retention: client hashes, then names and contacts (R-H6)",
        tags=["personal data"])
