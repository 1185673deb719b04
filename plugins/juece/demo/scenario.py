"""A scenario: what each person answers in a demo or test run (templates/scenarios/*.yaml)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field


class Loose(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Comment(Loose):
    text: str
    paragraph: int | None = None
    disposition: str
    reason: str = ""


class View(Loose):
    view: str
    remarks: str = ""


class Head(Loose):
    outcome: str
    reason: str = ""


class Meeting(Loose):
    attendees: list[str]
    views: dict[str, View]
    views_in_room: dict[str, View] = Field(default_factory=dict)  # recorded by the secretary (R-F3)
    head_first_try: Head | None = None
    head: Head


class RiskRound(Loose):
    points: list[dict[str, Any]]


class Revision(Loose):
    """The sponsor's revision of the draft: the full new text, or replacements in the current one."""

    changes: str
    text: str | None = None
    replace: dict[str, str] = Field(default_factory=dict)


class HearingScript(Loose):
    record: str
    sides_heard: list[str]
    disputes: dict[str, str] = Field(default_factory=dict)


class Scenario(Loose):
    spec: str
    comments: list[Comment] = Field(default_factory=list)
    comment_dispositions_first_try: dict[str, int] | None = None
    # keyed by seat (seat_1.., reserve_1..): whoever the draw put there answers
    expert_opinions: dict[str, dict[str, str]] = Field(default_factory=dict)
    expert_conflicts: dict[str, str] = Field(default_factory=dict)
    silent_seats: list[str] = Field(default_factory=list)
    bad_signature_first_try: list[str] = Field(default_factory=list)
    opinion_dispositions: dict[str, dict[str, str]] = Field(default_factory=dict)
    risk_rounds: list[RiskRound]
    risk_departments_heard: list[str]
    risk_response_plan: str
    risk_revisions: list[Revision] = Field(default_factory=list)  # before reassess_1, reassess_2, ...
    legal_adviser: dict[str, str]
    legality_review: dict[str, Any]
    legality_revisions: list[Revision] = Field(default_factory=list)  # before rereview_1, ...
    legality_rereviews: list[dict[str, Any]] = Field(default_factory=list)  # rereview_1, ...
    meeting: Meeting | None = None
    hearing: HearingScript | None = None
    # the sponsor office's review of the announcement (R-G1): its document number, and its wording
    # when it changes the generated text (empty: published as generated)
    document_number: str = "延政发〔2027〕1号"
    announcement_text: str = ""
    path: Path = Path(".")

    @property
    def spec_path(self) -> Path:
        return (self.path.parent / self.spec).resolve()


def load_scenario(path: str | Path) -> Scenario:
    path = Path(path)
    data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    return Scenario.model_validate({**data, "path": path})
