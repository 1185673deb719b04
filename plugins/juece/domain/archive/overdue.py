"""Steps left undone past their legal deadline (逾期; before the decision, 久拖不决, R-H5), and who holds each.

Every deadline is one the record itself holds: the comment period's end (R-B2), an expert's
response date (R-C1), the legality review's due date (R-E3), the evaluation's due date (R-G3);
publication's working days (R-G1) are counted from the head's decision. An accelerated clock
(``clock_scale``) reaches a deadline sooner: the time the workflow actually waits is compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from typing import Any

from juece.domain.archive.trace import spec_of
from juece.domain.record.entries import Entries, Entry, all_of, clock_scale, latest
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.periods import accelerated, end_of_day
from juece.domain.record.workdays import add_working_days, china_date
from juece.domain.stages import stage_label


@dataclass(frozen=True)
class Pending:
    """A step the record shows as begun and not closed, with its deadline."""

    decision_id: str
    stage: str
    step: str  # the kind of the entry that opened it
    step_label: str
    rule: str
    due: str  # the legal deadline as the record states it
    effective_due: str  # when the workflow's (possibly accelerated) clock reaches it
    holders: list[str]
    opened_seq: int
    opened_hash: str
    overdue: bool = False
    note: str = ""
    stage_label: str = field(default="")

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def parse_at(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _after(entries: Entries, opened: Entry, kinds: tuple[str, ...], match: Callable[[Entry], bool] = bool) -> bool:
    return any(e["seq"] > opened["seq"] and e["kind"] in kinds and match(e) for e in entries)


def _scaled(entries: Entries, opened: Entry, legal_due: datetime) -> datetime:
    return accelerated(parse_at(opened["at"]), legal_due, clock_scale(entries))


def _end_of(day_iso: str) -> datetime:
    """A due date ends at 24:00 China time (Civil Code Art. 203)."""
    return end_of_day(datetime.fromisoformat(day_iso).date())


def _pending(entries: Entries, opened: Entry, rule: str, label: str, due: str, effective: datetime,
             holders: list[str | None], note: str = "") -> Pending:
    return Pending(opened["decision_id"], opened["stage"], opened["kind"], label, rule, due,
                   effective.astimezone(UTC).isoformat(), [h for h in holders if h], opened["seq"], opened["hash"],
                   note=note, stage_label=stage_label(opened["stage"]))


def comment_period(entries: Entries, spec: dict[str, Any]) -> list[Pending]:
    notice = latest(entries, Kind.NOTICE_PUBLISHED)
    if notice is None or _after(entries, notice, (Kind.COMMENTS_CLOSED,)):
        return []
    data = notice["data"]
    effective = parse_at(data.get("effective_closes_at") or data["closes_at"])
    return [_pending(entries, notice, "R-B2", "征求意见期限届满 comment period ends", data["closes_at"], effective,
                     [spec.get("sponsor_office")])]


def expert_seats(entries: Entries, spec: dict[str, Any]) -> list[Pending]:
    if latest(entries, Kind.PANEL_CLOSED) is not None:
        return []
    found = []
    for asked in all_of(entries, Kind.OPINION_REQUESTED):
        data = asked["data"]

        def same(e: Entry, seat: str = data["seat"], expert: str = data["expert"]) -> bool:
            return e["data"].get("seat") == seat and e["data"].get("expert") == expert

        if _after(entries, asked, (Kind.OPINION_SUBMITTED, Kind.CONFLICT_DECLARED, Kind.EXPERT_NON_RESPONDING), same):
            continue
        effective = parse_at(data.get("effective_due_at") or data["due_at"])
        found.append(_pending(entries, asked, "R-C1", f"专家答复期限 expert response due ({data['seat']})",
                              data["due_at"], effective, [data["expert"]]))
    return found


def legality_review(entries: Entries, spec: dict[str, Any]) -> list[Pending]:
    submitted = latest(entries, Kind.SUBMISSION_PREPARED)
    if submitted is None or _after(entries, submitted, (Kind.LEGALITY_REVIEWED,)):
        return []
    legality = (spec.get("stages") or {}).get("legality_review") or {}
    holders = [legality.get("reviewer")]
    if not _after(entries, submitted, (Kind.ADVISER_OPINION,)):
        holders.append(legality.get("legal_adviser"))
    due = submitted["data"]["review_due"]
    return [_pending(entries, submitted, "R-E3", "合法性审查期限 legality review due", due,
                     _scaled(entries, submitted, _end_of(due)), holders)]


def publication(entries: Entries, spec: dict[str, Any]) -> list[Pending]:
    decided = latest(entries, Kind.HEAD_DECISION)
    if decided is None or decided["data"].get("outcome") != "approve":
        return []
    if _after(entries, decided, (Kind.PUBLISHED, Kind.NOT_PUBLISHED)):
        return []
    within = int(((spec.get("stages") or {}).get("publication") or {}).get("within_working_days", 20))
    label = f"决定后{within}个工作日内公布 publication within {within} working days"
    holders = [spec.get("sponsor_office")]
    try:
        due = add_working_days(china_date(parse_at(decided["at"])), within).isoformat()
    except RuleViolation as unknown:  # a year beyond the official schedule: said, never guessed
        return [_pending(entries, decided, "R-G1", label, "unknown", datetime.max.replace(tzinfo=UTC), holders,
                         note=unknown.en)]
    return [_pending(entries, decided, "R-G1", label, due, _scaled(entries, decided, _end_of(due)), holders)]


def evaluation(entries: Entries, spec: dict[str, Any]) -> list[Pending]:
    scheduled = latest(entries, Kind.EVALUATION_SCHEDULED)
    if scheduled is None or "due_at" not in scheduled["data"]:
        return []
    if _after(entries, scheduled, (Kind.EVALUATION_OPENED, Kind.EVALUATION_CONCLUDED)):
        return []
    data = scheduled["data"]
    evaluator = data.get("evaluator") or ((spec.get("stages") or {}).get("post_evaluation") or {}).get("evaluator")
    effective = parse_at(data.get("effective_due_at") or data["due_at"])
    return [_pending(entries, scheduled, "R-G3", "决策后评估到期 evaluation due", data["due_at"], effective,
                     [evaluator])]


CHECKS = (comment_period, expert_seats, legality_review, publication, evaluation)


def pending_steps(entries: Entries, now: datetime) -> list[Pending]:
    """Every open step with a deadline, each marked overdue when ``now`` is past it."""
    if not entries:
        return []
    spec = spec_of(entries)
    found = [step for check in CHECKS for step in check(entries, spec)]
    return [_mark(step, now) for step in found]


def overdue_steps(entries: Entries, now: datetime) -> list[Pending]:
    return [step for step in pending_steps(entries, now) if step.overdue]


def _mark(step: Pending, now: datetime) -> Pending:
    if step.due == "unknown":
        return step
    return Pending(**{**asdict(step), "overdue": now > parse_at(step.effective_due)})

