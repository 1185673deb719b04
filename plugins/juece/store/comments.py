"""Public comments: one transaction writes the ledger act and the comment row (R-B3, R-H6)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, select, update

from juece.domain.clock import parse_time
from juece.domain.comments import clean_text, comment_act, receipt_number
from juece.domain.errors import RecordError
from juece.domain.ledger import sha256_text
from juece.domain.stages import Stage
from juece.store.db import comments, counters
from juece.store.ledger import Appender, Ledger

RESUBMIT_WINDOW = timedelta(minutes=10)


@dataclass(frozen=True)
class Receipt:
    receipt: str
    hash: str
    seq: int
    late: bool
    received_at: str
    cluster: str
    duplicate: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"receipt": self.receipt, "ledger_hash": self.hash, "ledger_seq": self.seq, "late": self.late,
                "received_at": self.received_at, "cluster": self.cluster, "duplicate": self.duplicate}


def client_key(client: str) -> str:
    """Clients are told apart without keeping their address."""
    return hashlib.sha256(f"juece-client:{client}".encode()).hexdigest()[:32]


class CommentStore:
    def __init__(self, ledger: Ledger | None = None, window: timedelta = RESUBMIT_WINDOW) -> None:
        self.ledger = ledger or Ledger()
        self.window = window
        self._notices: dict[str, dict[str, Any]] = {}

    def notice(self, decision_id: str) -> tuple[dict[str, Any] | None, bool]:
        """The published notice (cached once out: it never changes) and whether the stage is N/A."""
        if decision_id in self._notices:
            return self._notices[decision_id], False
        if self.ledger.latest(decision_id, "launched") is None:
            raise RecordError(f"no decision {decision_id!r} in the record")
        na = self.ledger.latest(decision_id, "not_applicable")
        if na and na["stage"] == Stage.PUBLIC_PARTICIPATION:
            return None, True
        notice = self.ledger.latest(decision_id, "notice_published")
        if notice:
            self._notices[decision_id] = notice
        return notice, False

    def submit(self, decision_id: str, text: str, now: datetime, *, paragraph: int | None = None,
               name: str | None = None, contact: str | None = None, channel: str = "portal",
               client: str = "local") -> Receipt:
        notice, not_applicable = self.notice(decision_id)
        has_contact = bool((name or "").strip() or (contact or "").strip())
        comment_act(notice, not_applicable, text, now, "C-0", paragraph, channel, has_contact)  # refuse early
        cleaned = clean_text(text).strip()
        key, digest = client_key(client), sha256_text(cleaned)

        def work(conn: Connection, append: Appender) -> Receipt:
            if earlier := self._resubmission(conn, decision_id, key, digest, now):
                return earlier
            receipt = receipt_number(_next_number(conn, decision_id, "comment"))
            act = comment_act(notice, not_applicable, cleaned, now, receipt, paragraph, channel, has_contact)
            entry = append([act])[0]
            conn.execute(comments.insert().values(
                decision_id=decision_id, receipt=receipt, ledger_seq=entry["seq"], ledger_hash=entry["hash"],
                text_sha256=digest, cluster=act.data["cluster"], paragraph=paragraph, channel=channel,
                client=key, name=_clean_or_none(name), contact=_clean_or_none(contact),
                received_at=act.data["received_at"], late=act.data["late"]))
            return Receipt(receipt, entry["hash"], entry["seq"], act.data["late"], act.data["received_at"],
                           act.data["cluster"])

        return self.ledger.write(decision_id, work)

    def _resubmission(self, conn: Connection, decision_id: str, key: str, digest: str,
                      now: datetime) -> Receipt | None:
        row = conn.execute(select(comments).where(
            comments.c.decision_id == decision_id, comments.c.client == key, comments.c.text_sha256 == digest,
        ).order_by(comments.c.id.desc()).limit(1)).first()
        if row is None or now - parse_time(row.received_at) > self.window:
            return None
        return Receipt(row.receipt, row.ledger_hash, row.ledger_seq, row.late, row.received_at, row.cluster,
                       duplicate=True)

    def personal_data(self, decision_id: str) -> dict[str, dict[str, str | None]]:
        """Name and contact by receipt: for the restricted full edition only (R-H6)."""
        with self.ledger.engine.connect() as conn:
            rows = conn.execute(select(comments.c.receipt, comments.c.name, comments.c.contact).where(
                comments.c.decision_id == decision_id,
                (comments.c.name.is_not(None)) | (comments.c.contact.is_not(None))))
            return {row.receipt: {"name": row.name, "contact": row.contact} for row in rows}


def _next_number(conn: Connection, decision_id: str, name: str) -> int:
    """The next number of a per-decision sequence (the caller holds the decision's write lock)."""
    where = (counters.c.decision_id == decision_id) & (counters.c.name == name)
    if conn.execute(update(counters).where(where).values(value=counters.c.value + 1)).rowcount == 0:
        conn.execute(counters.insert().values(decision_id=decision_id, name=name, value=1))
    return conn.execute(select(counters.c.value).where(where)).scalar_one()


def _clean_or_none(value: str | None) -> str | None:
    cleaned = clean_text(value or "").strip()
    return cleaned[:500] or None
