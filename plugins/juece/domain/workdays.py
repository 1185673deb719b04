"""Working days by the official calendar of the State Council (R-E3): public holidays, the days
moved off for them, and the weekend days made working days in exchange (调休).

The calendar is the ``holidays`` library's China calendar. It knows the official schedule
only for the years the State Council has published and the library has recorded; for a later
year it would fall back to the statutory dates without the moved days, which is a guess.
A date beyond the recorded years is therefore refused with R-E3, never guessed.

When the State Council publishes a year's schedule before the library records it, the office
gives it in a YAML file named by ``JUECE_CALENDAR_FILE``::

    2027:
      holidays: [2027-01-01, 2027-02-05, ...]   # days off, moved days included
      workdays: [2027-02-14, ...]               # weekend days made working days (调休)
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

import holidays
import yaml
from holidays.countries.china import ChinaStaticHolidays

from juece.domain.errors import RuleViolation

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")


def library_years() -> range:
    """The years whose official holiday schedule the library records."""
    years = ChinaStaticHolidays.special_public_holidays
    return range(min(years), max(years) + 1)


@lru_cache(maxsize=4)
def _published(path: str) -> dict[int, tuple[frozenset[date], frozenset[date]]]:
    """Schedules given by the office for years the library does not know yet: (days off, working weekend days)."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        return {int(year): (frozenset(_days(spec.get("holidays"))), frozenset(_days(spec.get("workdays"))))
                for year, spec in data.items()}
    except (OSError, ValueError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise RuleViolation("R-E3", f"节假日安排文件 {path} 无法读取：{exc}",
                            f"the holiday schedule file {path} cannot be read: {exc}") from None


def _days(values: object) -> list[date]:
    if not isinstance(values, list):
        raise ValueError("holidays and workdays must be lists of dates")
    return [value if isinstance(value, date) else date.fromisoformat(str(value)) for value in values]


def published_schedules() -> dict[int, tuple[frozenset[date], frozenset[date]]]:
    path = os.environ.get("JUECE_CALENDAR_FILE")
    return _published(path) if path else {}


def official_years() -> range:
    """The consecutive years whose official schedule is known: the library's, then any given."""
    years = library_years()
    end = years.stop
    while end in published_schedules():
        end += 1
    return range(years.start, end)


def calendar_name() -> str:
    years = official_years()
    given = sorted(set(published_schedules()) & set(years))
    extra = f" (+ {os.environ.get('JUECE_CALENDAR_FILE')} for {', '.join(map(str, given))})" if given else ""
    return f"holidays {holidays.__version__} China, official schedule {years.start}-{years.stop - 1}{extra}"


def china_date(moment: datetime) -> date:
    """The calendar date in China of an aware moment."""
    return moment.astimezone(CHINA).date()


def is_working_day(day: date) -> bool:
    _check_known(day)
    if day.year in published_schedules() and day.year not in library_years():
        days_off, working_weekend = published_schedules()[day.year]
        return day in working_weekend or (day.weekday() < 5 and day not in days_off)
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
            "无法计算工作日，请更新节假日数据（holidays 库），或在 JUECE_CALENDAR_FILE 中给出国务院公布的安排",
            f"{day.isoformat()} is beyond the years of the official holiday schedule known here "
            f"({years.start}-{years.stop - 1}): working days cannot be counted; update the holidays "
            "library, or give the published schedule in JUECE_CALENDAR_FILE",
            field="review_working_days",
        )
