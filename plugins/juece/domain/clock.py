"""Legal time and the (possibly accelerated) time the workflow actually waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

ISO = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_time(value: str) -> datetime:
    return datetime.strptime(value, ISO).replace(tzinfo=UTC)


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime(ISO)


def legal_and_effective_end(start: datetime, days: int, scale: float) -> tuple[datetime, datetime]:
    """The legal end of a period of ``days`` days, and when an accelerated clock reaches it."""
    legal = start + timedelta(days=days)
    effective = start + timedelta(days=days) / max(scale, 1.0)
    return legal, effective


def is_late(received: datetime, effective_end: datetime) -> bool:
    """R-B3: a comment received after the period closes is kept but marked late."""
    return received > effective_end
