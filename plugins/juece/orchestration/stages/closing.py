"""After the decision: publication (R-G1), the archive, and post-decision evaluation (R-G2..R-G5)."""

from __future__ import annotations

from airflow.sdk import BaseOperator, TaskGroup

from juece.domain.stages import Stage, stage_label
from juece.orchestration.stages.evaluation import PlanEvaluationOperator
from juece.orchestration.steps import ArchiveOperator
from juece.orchestration.tasks import person, step
from juece.spec.models import DecisionSpec


def build(spec: DecisionSpec) -> tuple[BaseOperator, BaseOperator, BaseOperator]:
    """(first task of publication, the archive task, last task of evaluation)."""
    with TaskGroup(Stage.PUBLICATION.value, tooltip=stage_label(Stage.PUBLICATION)):
        review = person(spec, "review_announcement", "publication_review", spec.sponsor_office)
        publish = step(spec, "announce", "publication")
        review >> publish
    with TaskGroup(Stage.ARCHIVE.value, tooltip=stage_label(Stage.ARCHIVE)):
        archive = ArchiveOperator(task_id="build", decision_id=spec.id, trigger_rule="none_failed_min_one_success")
    with TaskGroup(Stage.POST_EVALUATION.value, tooltip=stage_label(Stage.POST_EVALUATION)):
        evaluate = PlanEvaluationOperator(task_id="schedule", decision_id=spec.id)
    publish >> archive >> evaluate
    return review, archive, evaluate
