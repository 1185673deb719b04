"""How an open step reads its moments and states its deadline (R-H5): times without a zone are
UTC, the effective deadline is written in UTC whatever the server's zone, and a working-day count
into a year without an official schedule says "unknown" instead of guessing."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.domain.archive.pending import after, parse_at, pending, within_days, within_working_days
from juece.domain.stages import Stage
from juece.spec.base import CHINA
from tests.conftest import server_zone

CALENDAR = Path(__file__).resolve().parents[4] / "tests" / "data" / "calendar-2027-for-tests.yaml"


@pytest.fixture
def server_in_beijing(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own zone set to China time, to show that none of it leaks into a deadline."""
    yield from server_zone(monkeypatch, "Asia/Shanghai")


def test_a_moment_without_a_zone_is_read_as_utc() -> None:
    assert parse_at("2027-03-01T08:00:00") == datetime(2027, 3, 1, 8, tzinfo=UTC)
    assert parse_at("2027-03-01T08:00:00").utcoffset() == timedelta(0)


def test_a_moment_with_a_zone_keeps_it() -> None:
    moment = parse_at("2027-03-01T16:00:00+08:00")
    assert moment.utcoffset() == timedelta(hours=8)
    assert moment == datetime(2027, 3, 1, 8, tzinfo=UTC)


def test_an_entry_is_not_after_itself_only_a_later_one_is(chain: Any) -> None:
    (launched,) = chain.entries
    assert after(chain.entries, launched, ("launched",)) is False
    chain.add(Stage.LAUNCH, "launched", "sponsor_office", {})
    assert after(chain.entries, launched, ("launched",)) is True


def test_an_open_step_names_its_record_entry_stage_and_holders(chain: Any) -> None:
    opened = chain.add(Stage.PUBLIC_PARTICIPATION, "notice_published", "sponsor_office", {})
    step = pending(opened, "R-B2", "征求意见期限届满 comment period ends", "2027-03-31",
                   datetime(2027, 4, 1, tzinfo=CHINA), ["sponsor_office", None, ""])
    assert step.as_dict() == {
        "decision_id": "yanshou-2027-urban-001", "stage": "public_participation", "step": "notice_published",
        "step_label": "征求意见期限届满 comment period ends", "rule": "R-B2", "due": "2027-03-31",
        "effective_due": "2027-03-31T16:00:00+00:00", "holders": ["sponsor_office"],
        "opened_seq": 2, "opened_hash": opened["hash"], "overdue": False, "note": "",
        "stage_label": "公众参与 Public participation",
    }


def test_the_effective_deadline_is_written_in_utc_whatever_the_servers_zone(
        chain: Any, server_in_beijing: None) -> None:
    opened = chain.add(Stage.LEGALITY_REVIEW, "submission_prepared", "sponsor_office", {})
    step = pending(opened, "R-E3", "label", "2027-03-31", datetime(2027, 4, 1, tzinfo=CHINA), [])
    assert step.effective_due == "2027-03-31T16:00:00+00:00"


def test_a_step_of_another_stage_is_listed_under_that_stage(chain: Any) -> None:
    opened = chain.add(Stage.PUBLIC_PARTICIPATION, "comments_closed", "juece", {})
    step = within_days(chain.entries, opened, 10, "R-B4", "label", [], stage=Stage.EXPERT_REVIEW)
    assert (step.stage, step.stage_label) == ("expert_review", "专家论证 Expert review")
    assert step.due == "2027-03-11"


def test_working_days_are_counted_on_the_official_calendar_for_the_stage_given(
        chain: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(CALENDAR))
    opened = chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {})
    step = within_working_days(chain.entries, opened, 1, "R-G1", "label", ["sponsor_office"],
                               stage=Stage.PUBLICATION)
    assert (step.stage, step.due, step.note) == ("publication", "2027-03-02", "")
    assert step.effective_due == "2027-03-02T16:00:00+00:00"


def test_a_count_into_an_unknown_year_is_unknown_with_the_reason_and_never_due(
        chain: Any, server_in_beijing: None) -> None:
    opened = chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {})
    opened["at"] = "2040-12-20T02:00:00.000000Z"
    step = within_working_days(chain.entries, opened, 5, "R-G1", "公布 publication", ["sponsor_office"],
                               stage=Stage.PUBLICATION)
    assert (step.due, step.stage, step.step_label) == ("unknown", "publication", "公布 publication")
    assert step.effective_due == "9999-12-31T23:59:59.999999+00:00"
    assert "2040" in step.note and "juece calendar import" in step.note
