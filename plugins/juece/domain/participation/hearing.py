"""Hearings (R-B6): announced in advance, materials at least 7 days before, every side heard,
and a record that every participant confirms through their own task.

The notice ([L] 30 days) and the materials (Reg. Art. 17: 7 days) are lead times before the
hearing, not periods in days within which someone acts: whole days of China's calendar counted
back from the hearing's day, until 24:00 of the Nth day before it, and no holiday moves them
(``lead_time_deadline`` in spec/base.py, shared with `juece lint`; domain/record/periods.py says why)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from juece.domain.participation.review_answers import SUBMIT_OPTIONS
from juece.domain.record.acts import Act
from juece.domain.record.answers import (
    Answer,
    Outcome,
    TaskContext,
    list_param,
    one_choice,
    text_param,
)
from juece.domain.record.clock import china_time, format_time
from juece.domain.record.entries import Entries, clock_scale, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import sha256_text
from juece.domain.record.periods import accelerated, days_before
from juece.domain.stages import Stage
from juece.spec.hearing_signup import PublicSignup
from juece.spec.models import DecisionSpec, Hearing

CONFIRM_OPTIONS = {"确认无误并签名 Confirm and sign": "confirm", "有异议 Dispute": "dispute"}


def the_hearing(spec: DecisionSpec) -> Hearing:
    hearing = spec.stages.public_participation.hearing
    if hearing is None:
        raise RuleViolation("R-B6", "本决策没有安排听证会", "this decision holds no hearing")
    return hearing


def announce(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """Publish time, place, selection method and participants, early enough ([L] 30 days)."""
    hearing = the_hearing(spec)
    if late := hearing.notice_too_late(now):  # the same check `juece lint` makes for the launch date
        raise RuleViolation("R-B6", *late)
    effective = accelerated(now, hearing.time, clock_scale(entries))
    data: dict[str, Any] = {"time": hearing.time.isoformat(), "place": hearing.place, "selection_method": hearing.selection_method,
            "sides": hearing.sides, "participants": [{"name": p.name, "side": p.side} for p in hearing.participants],
            "materials_due": hearing.materials_last_day().isoformat(),  # by 24:00 China time of that day
            "effective_time": format_time(effective), "rule": "R-B6"}
    if hearing.public_signup:
        data["signup"] = public_signup(hearing.public_signup, now, clock_scale(entries))
    return [Act(Stage.PUBLIC_PARTICIPATION, Kind.HEARING_ANNOUNCED, spec.sponsor_office, data)]


def public_signup(signup: PublicSignup, now: datetime, scale: float) -> dict[str, Any]:
    """The public sign-up as announced: open from the notice until ``closes_at`` (R-B6)."""
    if now >= signup.closes_at:
        closed = format_time(signup.closes_at)
        raise RuleViolation("R-B6", f"公开报名截止时间（{china_time(closed)}）已过，不能再公告报名",
                            f"public sign-up was to close at {china_time(closed, zone=False)} China time: too late to "
                            "announce it")
    return {"closes_at": format_time(signup.closes_at), "seats": signup.seats, "method": signup.method,
            "effective_closes_at": format_time(accelerated(now, signup.closes_at, scale))}


def issue_materials(spec: DecisionSpec, entries: Entries, now: datetime) -> list[Act]:
    """Materials reach the participants at least ``materials_days_before`` (>= 7) days before."""
    hearing = the_hearing(spec)
    if late := hearing.materials_too_late(now):
        raise RuleViolation("R-B6", *late)
    data = {"issued_at": format_time(now), "days_before": days_before(now, hearing.time),
            "to": [p.name for p in hearing.participants], "draft_sha256": sha256_text(spec.draft.text), "rule": "R-B6"}
    if drawn := latest(entries, Kind.HEARING_SEATS_DRAWN):  # the public seats, by their receipts (R-H6)
        data["public_seats"] = [seat["receipt"] for seat in drawn["data"]["selected"]]
    return [Act(Stage.PUBLIC_PARTICIPATION, Kind.HEARING_MATERIALS_ISSUED, spec.sponsor_office, data)]


def hearing_record(ctx: TaskContext, answer: Answer) -> Outcome:
    """The office records the hearing; every side must have been heard."""
    one_choice(answer, SUBMIT_OPTIONS, "R-B6")
    hearing = the_hearing(ctx.spec)
    record = text_param(answer, "record", "R-B6", "听证笔录")
    heard = {str(side).strip() for side in list_param(answer, "sides_heard")}
    if missing := [side for side in hearing.sides if side not in heard]:
        raise RuleViolation("R-B6", f"以下各方未发表意见：{'、'.join(missing)}", f"sides not heard: {', '.join(missing)}")
    data = {"record": record, "record_sha256": sha256_text(record), "sides_heard": sorted(heard), "rule": "R-B6"}
    return Outcome([Act(Stage.PUBLIC_PARTICIPATION, Kind.HEARING_HELD, answer.user, data)])


def confirmation(ctx: TaskContext, answer: Answer) -> Outcome:
    """A participant confirms and signs the record, or disputes it with their reasons."""
    held = latest(ctx.entries, Kind.HEARING_HELD)
    if held is None:
        raise RuleViolation("R-B6", "听证笔录尚未形成", "there is no hearing record to confirm yet")
    choice = one_choice(answer, CONFIRM_OPTIONS, "R-B6")
    remarks = text_param(answer, "remarks", "R-B6", "异议内容", required=choice == "dispute")
    data = {"participant": ctx.subject_user or answer.user, "confirmed": choice == "confirm", "remarks": remarks,
            "record_sha256": held["data"]["record_sha256"], "rule": "R-B6"}
    return Outcome([Act(Stage.PUBLIC_PARTICIPATION, Kind.HEARING_RECORD_SIGNED, answer.user, data)])
