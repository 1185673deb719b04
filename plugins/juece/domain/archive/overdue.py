"""Steps left undone past their deadline (逾期; before the decision, 久拖不决, R-H5), and who holds each.

Most deadlines are ones the record itself holds: the comment period's end (R-B2), an expert's
response date (R-C1), the legality review's due date (R-E3), the evaluation's due date (R-G3);
publication's working days (R-G1) are counted from the head's decision. The steps the statute
gives no deadline, and the decision as a whole, are bounded by the spec's ``time_limits``
(archive/time_limits.py). An accelerated clock (``clock_scale``) reaches a deadline sooner: the
time the workflow actually waits is compared.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict
from datetime import datetime
from typing import Any

from juece.domain.archive import time_limits
from juece.domain.archive.pending import (
    UNKNOWN,
    Pending,
    after,
    end_of,
    parse_at,
    pending,
    scaled,
    within_working_days,
)
from juece.domain.archive.timeline_words import seat_words
from juece.domain.archive.trace import spec_of
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.kinds import Kind

__all__ = ["CHECKS", "Pending", "overdue_steps", "parse_at", "pending_steps"]

Check = Callable[[Entries, dict[str, Any], datetime], list[Pending]]


def comment_period(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    notice = latest(entries, Kind.NOTICE_PUBLISHED)
    if notice is None or after(entries, notice, (Kind.COMMENTS_CLOSED,)):
        return []
    data = notice["data"]
    effective = parse_at(data.get("effective_closes_at") or data["closes_at"])
    return [pending(notice, "R-B2", "征求意见期限届满 comment period ends", data["closes_at"], effective,
                    [spec.get("sponsor_office")])]


def expert_seats(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    if latest(entries, Kind.PANEL_CLOSED) is not None:
        return []
    found = []
    for asked in all_of(entries, Kind.OPINION_REQUESTED):
        data = asked["data"]

        def same(e: Entry, seat: str = data["seat"], expert: str = data["expert"]) -> bool:
            return e["data"].get("seat") == seat and e["data"].get("expert") == expert

        if after(entries, asked, (Kind.OPINION_SUBMITTED, Kind.CONFLICT_DECLARED, Kind.EXPERT_NON_RESPONDING), same):
            continue
        effective = parse_at(data.get("effective_due_at") or data["due_at"])
        seat_zh, seat_en = seat_words(data["seat"])
        found.append(pending(asked, "R-C1", f"专家答复期限（{seat_zh}） expert response due ({seat_en})",
                             data["due_at"], effective, [data["expert"]]))
    return found


def legality_review(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    submitted = latest(entries, Kind.SUBMISSION_PREPARED)
    if submitted is None or after(entries, submitted, (Kind.LEGALITY_REVIEWED,)):
        return []
    legality = (spec.get("stages") or {}).get("legality_review") or {}
    holders = [legality.get("reviewer")]
    if not after(entries, submitted, (Kind.ADVISER_OPINION,)):
        holders.append(legality.get("legal_adviser"))
    due = submitted["data"]["review_due"]
    return [pending(submitted, "R-E3", "合法性审查期限 legality review due", due,
                    scaled(entries, submitted, end_of(due)), holders)]


def publication(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    decided = latest(entries, Kind.HEAD_DECISION)
    if decided is None or decided["data"].get("outcome") != "approve":
        return []
    if after(entries, decided, (Kind.PUBLISHED, Kind.NOT_PUBLISHED)):
        return []
    within = int(((spec.get("stages") or {}).get("publication") or {}).get("within_working_days", 20))
    label = f"决定后{within}个工作日内公布 publication within {within} working days"
    return [within_working_days(entries, decided, within, "R-G1", label, [spec.get("sponsor_office")])]


def evaluation(entries: Entries, spec: dict[str, Any], now: datetime) -> list[Pending]:
    scheduled = latest(entries, Kind.EVALUATION_SCHEDULED)
    if scheduled is None or "due_at" not in scheduled["data"]:
        return []
    if after(entries, scheduled, (Kind.EVALUATION_OPENED, Kind.EVALUATION_CONCLUDED)):
        return []
    data = scheduled["data"]
    evaluator = data.get("evaluator") or ((spec.get("stages") or {}).get("post_evaluation") or {}).get("evaluator")
    effective = parse_at(data.get("effective_due_at") or data["due_at"])
    return [pending(scheduled, "R-G3", "决策后评估到期 evaluation due", data["due_at"], effective,
                    [evaluator])]


# In the order of the procedure; the whole decision's limit last.
CHECKS: tuple[Check, ...] = (
    comment_period, time_limits.hearing_record, time_limits.dispositions, expert_seats, time_limits.risk_round,
    legality_review, time_limits.convening, time_limits.head_decision, publication, evaluation, time_limits.overall,
)


def pending_steps(entries: Entries, now: datetime) -> list[Pending]:
    """Every open step with a deadline, each marked overdue when ``now`` is past it."""
    if not entries:
        return []
    spec = spec_of(entries)
    found = [step for check in CHECKS for step in check(entries, spec, now)]
    return [_mark(step, now) for step in found]


def overdue_steps(entries: Entries, now: datetime) -> list[Pending]:
    return [step for step in pending_steps(entries, now) if step.overdue]


def _mark(step: Pending, now: datetime) -> Pending:
    if step.due == UNKNOWN:
        return step
    return Pending(**{**asdict(step), "overdue": now > parse_at(step.effective_due)})

