"""Human tasks: Airflow HITL operators whose answers the statute checks before they count."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from airflow.sdk.exceptions import AirflowFailException, AirflowSkipException

from juece.adapters.store.ledger import Ledger
from juece.domain.groups import GroupLookup, UnknownGroup, holders, require_holder
from juece.domain.record.acts import Act
from juece.domain.record.errors import RuleViolation
from juece.orchestration.forms import Fields, FieldsWhenAsked, responder
from juece.orchestration.steps import refuse_unless
from juece.services.record import Record, act_key, open_record
from juece.spec.roles import group_name

if TYPE_CHECKING:
    from juece.domain.record.answers import TaskContext
    from juece.domain.record.forms import TaskForm


def task_form(name: str) -> TaskForm:
    """A form (domain/record/forms.py): its handlers import most of the domain, so the forms are
    read when a task is built or runs, not when a worker's parse loads a kept DAG."""
    from juece.domain.record.forms import FORMS

    return FORMS[name]


class DecisionTaskOperator(FieldsWhenAsked):
    """One person's task, or a group's (``group:<name>``: assigned to every member when it runs,
    any of whom may answer). An answer that breaks a rule is refused with the rule id (recorded
    as ``answer_refused``) and the same person is asked again; nothing of it is recorded."""

    ui_color = "#fff4e5"

    def __init__(self, *, decision_id: str, form: str, assignee: str,
                 subject_user: str | None = None, **kwargs: Any) -> None:
        form_of = task_form(form)
        super().__init__(
            subject=form_of.subject,
            options=list(form_of.options),
            assigned_users=[{"id": assignee, "name": assignee}],
            **kwargs,
        )
        self.decision_id = decision_id
        self.form = form
        self.assignee = assignee
        self.subject_user = subject_user

    def form_fields(self) -> Fields:
        return task_form(self.form).fields

    def _context(self, record: Record) -> TaskContext:
        from juece.domain.record.answers import TaskContext

        return TaskContext(record.spec, record.entries, self.subject_user)

    def execute(self, context: Any) -> Any:
        from juece.domain.deliberation.meeting_answers import absent_member
        from juece.domain.deliberation.views import view_of
        from juece.domain.record.entries import attending
        from juece.orchestration import notify

        record = open_record(self.decision_id, Ledger())
        if record.completed(context):
            self.log.info("This task's answer is already in the record: nothing to ask again")
            return {"recorded": "earlier"}
        refuse_unless(record, self.form, context, self.log)
        if self.form == "member_view" and self.subject_user not in attending(record.entries):
            record.append([absent_member(self.subject_user or self.assignee)], act_key(context), final=True)
            self.log.info("%s is absent from the meeting: no view to ask for", self.subject_user)
            return {"absent": self.subject_user}
        if self.form == "member_view" and (stated := view_of(record.entries, self.subject_user or "")):
            self.log.info("%s's view was recorded in the room by %s", self.subject_user, stated["actor"])
            return {"recorded_by": stated["actor"], "entry": stated["hash"]}
        form = task_form(self.form)
        if form.needed and not form.needed(record.entries):
            raise AirflowSkipException(f"{self.task_id}: not needed by the record (no earlier round asks for it)")
        if form.asks and not form.asks(record.entries):
            self.log.info("%s: the record leaves nothing to ask (e.g. no approved decision to announce)", self.task_id)
            return {"asked": False}
        if form.body:
            self.body = form.body(self._context(record))
        self.body = notify.with_own_page(self.body, context["ti"])
        members = self._holders()
        self.assigned_users = [{"id": user, "name": user} for user in members]
        notify.task_opened(record.ledger, record.entries, context, self.form, self.assignee, self.log, members)
        return super().execute(context)

    def _holders(self) -> tuple[str, ...]:
        """Who may answer: the assignee, or every member of its group as the directory says now."""
        try:
            return holders(self.assignee, self._groups())
        except UnknownGroup as error:
            raise AirflowFailException(f"{self.task_id}: {error}") from None

    def _groups(self) -> GroupLookup:
        """The directory's groups when the assignee is one (a user's task never reads it)."""
        if group_name(self.assignee) is None:
            return {}
        from juece.adapters.notify.groups import groups_from_settings
        from juece.adapters.notify.people_file import PeopleFileError

        try:
            return groups_from_settings()
        except PeopleFileError as error:
            raise AirflowFailException(f"{self.task_id}: {self.assignee}: {error}") from None

    def execute_complete(self, context: Any, event: dict[str, Any]) -> Any:
        if "error" in event:
            return super().execute_complete(context, event)
        from juece.domain.record.answers import Answer

        record = open_record(self.decision_id, Ledger())
        user = responder(event)
        answer = Answer(user=user, chosen=list(event.get("chosen_options") or []),
                        params=dict(event.get("params_input") or {}))
        key = act_key(context, str(event.get("responded_at")))
        try:
            require_holder(self.assignee, user, self._groups())
            outcome = task_form(self.form).handler(self._context(record), answer)
        except RuleViolation as violation:
            self._refuse(record, violation, user, key)
            return self.execute(context)
        written = record.append(outcome.acts, key, final=outcome.done)
        if not outcome.done:
            for note in outcome.notes:
                self.log.warning("%s", note)
            return self.execute(context)
        return {"recorded": [entry["hash"] for entry in written]}

    def _refuse(self, record: Record, violation: RuleViolation, user: str, key: str) -> None:
        self.log.warning("Answer refused, asking %s again: %s", user, violation)
        data = {**violation.as_dict(), "task": self.task_id, "by": user}
        stage = self.task_id.split(".", 1)[0]
        record.append([Act(stage, "answer_refused", user, data)], key)
