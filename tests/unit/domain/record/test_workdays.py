"""The official calendar (R-E3): schedules checked as they are loaded, assumed ones labelled."""

from __future__ import annotations

from datetime import date

import pytest

from juece.domain.record import workdays
from juece.domain.record.errors import RuleViolation
from juece.domain.record.workdays import CalendarUnknown, Schedule, assumed_schedule, parse_schedule

GOOD = {"holidays": ["2027-01-01", "2027-02-08"], "workdays": ["2027-02-20"]}  # 20 Feb 2027 is a Saturday


def provided(*schedules: Schedule) -> None:
    workdays.provide(lambda: list(schedules))


def test_a_published_schedule_is_read_with_its_source() -> None:
    schedule = parse_schedule(2027, GOOD, "国办发明电〔2026〕1号")
    assert schedule.days_off == {date(2027, 1, 1), date(2027, 2, 8)}
    assert schedule.working_weekend == {date(2027, 2, 20)} and not schedule.assumed


@pytest.mark.parametrize(("change", "words"), [
    ({"workdays": ["2027-02-22"]}, "not a weekend day"),          # a Monday cannot be a make-up working day
    ({"holidays": ["2028-01-01"]}, "is not in 2027"),
    ({"workdays": ["2027-01-02"], "holidays": ["2027-01-02"]}, "both a day off and a working day"),
    ({"holidays": []}, "no days off"),
    ({"holidays": "2027-01-01"}, "lists"),
    ({"holidays": ["2027-13-01"]}, "YYYY-MM-DD"),
], ids=["weekday-workday", "other-year", "both", "empty", "not-a-list", "bad-date"])
def test_a_wrong_schedule_is_refused_with_r_e3_and_what_is_wrong(change: dict, words: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        parse_schedule(2027, {**GOOD, **change}, "notice")
    assert (caught.value.rule, caught.value.field) == ("R-E3", "calendar")
    assert words in caught.value.en


def test_a_loaded_year_counts_its_make_up_saturday_and_not_an_ordinary_saturday() -> None:
    provided(parse_schedule(2027, GOOD, "notice"))
    assert workdays.is_working_day(date(2027, 2, 20))      # make-up Saturday
    assert not workdays.is_working_day(date(2027, 2, 27))  # ordinary Saturday
    assert not workdays.is_working_day(date(2027, 2, 28))  # ordinary Sunday
    assert not workdays.is_working_day(date(2027, 2, 8))   # a Monday off
    assert workdays.is_working_day(date(2027, 2, 9))


def test_a_year_after_the_loaded_ones_is_still_unknown_never_guessed() -> None:
    provided(parse_schedule(2027, GOOD, "notice"))
    with pytest.raises(CalendarUnknown) as caught:
        workdays.add_working_days(date(2027, 12, 28), 7)
    assert caught.value.year == 2028 and caught.value.rule == "R-E3"


def test_a_gap_year_is_unknown_even_when_a_later_year_is_loaded() -> None:
    provided(parse_schedule(2028, {"holidays": ["2028-01-01"]}, "notice"))
    with pytest.raises(CalendarUnknown):
        workdays.is_working_day(date(2028, 1, 4))
    assert 2028 not in workdays.official_years()


def test_an_assumed_schedule_is_labelled_as_such_wherever_it_is_named() -> None:
    schedule = assumed_schedule(2027)
    assert schedule.assumed and date(2027, 2, 6) in schedule.days_off and not schedule.working_weekend
    provided(schedule)
    assert "assumed" in workdays.calendar_name(date(2027, 1, 4))
    assert workdays.assumed_years(date(2027, 1, 4), date(2026, 12, 1)) == [2027]


def test_the_years_needed_reach_across_new_year() -> None:
    assert workdays.years_needed(date(2027, 11, 30), 60) == [2027, 2028]
    assert workdays.years_needed(date(2026, 3, 1), 60) == [2026]
