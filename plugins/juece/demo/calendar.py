"""The demo's working-day calendar: where the State Council's schedule for a year the demo reaches
is not known yet, an ASSUMED schedule (statutory holidays, no moved days) is loaded and labelled
as such, in the record and on the archive cover. Never used outside demonstrations and tests."""

from __future__ import annotations

from datetime import UTC, date, datetime

from juece.adapters.store.calendar import CalendarStore
from juece.domain.record import workdays

HORIZON_DAYS = 120  # a demo decision's legal periods from today: review, publication, reminders
LOADED_BY = "juece demo（演示）"


def seed_assumed_calendar(today: date | None = None, horizon_days: int = HORIZON_DAYS,
                          store: CalendarStore | None = None) -> list[int]:
    """Load an assumed schedule for every year from ``today`` to the horizon that is not known;
    returns those years. A year already known (officially or assumed) is left as it is."""
    today = today or workdays.china_date(datetime.now(UTC))
    store = (store or CalendarStore()).install()
    missing = workdays.unknown_years(today, horizon_days)
    for year in missing:
        store.load(workdays.assumed_schedule(year), LOADED_BY)
    return missing
