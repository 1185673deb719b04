"""Operators for the automated steps: each records its acts in the ledger before it succeeds."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING, Any

from airflow.providers.standard.operators.branch import BaseBranchOperator
from airflow.sdk import BaseOperator
from airflow.sdk.exceptions import AirflowFailException

from juece.adapters.store.calendar import administrators
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from juece.orchestration.forms import PlainQuestion, responder
from juece.services.record import Record, act_key, now, open_record

if TYPE_CHECKING:
    from juece.domain.record.workdays import CalendarUnknown

StepFunction = Callable[[Record, Any], list]
STEP_NAMES = ("start", "publish_notice", "close_comments", "announce_hearing", "hearing_seats", "hearing_materials",
              "legality_submission", "risk_conclude", "close_panel", "materials", "minutes", "conclude",
              "publication", *(f"not_applicable:{s.value}" for s in (
                  Stage.PUBLIC_PARTICIPATION, Stage.EXPERT_REVIEW, Stage.RISK_ASSESSMENT)))


@cache
def step_functions() -> dict[str, StepFunction]:
    """Each step's domain function. The domain is imported when a step runs, not when the DAG
    file is parsed: a worker's parse for one task pays for none of it."""
    from juece.domain import steps
    from juece.domain.deliberation import views as deliberation
    from juece.domain.expert_review import panel_record
    from juece.domain.participation import hearing, seats
    from juece.domain.risk import register as risk

    table: dict[str, StepFunction] = {
        "start": lambda r, c: steps.start(r.spec, r.entries, c["ti"].run_id),
        "publish_notice": lambda r, c: steps.publish_notice(r.spec, r.entries, now()),
        "close_comments": lambda r, c: steps.close_comments(r.spec, r.entries),
        "announce_hearing": lambda r, c: hearing.announce(r.spec, r.entries, now()),
        "hearing_seats": lambda r, c: seats.draw_seats(r.spec, r.entries, now()),
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
    assert set(table) == set(STEP_NAMES), "STEP_NAMES and the step functions must name the same steps"
    return table


class RecordStepOperator(PlainQuestion):
    """Run one domain step and append its acts; a rule violation fails the task with its id.

    The step first checks its precondition from the record (domain/guards.py): a task marked
    done or cleared in Airflow's UI cannot skip the law, and the attempt is recorded as
    ``step_refused``. A step that needs the working days of a year whose official holiday schedule
    is not loaded yet (R-E3) does not fail: it records ``calendar_awaited`` and becomes a task of
    the administrator's, "load the schedule"; answered once it is loaded, the step goes on."""

    ui_color = "#e8f0fe"

    def __init__(self, *, decision_id: str, step: str, **kwargs: Any) -> None:
        if step not in STEP_NAMES:
            raise ValueError(f"unknown step {step!r}; known: {', '.join(STEP_NAMES)}")
        admins = administrators()
        super().__init__(subject="载入节假日安排 Load the official holiday schedule", options=[LOADED],
                         assigned_users=[{"id": user, "name": user} for user in admins], **kwargs)
        self.decision_id = decision_id
        self.step = step

    def execute(self, context: Any) -> Any:
        from juece.domain.record.workdays import CalendarUnknown

        record = open_record(self.decision_id, Ledger())
        refuse_unless(record, self.step, context, self.log)
        try:
            acts = step_functions()[self.step](record, context)
        except CalendarUnknown as unknown:
            return self._await_calendar(record, context, unknown)
        except RuleViolation as violation:
            self.log.error("%s", violation)
            raise
        written = record.append(acts, act_key(context))
        return [entry["hash"] for entry in written]

    def _await_calendar(self, record: Record, context: Any, unknown: CalendarUnknown) -> Any:
        self.log.warning("Waiting for the %d holiday schedule: %s", unknown.year, unknown.en)
        data = {**unknown.as_dict(), "year": unknown.year, "task": self.task_id, "assigned": administrators()}
        record.append([Act(_stage(self.task_id), "calendar_awaited", "juece", data)],
                      act_key(context, f"calendar-{unknown.year}"))
        self.body = calendar_task_body(unknown)
        # the administrators as configured now, not when the DAG was built (a built DAG is kept)
        self.assigned_users = [{"id": user, "name": user} for user in data["assigned"]]
        return super().execute(context)

    def execute_complete(self, context: Any, event: dict[str, Any]) -> Any:
        if "error" in event:
            return super().execute_complete(context, event)
        from juece.domain.record import workdays

        user = responder(event)
        record = open_record(self.decision_id, Ledger())
        key = act_key(context, f"calendar-answer-{event.get('responded_at')}")
        try:
            acts = step_functions()[self.step](record, context)
        except workdays.CalendarUnknown as unknown:
            self.log.warning("Still no %d schedule; asking %s again", unknown.year, user)
            data = {**unknown.as_dict(), "task": self.task_id, "by": user}
            record.append([Act(_stage(self.task_id), "answer_refused", user, data)], key)
            return self.execute(context)
        resumed = Act(_stage(self.task_id), "calendar_loaded", user, {
            "task": self.task_id, "calendar": workdays.calendar_name(), "rule": "R-E3"})
        written = record.append([resumed, *acts], key)
        return [entry["hash"] for entry in written[1:]]


LOADED = "已载入 Loaded"


def calendar_task_body(unknown: CalendarUnknown) -> str:
    year = unknown.year
    return (f"此步骤需要计算{year}年的工作日，但尚未载入国务院公布的{year}年节假日安排（R-E3，不作推测）。\n"
            f"请载入：`juece calendar import {year}.yaml --notice \"国务院办公厅关于{year}年部分节假日安排的通知\"`，"
            f"然后选择“已载入”，本步骤随即继续。\n\n"
            f"This step counts working days in {year}, but the State Council's {year} holiday schedule is not "
            f"loaded (R-E3: never guessed). Load it with `juece calendar import`, then answer \"Loaded\": the "
            f"step goes on.\n\n{unknown.zh}\n{unknown.en}")


def _stage(task_id: str) -> str:
    return task_id.split(".", 1)[0] if "." in task_id else Stage.LAUNCH.value


def refuse_unless(record: Record, name: str, context: Any, log: Any) -> None:
    """The step's precondition from the record (domain/guards.py); a refusal is recorded with its
    rule, once per try, and fails the task without retrying."""
    from juece.domain import guards

    try:
        guards.check(name, record.entries)
    except RuleViolation as violation:
        ti = context["ti"]
        data = {**violation.as_dict(), "task": ti.task_id, "try": ti.try_number}
        record.append([Act(_stage(ti.task_id), "step_refused", "juece", data)],
                      act_key(context, f"refused-{ti.try_number}"))
        log.error("Refused: %s", violation)
        raise AirflowFailException(str(violation)) from None


class WaitOperator(BaseOperator):
    """Wait, without holding a worker slot (deferrable), until the time a ledger entry names:
    the end of the comment period, the hearing. An accelerated clock shortens the real wait."""

    ui_color = "#fef7e0"

    def __init__(self, *, decision_id: str, kind: str, field: str, rule: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id, self.kind, self.field, self.rule = decision_id, kind, field, rule

    def execute(self, context: Any) -> None:
        from airflow.providers.standard.triggers.temporal import DateTimeTrigger

        from juece.domain.record.clock import parse_time
        from juece.domain.record.entries import latest

        record = open_record(self.decision_id, Ledger())
        entry = latest(record.entries, self.kind)
        if entry is None:
            raise RuleViolation(self.rule, f"尚无 {self.kind} 记录", f"no `{self.kind}` in the record to wait for")
        value: Any = entry["data"]
        for part in self.field.split("."):  # a dotted field names one inside another: signup.effective_closes_at
            value = value[part]
        end = parse_time(value)
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
        from juece.domain import steps

        record = open_record(self.decision_id, Ledger())
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
        from juece.services.decisions import archive_decision

        ledger = Ledger()
        refuse_unless(open_record(self.decision_id, ledger), "archive", context, self.log)
        path, head = archive_decision(self.decision_id, key=act_key(context), ledger=ledger)
        self.log.info("Archive written to %s (chain head %s)", path, head)
        return str(path)
