"""A moment of the record shown in China time (北京时间 UTC+8) whatever zone the machine runs in,
and the record's UTC text written in UTC whatever zone the machine runs in."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest

from juece.domain.record import clock
from juece.domain.record.clock import china_time, format_time
from tests.conftest import server_zone


@pytest.fixture
def machine_in_new_york(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's local zone set to UTC-5, so a moment read in local time shows up."""
    yield from server_zone(monkeypatch, "EST5")


def test_the_records_utc_text_is_shown_in_china_time_with_the_zone_stated() -> None:
    assert china_time("2027-05-01T08:00:00.000000Z") == "2027-05-01 16:00:00 北京时间 UTC+8"
    assert china_time("2027-05-01T08:00:00.000000Z", zone=False) == "2027-05-01 16:00:00"


def test_a_utc_text_past_four_pm_falls_on_the_next_china_day() -> None:
    assert china_time("2027-05-01T16:30:15.999999Z", zone=False) == "2027-05-02 00:30:15"


def test_a_utc_text_to_the_second_without_a_fraction_is_shown_too() -> None:
    assert china_time("2027-05-01T08:00:00Z") == "2027-05-01 16:00:00 北京时间 UTC+8"


def test_a_text_with_its_own_offset_is_shown_in_china_time() -> None:
    assert china_time("2027-05-01T08:00:00+00:00", zone=False) == "2027-05-01 16:00:00"
    assert china_time("2027-05-01T16:00:00+08:00", zone=False) == "2027-05-01 16:00:00"


@pytest.mark.parametrize("text", ["unknown", "", "期限未知Z", "2027-05-01T08:00:00.abc.1Z", "2027-05-01T08:00:00.1.2Z",
                                  "2027-05-01T08:00:00.١٢Z", "2027-05-01T08:00:00.1١Z", "2027-05-01T08:00:00.1 Z"])
def test_a_text_that_is_no_moment_is_given_back_as_it_is(text: str) -> None:
    # a fraction of a second that is not digits alone makes no moment, as any other damage does
    assert china_time(text) == text


def test_the_records_texts_are_cached_one_entry_a_second() -> None:
    clock._china_text.cache_clear()
    shown = {china_time(f"2027-05-01T08:00:00.{n:06d}Z") for n in range(0, 1000000, 997)}
    assert shown == {"2027-05-01 16:00:00 北京时间 UTC+8"}
    assert clock._china_text.cache_info().currsize == 1


def test_an_aware_moment_is_shown_in_china_time() -> None:
    moment = datetime(2027, 5, 1, 8, 0, 0, 500000, tzinfo=UTC)
    assert china_time(moment) == "2027-05-01 16:00:00 北京时间 UTC+8"
    assert china_time(datetime(2027, 5, 1, 3, 0, tzinfo=timezone(timedelta(hours=-5))), zone=False) == (
        "2027-05-01 16:00:00")


def test_a_moment_without_a_zone_is_read_as_utc_whatever_the_machines_zone(machine_in_new_york: None) -> None:
    assert china_time(datetime(2027, 5, 1, 8, 0), zone=False) == "2027-05-01 16:00:00"


def test_an_aware_moment_is_shown_in_china_time_whatever_the_machines_zone(machine_in_new_york: None) -> None:
    assert china_time(datetime(2027, 5, 1, 8, 0, tzinfo=UTC), zone=False) == "2027-05-01 16:00:00"


def test_the_records_text_is_utc_whatever_the_machines_zone(machine_in_new_york: None) -> None:
    moment = datetime(2027, 5, 1, 16, 0, tzinfo=timezone(timedelta(hours=8)))
    assert format_time(moment) == "2027-05-01T08:00:00.000000Z"


def test_a_utc_text_to_the_minute_is_shown_in_china_time_not_given_back_as_utc() -> None:
    assert china_time("2027-05-01T08:00Z") == "2027-05-01 16:00:00 北京时间 UTC+8"
    assert china_time("2027-05-01T23:59Z", zone=False) == "2027-05-02 07:59:00"
