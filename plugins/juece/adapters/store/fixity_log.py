"""Where fixity checks report: one row per run (juece_fixity_runs) and a notification per
finding (juece_notifications), for the archivists to read and act on (R-H2, R-H3)."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import Boolean, Column, Engine, Integer, String, Table, Text, select

from juece.adapters.store.db import ensure_tables, metadata

fixity_runs = Table(
    "juece_fixity_runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("started_at", String(40), nullable=False),
    Column("finished_at", String(40), nullable=False),
    Column("trigger", String(40), nullable=False),
    Column("files", Integer, nullable=False),
    Column("decisions", Integer, nullable=False),
    Column("findings", Integer, nullable=False),
    Column("ok", Boolean, nullable=False),
    Column("summary", Text, nullable=False),
)

notifications = Table(
    "juece_notifications",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("at", String(40), nullable=False),
    Column("level", String(10), nullable=False),
    Column("topic", String(40), nullable=False, index=True),
    Column("decision_id", String(64), nullable=True),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("recipients", String(200), nullable=False),
)

def _engine(engine: Engine | None) -> Engine:
    return ensure_tables(engine, fixity_runs, notifications)


def record_run(row: dict[str, Any], engine: Engine | None = None) -> int:
    values = {**row, "summary": json.dumps(row["summary"], ensure_ascii=False, sort_keys=True)}
    with _engine(engine).begin() as conn:
        return int(conn.execute(fixity_runs.insert(), values).inserted_primary_key[0])


def notify(rows: list[dict[str, Any]], engine: Engine | None = None) -> None:
    if rows:
        with _engine(engine).begin() as conn:
            conn.execute(notifications.insert(), rows)


def runs(engine: Engine | None = None) -> list[dict[str, Any]]:
    with _engine(engine).connect() as conn:
        found = conn.execute(select(fixity_runs).order_by(fixity_runs.c.id))
        return [{**row._mapping, "summary": json.loads(row.summary)} for row in found]


def notices(topic: str | None = None, engine: Engine | None = None) -> list[dict[str, Any]]:
    query = select(notifications).order_by(notifications.c.id)
    if topic is not None:
        query = query.where(notifications.c.topic == topic)
    with _engine(engine).connect() as conn:
        return [dict(row._mapping) for row in conn.execute(query)]
