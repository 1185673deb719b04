"""Steps for which the statute sets no deadline of its own, each bounded by the spec's ``time_limits``
(spec/time_limits.py; its defaults for a spec or a record without the block), and the decision
as a whole (R-H5: 久拖不决).

Each check finds the entry that opened its step and the entry that closes it, and returns nothing
once the step is closed, when its stage is not applicable, or when the run has ended (the head's
decision or a closed gate). A limit in days ends at 24:00 China time of its last day; one in
working days is counted by the official calendar (archive/pending.py).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from juece.domain.archive.pending import (
    Pending,
    after,
    ended,
    parse_at,
    within_days,
    within_working_days,
)
from juece.domain.record.entries import Entries, all_of, clock_scale, latest, stage_not_applicable
from juece.domain.record.kinds import Kind
from juece.domain.record.workdays import china_date
from juece.domain.stages import Stage
from juece.spec.time_limits import TimeLimits

PP, RA, CD = Stage.PUBLIC_PARTICIPATION, Stage.RISK_ASSESSMENT, Stage.COLLECTIVE_DELIBERATION


def limits(spec: dict[str, Any]) -> TimeLimits:
    """The launched spec's limits; a record launched before the block existed gets the defaults."""
    return TimeLimits.model_validate(spec.get("time_limits") or {})


def _stage(spec: dict[str, Any], name: str) -> dict[str, Any]:
    found: dict[str, Any] = (spec.get("stages") or {}).get(name) or {}
    return found


def dispositions(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    """R-B4: every comment disposed of, the adoption report made, within working days of the close."""
    closed = latest(entries, Kind.COMMENTS_CLOSED)
    if closed is None or ended(entries) or stage_not_applicable(entries, PP):
        return []
    if after(entries, closed, (Kind.ADOPTION_REPORT,), lambda e: e["stage"] == PP):
        return []
    days = limits(spec).dispositions_working_days
    label = f"征求意见截止后{days}个工作日内处理意见 comments disposed of within {days} working days of the close"
    return [within_working_days(entries, closed, days, "R-B4", label, [spec.get("sponsor_office")])]


def hearing_record(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    """R-B6: every participant confirms and signs the hearing record (a dispute is their answer too)."""
    held = latest(entries, Kind.HEARING_HELD)
    if held is None or ended(entries) or stage_not_applicable(entries, PP):
        return []
    signed = {e["data"].get("participant") for e in all_of(entries, Kind.HEARING_RECORD_SIGNED) if e["seq"] > held["seq"]}
    hearing = _stage(spec, PP).get("hearing") or {}
    waiting = [p["user"] for p in hearing.get("participants", []) if p["user"] not in signed]
    if not waiting:
        return []
    days = limits(spec).hearing_record_days
    label = f"听证会后{days}日内参加人签署笔录 hearing record signed within {days} days"
    return [within_days(entries, held, days, "R-B6", label, waiting)]


def risk_round(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    """R-D2: each round's report within days of its opening. The first round opens with the stage,
    when the workflow starts (the three stages before legality review run side by side); a later
    one with the sponsor's revision of the draft that answered an uncontrollable round (R-D4). While
    the sponsor revises, no round is open: the assessor holds nothing."""
    if ended(entries) or stage_not_applicable(entries, RA) or latest(entries, Kind.RISK_CONCLUDED):
        return []
    rounds = all_of(entries, Kind.RISK_ASSESSED)
    opened = latest(entries, Kind.WORKFLOW_STARTED)
    if rounds:
        last = rounds[-1]
        revised = latest(entries, Kind.DRAFT_REVISED, RA)
        max_rounds = int(_stage(spec, RA).get("max_rounds", 3))
        if last["data"].get("controllable") or len(rounds) >= max_rounds:
            return []
        opened = revised if revised is not None and revised["seq"] > last["seq"] else None
    if opened is None:
        return []
    days, number = limits(spec).risk_round_days, len(rounds) + 1
    label = f"第{number}轮风险评估{days}日内完成 risk assessment round {number} within {days} days"
    return [within_days(entries, opened, days, "R-D2", label, [_stage(spec, RA).get("assessor")], stage=RA)]


def convening(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    """R-F2: the meeting convened within days of the gate's passing; the secretary convenes it, the
    sponsor office answers for bringing the decision to it."""
    gate = next((e for e in reversed(entries) if e["kind"] in (Kind.GATE_PASSED, Kind.GATE_CLOSED)), None)
    if gate is None or gate["kind"] != Kind.GATE_PASSED or ended(entries):
        return []
    if after(entries, gate, (Kind.MEETING_CONVENED,)):
        return []
    days = limits(spec).convening_days
    label = f"通过合法性审查后{days}日内召开会议 meeting convened within {days} days of the gate"
    holders = [_stage(spec, CD).get("secretary"), spec.get("sponsor_office")]
    return [within_days(entries, gate, days, "R-F2", label, holders, stage=CD)]


def head_decision(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    """The head's decision within days of the meeting. R-F2, not R-F4: R-F2 is the rule by which the
    head decides on the basis of the discussion; R-F4 only asks a reason of a decision against the
    majority, which a late decision need not be."""
    meeting = latest(entries, Kind.MEETING_CONVENED)
    if meeting is None or ended(entries):
        return []
    days = limits(spec).head_decision_days
    label = f"会议后{days}日内行政首长作出决定 the head decides within {days} days of the meeting"
    return [within_days(entries, meeting, days, "R-F2", label, [_stage(spec, CD).get("head")])]


def overall(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    """R-H5: the decision made (or the run ended at a closed gate) within days of its launch; the
    sponsor office holds it, having launched it. The days since launch are the decision's clock's."""
    launched = latest(entries, Kind.LAUNCHED)
    if launched is None or ended(entries):
        return []
    days = limits(spec).overall_for(str(spec.get("category", "")))
    since = parse_at(launched["at"])
    reads = since + max(now - since, timedelta()) * max(clock_scale(entries), 1.0)
    age = (china_date(reads) - china_date(since)).days
    label = (f"决策总期限（已启动{age}日，限{days}日，逾期即久拖不决） overall time limit "
             f"(launched {age} days ago, limit {days} days; past it the decision is left undecided too long)")
    return [within_days(entries, launched, days, "R-H5", label, [spec.get("sponsor_office")])]
