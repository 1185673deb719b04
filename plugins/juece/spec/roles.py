"""Who holds a role in a spec: one Airflow user id, or a group of people written ``group:<name>``.

A role an office holds (the sponsor office, the legality reviewer and the legal adviser, the risk
assessor, the meeting's secretary, the evaluator) may be a group: its task is assigned to every
member when it runs, and the member who answers is the one recorded. A role the statute gives to
a person stays one user id: a group there is refused under the rule that makes it personal.
Anything not starting ``group:`` is a user id, so every spec written before groups reads unchanged.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from juece.spec.base import UserId, violation

GROUP_PREFIX = "group:"
GROUP_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,62}")


def group_name(role: str | None) -> str | None:
    """The group a role names (``group:legality-office`` -> ``legality-office``), or None for a user."""
    if role and role.startswith(GROUP_PREFIX):
        return role[len(GROUP_PREFIX):]
    return None


def _well_formed(role: str) -> str:
    name = group_name(role)
    if name is not None and not GROUP_NAME.fullmatch(name):
        # a form error: reported under the rule of the field it is in (spec/loader.py)
        raise PydanticCustomError("group_name", "组名“{name}”不合格式：须为小写字母、数字、- 或 _，至多63个字符 / "
                                  "the group name {name} must be lowercase letters, digits, - or _, "
                                  "at most 63 characters", {"name": name})
    return role


def _personal(rule: str, zh: str, en: str) -> AfterValidator:
    def check(role: str) -> str:
        if group_name(role) is not None:
            raise violation(rule, f"{zh}须为本人（一个用户），不能是一组人（{role}）",
                            f"{en} must be one person (a user id), not a group ({role})")
        return role

    return AfterValidator(check)


# How a form offers a role (services/spec_form.py reads it from the spec's JSON Schema): one person
# chosen from the people offered, and for a role an office holds a group too.
FORM_ROLE: JsonDict = {"x-juece-form": "role"}
FORM_PERSON: JsonDict = {"x-juece-form": "person"}

# A role an office holds: a user id or ``group:<name>``; its acts record the member who answered.
Role = Annotated[str, Field(min_length=1, max_length=100, json_schema_extra=FORM_ROLE), AfterValidator(_well_formed)]

# Roles personal by statute. Each meeting member states a view of their own and the head decides
# in person (R-F2, R-F3: every view is a person's and recorded as theirs); each hearing participant
# confirms and signs the record for themselves (R-B6). A group cannot speak, vote or sign.
Member = Annotated[UserId, Field(json_schema_extra=FORM_PERSON), _personal("R-F3", "会议组成人员", "a meeting member")]
Head = Annotated[UserId, Field(json_schema_extra=FORM_PERSON), _personal("R-F2", "行政首长", "the head of government")]
Participant = Annotated[UserId, Field(json_schema_extra=FORM_PERSON), _personal("R-B6", "听证参加人", "a hearing participant")]
