"""The stages of a decision (R-A2) and their names."""

from __future__ import annotations

from enum import StrEnum


class Stage(StrEnum):
    LAUNCH = "launch"
    PUBLIC_PARTICIPATION = "public_participation"
    EXPERT_REVIEW = "expert_review"
    RISK_ASSESSMENT = "risk_assessment"
    LEGALITY_REVIEW = "legality_review"
    COLLECTIVE_DELIBERATION = "collective_deliberation"
    PUBLICATION = "publication"
    ARCHIVE = "archive"
    POST_EVALUATION = "post_evaluation"


STAGE_NAMES: dict[Stage, tuple[str, str]] = {
    Stage.LAUNCH: ("决策启动", "Launch"),
    Stage.PUBLIC_PARTICIPATION: ("公众参与", "Public participation"),
    Stage.EXPERT_REVIEW: ("专家论证", "Expert review"),
    Stage.RISK_ASSESSMENT: ("风险评估", "Risk assessment"),
    Stage.LEGALITY_REVIEW: ("合法性审查", "Legality review"),
    Stage.COLLECTIVE_DELIBERATION: ("集体讨论决定", "Collective deliberation"),
    Stage.PUBLICATION: ("决策公布", "Publication"),
    Stage.ARCHIVE: ("决策档案", "Archive"),
    Stage.POST_EVALUATION: ("决策后评估", "Post-decision evaluation"),
}

# The five statutory stages every decision's workflow contains (R-A2).
STATUTORY_STAGES: tuple[Stage, ...] = (
    Stage.PUBLIC_PARTICIPATION,
    Stage.EXPERT_REVIEW,
    Stage.RISK_ASSESSMENT,
    Stage.LEGALITY_REVIEW,
    Stage.COLLECTIVE_DELIBERATION,
)

# Only these may be marked not applicable, each under its article (R-A2).
MAY_BE_NOT_APPLICABLE: dict[Stage, str] = {
    Stage.PUBLIC_PARTICIPATION: "Art. 14",
    Stage.EXPERT_REVIEW: "Art. 19",
    Stage.RISK_ASSESSMENT: "Art. 22",
}

# The stages in the order the archive presents them.
ORDER: tuple[Stage, ...] = tuple(Stage)


def stage_label(stage: str) -> str:
    """'公众参与 Public participation' for a stage value; the value itself if unknown."""
    try:
        zh, en = STAGE_NAMES[Stage(stage)]
    except ValueError:
        return stage
    return f"{zh} {en}"
