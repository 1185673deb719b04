"""The demo's calendar on any date: a year whose official schedule is unknown gets an assumed one,
labelled so; the legality review's period is then counted, never refused (R-E3)."""

from __future__ import annotations

from datetime import date

import pytest

from juece.adapters.store.calendar import CalendarStore
from juece.demo.calendar import seed_assumed_calendar
from juece.domain.legality.review import legality_submission
from juece.domain.record import workdays
from juece.spec import load_spec
from tests.conftest import TEMPLATES


@pytest.mark.parametrize(("today", "years"), [(date(2026, 12, 28), [2027]), (date(2027, 11, 30), [2027, 2028]),
                                              (date(2026, 6, 1), [])],
                         ids=["2026-12-28", "2027-11-30", "mid-2026"])
def test_the_demo_loads_an_assumed_schedule_for_each_unknown_year_it_reaches(juece_home, today, years) -> None:
    assert seed_assumed_calendar(today) == years
    assert [s.year for s in CalendarStore().schedules() if s.assumed] == years
    due = workdays.add_working_days(today, 15)  # the longest review period a template gives
    assert due > today
    assert seed_assumed_calendar(today) == []  # a second run loads nothing more


def test_the_legality_submission_on_2026_12_28_names_the_assumed_calendar(juece_home) -> None:
    from datetime import UTC, datetime

    seed_assumed_calendar(date(2026, 12, 28))
    spec = load_spec(TEMPLATES / "urban-planning.yaml")
    launched = [{"kind": "launched", "stage": "launch", "data": {"spec": spec.model_dump(mode="json")},
                 "hash": "0" * 64, "seq": 1}]
    (act,) = legality_submission(spec, launched + [], datetime(2026, 12, 28, 2, tzinfo=UTC))
    assert act.data["review_due"] > "2027-01-01"
    assert "2027" in act.data["calendar"] and "assumed" in act.data["calendar"]
