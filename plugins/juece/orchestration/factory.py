"""Build DAG ``decision__<id>`` from a decision spec (R-A2: the five stages always present)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from airflow.sdk import DAG, TaskGroup

from juece.domain.expert_review.panel_record import reserve_names, seat_names
from juece.domain.stages import Stage, stage_label
from juece.orchestration.hitl import DecisionTaskOperator
from juece.orchestration.stages import closing as stage_closing
from juece.orchestration.stages import deliberation as stage_deliberation
from juece.orchestration.stages import legality as stage_legality
from juece.orchestration.stages import risk as stage_risk
from juece.orchestration.stages.expert_review import (
    ExpertSeatOperator,
    ReserveSeatSensor,
    SignOpinionOperator,
)
from juece.orchestration.steps import RecordStepOperator, WaitOperator
from juece.orchestration.tasks import person
from juece.spec.models import DecisionSpec

START = datetime(2026, 1, 1, tzinfo=UTC)
DEFAULT_ARGS = {"retries": 2, "retry_delay": timedelta(seconds=10)}


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
        parallel = [_optional_stage(spec, Stage.PUBLIC_PARTICIPATION, _public_participation),
                    _optional_stage(spec, Stage.EXPERT_REVIEW, _expert_review),
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


def _public_participation(spec: DecisionSpec) -> None:
    notice = RecordStepOperator(task_id="publish_notice", decision_id=spec.id, step="publish_notice")
    period = WaitOperator(task_id="comment_period", decision_id=spec.id, kind="notice_published",
                          field="effective_closes_at", rule="R-B2")
    close = RecordStepOperator(task_id="close_comments", decision_id=spec.id, step="close_comments")
    dispose = person(spec, "dispose_comments", "comment_dispositions", spec.sponsor_office)
    notice >> period >> close >> dispose
    if spec.stages.public_participation.hearing:
        announce, signatures = _hearing(spec)
        notice >> announce
        signatures >> dispose


def _hearing(spec: DecisionSpec) -> tuple[RecordStepOperator, list[DecisionTaskOperator]]:
    """R-B6: announce, issue materials, hold the hearing, every participant signs the record."""
    hearing = spec.stages.public_participation.hearing
    announce = RecordStepOperator(task_id="announce_hearing", decision_id=spec.id, step="announce_hearing")
    materials = RecordStepOperator(task_id="hearing_materials", decision_id=spec.id, step="hearing_materials")
    wait = WaitOperator(task_id="hearing_day", decision_id=spec.id, kind="hearing_announced",
                        field="effective_time", rule="R-B6")
    record = person(spec, "hearing_record", "hearing_record", spec.sponsor_office)
    signatures = [person(spec, f"sign__{p.user}", "hearing_confirmation", p.user, subject_user=p.user)
                  for p in hearing.participants]
    announce >> materials >> wait >> record >> signatures
    return announce, signatures


def _expert_review(spec: DecisionSpec) -> None:
    """R-C1..R-C6: a task per seat of the panel drawn at launch, each followed by its signature
    act; reserve seats wait for replacements; the panel closes, then the sponsor disposes."""
    review = spec.stages.expert_review
    reserves = reserve_names(review.reserve_seats)
    common = {"decision_id": spec.id, "reserves": reserves, "quorum": review.quorum}
    ends = []
    for seat in seat_names(spec.panel_size) + reserves:
        opinion = ExpertSeatOperator(task_id=seat, seat=seat, response_days=review.response_days,
                                     reminder_days=review.reminder_days, **common)
        sign = SignOpinionOperator(task_id=f"sign_{seat}", seat=seat, **common)
        if seat in reserves:
            ReserveSeatSensor(task_id=f"await_{seat}", decision_id=spec.id, seat=seat, reserves=reserves) >> opinion
        opinion >> sign
        ends.append(sign)
    close = RecordStepOperator(task_id="close_panel", decision_id=spec.id, step="close_panel",
                               trigger_rule="none_failed")
    ends >> close >> person(spec, "dispose_opinions", "opinion_dispositions", spec.sponsor_office)

