"""DAG `archive_fixity`: parses from dags/, runs daily, and its task reports a mismatch by failing
after recording it (R-H2)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from juece.adapters.store import catalogue
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from tests.conftest import REPO

FIXITY_FILE = REPO / "dags" / "fixity.py"


def bag():
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(FIXITY_FILE))


def test_the_fixity_dag_parses_and_runs_daily_without_catching_up(juece_home: Path) -> None:
    parsed = bag()
    assert parsed.import_errors == {}
    dag = parsed.dags["archive_fixity"]
    assert dag.schedule == "@daily" and dag.timetable.expression == "0 0 * * *"
    assert dag.catchup is False and dag.max_active_runs == 1
    assert [t.task_id for t in dag.tasks] == ["check"]
    assert "juece" in dag.tags


def test_a_worker_running_another_dag_does_not_build_it(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", "decision__x")
    assert list(bag().dags) == []


def test_the_task_fails_after_recording_a_mismatch_and_passes_on_a_clean_store(juece_home: Path) -> None:
    from juece.adapters.store import fixity_log
    from juece.orchestration.housekeeping.fixity import FixityOperator

    task = FixityOperator(task_id="check")
    assert task.execute({})["findings"] == 0
    Ledger().append("d-1", Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": {}}))
    stored = juece_home / "stand-in.pdf"
    stored.write_bytes(b"stand-in")
    catalogue.register(catalogue.ArchiveIssue(
        archive_no="J001-2027-0009", decision_id="d-1", version=1, edition="full", title="t", title_en="",
        decision_body="b", sponsor="s", category="other_public_interest", catalogue_year=None,
        catalogue_number=None, archive_year=2027, item_number=9, outcome="", chain_head="0" * 64,
        location=stored.as_uri(), sha256=hashlib.sha256(b"other").hexdigest(), size=8,
        issued_at="2027-03-02T00:00:00.000000Z"))
    with pytest.raises(RuntimeError, match="stand-in.pdf"):
        task.execute({})
    assert Ledger().latest("d-1", "fixity_failed")["data"]["found"] == hashlib.sha256(b"stand-in").hexdigest()
    assert [run["trigger"] for run in fixity_log.runs()] == ["dag", "dag"]
