"""Build DAG ``decision__<id>`` from a decision spec (R-A2: the five stages always present). Each
stage's tasks are built in orchestration/stages/; this module wires the stages together."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from airflow.sdk import DAG, TaskGroup

from juece.domain.stages import Stage, stage_label
from juece.orchestration.defaults import DEFAULT_ARGS
from juece.orchestration.stages import closing as stage_closing
from juece.orchestration.stages import deliberation as stage_deliberation
from juece.orchestration.stages import expert_review as stage_expert_review
from juece.orchestration.stages import legality as stage_legality
from juece.orchestration.stages import participation as stage_participation
from juece.orchestration.stages import risk as stage_risk
from juece.orchestration.steps import RecordStepOperator
from juece.spec.models import DecisionSpec

START = datetime(2026, 1, 1, tzinfo=UTC)


def build_dag(spec: DecisionSpec) -> DAG:
    with DAG(
        dag_id=spec.dag_id,
        description=f"{spec.title} / {spec.title_en or spec.id}",
        schedule=None,
        start_date=START,
        catchup=False,
        max_active_runs=1,
        default_args=DEFAULT_ARGS,
        tags=["juece", spec.category],
        doc_md=f"### {spec.title}\n{spec.decision_body} · {spec.sponsor_unit}",
    ) as dag:
        start = RecordStepOperator(task_id="launch", decision_id=spec.id, step="start")
        parallel = [_optional_stage(spec, Stage.PUBLIC_PARTICIPATION, stage_participation.build),
                    _optional_stage(spec, Stage.EXPERT_REVIEW, stage_expert_review.build),
                    _optional_stage(spec, Stage.RISK_ASSESSMENT, stage_risk.build)]
        legality, gate, closed = stage_legality.build(spec)
        deliberation = stage_deliberation.build(spec)
        publish, archive, _ = stage_closing.build(spec)
        start >> parallel >> legality
        gate >> deliberation
        closed >> archive
        deliberation >> publish
    return dag


def _not_applicable(spec: DecisionSpec, stage: Stage) -> RecordStepOperator:
    return RecordStepOperator(task_id="not_applicable", decision_id=spec.id, step=f"not_applicable:{stage.value}")


def _optional_stage(spec: DecisionSpec, stage: Stage, build: Callable[[DecisionSpec], None]) -> TaskGroup:
    """A stage RULES.md lets a spec mark not applicable (R-A2): its tasks, or the recorded reason."""
    with TaskGroup(stage.value, tooltip=stage_label(stage)) as group:
        if getattr(spec.stages, stage.value).applicable:
            build(spec)
        else:
            _not_applicable(spec, stage)
    return group
