"""Concurrent appends keep every chain intact, on SQLite and on PostgreSQL (R-H2)."""

from __future__ import annotations

import multiprocessing
import uuid
from pathlib import Path

import pytest

from juece.adapters.store.db import get_engine
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.ledger import verify_chain

WRITERS, APPENDS = 4, 40


def _writer(url: str, decisions: list[str], writer: int) -> None:
    ledger = Ledger(get_engine(url))
    for n in range(APPENDS):
        decision = decisions[n % len(decisions)]
        acts = [Act("public_participation", "comment_received", "public", {"writer": writer, "n": n, "part": p})
                for p in range(1 + n % 2)]
        ledger.append_many(decision, acts)


def _hammer(url: str) -> Ledger:
    decisions = [f"d-{uuid.uuid4().hex[:8]}", f"d-{uuid.uuid4().hex[:8]}"]
    get_engine(url)  # create the tables before the writers race
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(url, decisions, w)) for w in range(WRITERS)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    ledger = Ledger(get_engine(url))
    for index, decision in enumerate(decisions):
        entries = ledger.entries(decision)
        expected = WRITERS * sum(1 + n % 2 for n in range(APPENDS) if n % len(decisions) == index)
        assert len(entries) == expected
        report = verify_chain(entries, decision)
        assert report.intact, report.problems
    return ledger


def test_concurrent_appends_keep_the_sqlite_chains_intact(tmp_path: Path) -> None:
    _hammer(f"sqlite:///{tmp_path / 'records.db'}")


@pytest.mark.postgres
def test_concurrent_appends_keep_the_postgres_chains_intact(postgres_url: str) -> None:
    _hammer(postgres_url)


def test_a_retried_act_with_the_same_key_is_written_once(tmp_path: Path) -> None:
    ledger = Ledger(get_engine(f"sqlite:///{tmp_path / 'records.db'}"))
    act = Act("launch", "workflow_started", "juece", {"run": 1}, act_key="run-1/launch")
    first = ledger.append("d", act)
    again = ledger.append("d", act)
    assert again["hash"] == first["hash"]
    assert len(ledger.entries("d")) == 1
