"""Moments in the record (UTC text) and whether one came too late; periods are in domain/record/periods.py.

The record stores UTC; a person reads China Standard Time with the zone stated (`china_time`)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

from juece.spec.base import CHINA, ZONE_NAME

ISO = "%Y-%m-%dT%H:%M:%S.%fZ"


def parse_time(value: str) -> datetime:
    return datetime.strptime(value, ISO).replace(tzinfo=UTC)


def format_time(value: datetime) -> str:
    return value.astimezone(UTC).strftime(ISO)


def is_late(received: datetime, effective_end: datetime) -> bool:
    """R-B3: a comment received once the period has ended is kept but marked late. The end is the
    first moment outside the period (24:00 of its last day, domain/record/periods.py): at it, it is late."""
    return received >= effective_end


def china_time(value: str | datetime, zone: bool = True) -> str:
    """'2027-05-01 16:00:00 北京时间 UTC+8' for a moment of the record (its UTC text or a datetime);
    without ``zone`` the bare time, for a column whose header states the zone. A text that is no
    moment is given back as it is."""
    if isinstance(value, str):  # a UTC text with a fraction of a second: cached by its second
        second, dot, fraction = value.partition(".")
        cut = bool(dot) and value.endswith("Z") and fraction[:-1].isascii() and fraction[:-1].isdigit()
        shown = _china_text(second + "Z") if cut else _china_text(value)
        if not shown:
            return value
    else:
        shown = _china(value)
    return f"{shown} {ZONE_NAME}" if zone else shown


@lru_cache(maxsize=4096)
def _china_text(value: str) -> str:
    """Cached: the entries of an event log of 100,000 rows fall in far fewer seconds."""
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return ""
    return _china(moment)


def _china(moment: datetime) -> str:
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(CHINA).strftime("%Y-%m-%d %H:%M:%S")
