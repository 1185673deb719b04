"""Experts' passkeys in the records DB (juece_passkeys), each bound to an entry of the expert
library, and the log of every registration (juece_passkey_log): who registered which credential,
when, where, and the SHA-256 of those facts, which every opinion signed with it carries."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from sqlalchemy import Column, Engine, Integer, String, Table, Text, select

from juece.adapters.store.db import ensure_tables, get_engine, metadata
from juece.domain.expert_review.passkey import Passkey, sign_count
from juece.domain.record.errors import FormError
from juece.domain.record.ledger import canonical_json

passkeys_table = Table(
    "juece_passkeys",
    metadata,
    Column("credential_id", String(1400), primary_key=True),
    Column("user", String(64), nullable=False, index=True),
    Column("public_key_cose", Text, nullable=False),
    Column("public_key", Text, nullable=False),
    Column("algorithm", Integer, nullable=False),
    Column("sign_count", Integer, nullable=False, default=0),
    Column("rp_id", String(253), nullable=False),
    Column("origin", String(300), nullable=False),
    Column("aaguid", String(36), nullable=False, default=""),
    Column("registered_at", String(40), nullable=False),
    Column("registration", String(64), nullable=False),
    extend_existing=True,
)

passkey_log = Table(
    "juece_passkey_log",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("user", String(64), nullable=False, index=True),
    Column("credential_id", String(1400), nullable=False),
    Column("event", String(20), nullable=False),
    Column("facts", Text, nullable=False),
    Column("sha256", String(64), nullable=False),
    extend_existing=True,
)

REGISTRATION_FACTS = ("credential_id", "user", "public_key_cose", "public_key", "algorithm", "rp_id", "origin",
                      "aaguid", "registered_at")


def registration_hash(facts: Mapping[str, Any]) -> str:
    """SHA-256 of the registration's facts in canonical JSON."""
    return hashlib.sha256(canonical_json({name: facts.get(name) for name in REGISTRATION_FACTS})).hexdigest()


class PasskeyStore:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine or get_engine()
        ensure_tables(self.engine, passkeys_table, passkey_log)

    def register(self, facts: Mapping[str, Any]) -> Passkey:
        """Keep a new credential and log its registration in one transaction; a credential
        registered before is refused (nothing changes)."""
        row = {name: facts[name] for name in REGISTRATION_FACTS}
        row["registration"] = registration_hash(row)
        row["sign_count"] = int(facts.get("sign_count") or 0)
        with self.engine.begin() as conn:
            if conn.execute(select(passkeys_table.c.user).where(
                    passkeys_table.c.credential_id == row["credential_id"])).first():
                raise FormError("该通行密钥已登记过", "this passkey is registered already", field="credential")
            conn.execute(passkeys_table.insert().values(**row))
            conn.execute(passkey_log.insert().values(
                at=row["registered_at"], user=row["user"], credential_id=row["credential_id"], event="registered",
                facts=canonical_json({n: row[n] for n in REGISTRATION_FACTS}).decode("utf-8"),
                sha256=row["registration"]))
        return _passkey(row)

    def of_user(self, user: str) -> list[Passkey]:
        query = select(passkeys_table).where(passkeys_table.c.user == user).order_by(passkeys_table.c.registered_at)
        with self.engine.connect() as conn:
            return [_passkey(row._mapping) for row in conn.execute(query)]

    def signed_with(self, signed: Mapping[str, Any], at: str) -> None:
        """After a passkey's signature act is recorded: the authenticator's counter, and the use logged."""
        self.used(signed["passkey"]["credential_id"], sign_count(signed["assertion"]), at)

    def used(self, credential_id: str, sign_count: int, at: str) -> None:
        with self.engine.begin() as conn:
            found = conn.execute(select(passkeys_table).where(passkeys_table.c.credential_id == credential_id)).first()
            if found is None:
                return
            conn.execute(passkeys_table.update().where(passkeys_table.c.credential_id == credential_id)
                         .values(sign_count=max(sign_count, int(found.sign_count))))
            conn.execute(passkey_log.insert().values(at=at, user=found.user, credential_id=credential_id,
                                                     event="signed", facts=canonical_json({"sign_count": sign_count})
                                                     .decode("utf-8"), sha256=found.registration))

    def log(self, user: str | None = None) -> list[dict[str, Any]]:
        query = select(passkey_log).order_by(passkey_log.c.id)
        if user is not None:
            query = query.where(passkey_log.c.user == user)
        with self.engine.connect() as conn:
            return [dict(row._mapping) for row in conn.execute(query)]


def _passkey(row: Mapping[Any, Any]) -> Passkey:
    return Passkey(credential_id=row["credential_id"], user=row["user"], public_key=row["public_key"],
                   algorithm=int(row["algorithm"]), rp_id=row["rp_id"], origin=row["origin"],
                   sign_count=int(row["sign_count"] or 0), registered_at=row["registered_at"],
                   registration=row["registration"])
