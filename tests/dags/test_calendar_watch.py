"""DAG `calendar_watch`: daily, 60 days before a running decision could need a year whose official
holiday schedule is not loaded, it warns and records the warning once per year (R-E3)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from pathlib import Path

from juece.adapters.store.calendar import CalendarStore
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.workdays import parse_schedule
from juece.orchestration.housekeeping.calendar_watch import warn
from tests.conftest import REPO

LOG = logging.getLogger("test")


def launch(ledger: Ledger, decision: str, archived: bool = False) -> None:
    ledger.append(decision, Act("launch", "launched", "sponsor_office", {"spec": {}}))
    if archived:
        ledger.append(decision, Act("archive", "archive_built", "juece", {}))


def test_the_watch_parses_from_dags_and_runs_daily(juece_home: Path) -> None:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(REPO / "dags" / "calendar_watch.py"))
    assert bag.import_errors == {}
    dag = bag.dags["calendar_watch"]
    assert dag.catchup is False and dag.schedule == "@daily"


def test_sixty_days_before_an_unknown_year_each_running_decision_is_warned_once(juece_home: Path) -> None:
    ledger = Ledger()
    launch(ledger, "running-1")
    launch(ledger, "archived-1", archived=True)
    for day in (datetime(2026, 11, 2, tzinfo=UTC), datetime(2026, 11, 3, tzinfo=UTC)):  # 60 days reach 2027
        assert warn(ledger, day, LOG) == {"2027": ["running-1"]}
    warnings = [e for e in ledger.entries("running-1") if e["kind"] == "calendar_warning"]
    assert len(warnings) == 1 and warnings[0]["data"]["year"] == 2027 and warnings[0]["data"]["rule"] == "R-E3"
    assert not [e for e in ledger.entries("archived-1") if e["kind"] == "calendar_warning"]


def test_no_warning_before_the_window_or_once_the_year_is_loaded(juece_home: Path) -> None:
    ledger = Ledger()
    launch(ledger, "running-1")
    assert warn(ledger, datetime(2026, 10, 31, tzinfo=UTC), LOG) == {}  # 2026-12-30 at the latest
    CalendarStore().load(parse_schedule(2027, {"holidays": ["2027-01-01"]}, "notice"), "administrator")
    assert warn(ledger, datetime(2026, 12, 20, tzinfo=UTC), LOG) == {}
