"""The automated steps of a decision: each reads the record and returns the acts to append."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from juece.domain.legality.review import gate, legality_submission  # noqa: F401  (R-E1, R-E2 steps)
from juece.domain.participation.draft import current_draft
from juece.domain.publication.announcement import publish
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time
from juece.domain.record.entries import Entries, all_of, clock_scale, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text
from juece.domain.record.periods import accelerated, last_day, period_end
from juece.domain.stages import MAY_BE_NOT_APPLICABLE, Stage
from juece.spec.models import DecisionSpec

SYSTEM = "juece"


def not_applicable(spec: DecisionSpec, stage: Stage) -> list[Act]:
    """R-A2: a stage the spec marks not applicable is still a recorded step."""
    config = getattr(spec.stages, stage.value)
    reason = config.not_applicable_reason
    data = {"reason": reason, "article": MAY_BE_NOT_APPLICABLE[stage], "rule": "R-A2"}
    return [Act(stage, Kind.NOT_APPLICABLE, SYSTEM, data)]


def start(spec: DecisionSpec, entries: Entries, run_id: str) -> list[Act]:
    if latest(entries, Kind.LAUNCHED) is None:
        raise RuleViolation("R-H1", "决策尚未登记启动", f"decision {spec.id} has no `launched` entry")
    return [Act(Stage.LAUNCH, Kind.WORKFLOW_STARTED, SYSTEM, {"run_id": run_id, "dag_id": spec.dag_id})]


def publish_notice(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """R-B1, R-B2: publish the draft, how and until when to comment, any urgency reason. The
    period closes as the Civil Code counts it (domain/record/periods.py): at 24:00 China time of its last
    day, a rest day moving it to the next working day; an accelerated clock reaches that sooner."""
    stage = spec.stages.public_participation
    closes = period_end(now, stage.comment_period_days)
    effective = accelerated(now, closes, clock_scale(entries))
    data: dict[str, Any] = {
        "draft_version": spec.draft.version,
        "draft_sha256": sha256_text(spec.draft.text),
        "opens_at": format_time(now),
        "closes_at": format_time(closes),
        "last_day": last_day(closes).isoformat(),
        "effective_closes_at": format_time(effective),
        "period_days": stage.comment_period_days,
        "urgency_reason": stage.urgency_reason,
        "how_to_comment": stage.how_to_comment,
        "rules": ["R-B1", "R-B2"],
    }
    if stage.hearing:
        data["hearing"] = stage.hearing.model_dump(mode="json")
    return [Act(Stage.PUBLIC_PARTICIPATION, Kind.NOTICE_PUBLISHED, spec.sponsor_office, data)]


def close_comments(spec: DecisionSpec, entries: Entries) -> list[Act]:
    received = all_of(entries, Kind.COMMENT_RECEIVED)
    on_time = [e["data"]["receipt"] for e in received if not e["data"].get("late")]
    late = [e["data"]["receipt"] for e in received if e["data"].get("late")]
    data = {"count": len(received), "on_time": on_time, "late": late, "rule": "R-B3"}
    return [Act(Stage.PUBLIC_PARTICIPATION, Kind.COMMENTS_CLOSED, SYSTEM, data)]


def materials(spec: DecisionSpec, entries: Entries) -> list[Act]:
    """R-F1: the members' pack: draft, adoption reports, risk report, legality opinion."""
    wanted = {
        "comment_adoption_report": _report(entries, Stage.PUBLIC_PARTICIPATION, Kind.ADOPTION_REPORT),
        "expert_adoption_report": _report(entries, Stage.EXPERT_REVIEW, Kind.ADOPTION_REPORT),
        "risk_report": _report(entries, Stage.RISK_ASSESSMENT, Kind.RISK_ASSESSED),
        "legality_opinion": _report(entries, Stage.LEGALITY_REVIEW, Kind.LEGALITY_REVIEWED),
    }
    missing = [name for name, value in wanted.items() if value is None]
    if missing:
        raise RuleViolation("R-F1", f"会议材料不全：{', '.join(missing)}", f"the meeting pack lacks: {', '.join(missing)}")
    draft = current_draft(entries)
    data: dict[str, Any] = {"draft_version": draft.version, "draft_sha256": draft.sha256, **wanted, "rule": "R-F1",
            "members": list(spec.stages.collective_deliberation.members)}
    for name, stage in (("comment_adoption", Stage.PUBLIC_PARTICIPATION), ("expert_adoption", Stage.EXPERT_REVIEW)):
        if report := latest(entries, Kind.ADOPTION_REPORT, stage):  # R-B5, R-C6: the reports themselves
            data[name] = {key: report["data"].get(key) for key in ("total", "counts", "adoption_rate")}
    return [Act(Stage.COLLECTIVE_DELIBERATION, Kind.MATERIALS_ISSUED, spec.stages.collective_deliberation.secretary, data)]


def _report(entries: Entries, stage: Stage, kind: str) -> str | None:
    if latest(entries, Kind.NOT_APPLICABLE, stage):
        return "not_applicable"
    entry = latest(entries, kind, stage)
    return entry["hash"] if entry else None


def minutes(spec: DecisionSpec, entries: Entries) -> list[Act]:
    """R-F3: minutes with attendees, absentees, each view and dissent as stated, the decision."""
    meeting = latest(entries, Kind.MEETING_CONVENED)
    decision = latest(entries, Kind.HEAD_DECISION)
    if meeting is None or decision is None:
        raise RuleViolation("R-F3", "会议尚未作出决定，不能形成纪要", "no meeting decision to minute yet")
    views = [{"member": e["data"]["member"], "view": e["data"]["view"], "remarks": e["data"].get("remarks", ""),
              "recorded_by": e["data"].get("recorded_by", e["data"]["member"])}
             for e in all_of(entries, Kind.MEMBER_VIEW)]
    data = {
        "meeting_type": meeting["data"]["meeting_type"],
        "meeting_name": meeting["data"].get("meeting_name", ""),
        "attendees": meeting["data"]["attendees"],
        "absentees": meeting["data"]["absentees"],
        "views": views,
        "dissent": [v for v in views if v["view"] == "disagree"],
        "decision": decision["data"]["outcome"],
        "head_reason": decision["data"].get("reason", ""),
        "rule": "R-F3",
    }
    return [Act(Stage.COLLECTIVE_DELIBERATION, Kind.MINUTES_RECORDED, spec.stages.collective_deliberation.secretary, data)]


def publication(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """R-G1: an approved decision is published with the adoption explanations (domain/publication/announcement.py)."""
    return publish(spec, entries, now)
