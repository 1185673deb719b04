"""Working days and periods at their edges (R-E3): a make-up Saturday, an ordinary Saturday and a
Sunday, in a year the library records and in a year loaded from the calendar file; midnight in
China; a period whose last day is a rest day of a loaded year."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from juece.domain.record.periods import last_day, period_end
from juece.domain.record.workdays import CHINA, add_working_days, china_date, is_working_day

# a published schedule as the office would load it (made up: only these dates count)
LOADED = """2027:
  notice: 国务院办公厅关于2027年部分节假日安排的通知（测试用）
  holidays: [2027-01-01, 2027-02-05, 2027-02-08, 2027-02-09]
  workdays: [2027-02-20]
"""


@pytest.fixture
def loaded_2027(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calendar = tmp_path / "calendar.yaml"
    calendar.write_text(LOADED, encoding="utf-8")
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(calendar))


@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 2, 28), True),    # a Saturday made a working day (Spring Festival 调休)
    (date(2026, 3, 7), False),    # an ordinary Saturday
    (date(2026, 3, 8), False),    # an ordinary Sunday
    (date(2026, 1, 4), True),     # a Sunday made a working day (New Year 调休)
    (date(2026, 3, 6), True),     # an ordinary Friday
], ids=["make-up-saturday", "ordinary-saturday", "sunday", "make-up-sunday", "friday"])
def test_a_library_year_counts_make_up_weekend_days_and_no_other_weekend_day(day: date, working: bool) -> None:
    assert is_working_day(day) is working


@pytest.mark.parametrize(("day", "working"), [
    (date(2027, 2, 20), True),    # the make-up Saturday the schedule lists
    (date(2027, 2, 27), False),   # an ordinary Saturday
    (date(2027, 1, 9), False),    # another ordinary Saturday
    (date(2027, 2, 21), False),   # the Sunday after the make-up Saturday
    (date(2027, 2, 8), False),    # a Monday off
    (date(2027, 2, 10), True),    # an ordinary Wednesday
], ids=["make-up-saturday", "ordinary-saturday", "january-saturday", "sunday", "monday-off", "wednesday"])
def test_a_year_loaded_from_the_calendar_file_never_makes_an_ordinary_saturday_a_working_day(
        loaded_2027: None, day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_working_days_in_a_loaded_year_count_the_make_up_saturday_and_skip_the_ordinary_one(loaded_2027: None) -> None:
    # Thu 18 Feb 2027: Fri 19, Sat 20 (make-up), (Sun 21), Mon 22
    assert add_working_days(date(2027, 2, 18), 3) == date(2027, 2, 22)
    # Thu 25 Feb 2027: Fri 26, (Sat 27, Sun 28), Mon 1 March
    assert add_working_days(date(2027, 2, 25), 2) == date(2027, 3, 1)


def test_working_days_in_a_library_year_skip_an_ordinary_saturday_and_sunday() -> None:
    # Thu 5 March 2026: Fri 6, (Sat 7, Sun 8), Mon 9
    assert add_working_days(date(2026, 3, 5), 2) == date(2026, 3, 9)
    # Fri 27 Feb 2026: Sat 28 is a make-up working day
    assert add_working_days(date(2026, 2, 27), 1) == date(2026, 2, 28)


def test_a_period_ending_on_an_ordinary_saturday_of_a_loaded_year_moves_to_monday(loaded_2027: None) -> None:
    end = period_end(datetime(2027, 1, 27, 9, tzinfo=CHINA), 31)  # day 31 is Saturday 27 February
    assert last_day(end) == date(2027, 3, 1) and end == datetime(2027, 3, 2, tzinfo=CHINA)


def test_a_period_ending_on_the_make_up_saturday_of_a_loaded_year_ends_that_day_at_24_00(loaded_2027: None) -> None:
    end = period_end(datetime(2027, 1, 20, 9, tzinfo=CHINA), 31)  # day 31 is Saturday 20 February, worked
    assert last_day(end) == date(2027, 2, 20) and end == datetime(2027, 2, 21, tzinfo=CHINA)


@pytest.mark.parametrize(("moment", "day"), [
    (datetime(2026, 3, 1, 15, 59, 59, 999999, tzinfo=UTC), date(2026, 3, 1)),
    (datetime(2026, 3, 1, 16, 0, tzinfo=UTC), date(2026, 3, 2)),
    (datetime(2026, 3, 2, 0, 0, tzinfo=CHINA), date(2026, 3, 2)),
    (datetime(2026, 3, 1, 23, 59, 59, tzinfo=CHINA), date(2026, 3, 1)),
], ids=["a-microsecond-before-midnight-in-china", "midnight-in-china", "midnight-china-time", "a-second-before"])
def test_china_date_turns_at_midnight_in_china_not_in_utc(moment: datetime, day: date) -> None:
    assert china_date(moment) == day


@given(start=st.dates(date(2025, 1, 1), date(2026, 11, 30)), days=st.integers(1, 20))
def test_n_working_days_later_is_a_working_day_with_exactly_n_working_days_since_the_start(
        start: date, days: int) -> None:
    due = add_working_days(start, days)
    passed = [start + timedelta(days=n) for n in range(1, (due - start).days + 1)]
    assert is_working_day(due) and sum(map(is_working_day, passed)) == days
