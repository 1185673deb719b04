"""What the daily round of notices sends for one decision: a reminder to the holders of each step
due within the reminder window, an escalation to the sponsor office and the head for each overdue
step not escalated before (the record says so), and the rows of its sponsor office's digest. The
accelerated workflow clock is counted as the overdue check counts it (``Pending.effective_due``).

A recipient here is a role's holder as the spec names it: a user, or a group (``group:<name>``)
that services/notices.py tells member by member. A group counts as told once the record shows a
notice to any of its members (or a failed one naming it): once per step, not once per member.
What was sent on an earlier day (China time) is done; what was sent today is listed again, for the
sender's act keys to skip: a round cut short part-way, rerun the same day, reaches the rest."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from juece.domain.archive.overdue import Pending, parse_at, pending_steps
from juece.domain.archive.trace import spec_of
from juece.domain.notices.texts import ESCALATION, REMINDER, Decision, step_key, today_in_china
from juece.domain.record.entries import Entries, all_of, clock_scale
from juece.domain.record.kinds import Kind


@dataclass(frozen=True)
class Round:
    """One decision's part of a day's round: each (step, recipients) to remind and to escalate,
    and every open step for the sponsor office's digest."""

    decision: Decision
    sponsor_office: str
    remind: list[tuple[Pending, list[str]]]
    escalate: list[tuple[Pending, list[str]]]
    open_steps: list[Pending]


def decision_of(entries: Entries) -> Decision:
    spec = spec_of(entries)
    return Decision(str(spec.get("id") or entries[0]["decision_id"]), str(spec.get("title") or ""),
                    str(spec.get("title_en") or ""))


def escalation_recipients(spec: dict[str, Any]) -> list[str]:
    """The sponsor office and the decision body, for which its head (who decides at the meeting)."""
    head = ((spec.get("stages") or {}).get("collective_deliberation") or {}).get("head")
    return [user for user in dict.fromkeys([spec.get("sponsor_office"), head]) if user]


def notified(entries: Entries, notice: str, step: str, before: str | None = None) -> set[str]:
    """Who the record shows was sent this kind of notice for this step, by any channel: each
    recipient, and the group a member was told for; only what was sent before the China day
    ``before`` (YYYY-MM-DD) when given."""
    found: set[str] = set()
    for e in all_of(entries, Kind.NOTICE_SENT):
        data = e["data"]
        if data.get("notice") != notice or data.get("step") != step:
            continue
        if before is not None and today_in_china(parse_at(e["at"])) >= before:
            continue
        found |= {str(data.get("recipient") or ""), str(data.get("group") or "")} - {""}
    return found


def due_soon(step: Pending, now: datetime, days: int, scale: float) -> bool:
    """Not overdue, and due within ``days`` legal days (as short as the workflow's clock makes them)."""
    if step.overdue or step.due == "unknown":
        return False
    left = parse_at(step.effective_due) - now
    return timedelta(0) <= left <= timedelta(days=days) / scale


def day_round(entries: Entries, now: datetime, remind_days: int) -> Round | None:
    """The decision's round on ``now``; None for a record without a launched spec."""
    if not entries or not any(e["kind"] == Kind.LAUNCHED for e in entries):
        return None
    spec = spec_of(entries)
    steps = pending_steps(entries, now)
    scale = clock_scale(entries)
    today = today_in_china(now)
    remind, escalate = [], []
    for step in steps:
        key = step_key(step)
        if due_soon(step, now, remind_days, scale):
            done = notified(entries, REMINDER, key, today)
            if todo := [h for h in dict.fromkeys(step.holders) if h and h not in done]:
                remind.append((step, todo))
        elif step.overdue:
            done = notified(entries, ESCALATION, key, today)
            whom = [u for u in escalation_recipients(spec) if u not in done]
            if whom:
                escalate.append((step, whom))
    return Round(decision_of(entries), str(spec.get("sponsor_office") or ""), remind, escalate, steps)


def assigned_step(entries: Entries, now: datetime, stage: str, assignee: str) -> Pending | None:
    """The open step of ``stage`` the assignee holds with the earliest deadline, if any."""
    mine = [s for s in pending_steps(entries, now) if assignee in s.holders and s.stage == stage]
    return min(mine, key=lambda s: parse_at(s.effective_due), default=None)
