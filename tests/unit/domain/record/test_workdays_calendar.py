"""The official calendar's refusals in both languages, the calendar named for the record, and the
schedules loaded from the records DB read again on time (R-E3)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from juece.domain.record import workdays
from juece.domain.record.errors import RuleViolation
from juece.domain.record.workdays import (
    CalendarUnknown,
    Schedule,
    assumed_schedule,
    library_version,
    library_years,
    parse_schedule,
    read_schedule_file,
)

GOOD = {"holidays": ["2027-01-01", "2027-02-08"], "workdays": ["2027-02-20"]}  # 20 Feb 2027 is a Saturday
LIBRARY = library_years()


def refused(call: object, *args: object, **kwargs: object) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        call(*args, **kwargs)  # type: ignore[operator]
    assert (caught.value.rule, caught.value.field) == ("R-E3", "calendar")
    return caught.value


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    ticking = Clock(5.5)  # a clock that started five and a half seconds ago
    monkeypatch.setattr(workdays.time, "monotonic", ticking.monotonic)
    return ticking


def test_a_year_whose_schedule_is_unknown_is_refused_naming_the_known_years_in_both_languages() -> None:
    workdays.provide(lambda: [parse_schedule(LIBRARY.stop, {"holidays": [f"{LIBRARY.stop}-01-01"]}, "notice")])
    year = LIBRARY.stop + 1
    error = refused(workdays.is_working_day, date(year, 1, 4))
    assert isinstance(error, CalendarUnknown) and error.year == year
    assert error.zh == (f"{year}-01-04 所在的{year}年尚无国务院节假日安排（已知{LIBRARY.start}—{LIBRARY.stop}年），"
                        f"无法计算工作日：请管理员用 `juece calendar import` 载入{year}年的安排")
    assert error.en == (f"{year}-01-04: the State Council's holiday schedule for {year} is not known here "
                        f"(known: {LIBRARY.start}-{LIBRARY.stop}); working days cannot be counted: an administrator "
                        f"loads the {year} schedule with `juece calendar import`")


@pytest.mark.parametrize(("change", "zh", "en"), [
    ({"holidays": []}, "未列出任何放假日期", "no days off are listed"),
    ({"holidays": ["2028-01-01"]}, "2028-01-01 不在2027年", "2028-01-01 is not in 2027"),
    ({"workdays": ["2027-02-22"]}, "调休上班日 2027-02-22 不是周末", "the working day 2027-02-22 is not a weekend day"),
    ({"workdays": ["2027-01-02"], "holidays": ["2027-01-02"]}, "2027-01-02 既放假又上班",
     "2027-01-02 is both a day off and a working day"),
    ({"holidays": "2027-01-01"}, "日期须为 YYYY-MM-DD 列表（holidays and workdays must be lists）",
     "dates must be lists of YYYY-MM-DD (holidays and workdays must be lists)"),
], ids=["empty", "other-year", "weekday-workday", "both", "not-a-list"])
def test_a_wrong_schedule_is_refused_saying_what_is_wrong_in_both_languages(change: dict, zh: str, en: str) -> None:
    error = refused(parse_schedule, 2027, {**GOOD, **change}, "notice")
    assert (error.zh, error.en) == (f"2027年节假日安排有误：{zh}", f"the 2027 holiday schedule is wrong: {en}")


def test_a_day_off_given_with_a_time_of_day_is_refused_not_silently_never_matched() -> None:
    # YAML reads an unquoted `2027-02-08 00:00:00` as a date-time, which no day would ever equal
    error = refused(parse_schedule, 2027, {"holidays": [date(2027, 1, 1), datetime(2027, 2, 8)]}, "notice")
    assert "YYYY-MM-DD" in error.en and "YYYY-MM-DD" in error.zh


def test_a_schedule_keeps_its_source_and_whether_it_is_assumed() -> None:
    official = parse_schedule(2027, GOOD, "国办发明电〔2026〕1号")
    assert (official.source, official.assumed) == ("国办发明电〔2026〕1号", False)
    assert parse_schedule(2027, {"holidays": ["2027-01-01"]}, "demo", assumed=True).assumed is True
    assert parse_schedule(2027, {"holidays": ["2027-01-01"]}, "notice").working_weekend == frozenset()


def test_a_schedule_as_a_dict_lists_its_days_sorted_with_its_source() -> None:
    schedule = Schedule(2027, frozenset({date(2027, 2, 8), date(2027, 1, 1)}), frozenset({date(2027, 2, 20)}),
                        "notice", loaded_by="admin", loaded_at="2026-12-01T02:00:00+00:00")
    assert schedule.as_dict() == {"year": 2027, "holidays": ["2027-01-01", "2027-02-08"], "workdays": ["2027-02-20"],
                                  "source": "notice", "assumed": False, "loaded_by": "admin",
                                  "loaded_at": "2026-12-01T02:00:00+00:00"}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "calendar-2027.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_schedule_file_names_each_year_after_its_notice_or_else_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "2027:\n  notice: 国务院办公厅通知\n  holidays: [2027-01-01]\n"
                           "2028:\n  holidays: [2028-01-01]\n")
    first, second = read_schedule_file(path)
    assert (first.year, first.source, first.assumed) == (2027, "国务院办公厅通知", False)
    assert (second.year, second.source) == (2028, "calendar-2027.yaml")
    assert all(schedule.assumed for schedule in read_schedule_file(path, assumed=True))


def test_a_wrong_year_in_a_schedule_file_is_refused_naming_the_file_in_both_languages(tmp_path: Path) -> None:
    path = write(tmp_path, "2027:\n  holidays: []\n")
    error = refused(read_schedule_file, path)
    assert error.zh == f"节假日安排文件 {path}：2027年节假日安排有误：未列出任何放假日期"
    assert error.en == f"the holiday schedule file {path}: the 2027 holiday schedule is wrong: no days off are listed"


@pytest.mark.parametrize(("text", "why"), [
    ("- 2027-01-01\n", "the file must map years to {holidays, workdays}"),
    ("2027: [2027-01-01]\n", "year 2027: expected holidays and workdays"),
], ids=["not-a-mapping", "a-year-not-a-mapping"])
def test_an_unreadable_schedule_file_is_refused_naming_the_file_and_why_in_both_languages(
        tmp_path: Path, text: str, why: str) -> None:
    path = write(tmp_path, text)
    error = refused(read_schedule_file, path)
    assert (error.zh, error.en) == (f"节假日安排文件 {path} 无法读取：{why}",
                                    f"the holiday schedule file {path} cannot be read: {why}")


def test_an_assumed_schedule_has_no_moved_days_and_says_it_is_assumed() -> None:
    schedule = assumed_schedule(2027)
    assert schedule.working_weekend == frozenset() and schedule.year == 2027
    assert schedule.source == "假定安排（仅法定节日，无调休）assumed: statutory holidays only, 2027"


def test_the_calendar_is_named_with_each_loaded_year_and_its_source_an_assumed_one_labelled() -> None:
    after = LIBRARY.stop
    workdays.provide(lambda: [parse_schedule(after, {"holidays": [f"{after}-01-01"]}, "通知 A"),
                              assumed_schedule(after + 1)])
    library = f"holidays {library_version()} China, official schedule {LIBRARY.start}-{LIBRARY.stop - 1}"
    assumed = f"假定安排（仅法定节日，无调休）assumed: statutory holidays only, {after + 1}（假定 assumed）"
    assert workdays.calendar_name() == f"{library}; {after}: 通知 A; {after + 1}: {assumed}"
    assert workdays.calendar_name(date(after, 3, 1)) == f"{library}; {after}: 通知 A"
    assert workdays.calendar_name(date(after + 1, 3, 1)) == f"{library}; {after + 1}: {assumed}"
    assert workdays.calendar_name(date(LIBRARY.start, 3, 1)) == library


def test_the_official_years_run_from_the_librarys_first_to_the_last_consecutive_loaded_year() -> None:
    assert workdays.official_years() == LIBRARY
    after = LIBRARY.stop
    workdays.provide(lambda: [parse_schedule(after, {"holidays": [f"{after}-01-01"]}, "notice")])
    assert workdays.official_years() == range(LIBRARY.start, after + 1)
    assert workdays.unknown_years(date(after, 12, 1), 60) == [after + 1]
    assert workdays.unknown_years(date(after, 3, 1), 60) == []


def test_schedules_from_the_records_db_are_read_at_the_first_count_however_early_the_clock(clock: Clock) -> None:
    schedule = parse_schedule(2027, GOOD, "notice")
    workdays.provide(lambda: [schedule])
    assert workdays._provided.get() == {2027: schedule}
    fresh = workdays._Provided()
    assert fresh.get() == {}
    fresh.loader = lambda: [schedule]
    assert fresh.get() == {2027: schedule}


def test_schedules_from_the_records_db_are_trusted_for_five_seconds_then_read_again(clock: Clock) -> None:
    loaded: list[Schedule] = [parse_schedule(2027, GOOD, "first")]
    workdays.provide(lambda: list(loaded))
    assert workdays._provided.get()[2027].source == "first"
    loaded[0] = parse_schedule(2027, GOOD, "second")
    clock.now += workdays.REFRESH_SECONDS
    assert workdays._provided.get()[2027].source == "first"
    clock.now += 0.001
    assert workdays._provided.get()[2027].source == "second"


def test_a_schedule_just_loaded_is_counted_with_at_once(clock: Clock) -> None:
    loaded: list[Schedule] = [parse_schedule(2027, GOOD, "first")]
    workdays.provide(lambda: list(loaded))
    assert workdays._provided.get()[2027].source == "first"
    loaded[0] = parse_schedule(2027, GOOD, "second")
    workdays.forget()
    assert workdays._provided.get()[2027].source == "second"
