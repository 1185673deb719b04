"""Append-only, hash-chained ledger: one chain per decision (R-H1, R-H2)."""

from __future__ import annotations

import json
import random
import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any, TypeVar, cast

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.exc import IntegrityError, OperationalError

from juece.adapters.store.db import get_engine, ledger_entries, reading
from juece.domain.record.acts import Act
from juece.domain.record.digests import DEFAULT, checked
from juece.domain.record.entries import Entries, Entry
from juece.domain.record.errors import RecordError
from juece.domain.record.ledger import GENESIS, canonical_json, entry_hash

MAX_ATTEMPTS = 60
INSERT_ENTRY = ledger_entries.insert()
T = TypeVar("T")
Appender = Callable[[list[Act]], Entries]


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


class Ledger:
    """The records DB's ledger. Every write is one transaction: all of its acts or none. Reads
    go through ``reading`` connections: on SQLite they never take the write lock (a page view
    does not hold a comment back); a read that a write depends on is made inside the write."""

    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine or get_engine()
        self.algorithms: dict[str, str] = {}  # decision -> its chain's hash algorithm (never changes)

    def append(self, decision_id: str, act: Act) -> Entry:
        return self.append_many(decision_id, [act])[-1]

    def append_many(self, decision_id: str, acts: list[Act]) -> Entries:
        if not acts:
            raise RecordError("nothing to append")
        return self.write(decision_id, lambda conn, append: append(acts))

    def write(self, decision_id: str, work: Callable[[Connection, Appender], T]) -> T:
        """Run ``work(conn, append)`` in one transaction that holds the decision's write lock;
        whatever else ``work`` writes through ``conn`` commits or rolls back with the acts."""
        for attempt in range(MAX_ATTEMPTS):
            try:
                with self.engine.begin() as conn:
                    if conn.dialect.name == "postgresql":
                        conn.execute(text("SELECT pg_advisory_xact_lock(hashtext(:d))"), {"d": decision_id})
                    return work(conn, _Chain(self, conn, decision_id).append)
            except (IntegrityError, OperationalError):
                if attempt == MAX_ATTEMPTS - 1:
                    raise
                time.sleep(random.uniform(0.005, 0.05) * (attempt + 1))
        raise RecordError("unreachable")

    @staticmethod
    def _head_in(conn: Connection, decision_id: str) -> tuple[int, str]:
        row = conn.execute(
            select(ledger_entries.c.seq, ledger_entries.c.hash)
            .where(ledger_entries.c.decision_id == decision_id)
            .order_by(ledger_entries.c.seq.desc())
            .limit(1)
        ).first()
        return (row.seq, row.hash) if row else (0, GENESIS)

    @staticmethod
    def _by_key(conn: Connection, decision_id: str, key: str) -> Entry | None:
        row = conn.execute(
            select(ledger_entries).where(
                ledger_entries.c.decision_id == decision_id, ledger_entries.c.act_key == key
            )
        ).first()
        return _entry(row._mapping) if row else None

    def _algorithm_in(self, conn: Connection, decision_id: str) -> str:
        """The hash algorithm the decision's `launched` entry (its first) declares."""
        if decision_id not in self.algorithms:
            row = conn.execute(select(ledger_entries.c.data).where(
                ledger_entries.c.decision_id == decision_id, ledger_entries.c.seq == 1)).first()
            declared = json.loads(row.data).get("hash_algorithm", DEFAULT) if row else DEFAULT
            self.algorithms[decision_id] = checked(declared)
        return self.algorithms[decision_id]

    def entries(self, decision_id: str) -> Entries:
        with reading(self.engine) as conn:
            rows = conn.execute(
                select(ledger_entries)
                .where(ledger_entries.c.decision_id == decision_id)
                .order_by(ledger_entries.c.seq)
            )
            return [_entry(row._mapping) for row in rows]

    def head(self, decision_id: str) -> tuple[int, str]:
        with reading(self.engine) as conn:
            return self._head_in(conn, decision_id)

    def has_key(self, decision_id: str, pattern: str) -> bool:
        """Whether an act whose key matches the SQL LIKE ``pattern`` is in the record."""
        with reading(self.engine) as conn:
            row = conn.execute(select(ledger_entries.c.seq).where(
                ledger_entries.c.decision_id == decision_id, ledger_entries.c.act_key.like(pattern)
            ).limit(1)).first()
            return row is not None

    def decisions(self) -> list[str]:
        with reading(self.engine) as conn:
            query = select(ledger_entries.c.decision_id, func.min(ledger_entries.c.id))
            rows = conn.execute(query.group_by(ledger_entries.c.decision_id).order_by(func.min(ledger_entries.c.id)))
            return [row[0] for row in rows]

    def of_kind(self, kind: str, decision_ids: list[str] | None = None, *,
                unless: tuple[str, str] | None = None) -> Entries:
        """Every entry of ``kind`` (of these decisions only, when given), in the order written;
        ``unless=(other_kind, before)`` leaves out the decisions with an entry of ``other_kind``
        written before ``before`` (a UTC time as the ledger writes it), read from the kind index."""
        query = select(ledger_entries).where(ledger_entries.c.kind == kind)
        if decision_ids is not None:
            query = query.where(ledger_entries.c.decision_id.in_(decision_ids))
        if unless is not None:
            ended = select(ledger_entries.c.decision_id).where(ledger_entries.c.kind == unless[0],
                                                               ledger_entries.c.at < unless[1])
            query = query.where(ledger_entries.c.decision_id.not_in(ended))
        with reading(self.engine) as conn:
            return [_entry(row._mapping) for row in conn.execute(query.order_by(ledger_entries.c.id))]

    def last_seqs(self, kinds: list[str]) -> dict[tuple[str, str], int]:
        """(decision, kind) -> the seq of that decision's last entry of that kind, for every
        decision, read from the (decision, kind, seq) index without the entries' data."""
        query = (select(ledger_entries.c.decision_id, ledger_entries.c.kind, func.max(ledger_entries.c.seq))
                 .where(ledger_entries.c.kind.in_(kinds))
                 .group_by(ledger_entries.c.decision_id, ledger_entries.c.kind))
        with reading(self.engine) as conn:
            return {(row[0], row[1]): int(row[2]) for row in conn.execute(query)}

    def latest(self, decision_id: str, kind: str, stage: str | None = None) -> Entry | None:
        """The decision's last entry of ``kind`` (in ``stage``, when given), without reading the
        whole chain: several stages record the same kind (`adoption_report`)."""
        with reading(self.engine) as conn:
            return self.latest_in(conn, decision_id, kind, stage)

    @staticmethod
    def latest_in(conn: Connection, decision_id: str, kind: str, stage: str | None = None) -> Entry | None:
        """``latest`` read through ``conn``: inside a ``write``, what the acts about to be appended
        follow (a concurrent append makes the write start again and read anew)."""
        query = select(ledger_entries).where(ledger_entries.c.decision_id == decision_id,
                                             ledger_entries.c.kind == kind)
        if stage is not None:
            query = query.where(ledger_entries.c.stage == str(stage))
        row = conn.execute(query.order_by(ledger_entries.c.seq.desc()).limit(1)).first()
        return _entry(row._mapping) if row else None


