"""Read models for the portal pages, from the ledger (no personal data ever leaves here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from juece.adapters.store.ledger import Ledger
from juece.domain.participation.draft import paragraphs
from juece.domain.record.clock import parse_time
from juece.domain.record.errors import RecordError
from juece.domain.stages import Stage


@dataclass
class DecisionView:
    id: str
    spec: dict[str, Any]
    notice: dict[str, Any] | None
    closed: bool
    report: dict[str, Any] | None
    report_hash: str | None = None
    published_on: str | None = None  # set once the adopted decision is announced (R-G1)

    @property
    def paragraphs(self) -> list[str]:
        """Numbered 1, 2, ... on the page and in the form; a comment's paragraph is checked against
        the same count (domain/participation/draft.py)."""
        return paragraphs(self.spec["draft"]["text"])

    @property
    def explanation(self) -> list[str]:
        """Paragraphs are separated by blank lines; hard-wrapped lines are joined (no space in Chinese)."""
        blocks = self.spec["draft"]["explanation"].split("\n\n")
        return ["".join(line.strip() for line in block.splitlines()) for block in blocks if block.strip()]

    def is_open(self, now: datetime) -> bool:
        return bool(self.notice) and not self.closed and now < parse_time(self.notice["effective_closes_at"])  # R-B3


def decision_view(ledger: Ledger, decision_id: str) -> DecisionView:
    launched = ledger.latest(decision_id, "launched")
    if launched is None:
        raise RecordError(f"no decision {decision_id!r}")
    notice = ledger.latest(decision_id, "notice_published")
    # R-B5: the comments' report; the experts' report (R-C6) is the same kind in another stage
    report = ledger.latest(decision_id, "adoption_report", Stage.PUBLIC_PARTICIPATION)
    published = ledger.latest(decision_id, "published")
    return DecisionView(decision_id, launched["data"]["spec"], notice["data"] if notice else None,
                        ledger.latest(decision_id, "comments_closed") is not None,
                        report["data"] if report else None, report["hash"] if report else None,
                        str(published["data"].get("published_on") or "") if published else None)


def published_decisions(ledger: Ledger) -> list[DecisionView]:
    """Every decision whose comment notice is out, newest first."""
    views = [decision_view(ledger, decision_id) for decision_id in ledger.decisions()]
    return sorted((v for v in views if v.notice), key=lambda v: v.notice["opens_at"], reverse=True)
