"""The official holiday schedules (R-E3) loaded into the records DB, with who loaded each and the
notice it came from. Every process that counts working days reads them from here, so a schedule
loaded once reaches the scheduler, the workers and the web alike (nothing shared but the DB)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from sqlalchemy import Boolean, Column, Engine, Integer, String, Table, Text, select

from juece.adapters.store.db import ensure_tables, metadata, reading
from juece.adapters.store.ledger import utc_now
from juece.config import admin_users
from juece.domain.record import workdays
from juece.domain.record.errors import AccessError, RuleViolation
from juece.domain.record.workdays import Schedule

calendar_years = Table(
    "juece_calendar",
    metadata,
    Column("year", Integer, primary_key=True, autoincrement=False),
    Column("holidays", Text, nullable=False),
    Column("workdays", Text, nullable=False),
    Column("source", Text, nullable=False),
    Column("assumed", Boolean, nullable=False),
    Column("loaded_by", String(200), nullable=False),
    Column("loaded_at", String(40), nullable=False),
)


def administrators() -> list[str]:
    """Who loads the official calendar: JUECE_ADMIN_USERS (comma-separated), else juece's system user."""
    return admin_users()


def require_administrator(user: str) -> None:
    if user not in administrators():
        raise AccessError(f"只有管理员（{'、'.join(administrators())}）可以载入节假日安排，{user} 不可以",
                          f"only an administrator ({', '.join(administrators())}) loads a holiday schedule, "
                          f"not {user}", field="calendar")


class CalendarStore:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = ensure_tables(engine, calendar_years)

    def schedules(self) -> list[Schedule]:
        with reading(self.engine) as conn:
            rows = conn.execute(select(calendar_years).order_by(calendar_years.c.year)).all()
        return [_schedule(row._mapping) for row in rows]

    def load(self, schedule: Schedule, loaded_by: str) -> Schedule:
        """Store a year's schedule. An official schedule replaces an assumed one; an official
        schedule already loaded is never replaced by a different one (R-E3, R-H2)."""
        if schedule.year in workdays.library_years():
            raise RuleViolation("R-E3", f"{schedule.year}年的官方安排已由 holidays 库收录，无需载入",
                                f"the official {schedule.year} schedule is already in the holidays library",
                                field="calendar")
        stored = replace(schedule, loaded_by=loaded_by, loaded_at=utc_now())
        row = {"year": stored.year, "holidays": _dates(stored.days_off), "workdays": _dates(stored.working_weekend),
               "source": stored.source, "assumed": stored.assumed, "loaded_by": loaded_by,
               "loaded_at": stored.loaded_at}
        with self.engine.begin() as conn:
            existing = conn.execute(select(calendar_years).where(calendar_years.c.year == stored.year)).first()
            if existing is None:
                conn.execute(calendar_years.insert(), row)
                workdays.forget()
                return stored
            before = _schedule(existing._mapping)
            if same_days(before, stored):
                return before
            if not before.assumed:
                raise RuleViolation(
                    "R-E3", f"{stored.year}年已载入官方安排（{before.source}），不同的安排不能覆盖它",
                    f"an official {stored.year} schedule ({before.source}) is loaded: a different one cannot "
                    "replace it", field="calendar")
            conn.execute(calendar_years.update().where(calendar_years.c.year == stored.year), row)
        workdays.forget()
        return stored

    def install(self) -> CalendarStore:
        """Make these schedules the ones every working-day count in this process uses."""
        workdays.provide(self.schedules)
        return self


def same_days(a: Schedule, b: Schedule) -> bool:
    return (a.days_off, a.working_weekend, a.assumed) == (b.days_off, b.working_weekend, b.assumed)


def _dates(days: frozenset[date]) -> str:
    return json.dumps(sorted(day.isoformat() for day in days))


def _schedule(row: object) -> Schedule:
    get = row.__getitem__  # type: ignore[attr-defined]
    return Schedule(get("year"), frozenset(map(date.fromisoformat, json.loads(get("holidays")))),
                    frozenset(map(date.fromisoformat, json.loads(get("workdays")))), get("source"),
                    bool(get("assumed")), get("loaded_by"), get("loaded_at"))
