"""Operators for the automated steps: each records its acts in the ledger before it succeeds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from airflow.providers.standard.operators.branch import BaseBranchOperator
from airflow.providers.standard.triggers.temporal import DateTimeTrigger
from airflow.sdk import BaseOperator

from juece.domain import deliberation, hearing, panel_record, risk, steps
from juece.domain.clock import parse_time
from juece.domain.errors import RuleViolation
from juece.domain.record import latest
from juece.domain.stages import Stage
from juece.orchestration.runtime import Record, act_key, now, open_record

StepFunction = Callable[[Record, Any], list]

STEPS: dict[str, StepFunction] = {
    "start": lambda r, c: steps.start(r.spec, r.entries, c["ti"].run_id),
    "publish_notice": lambda r, c: steps.publish_notice(r.spec, r.entries, now()),
    "close_comments": lambda r, c: steps.close_comments(r.spec, r.entries),
    "announce_hearing": lambda r, c: hearing.announce(r.spec, r.entries, now()),
    "hearing_materials": lambda r, c: hearing.issue_materials(r.spec, r.entries, now()),
    "legality_submission": lambda r, c: steps.legality_submission(r.spec, r.entries, now()),
    "risk_conclude": lambda r, c: risk.conclude(r.spec, r.entries),
    "close_panel": lambda r, c: panel_record.close_panel(
        r.entries, panel_record.reserve_names(r.spec.stages.expert_review.reserve_seats),
        r.spec.stages.expert_review.quorum),
    "materials": lambda r, c: steps.materials(r.spec, r.entries),
    "minutes": lambda r, c: steps.minutes(r.spec, r.entries),
    "conclude": lambda r, c: deliberation.conclude(r.spec, r.entries),
    "publication": lambda r, c: steps.publication(r.spec, r.entries, now()),
    **{f"not_applicable:{s.value}": (lambda stage: lambda r, c: steps.not_applicable(r.spec, stage))(s)
       for s in (Stage.PUBLIC_PARTICIPATION, Stage.EXPERT_REVIEW, Stage.RISK_ASSESSMENT)},
}


class RecordStepOperator(BaseOperator):
    """Run one domain step and append its acts; a rule violation fails the task with its id."""

    ui_color = "#e8f0fe"

    def __init__(self, *, decision_id: str, step: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        if step not in STEPS:
            raise ValueError(f"unknown step {step!r}; known: {', '.join(STEPS)}")
        self.decision_id = decision_id
        self.step = step

    def execute(self, context: Any) -> list[str]:
        record = open_record(self.decision_id)
        try:
            acts = STEPS[self.step](record, context)
        except RuleViolation as violation:
            self.log.error("%s", violation)
            raise
        written = record.append(acts, act_key(context))
        return [entry["hash"] for entry in written]


class WaitOperator(BaseOperator):
    """Wait, without holding a worker slot (deferrable), until the time a ledger entry names:
    the end of the comment period, the hearing. An accelerated clock shortens the real wait."""

    ui_color = "#fef7e0"

    def __init__(self, *, decision_id: str, kind: str, field: str, rule: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id, self.kind, self.field, self.rule = decision_id, kind, field, rule

    def execute(self, context: Any) -> None:
        record = open_record(self.decision_id)
        entry = latest(record.entries, self.kind)
        if entry is None:
            raise RuleViolation(self.rule, f"尚无 {self.kind} 记录", f"no `{self.kind}` in the record to wait for")
        end = parse_time(entry["data"][self.field])
        if now() < end:
            self.log.info("Waiting until %s (%s.%s)", end, self.kind, self.field)
            self.defer(trigger=DateTimeTrigger(moment=end), method_name="execute_complete")

    def execute_complete(self, context: Any, event: Any = None) -> None:
        self.log.info("Waited until %s.%s", self.kind, self.field)


class LegalityGateOperator(BaseBranchOperator):
    """R-E1 / R-D4: deliberation only after a lawful review and a controllable risk."""

    ui_color = "#fce8e6"

    def __init__(self, *, decision_id: str, pass_to: str, close_to: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id = decision_id
        self.pass_to = pass_to
        self.close_to = close_to

    def choose_branch(self, context: Any) -> str:
        record = open_record(self.decision_id)
        passed, acts = steps.gate(record.entries)
        record.append(acts, act_key(context))
        self.log.info("Gate %s", "passed" if passed else "closed: no deliberation (R-E1)")
        return self.pass_to if passed else self.close_to


class ArchiveOperator(BaseOperator):
    """Write the archive PDF from the record and record that it was written."""

    ui_color = "#e6f4ea"

    def __init__(self, *, decision_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id = decision_id

    def execute(self, context: Any) -> str:
        from juece.services import archive_decision

        path, head = archive_decision(self.decision_id, key=act_key(context))
        self.log.info("Archive written to %s (chain head %s)", path, head)
        return str(path)
