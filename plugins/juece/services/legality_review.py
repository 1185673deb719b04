"""The legality reviewer's review on its own page (R-E1, R-E3, R-E4): where the review stands in the
record, the draft under review, the legal due date, the last review recorded, and the answer the
review task takes, checked by the task's own handler before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from juece.adapters.store.ledger import Ledger
from juece.domain.archive.overdue import pending_steps
from juece.domain.deliberation.meeting_answers import REVIEW_OPTIONS, legality_review
from juece.domain.legality.findings import FINDINGS, citations, reviewer_task_ids
from juece.domain.legality.review import REVIEWED, REVISE
from juece.domain.notices.texts import deadline
from juece.domain.participation.draft import current_draft, paragraphs, revised_since
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.entries import Entries, Entry, all_of, latest
from juece.domain.record.kinds import Kind
from juece.domain.record.labels import VALUE_LABELS
from juece.domain.stages import Stage
from juece.services.record import open_record
from juece.spec.models import DecisionSpec

WAITING, NOT_YET, ADVISER, REVISING = "waiting", "not_yet", "adviser", "revising"
DONE, EXHAUSTED = "done", "exhausted"
OUTCOMES = {code: label for label, code in REVIEW_OPTIONS.items()}  # lawful -> "合法 Lawful"


@dataclass(frozen=True)
class ReviewState:
    """Where the review stands: ``not_yet`` (no submission yet, R-E2), ``adviser`` (the legal
    adviser's opinion comes first, R-E4), ``waiting`` for the reviewer (review ``round``),
    ``revising`` (the sponsor revises the draft as asked), ``done`` (lawful or unlawful) or
    ``exhausted`` (every review used with revisions still asked, R-E4)."""

    decision_id: str
    dag_id: str
    title: str
    reviewer: str
    state: str
    round: int
    max_rounds: int
    due: tuple[str, str] | None = None  # the legal due date (R-E3) in words, China time
    overdue: bool = False
    draft: list[str] = field(default_factory=list)
    draft_version: int = 1
    last: dict[str, Any] | None = None  # the last review recorded

    @property
    def waiting(self) -> bool:
        return self.state == WAITING

    @property
    def task_ids(self) -> list[str]:
        """The reviewer's tasks of the stage, in the order they run (orchestration/stages/legality.py)."""
        return reviewer_task_ids(self.max_rounds, Stage.LEGALITY_REVIEW.value)


def review_state(ledger: Ledger, decision_id: str, now: datetime) -> tuple[ReviewState, DecisionSpec, Entries]:
    """The review of ``decision_id`` as the record shows it at ``now``, with the spec and the entries."""
    record = open_record(decision_id, ledger)
    spec, entries = record.spec, record.entries
    config = spec.stages.legality_review
    reviews = all_of(entries, REVIEWED)
    last = latest(entries, REVIEWED)
    draft = current_draft(entries)
    due, overdue = _due(entries, now)
    state = ReviewState(decision_id, spec.dag_id, spec.title, config.reviewer, _state(entries, last, len(reviews),
                        config.max_rounds), len(reviews) + 1, config.max_rounds, due, overdue,
                        paragraphs(draft.text), draft.version, last["data"] if last else None)
    return state, spec, entries


def _state(entries: Entries, last: Entry | None, done: int, max_rounds: int) -> str:
    if last is not None:
        if last["data"].get("outcome") != REVISE:
            return DONE
        if done >= max_rounds:
            return EXHAUSTED
        return WAITING if revised_since(entries, last) else REVISING
    submitted = latest(entries, Kind.SUBMISSION_PREPARED)
    if submitted is None:
        return NOT_YET
    return WAITING if latest(entries, Kind.ADVISER_OPINION) is not None else ADVISER


def _due(entries: Entries, now: datetime) -> tuple[tuple[str, str] | None, bool]:
    """R-E3's due date in words while the review is open; else the one the submission recorded."""
    step = next((s for s in pending_steps(entries, now) if s.rule == "R-E3"), None)
    if step is not None:
        return deadline(step), step.overdue
    submitted = latest(entries, Kind.SUBMISSION_PREPARED)
    day = str(submitted["data"].get("review_due") or "") if submitted else ""
    return ((f"{day} 24:00（北京时间）", f"24:00 China time (UTC+8) on {day}") if day else None), False


def review_answer(spec: DecisionSpec, entries: Entries, user: str, outcome: str,
                  params: dict[str, Any]) -> dict[str, Any]:
    """The review task's answer (chosen option and params) for the page's findings, refused
    (``RuleViolation`` naming the field, e.g. ``authority_provisions.2.article``) exactly as the
    task's handler would refuse it: nothing is sent, nothing recorded."""
    chosen = [OUTCOMES[outcome]] if outcome in OUTCOMES else []
    legality_review(TaskContext(spec, entries), Answer(user, chosen, params))  # raises as the task would
    return {"chosen_options": chosen, "params_input": params}


def findings_in_words(data: dict[str, Any]) -> list[tuple[str, str, str, list[str]]]:
    """A recorded review's findings: (Chinese, English, the finding, its provisions in words)."""
    return [(zh, en, str(data.get(name) or ""), citations(data, name)) for name, (zh, en) in FINDINGS.items()]


def outcome_choices() -> list[tuple[str, str, str]]:
    """Each conclusion's code with its words in Chinese and English (domain/record/labels.py)."""
    found = []
    for code in OUTCOMES:
        zh, en = VALUE_LABELS[code].split(" ", 1)
        found.append((code, zh, en))
    return found
