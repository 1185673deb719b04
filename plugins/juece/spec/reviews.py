"""The two review stages a spec may mark not applicable: expert review (its panel drawn at
launch, R-C2..R-C5) and risk assessment (R-D1..R-D4)."""

from __future__ import annotations

from pydantic import Field, field_validator, model_validator

from juece.spec.base import OptionalStage, Text, UserId, violation
from juece.spec.risk_matrix import Level, Matrix, check_matrix, default_matrix
from juece.spec.roles import Role

# R-C5 lets the decision type set a larger panel; any other category takes the legal minimum.
PANEL_SIZE_BY_CATEGORY: dict[str, int] = {"important_plan": 7, "major_public_construction": 7}
MIN_PANEL = 5
# The validators call plain functions below: mutation testing leaves decorated functions unchanged,
# so a rule kept in a validator's body would go unmeasured.


class ExpertReview(OptionalStage):
    """The panel is drawn from the expert library at launch (R-C2..R-C5), not named here."""

    specialties: list[Text] = Field(default_factory=list)
    panel_size: int | None = None
    line_department: str | None = None
    interested_parties: list[UserId] = Field(default_factory=list)
    response_days: int = Field(default=15, ge=1, le=90)
    reminder_days: int = Field(default=3, ge=0)
    quorum: int = Field(default=MIN_PANEL, ge=MIN_PANEL)
    reserve_seats: int = Field(default=2, ge=0, le=5)

    @model_validator(mode="after")
    def _panel_rules(self) -> ExpertReview:
        return panel_rules(self)

    def size_for(self, category: str) -> int:
        return self.panel_size or PANEL_SIZE_BY_CATEGORY.get(category, MIN_PANEL)


class RiskAssessment(OptionalStage):
    assessor: Role | None = None
    third_party: str | None = None
    matrix: list[list[Level]] | None = None  # R-D3: rows likelihood 1-5, cells impact 1-5
    max_rounds: int = Field(default=3, ge=1, le=5)  # R-D4: assessment rounds, revisions between

    @field_validator("matrix")
    @classmethod
    def _matrix_valid(cls, value: list[list[str]] | None) -> list[list[str]] | None:
        return valid_matrix(value)

    def matrix_for(self, category: str) -> Matrix:
        return tuple(tuple(row) for row in self.matrix) if self.matrix else default_matrix(category)

    @model_validator(mode="after")
    def _assessor_named(self) -> RiskAssessment:
        return assessor_named(self)


def panel_rules(review: ExpertReview) -> ExpertReview:
    """An applicable review names its specialties (R-C2), an odd panel of at least five with the
    quorum within it (R-C5), and a reminder before the response deadline (R-C1)."""
    if not review.applicable:
        return review
    if not review.specialties:
        raise violation("R-C2", "须列出论证所需的专业（specialties）",
                        "list the specialties the review needs (specialties)", field="specialties")
    size = review.panel_size
    if size is not None and (size < MIN_PANEL or size % 2 == 0):
        raise violation("R-C5", f"专家组须为不少于5人的奇数，现为{size}人",
                        f"the panel must be an odd number of at least 5 experts, got {size}", field="panel_size")
    if size is not None and review.quorum > size:
        raise violation("R-C5", f"法定人数{review.quorum}超过专家组人数{size}",
                        f"the quorum {review.quorum} exceeds the panel size {size}", field="quorum")
    if review.reminder_days >= review.response_days:
        raise violation("R-C1", "提醒须早于答复期限", "the reminder must come before the response deadline",
                        field="reminder_days")
    return review


def assessor_named(assessment: RiskAssessment) -> RiskAssessment:
    """An applicable risk assessment names its assessor (R-D1)."""
    if assessment.applicable and not assessment.assessor:
        raise violation("R-D1", "须指定风险评估人（assessor）", "a risk assessor must be named (assessor)",
                        field="assessor")
    return assessment


def valid_matrix(value: list[list[str]] | None) -> list[list[str]] | None:
    """A spec's own matrix, each row a list, once it names a level in every cell and is monotone (R-D3)."""
    return value if value is None else [list(row) for row in check_matrix(value)]
