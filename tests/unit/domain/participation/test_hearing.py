"""Hearings (R-B6): announced early, materials 7+ days before, every side heard, record signed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from juece.domain.participation import hearing
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from juece.spec.base import CHINA
from juece.spec.loader import load_spec, load_spec_text

TEMPLATE = Path(__file__).resolve().parents[4] / "templates" / "price-hearing.yaml"
SPEC = load_spec(TEMPLATE)
HEARING_DAY = SPEC.stages.public_participation.hearing.time
SUBMIT = ["提交 Submit"]


@pytest.fixture
def records(chain):
    """The price decision's record (the Chain helper of conftest), clock accelerated."""
    return type(chain)(SPEC.id).launched(SPEC, clock_scale=86400)


def test_the_announcement_publishes_time_place_method_and_participants(records) -> None:
    (act,) = hearing.announce(SPEC, records.entries, HEARING_DAY - timedelta(days=40))
    assert act.kind == "hearing_announced" and act.data["place"].startswith("延寿县")
    assert len(act.data["participants"]) == 15 and {"name", "side"} == set(act.data["participants"][0])
    assert act.data["materials_due"] == "2027-03-05"  # the last day, until 24:00 China time


def test_the_accelerated_wait_ends_long_before_the_legal_hearing_day(records) -> None:
    start = HEARING_DAY - timedelta(days=40)
    (act,) = hearing.announce(SPEC, records.entries, start)
    effective = datetime.strptime(act.data["effective_time"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
    assert timedelta(seconds=39) < effective - start < timedelta(seconds=41)


def test_a_hearing_announced_too_late_is_refused(records) -> None:
    with pytest.raises(RuleViolation) as refused:
        hearing.announce(SPEC, records.entries, HEARING_DAY - timedelta(days=29))
    assert refused.value.rule == "R-B6"


def test_materials_issued_later_than_the_schedule_allows_are_refused(records) -> None:
    assert hearing.issue_materials(SPEC, records.entries, HEARING_DAY - timedelta(days=11))[0].data["days_before"] == 11
    with pytest.raises(RuleViolation) as refused:
        hearing.issue_materials(SPEC, records.entries, HEARING_DAY - timedelta(days=9))
    assert refused.value.rule == "R-B6"


@pytest.mark.parametrize(
    ("step", "moment", "refused"),
    [(hearing.announce, datetime(2027, 2, 13, 23, 59, 59, tzinfo=CHINA), False),
     (hearing.announce, datetime(2027, 2, 14, 0, 0, tzinfo=CHINA), True),
     (hearing.issue_materials, datetime(2027, 3, 5, 23, 59, 59, tzinfo=CHINA), False),
     (hearing.issue_materials, datetime(2027, 3, 6, 0, 0, tzinfo=CHINA), True)],
    ids=["notice-on-the-30th-day-before", "notice-on-the-29th-day-before", "materials-on-the-10th-day-before",
         "materials-on-the-9th-day-before"],
)
def test_lead_times_count_whole_days_before_the_hearings_day_until_24_00(records, step, moment, refused) -> None:
    """The hearing is on 15 March 2027 at 09:00: 30 days' notice ends with 13 February, 10 days'
    materials with 5 March, each at 24:00 China time (a lead time, not a period: spec/base.py)."""
    if refused:
        with pytest.raises(RuleViolation) as caught:
            step(SPEC, records.entries, moment)
        assert caught.value.rule == "R-B6"
    else:
        assert step(SPEC, records.entries, moment)


def test_the_record_needs_every_side_heard(records) -> None:
    context = TaskContext(SPEC, records.entries)
    sides = SPEC.stages.public_participation.hearing.sides
    with pytest.raises(RuleViolation) as refused:
        hearing.hearing_record(context, Answer("sponsor_office", SUBMIT, {"record": "笔录", "sides_heard": sides[:-1]}))
    assert refused.value.rule == "R-B6" and sides[-1] in refused.value.zh
    outcome = hearing.hearing_record(context, Answer("sponsor_office", SUBMIT, {"record": "笔录", "sides_heard": sides}))
    assert outcome.acts[0].kind == "hearing_held"


def test_participants_sign_the_record_or_dispute_it_with_reasons(records) -> None:
    with pytest.raises(RuleViolation):
        hearing.confirmation(TaskContext(SPEC, records.entries, "hearing_01"), Answer("hearing_01", ["确认无误并签名 Confirm and sign"], {}))
    records.add(Stage.PUBLIC_PARTICIPATION, "hearing_held", data={"record": "笔录", "record_sha256": "ab" * 32})
    context = TaskContext(SPEC, records.entries, "hearing_01")
    signed = hearing.confirmation(context, Answer("hearing_01", ["确认无误并签名 Confirm and sign"], {})).acts[0]
    assert signed.data["confirmed"] is True and signed.data["record_sha256"] == "ab" * 32
    with pytest.raises(RuleViolation) as refused:
        hearing.confirmation(context, Answer("hearing_01", ["有异议 Dispute"], {"remarks": " "}))
    assert refused.value.rule == "R-B6"


@pytest.mark.parametrize(("old", "new", "needle"), [
    ("side: 专业人士}", "side: 居民}", "every side"),
    ("      materials_days_before: 10", "      materials_days_before: 10\n      min_participants: 16", "at least 16"),
    ("{user: hearing_02,", "{user: hearing_01,", "distinct"),
], ids=["side-missing", "too-few", "duplicate"])
def test_a_hearing_spec_that_breaks_r_b6_is_refused(old: str, new: str, needle: str) -> None:
    from juece.spec.loader import SpecError

    with pytest.raises(SpecError) as refused:
        load_spec_text(TEMPLATE.read_text(encoding="utf-8").replace(old, new))
    (issue,) = refused.value.issues
    assert issue.rule == "R-B6" and needle in issue.message


def test_the_comment_notice_of_a_decision_with_a_hearing_can_be_recorded(records) -> None:
    from juece.domain import steps
    from juece.domain.record.ledger import canonical_json

    (act,) = steps.publish_notice(SPEC, records.entries, datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    assert b"2027-03-15T09:00:00+08:00" in canonical_json(act.data)
