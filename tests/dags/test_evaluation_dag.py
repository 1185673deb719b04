"""DAG shape after the decision: the consequence of the meeting (R-F5) and the evaluation DAG of an
approved decision (R-G3..R-G5), built from its plan by the same DAG file."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time, parse_time
from tests.conftest import TEMPLATES
from tests.dags.test_integrity import dagbag, launch_specs

DECISION = "yanshou-2027-urban-001"
SOON = format_time(datetime.now(UTC) + timedelta(days=3))  # within the week before it is due
PLAN = {"decision_id": DECISION, "due_at": "2029-03-02T02:00:00.000000Z", "effective_due_at": SOON}


def plan(home: Path, effective_due_at: str = SOON) -> None:
    """The plan as the decision's run records it: an `evaluation_scheduled` entry (no file)."""
    data = {"applies": True, "due_at": PLAN["due_at"], "effective_due_at": effective_due_at}
    Ledger().append(DECISION, Act("post_evaluation", "evaluation_scheduled", "juece", data))


def evaluation(*acts: tuple[str, dict]) -> None:
    Ledger().append_many(DECISION, [Act("post_evaluation", kind, "juece", data) for kind, data in acts])


def test_the_meeting_outcome_is_concluded_after_the_minutes_and_before_publication(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    dag = dagbag().dags[f"decision__{DECISION}"]
    conclude = dag.get_task("collective_deliberation.outcome")
    assert conclude.upstream_task_ids == {"collective_deliberation.minutes"}
    assert "publication.review_announcement" in conclude.downstream_task_ids
    assert type(dag.get_task("post_evaluation.schedule")).__name__ == "PlanEvaluationOperator"


def test_a_decision_without_an_evaluation_plan_has_no_evaluation_dag(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    assert list(dagbag().dags) == [f"decision__{DECISION}"]


def test_an_approved_decision_gets_its_evaluation_dag_from_its_plan(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    plan(juece_home)
    bag = dagbag()
    assert bag.import_errors == {}
    dag = bag.dags[f"evaluation__{DECISION}"]
    assert dag.start_date == parse_time(PLAN["effective_due_at"]) and dag.max_active_runs == 1
    assert dag.is_paused_upon_creation is False  # the planned run needs nobody to unpause it
    order = ["post_evaluation.open", "post_evaluation.evaluate", "post_evaluation.amend", "archive.reissue"]
    for upstream, downstream in zip(order, order[1:], strict=False):
        assert dag.get_task(downstream).upstream_task_ids == {upstream}
    evaluate = dag.get_task("post_evaluation.evaluate")
    assert evaluate.assigned_users == [{"id": "evaluator", "name": "evaluator"}]
    assert set(evaluate.options) == {"继续执行 Continue", "调整 Adjust", "停止执行 Stop"}
    assert dag.get_task("archive.reissue").trigger_rule == "none_failed"  # also after `amend` skips


@pytest.mark.parametrize(("wanted", "expected"), [
    (f"evaluation__{DECISION}", [f"evaluation__{DECISION}"]), (f"decision__{DECISION}", [f"decision__{DECISION}"])])
def test_a_worker_parses_only_the_dag_it_runs(juece_home: Path, monkeypatch: pytest.MonkeyPatch, wanted, expected) -> None:
    launch_specs(juece_home, *sorted(TEMPLATES.glob("*.yaml")))
    plan(juece_home)
    monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", wanted)
    assert list(dagbag().dags) == expected


def test_an_evaluation_due_in_a_year_has_no_dag_until_its_week_comes(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    plan(juece_home, format_time(datetime.now(UTC) + timedelta(days=365)))
    assert list(dagbag().dags) == [f"decision__{DECISION}"]


def test_a_request_brings_a_quiet_evaluation_dag_back_and_it_stays_while_the_evaluation_is_open(
        juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    plan(juece_home, format_time(datetime.now(UTC) + timedelta(days=365)))
    evaluation(("evaluation_requested", {"number": 1, "trigger": "complaint"}))
    assert f"evaluation__{DECISION}" in dagbag().dags
    evaluation(("evaluation_opened", {"number": 1, "run_id": "manual__1"}))
    assert f"evaluation__{DECISION}" in dagbag().dags


def test_a_concluded_evaluation_keeps_its_dag_while_its_run_finishes_and_the_planned_run_is_still_ahead(
        juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    plan(juece_home)
    evaluation(("evaluation_requested", {"number": 1, "trigger": "complaint"}),
               ("evaluation_opened", {"number": 1, "run_id": "manual__1"}),
               ("evaluation_concluded", {"number": 1, "outcome": "continue"}))
    assert f"evaluation__{DECISION}" in dagbag().dags  # and due within the week: the planned run comes
