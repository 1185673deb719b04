"""The expert panel as the record tells it: who holds each seat, where each seat stands, and
the replacements a conflict (R-C3) or a missed deadline draws from the recorded pool."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from juece.domain.expert_review.panel import Draw, draw_replacement
from juece.domain.record.acts import Act
from juece.domain.record.entries import Entries, all_of, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage

STAGE = Stage.EXPERT_REVIEW
TERMINAL = {"withdrawn", "non_responding", "signed"}
VACATED = {"withdrawn", "non_responding"}


@dataclass(frozen=True)
class SeatState:
    seat: str
    expert: str | None
    status: str  # unassigned, assigned, requested, submitted, signed, withdrawn, non_responding
    digest: str | None = None


def recorded_draw(entries: Entries) -> Draw:
    entry = latest(entries, Kind.PANEL_DRAWN)
    if entry is None:
        raise RuleViolation("R-C4", "记录中没有专家抽取结果", "the record holds no panel draw")
    return Draw.from_dict(entry["data"])


def holder(entries: Entries, seat: str) -> str | None:
    """The expert holding a seat: drawn at launch (seat_N) or drawn as a replacement (reserve_N)."""
    for replaced in all_of(entries, Kind.EXPERT_REPLACED):
        if replaced["data"]["seat"] == seat:
            return str(replaced["data"]["expert"])
    entry = latest(entries, Kind.PANEL_DRAWN)
    for drawn in entry["data"]["seats"] if entry else []:
        if drawn["seat"] == seat:
            return str(drawn["user"])
    return None


def seat_label(seat: str) -> str:
    """'第2席' for seat_2, '后备第1席' for reserve_1: a seat as a reader names it."""
    kind, _, number = seat.rpartition("_")
    return {"seat": f"第{number}席", "reserve": f"后备第{number}席"}.get(kind, seat)


def covers(entries: Entries, seat: str) -> list[str]:
    """The specialties a seat covers (R-C2), as drawn at launch or with its replacement."""
    for replaced in all_of(entries, Kind.EXPERT_REPLACED):
        if replaced["data"]["seat"] == seat:
            return list(replaced["data"].get("covers") or [])
    entry = latest(entries, Kind.PANEL_DRAWN)
    drawn = [s for s in entry["data"]["seats"] if s["seat"] == seat] if entry else []
    return list(drawn[0].get("covers") or []) if drawn else []


def expert_described(entries: Entries, expert: str, seat: str) -> str:
    """The expert of a seat as a published text names them: name, affiliation and the specialties
    the seat covers, from the recorded pool. Experts sign their opinions (R-C1), so the name is
    public; the account id is not. '第2席专家' when the record holds no such expert."""
    entry = latest(entries, Kind.PANEL_DRAWN)
    person = next((p for p in entry["data"]["pool"] if p["user"] == expert), None) if entry else None
    if person is None:
        return f"{seat_label(seat)}专家"
    specialties = "、".join(covers(entries, seat))
    role = "；".join(filter(None, [person.get("affiliation"), specialties and f"论证专业：{specialties}"]))
    return f"{person['name']}（{role}）" if role else str(person["name"])


def seat_state(entries: Entries, seat: str) -> SeatState:
    expert = holder(entries, seat)
    if expert is None:
        return SeatState(seat, None, "unassigned")
    status, digest = "assigned", None
    order: dict[str, str] = {Kind.OPINION_REQUESTED: "requested", Kind.OPINION_SUBMITTED: "submitted", Kind.OPINION_SIGNED: "signed",
             Kind.CONFLICT_DECLARED: "withdrawn", Kind.EXPERT_NON_RESPONDING: "non_responding"}
    for entry in entries:
        data = entry["data"]
        if entry["kind"] in order and data.get("seat") == seat and data.get("expert") == expert:
            status = order[entry["kind"]]
            digest = data.get("digest", digest)
    return SeatState(seat, expert, status, digest)


def seats(entries: Entries, reserves: Iterable[str] = ()) -> list[SeatState]:
    entry = latest(entries, Kind.PANEL_DRAWN)
    names = [s["seat"] for s in entry["data"]["seats"]] if entry else []
    return [seat_state(entries, name) for name in [*names, *reserves]]


def active_experts(states: list[SeatState]) -> list[str]:
    """Experts still able to give a signed opinion."""
    return [s.expert for s in states if s.expert and s.status not in VACATED]


def panel_complete(states: list[SeatState]) -> bool:
    return all(s.status in TERMINAL for s in states if s.expert)


def vacancy_acts(entries: Entries, seat: str, reason: str, reserves: list[str], quorum: int,
                 removed_now: Iterable[str], actor: str, always_replace: bool) -> list[Act]:
    """After ``seat`` fell vacant (already counted in ``entries``'s states plus this one), the
    replacement drawn into the next free reserve seat, or the shortfall, as acts."""
    states = seats(entries, reserves)
    held = holder(entries, seat)
    vacated = {s.expert for s in states if s.status in VACATED and s.expert} | ({held} if held else set())
    active = [s.expert for s in states if s.expert and s.expert not in vacated]
    if not always_replace and len(active) >= quorum:
        return []
    free = [s.seat for s in states if s.seat in reserves and s.expert is None]
    problem = None
    if free:
        draw = recorded_draw(entries)
        try:
            new = draw_replacement(draw, active, vacated, free[0], len(all_of(entries, Kind.EXPERT_REPLACED)) + 1,
                                   removed_now=removed_now)
        except RuleViolation as violation:
            problem = violation
        else:
            replaced = {"seat": new.seat, "expert": new.user, "covers": list(new.covers), "replaces": holder(entries, seat),
                    "vacated_seat": seat, "reason": reason, "seed": draw.seed, "rule": "R-C3" if reason == "conflict"
                    else "R-C5"}
            return [Act(STAGE, Kind.EXPERT_REPLACED, actor, replaced)]
    data: dict[str, Any] = {"vacated_seat": seat, "reason": reason, "active": len(active), "quorum": quorum,
                            "quorum_met": len(active) >= quorum, "rule": "R-C5",
                            "zh": problem.zh if problem else "后备席位已用尽，无法递补",
                            "en": problem.en if problem else "no reserve seat is left for a replacement"}
    return [Act(STAGE, Kind.PANEL_SHORTFALL, actor, data)]


def panel_summary(entries: Entries, reserves: list[str], quorum: int) -> dict[str, Any]:
    states = seats(entries, reserves)
    signed = [s for s in states if s.status == "signed"]
    return {
        "signed": [{"seat": s.seat, "expert": s.expert, "digest": s.digest} for s in signed],
        "withdrawn": [s.expert for s in states if s.status == "withdrawn"],
        "non_responding": [s.expert for s in states if s.status == "non_responding"],
        "unused_reserves": [s.seat for s in states if s.seat in reserves and s.expert is None],
        "quorum": quorum, "quorum_met": len(signed) >= quorum,
        "rule": "R-C6",
    }


def seat_names(size: int) -> list[str]:
    return [f"seat_{n}" for n in range(1, size + 1)]


def reserve_names(count: int) -> list[str]:
    return [f"reserve_{n}" for n in range(1, count + 1)]


def close_panel(entries: Entries, reserves: list[str], quorum: int) -> list[Act]:
    """The panel closes once every seat has ended: from now on its opinions may be read (R-C6)."""
    return [Act(STAGE, Kind.PANEL_CLOSED, "juece", panel_summary(entries, reserves, quorum))]
