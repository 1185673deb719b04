"""The office's desk (承办单位工作台): every decision a person may follow, where it stands, who holds
its open steps, their legal deadlines and which are past them (R-H5).

A person sees a decision when the spec recorded at launch names them as its sponsor office or as
the decision body's people at the meeting (the head, a member, the secretary), or names a group
(``group:<name>``) they are a member of; an administrator sees every decision. Nothing here is read from today's configuration: the record decides."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from juece.adapters.notify.groups import holds_role
from juece.adapters.store.ledger import Ledger
from juece.domain.archive.annual import DecisionStatus, catalogue_year, decision_status
from juece.domain.archive.overdue import Pending, parse_at, pending_steps
from juece.domain.archive.trace import ROLE_LABELS, roles_by_user
from juece.domain.record.entries import Entries, Entry
from juece.domain.record.kinds import Kind


@dataclass(frozen=True)
class Filters:
    """The desk's filters, each optional: catalogue year, category, current stage, overdue only."""

    year: int | None = None
    category: str | None = None
    stage: str | None = None
    overdue: bool = False


@dataclass(frozen=True)
class DeskRow:
    """One decision on the desk: its status (as the annual catalogue counts it) and its open steps."""

    status: DecisionStatus
    pending: list[Pending] = field(default_factory=list)
    role: str = ""  # why this person sees it: sponsor_office, decision_body or administrator
    roles: Mapping[str, set[str]] = field(default_factory=dict)  # each person's roles, as the record gives them
    names: Mapping[str, str] = field(default_factory=dict)  # people's names, where the directory knows them

    @property
    def overdue(self) -> list[Pending]:
        return [step for step in self.pending if step.overdue]

    @property
    def next_due(self) -> Pending | None:
        """The open step whose deadline comes first (an unknown deadline comes last)."""
        known = [step for step in self.pending if step.due != "unknown"]
        return min(known, key=lambda step: parse_at(step.effective_due)) if known else None

    @property
    def holders(self) -> list[str]:
        return list(dict.fromkeys(holder for step in self.pending for holder in step.holders))

    def who(self, user: str) -> str:
        return person_label(self.roles, user, self.names)


def person_label(roles: Mapping[str, set[str]], user: str, names: Mapping[str, str] | None = None) -> str:
    """A person by their roles in a decision and their name (else their user name): "承办单位 周敏"."""
    words = "、".join(ROLE_LABELS[role][0] for role in sorted(roles.get(user, ())) if role in ROLE_LABELS)
    called = (names or {}).get(user) or user
    return f"{words} {called}" if words else called


def relation(spec: Mapping[str, Any], user: str, administrator: bool = False) -> str | None:
    """Why ``user`` may follow the decision of ``spec`` on the desk, or None when they may not."""
    if holds_role(spec.get("sponsor_office"), user):
        return "sponsor_office"
    meeting = ((spec.get("stages") or {}).get("collective_deliberation") or {})
    body = [meeting.get("head"), meeting.get("secretary"), *(meeting.get("members") or [])]
    if any(holds_role(role, user) for role in body):
        return "decision_body"
    return "administrator" if administrator else None


def visible_decisions(ledger: Ledger, user: str, administrator: bool = False) -> dict[str, str]:
    """{decision id: relation} for every launched decision ``user`` may follow."""
    found: dict[str, str] = {}
    for launched in ledger.of_kind(Kind.LAUNCHED):
        why = relation(launched["data"].get("spec") or {}, user, administrator)
        if why is not None:
            found.setdefault(launched["decision_id"], why)
    return found


def desk(ledger: Ledger, user: str, now: datetime, filters: Filters = Filters(),
         administrator: bool = False, names: Mapping[str, str] | None = None) -> list[DeskRow]:
    """The desk of ``user`` at ``now``: overdue decisions first, then by the next deadline."""
    rows = []
    for decision_id, why in visible_decisions(ledger, user, administrator).items():
        entries = ledger.entries(decision_id)
        if not entries or not _wanted(entries, filters):
            continue
        row = DeskRow(decision_status(entries, now), pending_steps(entries, now), why, roles_by_user(entries),
                      dict(names or {}))
        if filters.stage and row.status.stage != filters.stage:
            continue
        if filters.overdue and not row.overdue:
            continue
        rows.append(row)
    return sorted(rows, key=_order)


def years(rows: list[DeskRow]) -> list[int]:
    return sorted({row.status.catalogue_year for row in rows if row.status.catalogue_year}, reverse=True)


def _wanted(entries: Entries, filters: Filters) -> bool:
    spec = _spec(entries)
    if filters.category and spec.get("category") != filters.category:
        return False
    return not (filters.year and catalogue_year(entries) != filters.year)


def _spec(entries: Entries) -> Mapping[str, Any]:
    launched: Entry | None = next((e for e in entries if e["kind"] == Kind.LAUNCHED), None)
    return (launched["data"].get("spec") or {}) if launched else {}


def _order(row: DeskRow) -> tuple[int, str, str]:
    upcoming = row.next_due
    return (0 if row.overdue else 1, upcoming.effective_due if upcoming else "~", row.status.decision_id)
