"""Moments in the record (UTC text) and whether one came too late; periods are in domain/periods.py."""

from __future__ import annotations

from datetime import UTC, datetime

ISO = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_time(value: str) -> datetime:
    return datetime.strptime(value, ISO).replace(tzinfo=UTC)


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime(ISO)


def is_late(received: datetime, effective_end: datetime) -> bool:
    """R-B3: a comment received once the period has ended is kept but marked late. The end is the
    first moment outside the period (24:00 of its last day, domain/periods.py): at it, it is late."""
    return received >= effective_end
