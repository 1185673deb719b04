"""Pydantic models of a decision spec. Every hard check cites its rule id (RULES.md)."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator
from pydantic.config import JsonDict

from juece.spec.base import (
    CHINA,
    Category,
    Mandatory,
    OptionalStage,
    Strict,
    Text,
    violation,
)
from juece.spec.dag_ids import DECISION_DAG_PREFIX, EVALUATION_DAG_PREFIX, evaluation_dag_id
from juece.spec.hearing import Hearing, HearingParticipant
from juece.spec.reviews import MIN_PANEL, PANEL_SIZE_BY_CATEGORY, ExpertReview, RiskAssessment
from juece.spec.roles import Head, Member, Role
from juece.spec.time_limits import TimeLimits

__all__ = ["CHINA", "DECISION_DAG_PREFIX", "EVALUATION_DAG_PREFIX", "MIN_PANEL", "PANEL_SIZE_BY_CATEGORY",
           "DecisionSpec", "ExpertReview", "Hearing", "HearingParticipant", "RiskAssessment", "TimeLimits", "evaluation_dag_id", "violation"]

PARAGRAPHS: JsonDict = {"x-juece-form": "paragraphs"}  # a form's text area, one paragraph a line (services/spec_form.py)
FIXED: JsonDict = {"x-juece-form": "fixed"}  # not a form's to change: the template's value, or who is signed in


class Draft(Strict):
    text: str = Field(min_length=1, json_schema_extra=PARAGRAPHS)
    explanation: str = Field(min_length=1, json_schema_extra=PARAGRAPHS)
    version: int = Field(default=1, ge=1, json_schema_extra=FIXED)


class Catalogue(Strict):
    year: int = Field(ge=2000, le=2100)
    number: str = Field(min_length=1)


class PublicParticipation(OptionalStage):
    comment_period_days: int = Field(default=30, ge=1)
    urgency_reason: str | None = None
    how_to_comment: str = "在本页下方提交意见，无需注册账号 / use the form below on this page; no account is needed"
    hearing: Hearing | None = None

    @model_validator(mode="after")
    def _period_or_urgency(self) -> PublicParticipation:
        return period_or_urgency(self)


class LegalityReview(Mandatory):
    reviewer: Role
    legal_adviser: Role
    review_working_days: int = 7
    max_rounds: int = Field(default=3, ge=1, le=5)  # R-E4: reviews, a revision between two

    @field_validator("review_working_days")
    @classmethod
    def _enough_days(cls, value: int) -> int:
        return enough_days(value)


class CollectiveDeliberation(Mandatory):
    meeting_type: Literal["executive", "plenary"] = "executive"
    members: list[Member] = Field(min_length=1)
    head: Head
    secretary: Role
    quorum: float = Field(default=0.5, ge=0.5, lt=1)

    @model_validator(mode="after")
    def _head_is_member(self) -> CollectiveDeliberation:
        return head_is_member(self)


class Publication(Strict):
    within_working_days: int = Field(default=20, ge=1)


class PostEvaluation(Strict):
    implementing_unit: str
    evaluator_unit: str
    after_months: int = Field(default=24, ge=1)
    evaluator: Role = "evaluator"  # the Airflow user (or group) who answers for the evaluator unit
    complaint_threshold: int = Field(default=10, ge=1)  # complaints that start an evaluation (R-G3)


class Stages(Strict):
    public_participation: PublicParticipation
    expert_review: ExpertReview
    risk_assessment: RiskAssessment
    legality_review: LegalityReview
    collective_deliberation: CollectiveDeliberation
    publication: Publication = Publication()
    post_evaluation: PostEvaluation


class DecisionSpec(Strict):
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]{2,62}$")
    title: str = Field(min_length=1)
    title_en: str | None = None
    category: Category
    decision_body: str = Field(min_length=1)
    sponsor_unit: str = Field(min_length=1)
    sponsor_office: Annotated[Role, Field(json_schema_extra=FIXED)]  # the launcher (web/launch.py, cli)
    draft: Draft
    legal_basis: list[Text] = Field(min_length=1)
    catalogue: Catalogue | None = None
    amends: str | None = Field(default=None, json_schema_extra=FIXED)  # the decision this one adjusts after its evaluation (R-G5)
    stages: Stages
    time_limits: TimeLimits = TimeLimits()  # steps without a statutory deadline, and the whole (R-H5)

    @model_validator(mode="after")
    def _independent_evaluator(self) -> DecisionSpec:
        return independent_evaluator(self)

    @model_validator(mode="after")
    def _quorum_within_panel(self) -> DecisionSpec:
        return quorum_within_panel(self)

    @property
    def panel_size(self) -> int:
        return self.stages.expert_review.size_for(self.category)

    @property
    def dag_id(self) -> str:
        return f"{DECISION_DAG_PREFIX}{self.id}"

    def people(self) -> set[str]:
        """Every Airflow user, or group (``group:<name>``), the spec assigns a task to."""
        stages = self.stages
        found = {self.sponsor_office, stages.legality_review.reviewer, stages.legality_review.legal_adviser}
        if stages.risk_assessment.applicable and stages.risk_assessment.assessor:
            found.add(stages.risk_assessment.assessor)
        hearing = stages.public_participation.hearing if stages.public_participation.applicable else None
        found |= {p.user for p in hearing.participants} if hearing else set()
        deliberation = stages.collective_deliberation
        return found | set(deliberation.members) | {deliberation.head, deliberation.secretary}


# The validators call the plain functions below: mutation testing leaves decorated functions
# unchanged, so a rule kept in a validator's body would go unmeasured (spec/reviews.py does the same).


def period_or_urgency(participation: PublicParticipation) -> PublicParticipation:
    days = participation.comment_period_days
    if participation.applicable and days < 30 and not (participation.urgency_reason or "").strip():
        raise violation("R-B2", f"征求意见期限为{days}日，少于30日须说明紧急理由（urgency_reason）",
                        f"a comment period of {days} days (under 30) needs an urgency_reason", field="comment_period_days")
    return participation


def enough_days(value: int) -> int:
    if value < 7:
        raise violation("R-E3", f"审查期限至少7个工作日，现为{value}", f"the reviewer needs at least 7 working days, got {value}")
    return value


def head_is_member(deliberation: CollectiveDeliberation) -> CollectiveDeliberation:
    if deliberation.head not in deliberation.members:
        raise violation("R-F2", "行政首长须为会议组成人员", "the head of government must be one of the members", field="head")
    if len(set(deliberation.members)) != len(deliberation.members):
        raise violation("R-F3", "会议组成人员不得重复", "members must be distinct", field="members")
    return deliberation


def independent_evaluator(spec: DecisionSpec) -> DecisionSpec:
    assessors = {spec.sponsor_unit, spec.stages.risk_assessment.third_party}
    if spec.stages.post_evaluation.evaluator_unit in assessors:
        raise violation("R-G4", "后评估单位不得是承担主要论证评估工作的单位",
                        "the evaluator may not be the unit that did the main pre-decision assessment",
                        field="stages.post_evaluation.evaluator_unit")
    return spec


def quorum_within_panel(spec: DecisionSpec) -> DecisionSpec:
    review, size = spec.stages.expert_review, spec.panel_size
    if review.applicable and review.quorum > size:
        raise violation("R-C5", f"法定人数{review.quorum}超过专家组人数{size}",
                        f"the quorum {review.quorum} exceeds the panel size {size}", field="stages.expert_review.quorum")
    return spec


# A missing or mistyped field is reported under the rule it serves.
FIELD_RULES: dict[str, str] = {
    "id": "R-A1", "title": "R-A1", "category": "R-A1", "decision_body": "R-A1",
    "sponsor_unit": "R-A1", "sponsor_office": "R-A1", "draft": "R-A1", "text": "R-A1",
    "explanation": "R-A1", "legal_basis": "R-A1", "stages": "R-A2", "catalogue": "R-A3",
    "public_participation": "R-A2", "expert_review": "R-A2", "risk_assessment": "R-A2",
    "legality_review": "R-E1", "collective_deliberation": "R-F2", "comment_period_days": "R-B2",
    "urgency_reason": "R-B2", "hearing": "R-B6", "participants": "R-B6", "sides": "R-B6", "specialties": "R-C2", "panel_size": "R-C5", "line_department": "R-C5",
    "interested_parties": "R-C3", "response_days": "R-C1", "reminder_days": "R-C1", "reserve_seats": "R-C5",
    "assessor": "R-D1", "matrix": "R-D3", "max_rounds": "R-D4",
    "reviewer": "R-E1", "legal_adviser": "R-E4", "review_working_days": "R-E3",
    "meeting_type": "R-F2", "members": "R-F2", "head": "R-F2", "secretary": "R-F3",
    "quorum": "R-F2", "publication": "R-G1", "within_working_days": "R-G1",
    "post_evaluation": "R-G2", "implementing_unit": "R-G2", "evaluator_unit": "R-G4",
    "after_months": "R-G3", "evaluator": "R-G4", "complaint_threshold": "R-G3", "amends": "R-G5",
    "time_limits": "R-H5", "dispositions_working_days": "R-B4", "hearing_record_days": "R-B6",
    "risk_round_days": "R-D2", "convening_days": "R-F2", "head_decision_days": "R-F2", "overall_days": "R-H5",
}
# A field whose name serves another rule in another stage: looked up as "stage.field" first.
STAGE_FIELD_RULES: dict[str, str] = {
    "expert_review.quorum": "R-C5", "legality_review.max_rounds": "R-E4",
}
