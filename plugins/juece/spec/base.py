"""What every part of a decision spec shares: types, the rule-carrying error, stage bases."""

from __future__ import annotations

from datetime import datetime, time, timedelta, timezone
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

Category = Literal[
    "public_policy",
    "important_plan",
    "resources_policy",
    "major_public_construction",
    "other_public_interest",
]
CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")  # the one China time zone; the record stores UTC
ZONE_NAME = "北京时间 UTC+8"  # how a shown moment states it
UserId = Annotated[str, Field(min_length=1, max_length=100)]
Text = Annotated[str, Field(min_length=1)]


def lead_time_deadline(event: datetime, days: int) -> datetime:
    """The latest moment an act keeps a lead time of ``days`` whole days before ``event`` ("at
    least N days before": a hearing's notice, its materials, R-B6): until 24:00 China time of the
    ``days``-th day before the event's day, whatever the event's hour. Whole days of China's
    calendar, the event's own day not counted (Civil Code Art. 201 read backwards); a lead time is
    not a period within which someone acts, so no rest day or holiday moves it (domain/record/periods.py)."""
    day = event.astimezone(CHINA).date() - timedelta(days=days)
    return datetime.combine(day + timedelta(days=1), time(), CHINA)


def violation(rule: str, zh: str, en: str, field: str = "") -> PydanticCustomError:
    """A validation error carrying its rule id, in Chinese and English; ``field`` is the dotted
    path, below the model that raises it, of the field to point at."""
    context = {"rule": rule, "zh": zh, "en": en, "field": field}
    return PydanticCustomError("rule_violation", "[{rule}] {zh} / {en}", context)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class OptionalStage(Strict):
    """A stage that RULES.md allows to be marked not applicable, with a reason (R-A2)."""

    applicable: bool = True
    not_applicable_reason: str | None = None

    @model_validator(mode="after")
    def _reason_when_not_applicable(self) -> OptionalStage:
        return reason_when_not_applicable(self)


class Mandatory(Strict):
    """A stage that may never be marked not applicable (R-A2)."""

    @model_validator(mode="before")
    @classmethod
    def _never_optional(cls, data: Any) -> Any:
        return never_optional(data)


# The validators call plain functions: mutation testing leaves decorated functions unchanged, so a
# rule kept in a validator's body would go unmeasured (spec/reviews.py does the same).


def reason_when_not_applicable(stage: OptionalStage) -> OptionalStage:
    """A stage marked not applicable says why (R-A2)."""
    if not stage.applicable and not (stage.not_applicable_reason or "").strip():
        raise violation(
            "R-A2",
            "标记为不适用的环节必须写明理由",
            "a stage marked not applicable needs a written reason (not_applicable_reason)",
            field="applicable",
        )
    return stage


def never_optional(data: Any) -> Any:
    """A mandatory stage's block gives neither ``applicable`` nor a reason for not applying (R-A2)."""
    if isinstance(data, dict) and ("applicable" in data or "not_applicable_reason" in data):
        raise violation(
            "R-A2",
            "合法性审查和集体讨论决定不得标记为不适用",
            "legality review and collective deliberation can never be marked not applicable",
        )
    return data


def aware(value: datetime) -> datetime:
    """A moment written without a zone is China time."""
    return value if value.tzinfo else value.replace(tzinfo=CHINA)
