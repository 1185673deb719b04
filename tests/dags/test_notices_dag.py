"""DAG `notices_daily` parses from dags/ and runs daily; its task sends and records the day's
notices. A human task, as it opens, tells its assignee with the link to its Required-actions page
before it starts waiting, and recorded once however often it runs."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from airflow.providers.standard.operators.hitl import HITLOperator

from juece.domain.record.acts import Act
from juece.domain.record.workdays import china_date
from tests.conftest import REPO


class Waiting(Exception):
    """The operator handed the task to Airflow's HITL waiting."""


def test_the_dag_parses_from_dags_and_runs_daily(juece_home: Path) -> None:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(REPO / "dags" / "notices.py"))
    assert bag.import_errors == {}
    dag = bag.dags["notices_daily"]
    assert dag.catchup is False and dag.schedule == "@daily" and [t.task_id for t in dag.tasks] == ["send"]


def test_the_task_reminds_and_digests_and_a_rerun_sends_nothing_twice(launched, monkeypatch) -> None:
    from juece.orchestration.housekeeping.notices import NoticesOperator

    spec, ledger = launched
    due = (china_date(datetime.now(UTC)) + timedelta(days=1)).isoformat()
    ledger.append(spec.id, Act("legality_review", "submission_prepared", "sponsor_office", {"review_due": due}))
    monkeypatch.setenv("JUECE_NOTIFY_CHANNELS", "log")
    task = NoticesOperator(task_id="send")
    assert task.execute({}) == {"reminder": 2, "escalation": 0, "digest": 1, "unreadable": 0}
    assert task.execute({})["reminder"] == 0
    assert [e["data"]["notice"] for e in ledger.entries(spec.id) if e["kind"] == "notice_sent"] == [
        "reminder", "reminder", "digest"]


def test_an_opening_task_tells_its_assignee_with_the_link_then_waits(
        launched, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture,
        capsys: pytest.CaptureFixture[str]) -> None:
    from juece.orchestration.hitl import DecisionTaskOperator

    spec, ledger = launched
    monkeypatch.setattr(HITLOperator, "execute", lambda self, ctx: (_ for _ in ()).throw(Waiting(self.task_id)))
    monkeypatch.setenv("AIRFLOW__API__BASE_URL", "http://127.0.0.1:28080/airflow/")
    monkeypatch.setenv("JUECE_NOTIFY_CHANNELS", "log,webhook")
    monkeypatch.setenv("JUECE_WEBHOOK_URL", "ftp://127.0.0.1/")  # refused: the notice still goes to the log
    ti = SimpleNamespace(dag_id=f"decision__{spec.id}", run_id="manual__t", task_id="risk_assessment.assess",
                         map_index=-1, try_number=1)
    operator = DecisionTaskOperator(task_id="assess", decision_id=spec.id, form="risk_assessment",
                                    assignee="risk_assessor")
    with caplog.at_level(logging.INFO):
        for _ in range(2):  # the task retried
            with pytest.raises(Waiting):
                operator.execute({"ti": ti})
    told = [e for e in ledger.entries(spec.id) if e["kind"] == "notice_sent"]
    assert [(e["data"]["recipient"], e["data"]["notice"], e["data"]["channel"]) for e in told] == [
        ("risk_assessor", "opened", "log")]
    link = f"http://127.0.0.1:28080/airflow/juece/tasks/decisions/{spec.id}/risk"  # the register's own page
    logged = caplog.text + capsys.readouterr().out  # the task's log, as Airflow's logging routes it
    assert link in logged and "must be an http" in logged
