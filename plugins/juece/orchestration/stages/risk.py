"""Risk assessment (R-D1..R-D4) as tasks: the assessment, then up to ``max_rounds - 1`` pairs of
the sponsor's revision and a reassessment, then the stage's conclusion.

Airflow never changes who a HITL task asks once it has asked, so the sponsor's revision is a
task of its own between two rounds. A later task skips when the record does not ask for it
(the risk is controllable), and the skip carries down the chain; the conclusion always runs
and records whether the rounds ran out with the risk still uncontrollable (R-D4).
"""

from __future__ import annotations

from juece.domain.risk.rounds import assessor_task_ids
from juece.orchestration.tasks import person, step
from juece.spec.models import DecisionSpec


def build(spec: DecisionSpec) -> None:
    """The stage's tasks, inside the caller's task group (factory._optional_stage)."""
    config = spec.stages.risk_assessment
    assessor = config.assessor or ""  # set when applicable (R-D1)
    first, *later = assessor_task_ids(config.max_rounds)
    previous = person(spec, first, "risk_assessment", assessor)
    for n, task_id in enumerate(later, start=1):
        revise = person(spec, f"revise_draft_{n}", "risk_revision", spec.sponsor_office)
        reassess = person(spec, task_id, "risk_reassessment", assessor)
        previous >> revise >> reassess
        previous = reassess
    conclusion = step(spec, "conclude", "risk_conclude", trigger_rule="none_failed")
    previous >> conclusion
