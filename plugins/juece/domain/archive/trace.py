"""Accountability trace (R-H5): every act of a decision, by whom, when, in which role.

The roles come from the spec recorded at launch (and the panel drawn then or later), never
from today's configuration: a trace read years later names the roles people held then. An act
that recorded its actor's role when it was done (a retrieval: archivist or reader, and the role
Airflow's auth manager gave them) is shown in that role; where none is known, "unknown", never a guess.

A role the spec gives a group (``group:<name>``) is held by its members, and who they were is read
from the record too, never from today's directory (people join and leave an office; a trace read
later must not give an old act to a newcomer, nor take a role from someone who has left). Every
notice of a group's task, or of the daily round, to one of its members names the group
(``notice_sent``, data ``group``): that entry is the record's word that the recipient was a member
then. A group's task is assigned to, and can be answered only by, the members told when it opened
(R-H5), so the member who answered it (the act's actor) is always among them and their acts carry
the role. A member the record never told (say one who only used the office pages) stays "unknown".
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage, stage_label
from juece.spec.roles import group_name

SYSTEM_ACTORS = frozenset({"juece", "airflow", "system"})

ROLE_LABELS: dict[str, tuple[str, str]] = {
    "sponsor_office": ("承办单位", "sponsor office"),
    "expert": ("论证专家", "expert"),
    "risk_assessor": ("风险评估人", "risk assessor"),
    "legality_reviewer": ("合法性审查人", "legality reviewer"),
    "legal_adviser": ("法律顾问", "legal adviser"),
    "meeting_member": ("会议组成人员", "meeting member"),
    "head": ("行政首长", "head of government"),
    "secretary": ("会议记录人", "secretary"),
    "hearing_participant": ("听证参加人", "hearing participant"),
    "evaluator": ("后评估人", "evaluator"),
    "archivist": ("档案管理员", "archivist"),
    "reader": ("调阅人", "reader"),
    "public": ("社会公众", "public"),
    "system": ("系统", "airflow/system"),
    "unknown": ("未知角色", "role not in the spec"),
}

# Which of a person's roles an act in a stage is done in, most specific first.
STAGE_ROLES: dict[str, tuple[str, ...]] = {
    Stage.LAUNCH: ("sponsor_office",),
    Stage.PUBLIC_PARTICIPATION: ("sponsor_office", "hearing_participant"),
    Stage.EXPERT_REVIEW: ("expert", "sponsor_office"),
    Stage.RISK_ASSESSMENT: ("risk_assessor", "sponsor_office"),
    Stage.LEGALITY_REVIEW: ("legality_reviewer", "legal_adviser", "sponsor_office"),
    Stage.COLLECTIVE_DELIBERATION: ("head", "secretary", "meeting_member", "sponsor_office"),
    Stage.PUBLICATION: ("sponsor_office",),
    Stage.ARCHIVE: ("archivist",),
    Stage.POST_EVALUATION: ("evaluator", "sponsor_office"),
}
KIND_ROLES: dict[str, str] = {
    Kind.ADVISER_OPINION: "legal_adviser", Kind.LEGALITY_REVIEWED: "legality_reviewer",
    Kind.HEAD_DECISION: "head", Kind.MEMBER_VIEW: "meeting_member", Kind.MINUTES_RECORDED: "secretary",
    Kind.HEARING_RECORD_SIGNED: "hearing_participant", Kind.RISK_ASSESSED: "risk_assessor",
}
# Data keys that name the person an act concerns when someone else records it.
NAMED_KEYS = ("expert", "member", "by", "evaluator", "replaces")


def role_label(role: str) -> str:
    zh, en = ROLE_LABELS.get(role, ROLE_LABELS["unknown"])
    return f"{zh} {en}"


def spec_of(entries: Entries) -> dict[str, Any]:
    launched = latest(entries, Kind.LAUNCHED)
    return dict(launched["data"].get("spec") or {}) if launched else {}


def roles_by_user(entries: Entries) -> dict[str, set[str]]:
    """Every user the recorded spec and panel give a role, with all their roles; a group's roles
    under ``group:<name>`` and, given to each member the record shows told for it, under theirs."""
    spec = spec_of(entries)
    stages = spec.get("stages") or {}
    roles: dict[str, set[str]] = {}

    def give(user: Any, role: str) -> None:
        if user:
            roles.setdefault(str(user), set()).add(role)

    give(spec.get("sponsor_office"), "sponsor_office")
    give((stages.get("risk_assessment") or {}).get("assessor"), "risk_assessor")
    legality = stages.get("legality_review") or {}
    give(legality.get("reviewer"), "legality_reviewer")
    give(legality.get("legal_adviser"), "legal_adviser")
    meeting = stages.get("collective_deliberation") or {}
    for member in meeting.get("members") or []:
        give(member, "meeting_member")
    give(meeting.get("head"), "head")
    give(meeting.get("secretary"), "secretary")
    hearing = (stages.get("public_participation") or {}).get("hearing") or {}
    for participant in hearing.get("participants") or []:
        give(participant.get("user"), "hearing_participant")
    give((stages.get("post_evaluation") or {}).get("evaluator"), "evaluator")
    for user in experts(entries):
        give(user, "expert")
    for asked in all_of(entries, Kind.EVALUATION_REQUESTED):
        give(asked["data"].get("evaluator"), "evaluator")
    for member, group in group_members(entries):
        for role in roles.get(group, set()).copy():
            give(member, role)
    return roles


def group_members(entries: Entries) -> list[tuple[str, str]]:
    """(member, ``group:<name>``) for each member the record shows told as one of a group."""
    found: dict[tuple[str, str], None] = {}
    for told in all_of(entries, Kind.NOTICE_SENT):
        data = told.get("data") or {}
        member, group = str(data.get("recipient") or ""), str(data.get("group") or "")
        if member and group_name(group) is not None and group_name(member) is None:
            found[(member, group)] = None
    return list(found)


def experts(entries: Entries) -> list[str]:
    """The experts drawn at launch, asked for an opinion, or drawn as replacements."""
    found: list[str | None] = []
    panel = latest(entries, Kind.PANEL_DRAWN)
    found += [seat.get("user") for seat in (panel["data"].get("seats") or [])] if panel else []
    for kind in (Kind.EXPERT_REPLACED, Kind.OPINION_REQUESTED):
        found += [e["data"].get("expert") for e in all_of(entries, kind)]
    return [user for user in dict.fromkeys(found) if user]


def role_of(entry: Entry, roles: dict[str, set[str]]) -> str:
    """The role an entry's actor acted in."""
    actor = entry["actor"]
    if actor in SYSTEM_ACTORS:
        return "system"
    if actor == "public" or entry["kind"] == Kind.COMMENT_RECEIVED:
        return "public"
    recorded = (entry.get("data") or {}).get("role")
    if recorded in ROLE_LABELS:
        return str(recorded)
    held = roles.get(actor, set())
    preferred = KIND_ROLES.get(entry["kind"])
    if preferred in held:
        return str(preferred)
    for role in STAGE_ROLES.get(entry["stage"], ()):
        if role in held:
            return role
    if held:
        return sorted(held)[0]
    return "unknown"


