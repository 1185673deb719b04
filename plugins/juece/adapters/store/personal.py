"""Personal data the records DB keeps beside the ledger (R-H6), and how long.

Commenters' names and contacts, and a keyed hash of the address a comment came from, live in
`juece_comments`, never in the chain. The address is kept only as HMAC-SHA256 under a secret
(`JUECE_CLIENT_KEY`, or one generated once into this DB), so that the same client can be told
apart (a resubmission, the per-client limit) but an address cannot be recovered by hashing all
of them; it is cleared after `JUECE_CLIENT_RETENTION_DAYS` (default 30). Names and contacts are
kept until erased (`juece personal erase`): the erasure clears them in the rows and records
`personal_data_erased` with counts only, so the chain stays whole and verifies.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import Column, Connection, Engine, String, Table, and_, or_, select, update
from sqlalchemy.exc import IntegrityError

from juece.adapters.store.db import comments, ensure_tables, ledger_entries, metadata, reading
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.signup_table import signups  # those who signed up for a hearing (R-B6)
from juece.config import client_key, client_retention_days, personal_retention_days
from juece.domain.archive.pii import PublicText
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time
from juece.domain.stages import Stage

secrets_table = Table(
    "juece_secrets",
    metadata,
    Column("name", String(40), primary_key=True),
    Column("value", String(128), nullable=False),
)

CLEARED = ""  # a client hash cleared by retention or erasure
_secrets: dict[str, bytes] = {}  # by records DB: read once per process


def client_secret(engine: Engine) -> bytes:
    """The key of the client hash: `JUECE_CLIENT_KEY`, or one made once and kept in this DB
    (every process writing to it then hashes an address the same way)."""
    if configured := client_key():
        return configured.encode()
    if (known := _secrets.get(str(engine.url))) is not None:
        return known
    ensure_tables(engine, secrets_table)
    found = select(secrets_table.c.value).where(secrets_table.c.name == "client_key")
    with reading(engine) as conn:
        value = conn.execute(found).scalar()
    if value is None:
        try:
            with engine.begin() as conn:
                conn.execute(secrets_table.insert().values(name="client_key", value=secrets.token_hex(32)))
        except IntegrityError:  # another process made it first: use theirs
            pass
        with reading(engine) as conn:
            value = conn.execute(found).scalar_one()
    _secrets[str(engine.url)] = str(value).encode()
    return _secrets[str(engine.url)]


def keyed_client(secret: bytes, client: str) -> str:
    """HMAC-SHA256 of the client address under the secret (32 hex characters kept)."""
    return hmac.new(secret, f"juece-client:{client}".encode(), hashlib.sha256).hexdigest()[:32]


def public_text(ledger: Ledger, decision_id: str) -> PublicText:
    """The redactor of this decision's public texts: every form of personal data, and the names
    and contacts its commenters and hearing participants gave."""
    ensure_tables(ledger.engine, comments, ledger_entries)
    with reading(ledger.engine) as conn:
        rows = conn.execute(select(comments.c.name, comments.c.contact).where(
            comments.c.decision_id == decision_id,
            or_(comments.c.name.is_not(None), comments.c.contact.is_not(None)))).all()
    names = {row.name for row in rows if row.name}
    launched = ledger.latest(decision_id, "launched")
    spec = (launched or {}).get("data", {}).get("spec") or {}
    hearing = ((spec.get("stages") or {}).get("public_participation") or {}).get("hearing") or {}
    names |= {str(p["name"]) for p in hearing.get("participants") or [] if isinstance(p, dict) and p.get("name")}
    ensure_tables(ledger.engine, signups)
    with reading(ledger.engine) as conn:
        signed = conn.execute(select(signups.c.name, signups.c.contact).where(signups.c.decision_id == decision_id)).all()
    names |= {row.name for row in signed if row.name}
    return PublicText(names, {row.contact for row in [*rows, *signed] if row.contact})


def client_retention() -> timedelta:
    return timedelta(days=client_retention_days())


def expire_clients(engine: Engine, now: datetime, keep: timedelta | None = None) -> int:
    """Clear the client hashes of comments received before now - keep; how many were cleared."""
    ensure_tables(engine, comments)
    before = format_time(now - (keep if keep is not None else client_retention()))
    ensure_tables(engine, signups)
    with engine.begin() as conn:
        conn.execute(update(signups).where(signups.c.received_at < before, signups.c.client != CLEARED)
                     .values(client=CLEARED))  # a hearing sign-up's client hash kept no longer (R-B6)
        return conn.execute(update(comments).where(comments.c.received_at < before, comments.c.client != CLEARED)
                            .values(client=CLEARED)).rowcount


@dataclass(frozen=True)
class Erased:
    names: int
    contacts: int
    clients: int
    entry_hash: str | None

    def as_dict(self) -> dict[str, int]:
        return {"names": self.names, "contacts": self.contacts, "clients": self.clients}


def erase(ledger: Ledger, decision_id: str, actor: str, before: datetime | None = None) -> Erased:
    """Clear the names, contacts and client hashes of a decision's comments (received before
    ``before``, if given) and record how many, in one transaction; nothing is recorded when
    there was nothing to clear."""
    ensure_tables(ledger.engine, comments, signups)
    where = [comments.c.decision_id == decision_id]
    if before is not None:
        where.append(comments.c.received_at < format_time(before))

    def work(conn: Connection, append):  # type: ignore[no-untyped-def]
        counts = {name: _clear(conn, where, column) for name, column in
                  (("names", comments.c.name), ("contacts", comments.c.contact), ("clients", comments.c.client))}
        for name, cleared in _clear_signups(conn, decision_id, before).items():  # hearing sign-ups too (R-B6)
            counts[name] += cleared
        if not any(counts.values()):
            return Erased(0, 0, 0, None)
        data = {**counts, "rule": "R-H6", **({"before": format_time(before)} if before else {})}
        entry = append([Act(Stage.PUBLIC_PARTICIPATION, "personal_data_erased", actor, data)])[-1]
        return Erased(counts["names"], counts["contacts"], counts["clients"], entry["hash"])

    return ledger.write(decision_id, work)


def _clear(conn: Connection, where: list, column: Column) -> int:  # type: ignore[type-arg]
    empty = CLEARED if column is comments.c.client else None
    held = column != CLEARED if empty == CLEARED else column.is_not(None)
    return conn.execute(update(comments).where(and_(*where, held)).values({column.name: empty})).rowcount


def _clear_signups(conn: Connection, decision_id: str, before: datetime | None) -> dict[str, int]:
    """The names, contacts and client hashes of a decision's hearing sign-ups cleared, counted."""
    where = [signups.c.decision_id == decision_id]
    if before is not None:
        where.append(signups.c.received_at < format_time(before))
    cleared = {}
    for name, column, empty in (("names", signups.c.name, None), ("contacts", signups.c.contact, None),
                                ("clients", signups.c.client, CLEARED)):
        held = column != CLEARED if empty == CLEARED else column.is_not(None)
        cleared[name] = conn.execute(update(signups).where(and_(*where, held)).values({column.name: empty})).rowcount
    return cleared


def personal_retention() -> timedelta:
    """How long commenters' names and contacts stay in the records DB after the decision's archive
    is first built (the full edition keeps them, for archivists only, R-H6)."""
    return timedelta(days=personal_retention_days())


def apply_retention(ledger: Ledger, now: datetime) -> dict[str, dict[str, int]]:
    """The retention periods applied: client hashes past theirs cleared; every decision archived more
    than the personal-data retention ago has its names, contacts and client hashes erased (and the
    erasure recorded, counts only). Returns what was erased, by decision."""
    expire_clients(ledger.engine, now)
    first_built: dict[str, str] = {}
    for entry in ledger.of_kind("archive_built"):
        first_built.setdefault(entry["decision_id"], entry["at"])
    limit = format_time(now - personal_retention())
    erased = {}
    for decision_id, built_at in first_built.items():
        if built_at < limit and (done := erase(ledger, decision_id, "juece")).entry_hash:
            erased[decision_id] = done.as_dict()
    return erased
