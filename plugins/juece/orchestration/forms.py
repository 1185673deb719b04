"""A person's form fields, given to the HITL task when it asks, not when the DAG file is parsed.

Airflow keeps the fields with the question (the HITL detail that the Required-actions page
shows and the answer is checked against), so nothing the person sees changes. The DAG itself
carries none: a form's JSON-Schema fields are most of a decision DAG's serialized size, and
the dag-processor validates every serialized DAG against Airflow's schema on every parse, so
a DAG without them is built in half the time and serialized in about a tenth.

For the same reason a juece HITL task has no template fields (``PlainQuestion``): its subject and
body are plain text, so the serialized task carries neither them nor the list of their names.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from airflow.providers.standard.operators.hitl import HITLOperator
from airflow.sdk import Param
from airflow.sdk.definitions.param import ParamsDict

Fields = Mapping[str, Mapping[str, Any]]


class PlainQuestion(HITLOperator):
    """A HITL task whose subject and body are plain text, never Jinja templates.

    juece writes a task's subject when its DAG is built and its body when the task asks, after
    Airflow has rendered the task's templates (so a body was never rendered). Without template
    fields the dag-processor serializes each such task about a third faster, with 90 bytes
    fewer; the person sees the same subject and body, which Airflow stores with the question
    (the Required-actions page). Only the task's "rendered templates" view goes empty."""

    template_fields: Collection[str] = ()


class FieldsWhenAsked(PlainQuestion):
    """A HITL task whose form fields (``form_fields``) are attached when it asks and when it
    takes the answer: the two moments Airflow reads them."""

    def form_fields(self) -> Fields:
        raise NotImplementedError

    def attach_fields(self) -> None:
        self.params = ParamsDict({name: Param(None, source="task", **schema)
                                  for name, schema in self.form_fields().items()})

    def execute(self, context: Any) -> Any:
        self.attach_fields()
        return super().execute(context)

    def execute_complete(self, context: Any, event: dict[str, Any]) -> Any:
        self.attach_fields()
        return super().execute_complete(context, event)


def responder(event: Mapping[str, Any]) -> str:
    """Who answered, by the name they sign in with (the name juece assigns tasks by): the
    SimpleAuthManager gives a user's name as its id too; the FAB auth manager gives a number as
    the id and the user name (the LDAP uid) as the name."""
    user = event.get("responded_by_user") or {}
    return str(user.get("name") or user.get("id") or "unknown")
