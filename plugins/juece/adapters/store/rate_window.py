"""The comment limit every portal process shares: a fixed-window counter per client in the
records DB, counted inside the group-commit transaction that writes the comments (no
transaction, lock or fsync of its own), so several `juece portal` processes or API-server
workers on one records DB hold one limit between them.

Each process also keeps its token bucket (web/limits.py), which answers 429 before a body is
read; this window is what still holds when a client's requests are spread over processes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Column, Connection, Integer, String, Table, bindparam, case, delete
from sqlalchemy.dialects import postgresql, sqlite

from juece.adapters.store.db import metadata
from juece.config import rate_limit_burst, rate_limit_per_minute

rate_windows = Table(
    "juece_rate_windows",
    metadata,
    Column("client", String(64), primary_key=True),  # client_key: a digest, never the address
    Column("window_no", Integer, nullable=False),  # which window: epoch seconds // window length
    Column("taken", Integer, nullable=False),  # comments counted in it so far
)


class TooFast(Exception):
    """Refused by the shared limit: ``retry_after`` seconds until the client's next window."""

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many comments from this client: retry after {retry_after} s")
        self.retry_after = retry_after


@dataclass(frozen=True)
class WindowLimit:
    """At most ``per_window`` comments per client in each ``seconds``-long window of the clock."""

    per_window: int
    seconds: int = 60

    @staticmethod
    def from_environment() -> WindowLimit | None:
        """JUECE_RATE_LIMIT_PER_MINUTE + JUECE_RATE_LIMIT_BURST a minute: what one process's token
        bucket lets through in any minute at most. None (no shared limit) when the rate is 0."""
        rate, burst = rate_limit_per_minute(), rate_limit_burst()
        return WindowLimit(max(1, int(rate + burst))) if rate > 0 else None

    def window_of(self, moment: datetime) -> int:
        return int(moment.timestamp()) // self.seconds


def _upsert(dialect: str):  # type: ignore[no-untyped-def]
    insert = (postgresql if dialect == "postgresql" else sqlite).insert(rate_windows)
    row = {"client": bindparam("client"), "window_no": bindparam("window_no"), "taken": bindparam("n")}
    statement = insert.values(row)
    same = rate_windows.c.window_no == statement.excluded.window_no
    return statement.on_conflict_do_update(index_elements=[rate_windows.c.client], set_={
        "taken": case((same, rate_windows.c.taken + statement.excluded.taken), else_=statement.excluded.taken),
        "window_no": statement.excluded.window_no}).returning(rate_windows.c.client, rate_windows.c.taken)


UPSERT = {name: _upsert(name) for name in ("sqlite", "postgresql")}  # each client's count after it
PRUNE = delete(rate_windows).where(rate_windows.c.window_no < bindparam("before"))


class SharedWindow:
    """Counts a batch's comments per client in the caller's transaction; says which are over."""

    def __init__(self, limit: WindowLimit) -> None:
        self.limit = limit
        self._pruned = -1

    def admit(self, conn: Connection, clients: list[str], now: datetime) -> list[int | None]:
        """For each comment of the batch (by its client key, in order): None when admitted, else
        the seconds until its client may comment again. Every comment counts, admitted or not."""
        window = self.limit.window_of(now)
        wanted = Counter(clients)
        upsert = UPSERT.get(conn.dialect.name)
        if upsert is None:
            raise NotImplementedError(f"no shared comment limit on {conn.dialect.name}")
        rows = conn.execute(upsert, [{"client": c, "window_no": window, "n": n} for c, n in sorted(wanted.items())])
        after = {row.client: row.taken for row in rows}
        if window > self._pruned:  # once a window per process: the old windows go
            conn.execute(PRUNE, {"before": window - 1})
            self._pruned = window
        left = {c: self.limit.per_window - (after.get(c, n) - n) for c, n in wanted.items()}
        wait = max(1, (window + 1) * self.limit.seconds - int(now.timestamp()))
        verdicts: list[int | None] = []
        for client in clients:
            verdicts.append(None if left[client] > 0 else wait)
            left[client] -= 1
        return verdicts
