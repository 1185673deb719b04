"""Legality review (R-E1..R-E4): the submission, the legal adviser, the review, and the gate
that alone opens deliberation."""

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
        gate = LegalityGateOperator(
            task_id="gate", decision_id=spec.id,
            pass_to=f"{Stage.COLLECTIVE_DELIBERATION.value}.materials", close_to=f"{stage.value}.closed",
        )
        closed = EmptyOperator(task_id="closed")
        submit >> adviser >> review >> gate >> closed
    return group, gate, closed
