"""Small builders every stage module uses: a person's task, an automated step."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from juece.orchestration.hitl import DecisionTaskOperator
from juece.orchestration.steps import RecordStepOperator

if TYPE_CHECKING:
    from juece.spec.models import DecisionSpec


def person(spec: DecisionSpec, task_id: str, form: str, assignee: str, **kwargs: Any) -> DecisionTaskOperator:
    """One person's HITL task, answered through the form ``form`` (domain/record/forms.py)."""
    return DecisionTaskOperator(task_id=task_id, decision_id=spec.id, form=form, assignee=assignee, **kwargs)


def step(spec: DecisionSpec, task_id: str, name: str, **kwargs: Any) -> RecordStepOperator:
    """An automated step of the record (orchestration/steps.py STEP_NAMES)."""
    return RecordStepOperator(task_id=task_id, decision_id=spec.id, step=name, **kwargs)
