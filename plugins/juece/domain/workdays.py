"""Working days by the official calendar of the State Council (R-E3): public holidays, the days
moved off for them, and the weekend days made working days in exchange (调休).

The calendar is the ``holidays`` library's China calendar. It knows the official schedule
only for the years the State Council has published and the library has recorded; for a later
year it would fall back to the statutory dates without the moved days, which is a guess.
A date beyond the recorded years is therefore refused with R-E3, never guessed.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import holidays
from holidays.countries.china import ChinaStaticHolidays

from juece.domain.errors import RuleViolation

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def official_years() -> range:
    """The years whose official holiday schedule the library records."""
    years = ChinaStaticHolidays.special_public_holidays
    return range(min(years), max(years) + 1)


def calendar_name() -> str:
    years = official_years()
    return f"holidays {holidays.__version__} China, official schedule {years.start}-{years.stop - 1}"


def china_date(moment: datetime) -> date:
    """The calendar date in China of an aware moment."""
    return moment.astimezone(CHINA).date()


def is_working_day(day: date) -> bool:
    _check_known(day)
    return holidays.China(years=day.year).is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The day on which ``days`` full working days after ``start`` have passed (``start``
    itself not counted): the earliest legal due date of a period of working days."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return day


def _check_known(day: date) -> None:
    years = official_years()
    if day.year not in years:
        raise RuleViolation(
            "R-E3",
            f"{day.isoformat()} 超出国务院节假日安排的已知年份（{years.start}—{years.stop - 1}年），"
            "无法计算工作日，请更新节假日数据（holidays 库）后重试",
            f"{day.isoformat()} is beyond the years of the official holiday schedule known here "
            f"({years.start}-{years.stop - 1}): working days cannot be counted; update the holidays "
            "library and try again",
            field="review_working_days",
        )
