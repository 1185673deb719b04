"""Working days by the official calendar of the State Council (R-E3): public holidays, the days
moved off for them, and the weekend days made working days in exchange (调休).

The calendar is the ``holidays`` library's China calendar for the years whose official schedule
it records. A later year's schedule is published by the State Council each November or December;
the office loads it into the records DB (``juece calendar import``, see ``adapters/store/calendar.py``),
which hands it to this module through ``provide``. A date in a year whose schedule is known from
neither is refused with ``CalendarUnknown`` (R-E3), never guessed: a step that needs it waits for
an administrator to load the schedule.

A schedule may also be given as a YAML file named by ``JUECE_CALENDAR_FILE`` (read-only; one
loaded into the records DB takes precedence)::

    2027:
      notice: 国务院办公厅关于2027年部分节假日安排的通知
      holidays: [2027-01-01, 2027-02-05, ...]   # days off, moved days included
      workdays: [2027-02-14, ...]               # weekend days made working days (调休)

An *assumed* schedule (the statutory holidays with no moved days) exists only for demonstrations
and tests; everything that counts with it says so.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from juece.config import calendar_file
from juece.domain.record.errors import RuleViolation
from juece.spec.base import CHINA

if TYPE_CHECKING:
    from holidays import HolidayBase

REFRESH_SECONDS = 5.0  # how long schedules read from the records DB are trusted before asking again


@dataclass(frozen=True)
class Schedule:
    """One year's official schedule: the days off (moved days included) and the weekend days
    made working days, with where it came from."""

    year: int
    days_off: frozenset[date]
    working_weekend: frozenset[date]
    source: str
    assumed: bool = False
    loaded_by: str | None = None
    loaded_at: str | None = None

    def is_working_day(self, day: date) -> bool:
        return day in self.working_weekend or (day.weekday() < 5 and day not in self.days_off)

    def as_dict(self) -> dict[str, object]:
        return {"year": self.year, "holidays": sorted(d.isoformat() for d in self.days_off),
                "workdays": sorted(d.isoformat() for d in self.working_weekend), "source": self.source,
                "assumed": self.assumed, "loaded_by": self.loaded_by, "loaded_at": self.loaded_at}


class CalendarUnknown(RuleViolation):
    """A working day was asked of a year whose official schedule is not known here (R-E3)."""

    def __init__(self, year: int, day: date) -> None:
        known = official_years()
        super().__init__(
            "R-E3",
            f"{day.isoformat()} 所在的{year}年尚无国务院节假日安排（已知{known.start}—{known.stop - 1}年），"
            f"无法计算工作日：请管理员用 `juece calendar import` 载入{year}年的安排",
            f"{day.isoformat()}: the State Council's holiday schedule for {year} is not known here "
            f"(known: {known.start}-{known.stop - 1}); working days cannot be counted: an administrator "
            f"loads the {year} schedule with `juece calendar import`",
            field="calendar",
        )
        self.year = year


class _Provided:
    """Schedules from the records DB, asked for again after REFRESH_SECONDS."""

    def __init__(self) -> None:
        self.loader: Callable[[], Iterable[Schedule]] | None = None
        self.schedules: dict[int, Schedule] = {}
        self.read_at = 0.0
        self.lock = threading.Lock()

    def get(self) -> dict[int, Schedule]:
        with self.lock:
            if self.loader is not None and time.monotonic() - self.read_at > REFRESH_SECONDS:
                self.schedules = {s.year: s for s in self.loader()}
                self.read_at = time.monotonic()
            return self.schedules


_provided = _Provided()


def provide(loader: Callable[[], Iterable[Schedule]] | None) -> None:
    """Where loaded schedules come from (the records DB); read now and again every few seconds."""
    with _provided.lock:
        _provided.loader, _provided.read_at, _provided.schedules = loader, 0.0, {}


def forget() -> None:
    """Ask the records DB again at the next count (a schedule was just loaded)."""
    with _provided.lock:
        _provided.read_at = 0.0


def library_years() -> range:
    """The years whose official holiday schedule the library records."""
    # the library is imported when days are counted, not with this module: it takes a tenth of
    # a second, which every parse of the DAG file would otherwise pay
    from holidays.countries.china import ChinaStaticHolidays

    years = ChinaStaticHolidays.special_public_holidays
    return range(min(years), max(years) + 1)


def parse_schedule(year: int, spec: Mapping[str, object], source: str, assumed: bool = False) -> Schedule:
    """A year's schedule as published, checked: every date in that year, the working days
    weekend days, no day both off and working. Refused with R-E3 and what is wrong."""
    def refuse(zh: str, en: str) -> RuleViolation:
        return RuleViolation("R-E3", f"{year}年节假日安排有误：{zh}", f"the {year} holiday schedule is wrong: {en}",
                             field="calendar")

    try:
        off, working = _days(spec.get("holidays")), _days(spec.get("workdays", []))
    except (TypeError, ValueError) as exc:
        raise refuse(f"日期须为 YYYY-MM-DD 列表（{exc}）", f"dates must be lists of YYYY-MM-DD ({exc})") from None
    if not off:
        raise refuse("未列出任何放假日期", "no days off are listed")
    if stray := sorted(d for d in off | working if d.year != year):
        raise refuse(f"{stray[0]} 不在{year}年", f"{stray[0]} is not in {year}")
    if weekday := sorted(d for d in working if d.weekday() < 5):
        raise refuse(f"调休上班日 {weekday[0]} 不是周末", f"the working day {weekday[0]} is not a weekend day")
    if both := sorted(off & working):
        raise refuse(f"{both[0]} 既放假又上班", f"{both[0]} is both a day off and a working day")
    return Schedule(year, frozenset(off), frozenset(working), source, assumed)


def _days(values: object) -> set[date]:
    if values is None:
        return set()
    if not isinstance(values, list):
        raise TypeError("holidays and workdays must be lists")
    # a date-time (YAML reads `2027-02-08 00:00:00` as one) is refused: no day would ever equal it
    return {date.fromisoformat(str(value)) for value in values}


def read_schedule_file(path: str | Path, assumed: bool = False) -> list[Schedule]:
    """Every year of a schedule file (YAML or JSON), checked; R-E3 naming the file if it is unreadable."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        if not isinstance(data, dict):
            raise ValueError("the file must map years to {holidays, workdays}")
        schedules = []
        for year, spec in data.items():
            if not isinstance(spec, dict):
                raise ValueError(f"year {year}: expected holidays and workdays")
            schedules.append(parse_schedule(int(year), spec, str(spec.get("notice") or Path(path).name), assumed))
        return schedules
    except RuleViolation as wrong:
        raise RuleViolation("R-E3", f"节假日安排文件 {path}：{wrong.zh}", f"the holiday schedule file {path}: "
                            f"{wrong.en}", field="calendar") from None
    except (OSError, ValueError, TypeError, AttributeError, yaml.YAMLError) as exc:
        raise RuleViolation("R-E3", f"节假日安排文件 {path} 无法读取：{exc}",
                            f"the holiday schedule file {path} cannot be read: {exc}", field="calendar") from None


