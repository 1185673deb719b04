"""The log of archive retrievals (juece_retrievals): who, when, which file, through what."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, Connection, Engine, Integer, String, Table, select

from juece.adapters.store.db import ensure_tables, metadata

retrievals = Table(
    "juece_retrievals",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("who", String(200), nullable=False),
    Column("at", String(40), nullable=False),
    Column("archive_no", String(40), nullable=False, index=True),
    Column("decision_id", String(64), nullable=True),
    Column("version", Integer, nullable=True),
    Column("edition", String(10), nullable=False),
    Column("channel", String(10), nullable=False),
    Column("granted", Boolean, nullable=False),
    Column("reason", String(200), nullable=True),
)

def ensure(engine: Engine | None = None) -> Engine:
    return ensure_tables(engine, retrievals)


def log(row: dict[str, Any], conn: Connection | None = None, engine: Engine | None = None) -> None:
    """Record one retrieval or refused attempt (inside ``conn``'s transaction when given)."""
    if conn is not None:
        conn.execute(retrievals.insert(), row)
        return
    with ensure(engine).begin() as own:
        own.execute(retrievals.insert(), row)


def logged(archive_no: str | None = None, engine: Engine | None = None) -> list[dict[str, Any]]:
    query = select(retrievals).order_by(retrievals.c.id)
    if archive_no is not None:
        query = query.where(retrievals.c.archive_no == archive_no)
    with ensure(engine).connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
