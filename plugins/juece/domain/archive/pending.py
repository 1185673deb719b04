"""A step the record shows as open, with its deadline and who holds it (R-H5), and how every overdue
check (archive/overdue.py, archive/time_limits.py) reads and counts a deadline.

A due day ends at 24:00 China time (Civil Code Art. 203); working days are counted by the official
calendar (record/workdays.py), a year it does not know giving the due date "unknown" with a note,
never a guess. An accelerated clock (``clock_scale``) reaches a deadline sooner: the time the
workflow actually waits is compared.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

from juece.domain.record.entries import Entries, Entry, clock_scale
from juece.domain.record.errors import RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.record.periods import accelerated, end_of_day
from juece.domain.record.workdays import add_working_days, china_date
from juece.domain.stages import stage_label

UNKNOWN = "unknown"  # the due date of a working-day count that reaches a year without a schedule
ENDS = (Kind.HEAD_DECISION, Kind.GATE_CLOSED)  # either ends the decision's run


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


def after(entries: Entries, opened: Entry, kinds: tuple[str, ...], match: Callable[[Entry], bool] = bool) -> bool:
    return any(e["seq"] > opened["seq"] and e["kind"] in kinds and match(e) for e in entries)


def ended(entries: Entries) -> bool:
    """The run is over: the head decided (any outcome ends it, R-F5) or the gate closed (R-E1, R-D4)."""
    return any(e["kind"] in ENDS for e in entries)


def scaled(entries: Entries, opened: Entry, legal_due: datetime) -> datetime:
    return accelerated(parse_at(opened["at"]), legal_due, clock_scale(entries))


def end_of(day_iso: str) -> datetime:
    """A due date ends at 24:00 China time (Civil Code Art. 203)."""
    return end_of_day(datetime.fromisoformat(day_iso).date())


def pending(opened: Entry, rule: str, label: str, due: str, effective: datetime,
            holders: Sequence[str | None], note: str = "", stage: str | None = None) -> Pending:
    """The open step; ``stage`` where the step is of another stage than the entry that opened it."""
    stage = stage or opened["stage"]
    return Pending(opened["decision_id"], stage, opened["kind"], label, rule, due,
                   effective.astimezone(UTC).isoformat(), [h for h in holders if h], opened["seq"], opened["hash"],
                   note=note, stage_label=stage_label(stage))


def within_days(entries: Entries, opened: Entry, days: int, rule: str, label: str,
                holders: Sequence[str | None], stage: str | None = None) -> Pending:
    """Due by 24:00 China time of the ``days``-th calendar day after the day it opened (that day not
    counted, Civil Code Art. 201). No rest day moves it: it flags a delay, it closes nothing."""
    due = (china_date(parse_at(opened["at"])) + timedelta(days=days)).isoformat()
    return pending(opened, rule, label, due, scaled(entries, opened, end_of(due)), holders, stage=stage)


def within_working_days(entries: Entries, opened: Entry, days: int, rule: str, label: str,
                        holders: Sequence[str | None], stage: str | None = None) -> Pending:
    """Due by 24:00 China time of the ``days``-th working day after the day it opened; "unknown",
    with the reason, where the count reaches a year whose official schedule is not known."""
    try:
        due = add_working_days(china_date(parse_at(opened["at"])), days).isoformat()
    except RuleViolation as unknown:  # a year beyond the official schedule: said, never guessed
        return pending(opened, rule, label, UNKNOWN, datetime.max.replace(tzinfo=UTC), holders,
                       note=unknown.en, stage=stage)
    return pending(opened, rule, label, due, scaled(entries, opened, end_of(due)), holders, stage=stage)
