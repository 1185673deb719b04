"""DAG `notices_daily`: once a day, for every open decision, remind the holders of each step due
within `JUECE_REMIND_DAYS` days, escalate each overdue step once to the sponsor office and the head
(the decision body), and send each sponsor office its digest of open steps. Every notice, delivered
or failed, is recorded as `notice_sent` in the decision's record."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from airflow.sdk import DAG, BaseOperator

from juece import config
from juece.adapters.store.ledger import Ledger
from juece.orchestration import notify
from juece.orchestration.housekeeping.daily import daily_dag
from juece.services import notices

DAG_ID = "notices_daily"


class NoticesOperator(BaseOperator):
    """Sends the day's notices; fails (after every readable decision is served) when a record could not be read."""

    ui_color = "#e6f4ea"

    def execute(self, context: Any) -> dict[str, int]:
        counts = notices.daily(notify.notifier(Ledger(), self.log), datetime.now(UTC), config.remind_days())
        self.log.info("今日通知 notices of the day (record entries): %s", counts)
        if counts["unreadable"]:
            raise RuntimeError(f"{counts['unreadable']} 个决策的记录无法读取 decision record(s) could not be read")
        return counts


def build_notices() -> dict[str, DAG]:
    """The daily DAG (orchestration/housekeeping/daily.py)."""
    return daily_dag(
        DAG_ID, NoticesOperator, "send",
        description="待办提醒与逾期督办 Reminders, escalations and daily digests of human tasks (R-H5)",
        tags=["notices"],
        doc_md="### 待办提醒 Notices\nReminders before a deadline, one escalation per overdue step to the "
               "sponsor office and the head, a digest per sponsor office; each recorded as `notice_sent`.")
