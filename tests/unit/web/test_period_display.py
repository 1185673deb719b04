"""The closing moment of a period as the portal prints it: China time, its zone, 24:00 of the last day."""

from __future__ import annotations

import pytest

from juece.web.common import closing


@pytest.mark.parametrize(
    ("closes_at", "zh", "en"),
    [("2027-01-05T16:00:00.000000Z", "2027年1月5日 24:00（北京时间）", "24:00 on 5 January 2027, China Standard Time"),
     ("2026-12-31T16:00:00.000000Z", "2026年12月31日 24:00（北京时间）", "24:00 on 31 December 2026, China Standard Time"),
     ("2027-03-31T08:00:00.000000Z", "2027年3月31日 16:00（北京时间）", "16:00 on 31 March 2027, China Standard Time"),
     ("2027-03-31T08:00:30.500000Z", "2027年3月31日 16:00:30（北京时间）", "16:00:30 on 31 March 2027, China Standard Time"),
     ("not a time", "not a time", "not a time")],
    ids=["24:00-of-the-last-day", "24:00-on-new-years-eve", "a-notice-recorded-before-periods-ended-at-24:00",
         "seconds-are-never-rounded-away", "unreadable-shown-as-is"],
)
def test_a_closing_moment_is_printed_in_china_time_with_its_zone(closes_at: str, zh: str, en: str) -> None:
    assert closing(closes_at) == (zh, en)