@lru_cache(maxsize=4)
def _file_schedules(path: str) -> dict[int, Schedule]:
    return {s.year: s for s in read_schedule_file(path)}


def published_schedules() -> dict[int, Schedule]:
    """Schedules for years the library does not record: from the file, then the records DB."""
    path = calendar_file()
    given = dict(_file_schedules(path)) if path else {}
    given.update(_provided.get())
    return {year: s for year, s in given.items() if year not in library_years()}


def assumed_schedule(year: int) -> Schedule:
    """For demonstrations and tests only: the statutory holidays of ``year`` as the library
    computes them, with no days moved. Never the official schedule; labelled as assumed."""
    import holidays

    days = frozenset(day for day, _ in holidays.country_holidays("CN", years=year, categories=("public",)).items())
    return Schedule(year, days, frozenset(), f"假定安排（仅法定节日，无调休）assumed: statutory holidays only, {year}",
                    assumed=True)


def official_years() -> range:
    """The consecutive years whose official schedule is known: the library's, then any given."""
    years = library_years()
    given = published_schedules()
    end = years.stop
    while end in given:
        end += 1
    return range(years.start, end)


def calendar_name(*days: date) -> str:
    """The calendar counted with, for the record: the library's years, and each loaded year (those
    of ``days`` when given) with its source, an assumed one labelled so."""
    library = library_years()
    given = published_schedules()
    used = sorted({d.year for d in days} & set(given)) if days else sorted(given)
    extra = "".join(f"; {y}: {given[y].source}{'（假定 assumed）' if given[y].assumed else ''}" for y in used)
    return f"holidays {library_version()} China, official schedule {library.start}-{library.stop - 1}{extra}"


def library_version() -> str:
    from holidays.version import __version__

    return __version__


def assumed_years(*days: date) -> list[int]:
    given = published_schedules()
    return sorted({d.year for d in days if d.year in given and given[d.year].assumed})


def china_date(moment: datetime) -> date:
    """The calendar date in China of an aware moment."""
    return moment.astimezone(CHINA).date()


@lru_cache(maxsize=64)
def _library(year: int) -> HolidayBase:
    import holidays

    return holidays.country_holidays("CN", years=year)


def is_working_day(day: date) -> bool:
    if day.year in library_years():
        return bool(_library(day.year).is_working_day(day))
    schedule = published_schedules().get(day.year)
    if schedule is None or day.year not in official_years():
        raise CalendarUnknown(day.year, day)
    return schedule.is_working_day(day)


def add_working_days(start: date, days: int) -> date:
    """The day on which ``days`` full working days after ``start`` have passed (``start``
    itself not counted): the earliest legal due date of a period of working days."""
    day, counted = start, 0
    while counted < days:
        day += timedelta(days=1)
        counted += is_working_day(day)
    return day


def years_needed(start: date, horizon_days: int) -> list[int]:
    """The years a period of up to ``horizon_days`` calendar days from ``start`` may reach."""
    return list(range(start.year, (start + timedelta(days=horizon_days)).year + 1))


def unknown_years(start: date, horizon_days: int) -> list[int]:
    known = official_years()
    return [year for year in years_needed(start, horizon_days) if year not in known]
