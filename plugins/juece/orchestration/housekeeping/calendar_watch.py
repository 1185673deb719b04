"""DAG `calendar_watch`: once a day, warn 60 days ahead when a running decision could need working
days of a year whose official holiday schedule is not loaded yet (R-E3), so that the administrator
loads it before any step has to wait for it. The warning is logged and recorded once per year in
each running decision's record."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from airflow.sdk import DAG, BaseOperator

from juece.adapters.store.calendar import CalendarStore
from juece.adapters.store.ledger import Ledger
from juece.domain.record import workdays
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.orchestration.housekeeping.daily import daily_dag

DAG_ID = "calendar_watch"
WARN_DAYS = 60


def running_decisions(ledger: Ledger) -> list[str]:
    """Decisions launched and not yet archived."""
    archived = {e["decision_id"] for e in ledger.of_kind("archive_built")}
    return [d for d in ledger.decisions() if d not in archived]


def warn(ledger: Ledger, today: datetime, log: Any) -> dict[str, list[str]]:
    """Record `calendar_warning` in each running decision for each unknown year within WARN_DAYS."""
    CalendarStore(ledger.engine).install()
    years = workdays.unknown_years(workdays.china_date(today), WARN_DAYS)
    warned: dict[str, list[str]] = {}
    for year in years:
        message = {"year": year, "warn_days": WARN_DAYS, "rule": "R-E3",
                   "zh": f"{WARN_DAYS}日内将需要{year}年的工作日，但尚未载入国务院公布的{year}年节假日安排：请管理员载入",
                   "en": f"working days of {year} may be needed within {WARN_DAYS} days and its official holiday "
                         "schedule is not loaded: an administrator loads it with `juece calendar import`"}
        log.warning("%s / %s", message["zh"], message["en"])
        for decision_id in running_decisions(ledger):
            act = Act(Stage.LAUNCH, "calendar_warning", "juece", message, f"calendar-warning/{year}")
            ledger.append(decision_id, act)
            warned.setdefault(str(year), []).append(decision_id)
    return warned


class CalendarWatchOperator(BaseOperator):
    ui_color = "#fef7e0"

    def execute(self, context: Any) -> dict[str, list[str]]:
        return warn(Ledger(), datetime.now(UTC), self.log)


def build_calendar_watch() -> dict[str, DAG]:
    """The daily DAG (orchestration/housekeeping/daily.py)."""
    return daily_dag(
        DAG_ID, CalendarWatchOperator, "check",
        description="节假日安排预警 Holiday schedule watch: warn 60 days before an unknown year is needed (R-E3)",
        tags=["calendar"])
