"""The sponsor office's review of the announcement on its own page (R-G1): where the review stands
in the record, the text generated from it, the deadline, and the answer the review task takes,
checked by the same rules as the task's handler before anything is sent."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from juece.adapters.store.ledger import Ledger
from juece.domain.archive.overdue import Pending, pending_steps
from juece.domain.publication import review
from juece.domain.publication.announcement import announcement
from juece.domain.record.entries import Entries, latest
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.services.record import open_record

REVIEW_TASK = f"{Stage.PUBLICATION.value}.review_announcement"
WAITING, NOT_YET, NOT_PUBLISHED = "waiting", "not_yet", "not_published"
REVIEWED, PUBLISHED = "reviewed", "published"


@dataclass(frozen=True)
class ReviewState:
    """Where the review stands: ``waiting`` for the office, ``not_yet`` (no decision yet),
    ``not_published`` (the decision was not approved: nothing to announce), ``reviewed`` (being
    published) or ``published``."""

    decision_id: str
    dag_id: str
    title: str
    state: str
    generated: str = ""  # the text generated from the record now, while the review waits
    document_number: str = ""  # once reviewed
    deadline: Pending | None = None  # R-G1's working days, while publication is open

    @property
    def waiting(self) -> bool:
        return self.state == WAITING


def review_state(ledger: Ledger, decision_id: str, now: datetime) -> ReviewState:
    """The review of ``decision_id``'s announcement as the record shows it at ``now``."""
    record = open_record(decision_id, ledger)
    entries, head = record.entries, (decision_id, record.spec.dag_id, record.spec.title)
    deadline = next((step for step in pending_steps(entries, now) if step.rule == "R-G1"), None)
    reviewed, published = latest(entries, Kind.ANNOUNCEMENT_REVIEWED), latest(entries, Kind.PUBLISHED)
    if reviewed is not None or published is not None:
        source = reviewed if reviewed is not None else published
        number = str(source["data"].get("document_number") or "") if source is not None else ""
        return ReviewState(*head, PUBLISHED if published else REVIEWED, document_number=number)
    state = _undecided(entries)
    if state is not None:
        return ReviewState(*head, state, deadline=deadline)
    text = announcement(record.spec, entries, now)
    return ReviewState(*head, WAITING, text, deadline=deadline)


def _undecided(entries: Entries) -> str | None:
    decided = latest(entries, Kind.HEAD_DECISION)
    if decided is None:
        return NOT_YET
    return None if review.review_needed(entries) else NOT_PUBLISHED


def review_answer(number: str, text: str, generated: str) -> dict[str, Any]:
    """The review task's answer (chosen options and params) for the office's number and wording,
    refused (``RuleViolation`` naming the field, R-G1) as the task's handler would refuse it.
    A wording the same as the generated text is sent empty: published as generated."""
    checked = review.document_number(number)
    wording = review.wording(text.replace("\r\n", "\n"), required=True)
    same = wording == generated.replace("\r\n", "\n").strip()
    return {"chosen_options": list(review.PUBLISH_OPTIONS),
            "params_input": {"document_number": checked, "text": "" if same else wording}}
