"""A period's edges: one day is a period, none is not; its end is a UTC moment whatever the
server's zone; the last day of an end a microsecond past midnight."""

from __future__ import annotations

import time
from datetime import UTC, date, datetime, timedelta

import pytest

from juece.domain.record.periods import end_of_day, last_day, period_end
from juece.domain.record.workdays import CHINA


def test_a_period_of_one_day_ends_at_24_00_of_the_next_working_day() -> None:
    # Thursday 5 March 2026, 10:00 in China: the one day is Friday 6 March
    assert period_end(datetime(2026, 3, 5, 10, tzinfo=CHINA), 1) == datetime(2026, 3, 7, tzinfo=CHINA)


def test_a_period_of_no_days_is_refused_saying_so() -> None:
    with pytest.raises(ValueError, match="^a period has at least one day, not 0$"):
        period_end(datetime(2026, 3, 5, 10, tzinfo=CHINA), 0)


def test_24_00_in_china_is_a_utc_moment_whatever_the_servers_zone(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        end = end_of_day(date(2026, 3, 6))
    finally:
        monkeypatch.undo()
        time.tzset()
    assert end == datetime(2026, 3, 6, 16, tzinfo=UTC) and end.utcoffset() == timedelta(0)


def test_the_last_day_of_an_end_a_microsecond_past_midnight_is_that_new_day() -> None:
    end = end_of_day(date(2026, 3, 6))
    assert last_day(end) == date(2026, 3, 6)
    assert last_day(end + timedelta(microseconds=1)) == date(2026, 3, 7)
