"""Periods in days as the law counts them (Civil Code Arts. 200-204), and the lead times a step
must keep before an event.

A **period** runs from an act and closes something when it ends: the comment period of the notice
(R-B2, Reg. Art. 15: "一般不少于30日"). It is counted by the Civil Code:

- Art. 201: the day of the start does not count; the period runs from the next day (China time:
  the notice, its readers and its last day are all in China's calendar, whatever clock the
  server keeps).
- Art. 203: its last day ends at 24:00, here 00:00 of the following day China time, the first
  moment that is no longer inside the period.
- Art. 203: a last day that is a 法定休假日 moves to the day after the rest days end. The weekly
  rest days (Saturday and Sunday, State Council Regulation on Working Hours Art. 7) count as such:
  the Supreme People's Court so held under the earlier law (Opinions on the General Principles of
  Civil Law, 1988, Art. 198: a last day that is a Sunday or another statutory holiday moves, and
  where rest days are rearranged the days actually taken off count), and the courts read the
  Civil Code and the like rule of the Civil Procedure Law the same way. So the official schedule
  decides, rearrangements (调休) included: a weekend made a working day does not move the end, a
  weekday given off does; a last day inside a run of days off ends the day after the run. The
  schedule of a year not yet known is never guessed: ``is_working_day`` refuses it (R-E3) and the
  step waits for it.

A **lead time** ("at least N days before" an event: the hearing's notice, [L] 30 days; its
materials, Reg. Art. 17, 7 days) is not a period within which someone may act, and Art. 203's
move to a later day, which protects whoever acts by the last day, would here shorten the time
the participants are given: it does not apply. The days are whole days of China's calendar
counted back from the event's day, which itself does not count (Art. 201 read backwards): the
act is in time up to 24:00 of the Nth day before the event's day, whatever the event's hour
(``lead_time_deadline`` in spec/base.py, where `juece lint` checks a hearing's dates too).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from juece.domain.record.workdays import CalendarUnknown, china_date, is_working_day
from juece.spec.base import CHINA


def end_of_day(day: date) -> datetime:
    """24:00 of ``day`` in China: 00:00 China time of the next day, as a UTC moment."""
    return datetime.combine(day + timedelta(days=1), time(), CHINA).astimezone(UTC)


def last_day(end: datetime) -> date:
    """The day whose 24:00 is ``end`` (the last day of the period, as it is printed)."""
    return china_date(end - timedelta(microseconds=1))


def as_read(moment: datetime) -> tuple[date, str]:
    """(day, "HH:MM") of a moment in China time as a reader says it: a period's end, 00:00 of a day,
    is 24:00 of the day before."""
    local = moment.astimezone(CHINA)
    if local.time() == time():
        return last_day(moment), "24:00"
    return local.date(), local.strftime("%H:%M")


def period_end(start: datetime, days: int) -> datetime:
    """The moment a period of ``days`` days from ``start`` ends (Civil Code Arts. 201, 203):
    24:00 China time of its last day, a rest day or holiday as last day moving to the next
    working day. A moment before it is inside the period; this moment and any later one is not."""
    if days < 1:
        raise ValueError(f"a period has at least one day, not {days}")
    day = china_date(start) + timedelta(days=days)
    while not is_working_day(day):
        day += timedelta(days=1)
    return end_of_day(day)


def period_end_as_known(start: datetime, days: int) -> tuple[datetime, bool]:
    """``period_end``; where the official schedule of the last day's year is not loaded yet, the end
    of the unmoved last day (the earliest the period can end, never later than the law's) and False."""
    try:
        return period_end(start, days), True
    except CalendarUnknown:
        return end_of_day(china_date(start) + timedelta(days=days)), False


def days_before(moment: datetime, event: datetime) -> int:
    """Whole days of China's calendar from ``moment``'s day to ``event``'s day."""
    return (china_date(event) - china_date(moment)).days


def accelerated(start: datetime, end: datetime, scale: float) -> datetime:
    """When a clock running ``scale`` times faster from ``start`` (the demo's ``clock_scale``)
    reaches the legal moment ``end``; a scale under 1 is real time."""
    return start + (end - start) / max(scale, 1.0)