class _Chain:
    """Appends to one decision's chain inside a transaction that holds its write lock."""

    def __init__(self, ledger: Ledger, conn: Connection, decision_id: str) -> None:
        self.conn, self.decision_id = conn, decision_id
        self.ledger = ledger
        self.seq, self.prev = ledger._head_in(conn, decision_id)
        self.algorithm = ledger._algorithm_in(conn, decision_id) if self.seq else None

    def append(self, acts: list[Act]) -> Entries:
        """Chain the acts and insert them with one statement (executemany)."""
        written, rows = [], []
        for act in acts:
            if act.act_key and (existing := self.ledger._by_key(self.conn, self.decision_id, act.act_key)):
                written.append(existing)
                continue
            self.seq += 1
            data = json.loads(canonical_json(act.data))
            if self.algorithm is None:  # the first entry declares the chain's algorithm for good
                self.algorithm = checked(data.get("hash_algorithm", DEFAULT))
            body = {"decision_id": self.decision_id, "seq": self.seq, "stage": act.stage, "kind": act.kind,
                    "actor": act.actor, "at": utc_now(), "data": data}
            entry = cast(Entry, {**body, "prev_hash": self.prev, "hash": entry_hash(self.prev, body, self.algorithm)})
            rows.append({**entry, "data": canonical_json(data).decode(), "act_key": act.act_key})
            written.append(entry)
            self.prev = entry["hash"]
        if rows:
            self.conn.execute(INSERT_ENTRY, rows)
        return written


def _entry(mapping: Any) -> Entry:
    entry: dict[str, Any] = {name: mapping[name] for name in (
        "decision_id", "seq", "stage", "kind", "actor", "at", "prev_hash", "hash"
    )}
    entry["data"] = json.loads(mapping["data"])
    return cast(Entry, entry)
