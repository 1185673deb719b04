"""The expert library (专家库, R-C4) in the records DB: experts are flagged as removed, never deleted."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from sqlalchemy import Boolean, Column, Connection, Engine, String, Table, Text, select

from juece.adapters.store.db import ensure_tables, get_engine, metadata
from juece.domain.expert_review.experts import Expert, is_public_key
from juece.domain.record.errors import FormError, RuleViolation

experts_table = Table(
    "juece_experts",
    metadata,
    Column("user", String(64), primary_key=True),
    Column("name", Text, nullable=False),
    Column("specialties", Text, nullable=False),
    Column("affiliation", Text, nullable=False),
    Column("official_of", Text, nullable=True),
    Column("integrity", Text, nullable=False, default=""),
    Column("removed", Boolean, nullable=False, default=False),
    Column("removed_reason", Text, nullable=False, default=""),
    Column("removed_on", String(10), nullable=True),
    Column("public_key", String(64), nullable=True),
    # Airflow also imports every file under plugins/ by path: the second import must not fail.
    extend_existing=True,
)


def _row(expert: Expert) -> dict[str, Any]:
    return {**expert.as_dict(), "specialties": json.dumps(list(expert.specialties), ensure_ascii=False)}


def _expert(row: Mapping[str, Any]) -> Expert:
    return Expert(**{**row, "specialties": tuple(json.loads(row["specialties"])), "removed": bool(row["removed"])})


def _unknown(user: str) -> FormError:
    return FormError(f"专家库中没有用户 {user}", f"no expert {user} in the library", field="user")


class ExpertLibrary:
    """The library as the records DB holds it."""

    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = engine or get_engine()
        ensure_tables(self.engine, experts_table)

    def upsert(self, experts: Iterable[Expert]) -> tuple[int, int]:
        """Add new experts and update changed ones in one transaction: (added, updated).

        An update keeps a stored public key unless it brings one, and never lifts a removal
        (an expert removed for misconduct stays removed, R-C4)."""
        added = updated = 0
        with self.engine.begin() as conn:
            for expert in experts:
                stored = self._get(conn, expert.user)
                if stored is None:
                    conn.execute(experts_table.insert().values(**_row(expert)))
                    added += 1
                    continue
                merged = _merge(stored, expert)
                if merged != stored:
                    conn.execute(experts_table.update().where(experts_table.c.user == expert.user)
                                 .values(**_row(merged)))
                    updated += 1
        return added, updated

    def all(self, include_removed: bool = True) -> list[Expert]:
        query = select(experts_table).order_by(experts_table.c.user)
        if not include_removed:
            query = query.where(experts_table.c.removed.is_(False))
        with self.engine.connect() as conn:
            return [_expert(row._mapping) for row in conn.execute(query)]

    def get(self, user: str) -> Expert | None:
        with self.engine.connect() as conn:
            return self._get(conn, user)

    def remove(self, user: str, reason: str, on: date | None = None) -> Expert:
        """Flag an expert as removed for misconduct, with the reason and the date (Art. 41)."""
        if not reason.strip():
            raise RuleViolation("R-C4", "除名须写明理由", "a removal needs its reason", field="reason")
        with self.engine.begin() as conn:
            stored = self._get(conn, user)
            if stored is None:
                raise _unknown(user)
            if stored.removed:
                raise RuleViolation("R-C4", f"{user} 已于 {stored.removed_on} 除名：{stored.removed_reason}",
                                    f"{user} was already removed on {stored.removed_on}: {stored.removed_reason}",
                                    field="user")
            values = {"removed": True, "removed_reason": reason.strip(), "removed_on": (on or date.today()).isoformat()}
            conn.execute(experts_table.update().where(experts_table.c.user == user).values(**values))
            return _expert({**_row(stored), **values})

    def set_public_key(self, user: str, key: str) -> None:
        if not is_public_key(key):
            raise FormError("公钥应为32字节 Ed25519 公钥的 base64", "the public key must be the base64 of a 32-byte "
                            "Ed25519 key", field="public_key")
        with self.engine.begin() as conn:
            done = conn.execute(experts_table.update().where(experts_table.c.user == user).values(public_key=key))
            if done.rowcount != 1:
                raise _unknown(user)

    @staticmethod
    def _get(conn: Connection, user: str) -> Expert | None:
        row = conn.execute(select(experts_table).where(experts_table.c.user == user)).first()
        return _expert(row._mapping) if row else None


def _merge(stored: Expert, incoming: Expert) -> Expert:
    values = incoming.as_dict()
    values["specialties"] = incoming.specialties
    if incoming.public_key is None:
        values["public_key"] = stored.public_key
    if stored.removed and not incoming.removed:
        values.update(removed=True, removed_reason=stored.removed_reason, removed_on=stored.removed_on)
    return Expert(**values)
