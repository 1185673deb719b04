"""Public sign-ups for hearings (公开报名, R-B6): one transaction checks that sign-up is still open,
appends the ledger act and writes the sign-up's row. As with a comment (adapters/store/comments.py,
R-H6), the name and contact live in the row, never in the chain, and the client's address only as
a keyed hash; the same name and contact signing up again get their first receipt."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, select

from juece.adapters.store.comments import _next_numbers, client_key
from juece.adapters.store.db import counters, ensure_tables, reading
from juece.adapters.store.ledger import Appender, Ledger
from juece.adapters.store.rate_window import SharedWindow, TooFast, WindowLimit, rate_windows
from juece.adapters.store.signup_table import signups
from juece.domain.participation.signup import (
    SignupForm,
    check_form,
    open_signup,
    receipt_number,
    signup_act,
)
from juece.domain.record.clock import format_time
from juece.domain.record.errors import RecordError
from juece.domain.record.kinds import Kind


@dataclass(frozen=True)
class SignupReceipt:
    receipt: str
    hash: str
    seq: int
    received_at: str
    closes_at: str
    duplicate: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {"receipt": self.receipt, "ledger_hash": self.hash, "ledger_seq": self.seq,
                "received_at": self.received_at, "closes_at": self.closes_at, "duplicate": self.duplicate}


class SignupStore:
    def __init__(self, ledger: Ledger, limit: WindowLimit | None | str = "environment") -> None:
        """``limit``: the per-client limit every process shares (rate_window.py), as for comments."""
        self.ledger = ledger
        limit = WindowLimit.from_environment() if limit == "environment" else limit
        self.shared = SharedWindow(limit) if isinstance(limit, WindowLimit) else None
        ensure_tables(ledger.engine, signups, counters, *([rate_windows] if self.shared else []))

    def submit(self, decision_id: str, form: dict[str, Any], now: datetime, client: str) -> SignupReceipt:
        """Check and record one sign-up; a refusal (SignupClosed, RuleViolation, TooFast,
        RecordError for no such decision) leaves nothing written."""
        if self.ledger.latest(decision_id, Kind.LAUNCHED) is None:
            raise RecordError(f"no decision {decision_id!r} in the record")
        keyed = client_key(f"hearing-signup:{client}", self.ledger.engine)
        return self.ledger.write(decision_id, lambda conn, append: self._write(conn, append, decision_id, form,
                                                                               now, keyed))

    def _write(self, conn: Connection, append: Appender, decision_id: str, form: dict[str, Any], now: datetime,
               client: str) -> SignupReceipt:
        announced = Ledger.latest_in(conn, decision_id, Kind.HEARING_ANNOUNCED)
        signup = open_signup(announced, Ledger.latest_in(conn, decision_id, Kind.HEARING_SEATS_DRAWN), now)
        sides = announced["data"].get("sides") if announced else None  # announced: open_signup checked it
        checked = check_form(form, [str(side) for side in sides or []])
        if earlier := self._earlier(conn, decision_id, checked, signup["closes_at"]):
            return earlier
        if self.shared and (wait := self.shared.admit(conn, [client], now)[0]) is not None:
            raise TooFast(wait)
        receipt = receipt_number(_next_numbers(conn, decision_id, "hearing_signup", 1))
        entry = append([signup_act(checked, now, receipt)])[-1]
        conn.execute(signups.insert().values(
            decision_id=decision_id, receipt=receipt, ledger_seq=entry["seq"], ledger_hash=entry["hash"],
            side=checked.side, client=client, name=checked.name, contact=checked.contact,
            received_at=format_time(now)))
        return SignupReceipt(receipt, entry["hash"], entry["seq"], format_time(now), signup["closes_at"])

    @staticmethod
    def _earlier(conn: Connection, decision_id: str, form: SignupForm, closes_at: str) -> SignupReceipt | None:
        """The first sign-up of the same name and contact: one person, one place in the draw."""
        row = conn.execute(select(signups).where(
            signups.c.decision_id == decision_id, signups.c.name == form.name, signups.c.contact == form.contact,
        ).order_by(signups.c.id).limit(1)).first()
        if row is None:
            return None
        return SignupReceipt(row.receipt, row.ledger_hash, row.ledger_seq, row.received_at, closes_at, duplicate=True)

    def names(self, decision_id: str, receipts: list[str]) -> dict[str, str]:
        """The names of these sign-ups, by receipt (never a contact): the selected, as published."""
        if not receipts:
            return {}
        with reading(self.ledger.engine) as conn:
            rows = conn.execute(select(signups.c.receipt, signups.c.name).where(
                signups.c.decision_id == decision_id, signups.c.receipt.in_(receipts)))
            return {row.receipt: row.name or "" for row in rows}

    def count(self, decision_id: str) -> int:
        with reading(self.ledger.engine) as conn:
            return len(conn.execute(select(signups.c.id).where(signups.c.decision_id == decision_id)).all())
