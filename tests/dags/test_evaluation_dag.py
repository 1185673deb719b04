"""DAG shape after the decision: the consequence of the meeting (R-F5) and the evaluation DAG of an
approved decision (R-G3..R-G5), built from its plan by the same DAG file."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.domain.record.clock import parse_time
from tests.conftest import TEMPLATES
from tests.dags.test_integrity import dagbag, launch_specs

DECISION = "yanshou-2027-urban-001"
PLAN = {"decision_id": DECISION, "due_at": "2029-03-02T02:00:00.000000Z",
        "effective_due_at": "2027-03-02T02:00:00.000000Z"}


def plan(home: Path) -> None:
    """The plan as the decision's run records it: an `evaluation_scheduled` entry (no file)."""
    from juece.adapters.store.ledger import Ledger
    from juece.domain.record.acts import Act

    data = {"applies": True, "due_at": PLAN["due_at"], "effective_due_at": PLAN["effective_due_at"]}
    Ledger().append(DECISION, Act("post_evaluation", "evaluation_scheduled", "juece", data))


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
