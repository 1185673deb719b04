"""Which evaluation DAGs the DAG file builds (``active_plans``): asked for, open, finishing, or the
planned evaluation due within the week; a quiet one is left out until a request brings it back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time
from juece.services.evaluation import FINISHING, HORIZON, active_plans

D = "a-decision"


@pytest.fixture
def ledger(juece_home: Path) -> Ledger:
    return Ledger()


@pytest.fixture
def now() -> datetime:
    """Read when each test starts: the entries a test writes are seconds from it."""
    return datetime.now(UTC)


def planned(ledger: Ledger, due: datetime, *acts: tuple[str, dict], decision: str = D) -> None:
    data = {"applies": True, "due_at": format_time(due), "effective_due_at": format_time(due)}
    ledger.append_many(decision, [Act("post_evaluation", "evaluation_scheduled", "juece", data),
                                  *(Act("post_evaluation", kind, "juece", body) for kind, body in acts)])


def test_the_planned_evaluation_appears_the_week_before_it_is_due(now: datetime, ledger: Ledger) -> None:
    planned(ledger, now + HORIZON + timedelta(hours=1))
    assert active_plans(ledger, now) == {}
    assert set(active_plans(ledger, now + timedelta(hours=2))) == {D}
    assert set(active_plans(ledger, now + timedelta(days=400))) == {D}  # overdue and not run: still built


def test_a_decision_not_approved_has_no_evaluation(now: datetime, ledger: Ledger) -> None:
    ledger.append(D, Act("post_evaluation", "evaluation_scheduled", "juece", {"applies": False}))
    assert active_plans(ledger, now + timedelta(days=1000)) == {}


@pytest.mark.parametrize(("acts", "active"), [
    ([("evaluation_requested", {"number": 1})], True),  # asked for, not yet taken up
    ([("evaluation_requested", {"number": 1}), ("evaluation_opened", {"number": 1, "run_id": "manual__x"})], True),
    ([("evaluation_requested", {"number": 1}), ("evaluation_opened", {"number": 1, "run_id": "manual__x"}),
      ("evaluation_concluded", {"number": 1})], False),  # concluded, and the planned run is a year away
])
def test_a_request_or_an_open_evaluation_keeps_a_far_plan_built(now: datetime, ledger: Ledger, acts, active: bool) -> None:
    planned(ledger, now + timedelta(days=365), *acts)
    later = now + FINISHING + timedelta(minutes=1)
    assert (D in active_plans(ledger, later)) is active
    assert D in active_plans(ledger, now)  # whatever the state, for a week after its last step


def test_after_the_planned_run_concluded_the_dag_is_left_out_until_the_next_request(now: datetime, ledger: Ledger) -> None:
    ran = [("evaluation_requested", {"number": 1}),
           ("evaluation_opened", {"number": 1, "run_id": "scheduled__2026-01-01T00:00:00+00:00"}),
           ("evaluation_concluded", {"number": 1})]
    planned(ledger, now - timedelta(days=1), *ran)
    later = now + FINISHING + timedelta(minutes=1)
    assert active_plans(ledger, later) == {}
    ledger.append(D, Act("post_evaluation", "evaluation_requested", "juece", {"number": 2}))
    assert set(active_plans(ledger, later)) == {D}


def test_each_decision_is_judged_on_its_own_entries(now: datetime, ledger: Ledger) -> None:
    planned(ledger, now + timedelta(days=365), decision="quiet")
    planned(ledger, now + timedelta(days=365), ("evaluation_requested", {"number": 1}), decision="asked")
    assert set(active_plans(ledger, now)) == {"asked"}
