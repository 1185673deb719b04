"""Periods in days as the Civil Code counts them (Arts. 201, 203) and lead times before an event."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from juece.domain.record.clock import is_late
from juece.domain.record.errors import RuleViolation
from juece.domain.record.periods import accelerated, days_before, end_of_day, last_day, period_end
from juece.domain.record.workdays import CHINA
from juece.spec.base import lead_time_deadline

CALENDAR_2027 = Path(__file__).resolve().parents[3] / "data" / "calendar-2027-for-tests.yaml"


def china(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=CHINA)


def test_a_period_ends_at_24_00_china_time_of_its_last_day_the_start_day_not_counted() -> None:
    end = period_end(china(2026, 3, 2, 10, 0), 30)  # Monday; day 30 is Wednesday 1 April
    assert end == china(2026, 4, 2, 0, 0) == datetime(2026, 4, 1, 16, 0, tzinfo=UTC)
    assert end.tzinfo == UTC and last_day(end) == date(2026, 4, 1)


@pytest.mark.parametrize(
    ("received", "late"),
    [(china(2026, 4, 1, 23, 59, 59), False), (china(2026, 4, 1, 23, 59, 59, 999999), False),
     (china(2026, 4, 2, 0, 0, 0), True), (china(2026, 4, 2, 0, 0, 1), True)],
    ids=["23:59:59-on-the-last-day", "the-last-microsecond", "24:00:00", "a-second-after"],
)
def test_a_comment_on_the_last_day_is_on_time_until_24_00_and_late_from_then(received: datetime, late: bool) -> None:
    assert is_late(received, period_end(china(2026, 3, 2, 10, 0), 30)) is late


@pytest.mark.parametrize(
    ("start", "due"),
    [(china(2026, 2, 5, 9, 0), date(2026, 3, 9)), (china(2026, 3, 5, 9, 0), date(2026, 4, 7)),
     (china(2026, 9, 1, 9, 0), date(2026, 10, 8)), (china(2025, 12, 2, 9, 0), date(2026, 1, 4))],
    ids=["saturday-to-monday", "qingming-saturday-to-tuesday", "national-day-to-the-8th",
         "new-year-to-a-sunday-made-a-working-day"],
)
def test_a_last_day_off_work_moves_to_the_next_working_day_of_the_official_schedule(
        start: datetime, due: date) -> None:
    end = period_end(start, 30)
    assert last_day(end) == due and end == end_of_day(due)


def test_a_saturday_made_a_working_day_does_not_move_the_end() -> None:
    assert last_day(period_end(china(2026, 9, 10, 9, 0), 30)) == date(2026, 10, 10)  # Saturday, worked (调休)


@pytest.mark.parametrize(
    ("start", "due"),
    [(china(2026, 3, 2, 23, 59, 59), date(2026, 4, 1)), (china(2026, 3, 3, 0, 0, 1), date(2026, 4, 2))],
    ids=["a-second-before-midnight-china-time", "a-second-after-midnight-still-the-2nd-in-utc"],
)
def test_the_start_day_is_the_day_in_china_not_in_utc(start: datetime, due: date) -> None:
    assert start.astimezone(UTC).date() == date(2026, 3, 2)
    assert last_day(period_end(start, 30)) == due


def test_a_last_day_in_a_year_whose_official_schedule_is_unknown_is_refused_not_guessed_r_e3(monkeypatch) -> None:
    monkeypatch.delenv("JUECE_CALENDAR_FILE", raising=False)
    with pytest.raises(RuleViolation) as caught:
        period_end(china(2026, 12, 10, 9, 0), 30)
    assert caught.value.rule == "R-E3" and "2027" in caught.value.en


def test_a_2027_holiday_moves_the_end_once_the_2027_schedule_is_given(monkeypatch) -> None:
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(CALENDAR_2027))
    end = period_end(china(2026, 12, 2, 9, 0), 30)  # day 30 is 1 January 2027, a holiday; 2-3 are a weekend
    assert last_day(end) == date(2027, 1, 4) and end == china(2027, 1, 5, 0, 0)


@pytest.mark.parametrize("days", [0, -1])
def test_a_period_of_no_days_is_a_programming_error(days: int) -> None:
    with pytest.raises(ValueError):
        period_end(china(2026, 3, 2, 10, 0), days)


@pytest.mark.parametrize(("scale", "after"), [(1.0, timedelta(days=30, hours=14)), (86400.0, timedelta(seconds=30, milliseconds=583.333)),
                                              (0.5, timedelta(days=30, hours=14))],
                         ids=["real-time", "a-legal-day-a-second", "under-one-is-real-time"])
def test_an_accelerated_clock_reaches_the_legal_end_sooner_by_its_scale(scale: float, after: timedelta) -> None:
    start = china(2026, 3, 2, 10, 0)
    assert abs(accelerated(start, period_end(start, 30), scale) - (start + after)) < timedelta(milliseconds=1)


def test_a_lead_time_ends_at_24_00_of_the_nth_day_before_the_events_day_whatever_its_hour() -> None:
    hearing = china(2026, 3, 15, 9, 0)  # a Sunday
    assert lead_time_deadline(hearing, 7) == china(2026, 3, 9, 0, 0)  # all of Sunday 8 March; no rest day moves it
    assert lead_time_deadline(china(2026, 10, 9, 9, 0), 7) == china(2026, 10, 3, 0, 0)  # National Day: not moved
    assert days_before(china(2026, 3, 8, 23, 59), hearing) == 7
    assert days_before(china(2026, 3, 9, 0, 0), hearing) == 6


def test_an_experts_reply_period_in_an_unloaded_year_ends_no_later_than_the_law_says() -> None:
    from datetime import UTC, datetime

    from juece.domain.record.periods import end_of_day, period_end_as_known

    start = datetime(2027, 12, 20, 2, tzinfo=UTC)  # 2028's schedule is not known here
    end, known = period_end_as_known(start, 14)
    assert (end, known) == (end_of_day(date(2028, 1, 3)), False)
    start = datetime(2026, 9, 20, 2, tzinfo=UTC)  # 20 Sep 2026 + 14 days: Sun 4 Oct, National Day holiday
    end, known = period_end_as_known(start, 14)
    assert known and end == end_of_day(date(2026, 10, 8))  # the first working day after the holiday
