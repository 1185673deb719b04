"""Human answers given through task nodes: checked against the statute, turned into acts.

Each handler takes the context of the task and the answer, and returns an ``Outcome``:
the acts to append and whether the task is done. A handler raises ``RuleViolation`` to
refuse an answer: nothing of it is recorded except the refusal, and the person is asked
again. ``done=False`` records the acts and asks again (e.g. a risk reassessment round).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries
from juece.domain.record.errors import FormError, RuleViolation
from juece.spec.models import DecisionSpec


@dataclass(frozen=True)
class Answer:
    user: str
    chosen: list[str]
    params: dict[str, Any]


@dataclass(frozen=True)
class TaskContext:
    spec: DecisionSpec
    entries: Entries
    subject_user: str | None = None  # the expert or member a per-person task is for


@dataclass
class Outcome:
    acts: list[Act]
    done: bool = True
    notes: list[str] = field(default_factory=list)


def text_param(answer: Answer, name: str, rule: str, zh: str, required: bool = True) -> str:
    value = answer.params.get(name)
    value = "" if value is None else str(value).strip()
    if required and not value:
        raise RuleViolation(rule, f"请填写{zh}", f"`{name}` is required", field=name)
    return value


def one_choice(answer: Answer, options: dict[str, str], rule: str) -> str:
    """The single chosen option, mapped from its label to its code."""
    codes = [options[label] for label in answer.chosen if label in options]
    if len(codes) != 1 or len(answer.chosen) != 1:
        raise RuleViolation(rule, "请选择且只选择一个选项", f"choose exactly one of: {', '.join(options)}")
    return codes[0]


def bool_param(answer: Answer, name: str, rule: str) -> bool:
    """A yes/no field: only a real boolean (or nothing, meaning no) is accepted."""
    value = answer.params.get(name)
    if value is None:
        return False
    if not isinstance(value, bool):
        raise RuleViolation(rule, f"{name} 须为是或否（true/false）", f"`{name}` must be true or false", field=name)
    return value


def list_param(answer: Answer, name: str) -> list[Any]:
    value = answer.params.get(name)
    if value is None or value == "":
        return []
    if not isinstance(value, list):
        raise FormError(f"{name} 应为列表", f"`{name}` must be a list", field=name)
    return value
