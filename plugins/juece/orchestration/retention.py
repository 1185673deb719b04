"""DAG `personal_data_retention`: once a day, the retention periods of personal data (R-H6) are
applied: commenters' client hashes past `JUECE_CLIENT_RETENTION_DAYS`, and the names and contacts of
every decision archived more than `JUECE_PERSONAL_RETENTION_DAYS` ago (the full edition keeps them,
for archivists only). Each erasure is recorded in the decision's ledger with counts only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from airflow.sdk import DAG, BaseOperator, get_parsing_context

from juece.domain.workdays import CHINA
from juece.store.ledger import Ledger
from juece.store.personal import apply_retention

DAG_ID = "personal_data_retention"


class RetentionOperator(BaseOperator):
    ui_color = "#f1e8fd"

    def execute(self, context: Any) -> dict[str, dict[str, int]]:
        erased = apply_retention(Ledger(), datetime.now(UTC))
        for decision_id, counts in erased.items():
            self.log.info("%s: personal data erased after its retention period %s", decision_id, counts)
        return erased


def build_retention() -> dict[str, DAG]:
    """The DAG, unless a worker is parsing the file for another DAG."""
    wanted = get_parsing_context().dag_id
    if wanted and wanted != DAG_ID:
        return {}
    with DAG(
        dag_id=DAG_ID,
        description="个人信息保存期限 Personal data retention: client hashes, then names and contacts (R-H6)",
        schedule="@daily",
        start_date=datetime(2025, 1, 1, tzinfo=CHINA),
        catchup=False,
        max_active_runs=1,
        is_paused_upon_creation=False,
        default_args={"retries": 1, "retry_delay": timedelta(minutes=5)},
        tags=["juece", "personal data"],
    ) as dag:
        RetentionOperator(task_id="apply")
    return {DAG_ID: dag}
