"""Collective deliberation (R-F1..R-F5): materials, the meeting, each member's view, the head
speaking last, the minutes, and the recorded consequence of the outcome (R-F5)."""

from __future__ import annotations

from airflow.sdk import TaskGroup

from juece.domain.deliberation.tasks import CONVENE, HEAD_DECISION, view_task
from juece.domain.stages import Stage, stage_label
from juece.orchestration.tasks import person, step
from juece.spec.models import DecisionSpec


def build(spec: DecisionSpec) -> TaskGroup:
    stage = Stage.COLLECTIVE_DELIBERATION
    config = spec.stages.collective_deliberation
    with TaskGroup(stage.value, tooltip=stage_label(stage)) as group:
        pack = step(spec, "materials", "materials")
        convene = person(spec, CONVENE, "convene", config.secretary)
        views = [person(spec, view_task(member), "member_view", member, subject_user=member)
                 for member in config.members if member != config.head]
        head = person(spec, HEAD_DECISION, "head_decision", config.head)
        minutes = step(spec, "minutes", "minutes")
        conclude = step(spec, "outcome", "conclude")
        pack >> convene >> views >> head >> minutes >> conclude
    return group
