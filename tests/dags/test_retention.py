"""DAG `personal_data_retention`: daily, commenters' names and contacts are erased once the decision
has been archived longer than the retention period, the erasure recorded with counts only (R-H6)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from juece.adapters.store.comments import CommentStore
from juece.adapters.store.db import comments
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import apply_retention
from juece.domain.record.acts import Act
from juece.domain.record.ledger import verify_chain
from tests.conftest import REPO


def test_the_retention_dag_parses_and_runs_daily(juece_home: Path) -> None:
    from airflow.dag_processing.dagbag import DagBag

    bag = DagBag(dag_folder=str(REPO / "dags" / "retention.py"))
    assert bag.import_errors == {} and bag.dags["personal_data_retention"].schedule == "@daily"


@pytest.fixture
def archived(juece_home: Path, launched) -> tuple[Ledger, str]:
    from juece.domain.stages import Stage

    spec, ledger = launched
    ledger.append(spec.id, Act(Stage.PUBLIC_PARTICIPATION, "notice_published", "sponsor_office", {
        "opens_at": "2026-01-01T00:00:00.000000Z", "closes_at": "2099-01-01T00:00:00.000000Z",
        "effective_closes_at": "2099-01-01T00:00:00.000000Z", "draft_version": 1, "period_days": 30}))
    CommentStore(ledger).submit(spec.id, "增加公交线路", datetime.now(UTC), name="王芳", contact="13900000000",
                                client="127.0.0.9")
    ledger.append(spec.id, Act(Stage.ARCHIVE, "archive_built", "juece", {"version": 1}))
    return ledger, spec.id


def personal(ledger: Ledger, decision: str) -> list[tuple]:
    with ledger.engine.connect() as conn:
        return [tuple(row) for row in conn.execute(select(comments.c.name, comments.c.contact)
                                                    .where(comments.c.decision_id == decision))]


def test_names_and_contacts_stay_until_the_retention_after_archiving_passes(archived, monkeypatch) -> None:
    ledger, decision = archived
    monkeypatch.setenv("JUECE_PERSONAL_RETENTION_DAYS", "180")
    assert apply_retention(ledger, datetime.now(UTC) + timedelta(days=179)) == {}
    assert personal(ledger, decision) == [("王芳", "13900000000")]
    erased = apply_retention(ledger, datetime.now(UTC) + timedelta(days=181))
    assert erased == {decision: {"names": 1, "contacts": 1, "clients": 0}}  # its client hash went after 30 days
    assert personal(ledger, decision) == [(None, None)]
    entry = ledger.latest(decision, "personal_data_erased")
    assert entry["data"]["names"] == 1 and "王芳" not in str(entry) and verify_chain(ledger.entries(decision)).intact
    assert apply_retention(ledger, datetime.now(UTC) + timedelta(days=200)) == {}  # nothing left: nothing recorded
