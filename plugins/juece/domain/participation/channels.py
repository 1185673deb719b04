"""Other channels of public participation (R-B7): 座谈会, 实地走访, 问卷调查, 民意调查."""

from __future__ import annotations

from datetime import date
from typing import Any

from juece.domain.record.acts import Act
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage

CHANNELS = {"symposium": "座谈会 symposium", "visit": "实地走访 site visit",
            "questionnaire": "问卷调查 questionnaire", "poll": "民意调查 opinion poll"}


def channel_act(kind: str, title: str, held_on: str, summary: str, attachments: list[dict[str, Any]],
                actor: str, participants: int | None = None) -> Act:
    """One participation event the sponsor office held, with its evidence."""
    if kind not in CHANNELS:
        raise RuleViolation("R-B7", f"渠道须为 {'/'.join(CHANNELS)}", f"the channel must be one of {', '.join(CHANNELS)}")
    try:
        day = date.fromisoformat(held_on)
    except ValueError:
        raise FormError("日期格式应为 YYYY-MM-DD", "the date must be YYYY-MM-DD", field="date") from None
    if not title.strip() or not summary.strip():
        raise RuleViolation("R-B7", "须写明名称和情况摘要", "a title and a summary of what was heard are required")
    if participants is not None and participants < 1:
        raise FormError("参加人数须为正数", "the number of participants must be positive", field="participants")
    data = {"channel": kind, "label": CHANNELS[kind], "title": title.strip(), "held_on": day.isoformat(),
            "summary": summary.strip(), "participants": participants, "attachments": attachments, "rule": "R-B7"}
    return Act(Stage.PUBLIC_PARTICIPATION, Kind.CHANNEL_RECORDED, actor, data)
