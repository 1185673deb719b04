"""Official holiday schedules in the records DB (R-E3): who loaded them, from which notice; an
official schedule is never replaced by a different one, an assumed one gives way to it."""

from __future__ import annotations

from datetime import date

import pytest

from juece.adapters.store.calendar import CalendarStore
from juece.domain.record import workdays
from juece.domain.record.errors import RuleViolation
from juece.domain.record.workdays import assumed_schedule, parse_schedule

OFFICIAL = parse_schedule(2027, {"holidays": ["2027-01-01", "2027-02-08"], "workdays": ["2027-02-20"]},
                          "国务院办公厅关于2027年部分节假日安排的通知")


def test_a_loaded_schedule_is_counted_by_every_process_reading_the_records_db(juece_home) -> None:
    CalendarStore().load(OFFICIAL, "administrator")
    assert 2027 not in workdays.official_years()  # this process has not asked the DB yet
    CalendarStore().install()
    assert 2027 in workdays.official_years() and workdays.is_working_day(date(2027, 2, 20))
    (stored,) = CalendarStore().schedules()
    assert (stored.loaded_by, stored.source, stored.assumed) == ("administrator", OFFICIAL.source, False)
    assert stored.loaded_at


def test_an_official_schedule_is_not_replaced_by_a_different_one(juece_home) -> None:
    store = CalendarStore()
    store.load(OFFICIAL, "administrator")
    other = parse_schedule(2027, {"holidays": ["2027-01-01"]}, "another notice")
    with pytest.raises(RuleViolation) as caught:
        store.load(other, "someone else")
    assert caught.value.rule == "R-E3" and "cannot replace it" in caught.value.en
    assert store.schedules()[0].days_off == OFFICIAL.days_off


def test_loading_the_same_official_schedule_again_changes_nothing(juece_home) -> None:
    store = CalendarStore()
    first = store.load(OFFICIAL, "administrator")
    assert store.load(OFFICIAL, "someone else") == first


def test_an_assumed_schedule_gives_way_to_the_official_one(juece_home) -> None:
    store = CalendarStore().install()
    store.load(assumed_schedule(2027), "demo")
    assert "assumed" in workdays.calendar_name(date(2027, 3, 1))
    store.load(OFFICIAL, "administrator")
    (stored,) = store.schedules()
    assert not stored.assumed and stored.loaded_by == "administrator"
    assert "assumed" not in workdays.calendar_name(date(2027, 3, 1))


def test_a_year_the_library_knows_is_not_loaded(juece_home) -> None:
    with pytest.raises(RuleViolation) as caught:
        CalendarStore().load(parse_schedule(2025, {"holidays": ["2025-01-01"]}, "n"), "administrator")
    assert caught.value.rule == "R-E3" and CalendarStore().schedules() == []
