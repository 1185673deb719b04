"""Notices sent and recorded: each channel's attempt is a `notice_sent` entry under an act key, so a
retried task or a rerun day tells no one twice; a failing channel is recorded as failed and fails
nothing; the daily round reminds, escalates once, and sends each sponsor office one digest a day."""

from __future__ import annotations

import logging
import socket
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from juece.adapters.notify.channels import LogChannel, WebhookChannel
from juece.adapters.store.ledger import Ledger
from juece.domain.notices.people import Person
from juece.domain.notices.sent import Outcome
from juece.domain.notices.texts import Notice
from juece.domain.record.acts import Act
from juece.domain.record.workdays import china_date
from juece.services import notices
from juece.spec import load_spec

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"
LOG = logging.getLogger("test.notices")
PEOPLE = {"legality_reviewer": Person("legality_reviewer", "王审查"), "sponsor_office": Person("sponsor_office", "县住建局")}


class Broken:
    name = "broken"

    def send(self, notice: Notice) -> Outcome:
        raise RuntimeError("the platform's client fell over")


def refused_webhook() -> WebhookChannel:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return WebhookChannel(f"http://127.0.0.1:{port}/hook", timeout=2)


def launched(ledger: Ledger, review_due: str | None = None) -> str:
    spec = load_spec(URBAN)
    acts = [Act("launch", "launched", "sponsor_office", {"spec": spec.model_dump(mode="json"), "clock_scale": 1})]
    if review_due:
        acts.append(Act("legality_review", "submission_prepared", "sponsor_office", {"review_due": review_due}))
    ledger.append_many(spec.id, acts)
    return spec.id


def sent(ledger: Ledger, decision_id: str) -> list[dict[str, Any]]:
    return [e["data"] for e in ledger.entries(decision_id) if e["kind"] == "notice_sent"]


def notifier(ledger: Ledger, *channels: Any) -> notices.Notifier:
    return notices.Notifier(ledger, list(channels) or [LogChannel(LOG)], PEOPLE, "http://127.0.0.1:8080", LOG)


def test_the_opened_notice_is_recorded_once_per_channel_however_often_the_task_runs(juece_home: Path) -> None:
    ledger = Ledger()
    decision_id = launched(ledger, (china_date(datetime.now(UTC)) + timedelta(days=5)).isoformat())
    task = notices.OpenTask("legality_review", "legality_reviewer", "合法性审查 Review the draft's legality",
                            "http://127.0.0.1:8080/dags/d/runs/r/tasks/t/required_actions?map_index=-1",
                            "manual__1/legality_review.review/-1/")
    both = notifier(ledger, LogChannel(LOG), refused_webhook(), Broken())
    now = datetime.now(UTC)
    assert notices.task_opened(both, ledger.entries(decision_id), task, now) == 3
    assert notices.task_opened(both, ledger.entries(decision_id), task, now) == 0  # a retry tells no one twice
    records = sent(ledger, decision_id)
    assert [(r["channel"], r["outcome"]) for r in records] == [
        ("log", "delivered"), ("webhook", "failed"), ("broken", "failed")]
    assert "no IM id" in records[1]["reason"] and "fell over" in records[2]["reason"]
    assert {(r["recipient"], r["name"], r["notice"], r["step"]) for r in records} == {
        ("legality_reviewer", "王审查", "opened", "R-E3/2")}
    assert records[0]["subject"].startswith("【待办】合法性审查")


def test_a_step_due_soon_is_reminded_once_and_the_office_gets_one_digest_a_day(juece_home: Path) -> None:
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, (china_date(now) + timedelta(days=1)).isoformat())
    first = notices.daily(notifier(ledger), now, 2)
    assert first == {"reminder": 2, "escalation": 0, "digest": 1, "unreadable": 0}
    assert notices.daily(notifier(ledger), now + timedelta(minutes=5), 2) == {
        "reminder": 0, "escalation": 0, "digest": 0, "unreadable": 0}
    kinds = [(r["notice"], r["recipient"]) for r in sent(ledger, decision_id)]
    assert kinds == [("reminder", "legality_reviewer"), ("reminder", "legal_adviser"), ("digest", "sponsor_office")]
    assert notices.daily(notifier(ledger), now + timedelta(days=1), 0)["digest"] == 1  # the next day's digest


def test_an_overdue_step_is_escalated_once_not_again_the_next_day(juece_home: Path) -> None:
    ledger, now = Ledger(), datetime.now(UTC)
    decision_id = launched(ledger, (china_date(now) - timedelta(days=1)).isoformat())
    assert notices.daily(notifier(ledger), now, 2)["escalation"] == 2
    assert notices.daily(notifier(ledger), now + timedelta(days=1), 2)["escalation"] == 0
    escalated = [r["recipient"] for r in sent(ledger, decision_id) if r["notice"] == "escalation"]
    assert escalated == ["sponsor_office", "county_head"]


def test_an_unreadable_record_is_counted_and_the_others_are_served(juece_home: Path) -> None:
    ledger, now = Ledger(), datetime.now(UTC)
    launched(ledger, (china_date(now) + timedelta(days=1)).isoformat())
    ledger.append_many("broken-1", [Act("launch", "launched", "x", {"spec": {"id": "broken-1"}}),
                                    Act("legality_review", "submission_prepared", "x", {})])  # no review_due
    counts = notices.daily(notifier(ledger), now, 2)
    assert counts["unreadable"] == 1 and counts["reminder"] == 2
