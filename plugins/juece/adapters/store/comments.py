"""Public comments: one transaction writes the ledger act and the comment row (R-B3, R-H6)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, bindparam, select, update

from juece.adapters.store.db import comments, counters, ensure_tables, reading
from juece.adapters.store.ledger import Appender, Ledger
from juece.adapters.store.personal import client_secret, keyed_client
from juece.adapters.store.rate_window import SharedWindow, TooFast, WindowLimit, rate_windows
from juece.domain.participation.comments import (
    clean_text,
    comment_act,
    personal_field,
    receipt_number,
)
from juece.domain.participation.draft import published_paragraphs
from juece.domain.record.acts import Act
from juece.domain.record.clock import parse_time
from juece.domain.record.errors import RecordError
from juece.domain.stages import Stage

RESUBMIT_WINDOW = timedelta(minutes=10)
# Built once: the group-commit writer runs them for every batch.
INSERT_COMMENT = comments.insert()
EARLIER = select(comments).where(  # point look-ups in ix_juece_comment_resubmit
    comments.c.decision_id == bindparam("decision_id"),
    comments.c.client.in_(bindparam("clients", expanding=True)),
    comments.c.text_sha256.in_(bindparam("digests", expanding=True))).order_by(comments.c.id)
COUNTER = (counters.c.decision_id == bindparam("of_decision")) & (counters.c.name == bindparam("of_name"))
RESERVE = update(counters).where(COUNTER).values(value=counters.c.value + bindparam("count")).returning(counters.c.value)


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


def client_key(client: str, engine: Engine) -> str:
    """Clients are told apart without keeping their address: HMAC-SHA256 under the records DB's
    client key (adapters/store/personal.py), cleared after the retention period."""
    return keyed_client(client_secret(engine), client)


@dataclass(frozen=True)
class Submission:
    """A comment checked and ready to write: its act lacks only the receipt number."""

    decision_id: str
    act: Act
    name: str | None
    contact: str | None
    client: str

    @property
    def digest(self) -> str:
        return self.act.data["text_sha256"]

    @property
    def key(self) -> tuple[str, str, str, str]:
        """What makes a resubmission: the same text from the same client, with the same name and
        contact (two people behind one address who give their names are two commenters)."""
        return self.client, self.digest, self.name or "", self.contact or ""

    @property
    def now(self) -> datetime:
        return parse_time(self.act.data["received_at"])

    def numbered(self, receipt: str) -> Act:
        return Act(self.act.stage, self.act.kind, self.act.actor, {**self.act.data, "receipt": receipt})


class CommentStore:
    def __init__(self, ledger: Ledger, window: timedelta = RESUBMIT_WINDOW,
                 limit: WindowLimit | None | str = "environment") -> None:
        """``limit``: the per-client limit on portal comments that every process writing to this
        records DB shares (rate_window.py); by default from JUECE_RATE_LIMIT_*, None for none."""
        self.ledger = ledger
        self.window = window
        limit = WindowLimit.from_environment() if limit == "environment" else limit
        self.shared = SharedWindow(limit) if isinstance(limit, WindowLimit) else None
        if self.shared:
            ensure_tables(self.ledger.engine, rate_windows)
        self._notices: dict[str, tuple[dict[str, Any], int | None]] = {}

    def notice(self, decision_id: str) -> tuple[dict[str, Any] | None, bool]:
        """The published notice (cached once out: it never changes) and whether the stage is N/A."""
        if decision_id in self._notices:
            return self._notices[decision_id][0], False
        launched = self.ledger.latest(decision_id, "launched")
        if launched is None:
            raise RecordError(f"no decision {decision_id!r} in the record")
        na = self.ledger.latest(decision_id, "not_applicable")
        if na and na["stage"] == Stage.PUBLIC_PARTICIPATION:
            return None, True
        notice = self.ledger.latest(decision_id, "notice_published")
        if notice:  # with the paragraph count of the draft it published, for every comment's check
            self._notices[decision_id] = (notice, published_paragraphs(launched))
        return notice, False

    def paragraphs(self, decision_id: str) -> int | None:
        """How many paragraphs the draft published for comment has (known once the notice is)."""
        cached = self._notices.get(decision_id)
        return cached[1] if cached else None

    def prepare(self, decision_id: str, text: str, now: datetime, *, paragraph: int | None = None,
                name: str | None = None, contact: str | None = None, channel: str = "portal",
                client: str = "local") -> Submission:
        """Check a comment before any lock is taken: a refusal (R-B1, an empty or too long text,
        a paragraph not in the published draft, a name or contact over its bound) raises here."""
        notice, not_applicable = self.notice(decision_id)
        has_contact = _given(name) or _given(contact)
        act = comment_act(notice, not_applicable, text, now, "", paragraph, channel, has_contact,
                          self.paragraphs(decision_id))
        return Submission(decision_id, act, personal_field(name, "name"), personal_field(contact, "contact"),
                          client_key(client, self.ledger.engine))

    def submit(self, decision_id: str, text: str, now: datetime, **options: Any) -> Receipt:
        submission = self.prepare(decision_id, text, now, **options)
        outcome = self.ledger.write(decision_id, lambda conn, append: self._write(conn, append, submission))
        if isinstance(outcome, TooFast):
            raise outcome
        return outcome

    def submit_many(self, decision_id: str, submissions: list[Submission]) -> list[Receipt | TooFast]:
        """Several prepared comments of one decision in one transaction (group commit): each one's
        receipt, or TooFast for a portal comment over the shared per-client limit."""
        return self.ledger.write(decision_id, lambda conn, append: self._write_many(conn, append, submissions))

    def _write(self, conn: Connection, append: Appender, sub: Submission) -> Receipt | TooFast:
        return self._write_many(conn, append, [sub])[0]

    def _write_many(self, conn: Connection, append: Appender, subs: list[Submission]) -> list[Receipt | TooFast]:
        """Comments over the shared limit refused; resubmissions answered with their first receipt;
        the rest numbered, chained and inserted with one statement each for the ledger and the
        comment rows."""
        refused = self._over_limit(conn, subs)
        if not refused:
            return self._write_admitted(conn, append, subs)
        kept = [sub for n, sub in enumerate(subs) if n not in refused]
        written = iter(self._write_admitted(conn, append, kept) if kept else [])
        return [refused[n] if n in refused else next(written) for n in range(len(subs))]

    def _write_admitted(self, conn: Connection, append: Appender, subs: list[Submission]) -> list[Receipt]:
        earlier = self._earlier(conn, subs[0].decision_id, subs)
        fresh, seen = [], set(earlier)
        for sub in subs:  # the first of identical submissions in this batch is written
            if sub.key not in seen:
                seen.add(sub.key)
                fresh.append(sub)
        first = _next_numbers(conn, subs[0].decision_id, "comment", len(fresh)) if fresh else 0
        acts = [sub.numbered(receipt_number(first + n)) for n, sub in enumerate(fresh)]
        entries = append(acts) if acts else []
        receipts: dict[tuple[str, str, str, str], Receipt] = dict(earlier)
        rows = []
        for sub, act, entry in zip(fresh, acts, entries, strict=True):
            data = act.data
            receipts[sub.key] = Receipt(data["receipt"], entry["hash"], entry["seq"], data["late"],
                                        data["received_at"], data["cluster"])
            rows.append({"decision_id": sub.decision_id, "receipt": data["receipt"], "ledger_seq": entry["seq"],
                         "ledger_hash": entry["hash"], "text_sha256": sub.digest, "cluster": data["cluster"],
                         "paragraph": data["paragraph"], "channel": data["channel"], "client": sub.client,
                         "name": sub.name, "contact": sub.contact, "received_at": data["received_at"],
                         "late": data["late"]})
        if rows:
            conn.execute(INSERT_COMMENT, rows)
        answered: set[tuple[str, str, str, str]] = set(earlier)
        result: list[Receipt] = []
        for sub in subs:
            key = sub.key
            result.append(replace(receipts[key], duplicate=True) if key in answered else receipts[key])
            answered.add(key)
        return result

    def _over_limit(self, conn: Connection, subs: list[Submission]) -> dict[int, TooFast]:
        """The batch's portal comments over the shared per-client limit, by position."""
        if self.shared is None:
            return {}
        counted = [n for n, sub in enumerate(subs) if sub.act.data.get("channel") == "portal"]
        if not counted:
            return {}
        verdicts = self.shared.admit(conn, [subs[n].client for n in counted], subs[0].now)
        return {n: TooFast(wait) for n, wait in zip(counted, verdicts, strict=True) if wait is not None}

    def _earlier(self, conn: Connection, decision_id: str,
                 subs: list[Submission]) -> dict[tuple[str, str, str, str], Receipt]:
        """Comments sent again by the same client, with the same name and contact, within the
        window, with their first receipts; a comment repeated inside one batch counts once."""
        found: dict[tuple[str, str, str, str], Receipt] = {}
        rows = conn.execute(EARLIER, {"decision_id": decision_id, "clients": sorted({s.client for s in subs}),
                                      "digests": sorted({s.digest for s in subs})})
        for row in rows:
            key = (row.client, row.text_sha256, row.name or "", row.contact or "")
            if key not in found and subs[0].now - parse_time(row.received_at) <= self.window:
                found[key] = Receipt(row.receipt, row.ledger_hash, row.ledger_seq, row.late, row.received_at,
                                     row.cluster, duplicate=True)
        return found

    def personal_data(self, decision_id: str) -> dict[str, dict[str, str | None]]:
        """Name and contact by receipt: for the restricted full edition only (R-H6)."""
        with reading(self.ledger.engine) as conn:
            rows = conn.execute(select(comments.c.receipt, comments.c.name, comments.c.contact).where(
                comments.c.decision_id == decision_id,
                (comments.c.name.is_not(None)) | (comments.c.contact.is_not(None))))
            return {row.receipt: {"name": row.name, "contact": row.contact} for row in rows}


def _given(value: object) -> bool:
    return isinstance(value, str) and bool(clean_text(value).strip())


def _next_numbers(conn: Connection, decision_id: str, name: str, count: int) -> int:
    """Reserve ``count`` numbers of a per-decision sequence in one statement; returns the first
    (the caller holds the decision's write lock)."""
    value = conn.execute(RESERVE, {"of_decision": decision_id, "of_name": name, "count": count}).scalar()
    if value is None:
        conn.execute(counters.insert().values(decision_id=decision_id, name=name, value=count))
        value = count
    return value - count + 1

