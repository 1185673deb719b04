"""A decision's record in words, for the office (`/juece/office/decisions/<id>`): the timeline of
every entry as a sentence, the draft's versions and what each revision changed, the files given
with acts, and the archive once issued. Only a person the desk lets follow the decision reads it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from juece.adapters.store.ledger import Ledger
from juece.domain.archive.annual import DecisionStatus, decision_status
from juece.domain.archive.overdue import Pending, pending_steps
from juece.domain.archive.timeline import Line, timeline
from juece.domain.archive.trace import roles_by_user, spec_of
from juece.domain.participation.draft import Draft, changes, versions
from juece.domain.record.entries import Entries
from juece.domain.record.errors import AccessError, RecordError
from juece.domain.record.kinds import Kind
from juece.services.desk import person_label, relation


@dataclass(frozen=True)
class Version:
    draft: Draft
    at: str  # when this text was launched or recorded
    changed: list[tuple[str, str]] = field(default_factory=list)  # ("added" | "removed", paragraph)


@dataclass(frozen=True)
class RecordView:
    status: DecisionStatus
    relation: str
    lines: list[Line]
    drafts: list[Version]
    files: list[dict[str, Any]]  # {name, sha256, bytes, at, what}
    archives: list[dict[str, Any]]  # archive_issued data with its time
    pending: list[Pending]
    roles: Mapping[str, set[str]] = field(default_factory=dict)
    names: Mapping[str, str] = field(default_factory=dict)

    def who(self, user: str) -> str:
        return person_label(self.roles, user, self.names)


def record_view(ledger: Ledger, decision_id: str, user: str, now: datetime, administrator: bool = False,
                names: Mapping[str, str] | None = None) -> RecordView:
    """The record of ``decision_id`` in words for ``user`` (people called by ``names`` where given);
    refused when it is not theirs to follow."""
    entries = ledger.entries(decision_id)
    if not entries:
        raise RecordError(f"没有这项决策 / no decision {decision_id}")
    why = relation(spec_of(entries), user, administrator)
    if why is None:
        raise AccessError("只有承办单位、决策机关会议人员或管理员可以查看本决策的记录",
                          "only the sponsor office, the decision body's meeting or an administrator may read this record")
    return RecordView(decision_status(entries, now), why, timeline(entries, names), _drafts(entries), _files(entries),
                      _archives(entries), pending_steps(entries, now), roles_by_user(entries), dict(names or {}))


def _drafts(entries: Entries) -> list[Version]:
    found: list[Version] = []
    times = {e["hash"]: e["at"] for e in entries}
    launched_at = next((e["at"] for e in entries if e["kind"] == Kind.LAUNCHED), "")
    for draft in versions(entries):
        at = times.get(draft.entry or "", launched_at)
        found.append(Version(draft, at, changes(found[-1].draft, draft) if found else []))
    return found


def _files(entries: Entries) -> list[dict[str, Any]]:
    found = []
    for entry in entries:
        data = entry["data"]
        given = list(data.get("attachments") or []) + ([data["attachment"]] if data.get("attachment") else [])
        for item in given:
            if isinstance(item, dict) and item.get("sha256"):
                found.append({**item, "at": entry["at"], "seq": entry["seq"], "kind": entry["kind"]})
    return found


def _archives(entries: Entries) -> list[dict[str, Any]]:
    return [{**e["data"], "at": e["at"]} for e in entries if e["kind"] == Kind.ARCHIVE_ISSUED]
