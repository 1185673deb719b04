"""A notice sent, as the record keeps it (``notice_sent``): who was told what, by which channel,
whether it was delivered (with the reason it was not); the entry's time is when. A notice to a
member of a group that holds a role (``group:<name>``) also names the group: the record then says
who was a member when told (archive/trace.py gives them the group's role from it)."""

from __future__ import annotations

from dataclasses import dataclass

from juece.domain.notices.texts import Notice
from juece.domain.record.acts import Act
from juece.domain.record.kinds import Kind

REASON_MAX = 200  # a failure's reason as kept: short, whatever a server answered


@dataclass(frozen=True)
class Outcome:
    delivered: bool
    reason: str = ""


def sent_act(notice: Notice, channel: str, outcome: Outcome, stage: str, key: str, group: str = "") -> Act:
    data = {"recipient": notice.recipient.user, "name": notice.recipient.name, "notice": notice.kind,
            "subject": notice.subject, "channel": channel,
            "outcome": "delivered" if outcome.delivered else "failed",
            "reason": " ".join(outcome.reason.split())[:REASON_MAX], "step": notice.step,
            "deadline": notice.deadline}
    if group:
        data["group"] = group
    return Act(stage, Kind.NOTICE_SENT, "juece", data, key)