@dataclass(frozen=True)
class TraceRow:
    """One act of the record as the trace shows it."""

    decision_id: str
    seq: int
    at: str
    actor: str
    role: str
    role_label: str
    stage: str
    stage_label: str
    kind: str
    hash: str
    relation: str = "actor"  # "actor": the person did it; "named": it names them (R-H5)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def trace(entries: Entries) -> list[TraceRow]:
    """Every entry of one decision's record, with the role its actor held."""
    roles = roles_by_user(entries)
    return [_row(entry, roles) for entry in entries]


def person_trace(records: dict[str, Entries], user: str) -> list[TraceRow]:
    """Every act by ``user`` in every decision, and every act that names them, in record order."""
    rows: list[TraceRow] = []
    for entries in records.values():
        roles = roles_by_user(entries)
        for entry in entries:
            if entry["actor"] == user:
                rows.append(_row(entry, roles))
            elif _names(entry, user):
                rows.append(_row(entry, roles, "named"))
    return sorted(rows, key=lambda row: (row.at, row.decision_id, row.seq))


def _names(entry: Entry, user: str) -> bool:
    """Whether the entry names ``user``: by one of NAMED_KEYS, or as a seat of the panel it draws."""
    data = entry.get("data") or {}
    seats = data.get("seats") if entry["kind"] == Kind.PANEL_DRAWN else None
    return any(data.get(key) == user for key in NAMED_KEYS) or any(
        isinstance(seat, dict) and seat.get("user") == user for seat in seats or [])


def _row(entry: Entry, roles: dict[str, set[str]], relation: str = "actor") -> TraceRow:
    role = role_of(entry, roles)
    label = role_label(role)
    if auth_role := (entry.get("data") or {}).get("auth_role"):
        label += f"（Airflow 角色 role: {'未知 unknown' if auth_role == 'unknown' else auth_role}）"
    return TraceRow(entry["decision_id"], entry["seq"], entry["at"], entry["actor"], role, label,
                    entry["stage"], stage_label(entry["stage"]), entry["kind"], entry["hash"], relation)
