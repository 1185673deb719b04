"""The review loops in the DAG: risk rounds (R-D4) and legality review rounds (R-E4) unrolled
into tasks, skipped when the record does not ask for them, and the gate (R-E1) that every path
to deliberation passes through."""

from __future__ import annotations

from collections import deque
from pathlib import Path
from typing import Any

import pytest

from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.spec import load_spec
from tests.conftest import TEMPLATES
from tests.dags.conftest import context
from tests.dags.test_integrity import TEMPLATE_FILES, dagbag, launch_specs, template


def build(spec: dict | Path):
    from juece.orchestration.factory import build_dag
    from juece.spec.models import DecisionSpec

    return build_dag(load_spec(spec) if isinstance(spec, Path) else DecisionSpec.model_validate(spec))


def reachable_without(dag, start: str, removed: str) -> set[str]:
    """Every task reachable from ``start`` when ``removed`` is taken out of the graph."""
    seen, queue = {start}, deque([start])
    while queue:
        for child in dag.get_task(queue.popleft()).downstream_task_ids:
            if child != removed and child not in seen:
                seen.add(child)
                queue.append(child)
    return seen


def with_rounds(risk: int, legality: int) -> dict[str, Any]:
    spec = template("urban-planning.yaml")
    spec["stages"]["risk_assessment"]["max_rounds"] = risk
    spec["stages"]["legality_review"]["max_rounds"] = legality
    return spec


SPECS = {**{p.stem: p for p in TEMPLATE_FILES}, "one-round-each": with_rounds(1, 1), "five-rounds-each": with_rounds(5, 5)}


@pytest.mark.parametrize("spec", list(SPECS.values()), ids=list(SPECS))
def test_every_path_from_launch_to_deliberation_passes_through_the_gate_r_e1(juece_home, spec) -> None:
    dag = build(spec)
    deliberation = {t.task_id for t in dag.tasks if t.task_id.startswith("collective_deliberation.")}
    assert deliberation and "legality_review.gate" in reachable_without(dag, "launch", "")
    assert reachable_without(dag, "launch", "legality_review.gate") & deliberation == set()
    assert reachable_without(dag, "legality_review.gate", "") >= deliberation


def chain_of(dag, group: str, ids: list[str]) -> None:
    for before, after in zip(ids, ids[1:], strict=False):
        assert dag.get_task(f"{group}.{after}").upstream_task_ids == {f"{group}.{before}"}, after


def test_risk_rounds_are_unrolled_with_the_sponsors_revision_between_them(juece_home) -> None:
    dag = build(TEMPLATES / "urban-planning.yaml")
    chain_of(dag, "risk_assessment", ["assess", "revise_draft_1", "reassess_1", "revise_draft_2", "reassess_2", "conclude"])
    assert dag.get_task("risk_assessment.conclude").trigger_rule == "none_failed"
    assert dag.get_task("risk_assessment.revise_draft_1").assigned_users == [{"id": "sponsor_office", "name": "sponsor_office"}]
    assert dag.get_task("risk_assessment.reassess_2").assigned_users == [{"id": "risk_assessor", "name": "risk_assessor"}]
    assert "risk_assessment.revise_draft_3" not in dag.task_dict  # max_rounds 3: two revisions at most
    assert "legality_review.submission" in dag.get_task("risk_assessment.conclude").downstream_task_ids


def test_legality_review_rounds_are_unrolled_and_the_gate_runs_after_skipped_rounds(juece_home) -> None:
    dag = build(with_rounds(3, 2))
    chain_of(dag, "legality_review", ["submission", "adviser_opinion", "review", "amend_draft_1", "rereview_1", "gate"])
    gate = dag.get_task("legality_review.gate")
    assert gate.trigger_rule == "none_failed"
    assert gate.downstream_task_ids == {"collective_deliberation.materials", "legality_review.closed"}
    assert dag.get_task("legality_review.amend_draft_1").assigned_users[0]["id"] == "sponsor_office"
    assert dag.get_task("legality_review.rereview_1").assigned_users[0]["id"] == "legality_reviewer"


def test_templates_still_load_as_dags_with_the_new_tasks(juece_home: Path) -> None:
    launch_specs(juece_home, *TEMPLATE_FILES)
    bag = dagbag()
    assert bag.import_errors == {}
    for dag in bag.dags.values():
        assert "risk_assessment.conclude" in dag.task_dict or "risk_assessment.not_applicable" in dag.task_dict


# --- the operators against a real records DB --------------------------------------------------

@pytest.mark.parametrize(("task_id", "form", "assignee"), [
    ("risk_assessment.revise_draft_1", "risk_revision", "sponsor_office"),
    ("risk_assessment.reassess_1", "risk_reassessment", "risk_assessor"),
    ("legality_review.amend_draft_1", "legality_revision", "sponsor_office"),
    ("legality_review.rereview_1", "legality_rereview", "legality_reviewer"),
], ids=["risk-revision", "reassessment", "legality-revision", "rereview"])
def test_a_later_round_skips_when_the_record_does_not_ask_for_it(launched, task_id, form, assignee) -> None:
    from airflow.sdk.exceptions import AirflowSkipException

    from juece.orchestration.hitl import DecisionTaskOperator

    spec, ledger = launched
    ledger.append_many(spec.id, [Act(Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor", {"controllable": True}),
                                 Act(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"outcome": "lawful"})])
    operator = DecisionTaskOperator(task_id=task_id.split(".")[1], decision_id=spec.id, form=form, assignee=assignee)
    before = len(ledger.entries(spec.id))
    with pytest.raises(AirflowSkipException):
        operator.execute(context(task_id))
    assert len(ledger.entries(spec.id)) == before


@pytest.mark.parametrize(("outcome", "rule"), [("unlawful", "R-E1"), ("lawful_with_revisions", "R-E4")])
def test_the_gate_operator_closes_and_records_one_entry_with_the_rule(launched, outcome: str, rule: str) -> None:
    from juece.orchestration.steps import LegalityGateOperator

    spec, ledger = launched
    ledger.append_many(spec.id, [Act(Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor", {"controllable": True}),
                                 Act(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"outcome": outcome})])
    gate = LegalityGateOperator(task_id="gate", decision_id=spec.id, pass_to="collective_deliberation.materials",
                                close_to="legality_review.closed")
    before = len(ledger.entries(spec.id))
    assert gate.choose_branch(context("legality_review.gate")) == "legality_review.closed"
    new = ledger.entries(spec.id)[before:]
    assert [e["kind"] for e in new] == ["gate_closed"]
    assert [r["rule"] for r in new[0]["data"]["refusals"]] == [rule]
