"""The archive search page's coded values in words: categories (Reg. Art. 3), outcomes (R-F5)
and stage statuses, Chinese first and English beside, as the archive's own documents name them."""

from __future__ import annotations

from juece.adapters.reporting.labels import UNDECIDED, category_label, outcome_label
from juece.domain.archive.search_query import CATEGORIES, OUTCOMES, STAGE_STATES
from juece.domain.stages import STAGE_NAMES, STATUTORY_STAGES

STATE_NAMES: dict[str, tuple[str, str]] = {
    "recorded": ("已有记录", "recorded"),
    "not_applicable": ("不适用", "not applicable"),
    "none": ("尚无记录", "nothing recorded yet"),
}


def split(label: str) -> tuple[str, str]:
    """'公共政策 public policy' as ('公共政策', 'public policy')."""
    zh, _, en = label.replace(" / ", " ", 1).partition(" ")
    return zh, en


def category_words(code: str) -> tuple[str, str]:
    return split(category_label(code))


def outcome_words(code: str | None) -> tuple[str, str]:
    return split(UNDECIDED if code in (None, "", "undecided") else outcome_label(code))


def stage_choices() -> list[tuple[str, str]]:
    """Every ``<stage>=<state>`` the search takes, with its words: 专家论证：不适用 Expert review: not applicable."""
    choices = []
    for stage in STATUTORY_STAGES:
        for state in STAGE_STATES:
            (stage_zh, stage_en), (state_zh, state_en) = STAGE_NAMES[stage], STATE_NAMES[state]
            choices.append((f"{stage.value}={state}", f"{stage_zh}：{state_zh} {stage_en}: {state_en}"))
    return choices


def choices() -> dict[str, list[tuple[str, str]]]:
    """The search form's choices, each a code and its words."""
    return {"categories": [(code, " ".join(category_words(code))) for code in CATEGORIES],
            "outcomes": [(code, " ".join(outcome_words(code))) for code in OUTCOMES],
            "stages": stage_choices()}
