"""The risk assessor's register on its own page (R-D1..R-D4): where the assessment stands in the
record, the draft it assesses, the decision type's matrix, the last round's points, and the answer
the assessment task takes, checked by the task's own handler before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from juece.adapters.store.ledger import Ledger
from juece.domain.participation.draft import current_draft, paragraphs, revised_since
from juece.domain.participation.review_answers import SUBMIT_OPTIONS
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.entries import all_of, latest
from juece.domain.record.labels import VALUE_LABELS
from juece.domain.risk.register import ASSESSED, DIMENSIONS, risk_assessment
from juece.domain.risk.rounds import assessor_task_ids
from juece.domain.stages import Stage
from juece.services.record import open_record
from juece.spec.models import DecisionSpec

WAITING, REVISING, DONE, EXHAUSTED, NOT_APPLICABLE = "waiting", "revising", "done", "exhausted", "not_applicable"
COLUMNS = ("dimension", "description", "likelihood", "impact", "measure", "accepted")
MAX_POINTS = 30


@dataclass(frozen=True)
class RegisterState:
    """Where the assessment stands: ``waiting`` for the assessor (round ``round``), ``revising`` (the
    risk was not controllable: the sponsor revises the draft first), ``done`` (controllable),
    ``exhausted`` (every round used, R-D4) or ``not_applicable``."""

    decision_id: str
    dag_id: str
    title: str
    assessor: str
    state: str
    round: int
    max_rounds: int
    draft: list[str] = field(default_factory=list)
    matrix: list[list[str]] = field(default_factory=list)
    last: dict[str, Any] | None = None  # the last round recorded

    @property
    def waiting(self) -> bool:
        return self.state == WAITING

    @property
    def task_ids(self) -> list[str]:
        """The assessor's tasks of the stage, in the order they run (orchestration/stages/risk.py)."""
        return assessor_task_ids(self.max_rounds, Stage.RISK_ASSESSMENT.value)


def register_state(ledger: Ledger, decision_id: str) -> tuple[RegisterState, DecisionSpec, Any]:
    """The register of ``decision_id`` as the record shows it, with the spec and the entries."""
    record = open_record(decision_id, ledger)
    spec, entries = record.spec, record.entries
    config = spec.stages.risk_assessment
    rounds = all_of(entries, ASSESSED)
    last = latest(entries, ASSESSED)
    state = _state(config.applicable, last, rounds, config.max_rounds, entries)
    return RegisterState(decision_id, spec.dag_id, spec.title, config.assessor or "", state, len(rounds) + 1,
                         config.max_rounds, paragraphs(current_draft(entries).text),
                         [list(row) for row in config.matrix_for(spec.category)],
                         last["data"] if last else None), spec, entries


def _state(applicable: bool, last: Any, rounds: list[Any], max_rounds: int, entries: Any) -> str:
    if not applicable:
        return NOT_APPLICABLE
    if last is None:
        return WAITING
    if last["data"].get("controllable"):
        return DONE
    if len(rounds) >= max_rounds:
        return EXHAUSTED
    return WAITING if revised_since(entries, last) else REVISING


def register_answer(spec: DecisionSpec, entries: Any, user: str, points: list[dict[str, Any]],
                    departments: list[str], plan: str) -> dict[str, Any]:
    """The assessment task's answer (chosen option and params) for the register, refused
    (``RuleViolation`` naming the field, e.g. ``risk_points.2.likelihood``) exactly as the task's
    handler would refuse it: nothing is sent, nothing recorded."""
    params = {"risk_points": points, "departments_heard": departments, "response_plan": plan}
    chosen = list(SUBMIT_OPTIONS)
    risk_assessment(TaskContext(spec, entries), Answer(user, chosen, params))  # raises as the task would
    return {"chosen_options": chosen, "params_input": params}


def dimension_choices() -> list[tuple[str, str, str]]:
    """Each dimension's code with its words in Chinese and English (domain/record/labels.py)."""
    found = []
    for code in DIMENSIONS:
        zh, en = VALUE_LABELS[code].split(" ", 1)
        found.append((code, zh, en))
    return found
