"""Legality review (R-E1..R-E4): the submission, the legal adviser, the review and its rounds,
and the gate that alone opens deliberation.

A review "lawful with revisions" sends the draft back to the sponsor (a task of their own),
then to the reviewer again, up to ``max_rounds`` reviews; each later task skips when the
record does not ask for it. The gate runs whatever was skipped before it (none failed).
"""

from __future__ import annotations

from airflow.providers.standard.operators.empty import EmptyOperator
from airflow.sdk import TaskGroup

from juece.domain.stages import Stage, stage_label
from juece.orchestration.steps import LegalityGateOperator
from juece.orchestration.tasks import person, step
from juece.spec.models import DecisionSpec


def build(spec: DecisionSpec) -> tuple[TaskGroup, LegalityGateOperator, EmptyOperator]:
    stage = Stage.LEGALITY_REVIEW
    config = spec.stages.legality_review
    with TaskGroup(stage.value, tooltip=stage_label(stage)) as group:
        submit = step(spec, "submission", "legality_submission")
        adviser = person(spec, "adviser_opinion", "adviser_opinion", config.legal_adviser)
        review = person(spec, "review", "legality_review", config.reviewer)
        submit >> adviser >> review
        for n in range(1, config.max_rounds):
            revise = person(spec, f"amend_draft_{n}", "legality_revision", spec.sponsor_office)
            again = person(spec, f"rereview_{n}", "legality_rereview", config.reviewer)
            review >> revise >> again
            review = again
        gate = LegalityGateOperator(
            task_id="gate", decision_id=spec.id, trigger_rule="none_failed",
            pass_to=f"{Stage.COLLECTIVE_DELIBERATION.value}.materials", close_to=f"{stage.value}.closed",
        )
        closed = EmptyOperator(task_id="closed")
        review >> gate >> closed
    return group, gate, closed
