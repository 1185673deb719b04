"""Collective deliberation beyond the single answers: views the secretary records on a member's
behalf (R-F3) and the recorded consequence of each outcome of the meeting (R-F5)."""

from __future__ import annotations

from typing import Any

from juece.domain.participation.draft import current_draft
from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.spec.models import DecisionSpec

VIEW_CODES = ("agree", "disagree", "abstain")

# R-F5: what each outcome of the meeting leads to, recorded with the outcome.
CONSEQUENCES: dict[str, tuple[str, str, str]] = {
    "approve": ("publish", "依法公布（R-G1）并由执行单位组织实施（R-G2）",
                "to be published (R-G1) and carried out by the implementing unit (R-G2)"),
    "reject": ("not_published", "不予通过：不公布，本次决策程序终止",
               "rejected: not published; this procedure ends"),
    "revise": ("resubmit", "修改后再审：承办单位修改草案后以新版本重新提请审议，本次运行以此结果结束",
               "revise and resubmit: the sponsor revises the draft and brings a new version; "
               "this run ends with that outcome"),
    "postpone": ("postponed", "暂缓：本次不作决定，待条件成熟后重新提请审议",
                 "postponed: no decision now; to be brought back to a later meeting"),
}


def views_in_room(spec: DecisionSpec, attendees: list[str], items: list[Any], secretary: str) -> list[Act]:
    """R-F3: views members stated in the room, recorded by the secretary on their behalf.
    The head speaks last through the head's own task, never here (R-F2)."""
    acts: list[Act] = []
    seen: set[str] = set()
    for item in items:
        member, view, remarks = _view_item(item)
        if member == spec.stages.collective_deliberation.head:
            raise RuleViolation("R-F2", "行政首长最后发言并作出决定，不由秘书代为记录意见",
                                "the head speaks last and decides in the head's own task, not recorded here",
                                field="views_in_room")
        if member not in attendees:
            raise RuleViolation("R-F3", f"{member} 未出席会议，不能代为记录其意见",
                                f"{member} does not attend the meeting: no view to record", field="views_in_room")
        if member in seen:
            raise RuleViolation("R-F3", f"{member} 的意见填写了两次", f"the view of {member} is given twice",
                                field="views_in_room")
        seen.add(member)
        data = {"member": member, "view": view, "remarks": remarks, "recorded_by": secretary, "rule": "R-F3"}
        acts.append(Act(Stage.COLLECTIVE_DELIBERATION, Kind.MEMBER_VIEW, secretary, data))
    return acts


def _view_item(item: Any) -> tuple[str, str, str]:
    if not isinstance(item, dict):
        raise RuleViolation("R-F3", "每条意见须写明 member、view、remarks",
                            "each view needs member, view and remarks", field="views_in_room")
    member = str(item.get("member") or "").strip()
    view = str(item.get("view") or "").strip()
    remarks = str(item.get("remarks") or "").strip()
    if not member or view not in VIEW_CODES:
        raise RuleViolation("R-F3", f"意见须写明组成人员和 {'/'.join(VIEW_CODES)} 之一",
                            f"a view needs the member and one of {', '.join(VIEW_CODES)}", field="views_in_room")
    if view == "disagree" and not remarks:
        raise RuleViolation("R-F3", f"{member} 不同意，须照实记录其理由",
                            f"{member} disagrees: the reasons must be recorded as stated", field="views_in_room")
    return member, view, remarks


def view_of(entries: Entries, member: str) -> Entry | None:
    """The view already recorded for a member (by the member or by the secretary), if any."""
    entry: Entry  # reversed() of Entries is Any to mypy
    for entry in reversed(all_of(entries, Kind.MEMBER_VIEW)):
        if entry["data"]["member"] == member:
            return entry
    return None


def conclude(spec: DecisionSpec, entries: Entries) -> list[Act]:
    """R-F5: the meeting's outcome and what follows from it, recorded once the minutes are kept."""
    decision = latest(entries, Kind.HEAD_DECISION)
    if decision is None or latest(entries, Kind.MINUTES_RECORDED) is None:
        raise RuleViolation("R-F5", "会议尚未作出决定并形成纪要", "no minuted meeting decision yet")
    outcome = decision["data"]["outcome"]
    consequence, zh, en = CONSEQUENCES[outcome]
    data = {"outcome": outcome, "consequence": consequence, "zh": zh, "en": en, "decision_entry": decision["hash"],
            "draft_version": current_draft(entries).version, "rule": "R-F5"}  # as deliberated, not as launched
    return [Act(Stage.COLLECTIVE_DELIBERATION, Kind.DELIBERATION_CONCLUDED, spec.stages.collective_deliberation.secretary,
                data)]
