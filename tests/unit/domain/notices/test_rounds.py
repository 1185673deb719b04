"""The daily round's choice: reminders to the holders of a step due within the window, one
escalation per overdue step to the sponsor office and the head (the record says it was sent),
every open step for the digest; the accelerated clock counted as the overdue check counts it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from juece.domain.archive.overdue import parse_at, pending_steps
from juece.domain.notices.rounds import assigned_step, day_round, escalation_recipients
from juece.domain.notices.texts import ESCALATION, REMINDER
from juece.domain.stages import Stage
from juece.spec import DecisionSpec
from tests.unit.domain.conftest import Chain

DUE_SOON = datetime(2027, 3, 9, 10, 0, tzinfo=UTC)  # 18:00 on the 9th in China; due 24:00 on the 10th
PAST = datetime(2027, 3, 11, 2, 0, tzinfo=UTC)


def submitted(chain: Chain) -> Chain:
    chain.add(Stage.LEGALITY_REVIEW, "submission_prepared", "sponsor_office", {"review_due": "2027-03-10"})
    return chain


def sent(chain: Chain, notice: str, step: str, recipient: str) -> None:
    chain.add(Stage.LEGALITY_REVIEW, "notice_sent", "juece",
              {"recipient": recipient, "notice": notice, "step": step, "channel": "log", "outcome": "delivered"})


def test_the_holders_of_a_step_due_within_the_window_are_reminded(chain: Chain) -> None:
    found = day_round(submitted(chain).entries, DUE_SOON, 2)
    assert found is not None
    assert [(step.rule, users) for step, users in found.remind] == [("R-E3", ["legality_reviewer", "legal_adviser"])]
    assert found.escalate == [] and found.sponsor_office == "sponsor_office"
    assert day_round(chain.entries, DUE_SOON - timedelta(days=2), 2).remind == []  # not yet in the window
    assert day_round(chain.entries, DUE_SOON, 1).remind == []  # a shorter window


def test_a_holder_already_reminded_is_not_reminded_again(chain: Chain) -> None:
    sent(submitted(chain), REMINDER, "R-E3/2", "legality_reviewer")
    assert [users for _, users in day_round(chain.entries, DUE_SOON, 2).remind] == [["legal_adviser"]]


def test_an_overdue_step_is_escalated_to_the_sponsor_office_and_the_head_once(chain: Chain) -> None:
    found = day_round(submitted(chain).entries, PAST, 2)
    assert [(step.rule, step.overdue, users) for step, users in found.escalate] == [
        ("R-E3", True, ["sponsor_office", "county_head"])]
    assert found.remind == []
    for user in ("sponsor_office", "county_head"):
        sent(chain, ESCALATION, "R-E3/2", user)
    next_day = day_round(chain.entries, PAST + timedelta(days=1), 2)
    assert next_day.escalate == []  # escalated once, not again the next day
    assert [s.rule for s in next_day.open_steps if s.overdue] == ["R-E3"]  # still in the digest


def test_the_digest_rows_are_every_open_step(chain: Chain) -> None:
    found = day_round(submitted(chain).entries, DUE_SOON, 2)
    assert [(s.rule, s.overdue) for s in found.open_steps] == [("R-E3", False), ("R-H5", False)]
    assert found.decision.title == "延寿县城区控制性详细规划（2027—2035年）"


def test_the_accelerated_clock_shortens_the_window_as_it_does_the_deadline(spec: DecisionSpec) -> None:
    chain = submitted(Chain(spec.id).launched(spec, clock_scale=1440))  # a legal day is a real minute
    effective = parse_at(next(s for s in pending_steps(chain.entries, DUE_SOON) if s.rule == "R-E3").effective_due)
    assert effective < datetime(2027, 3, 1, 9, 0, tzinfo=UTC)
    assert day_round(chain.entries, effective - timedelta(seconds=90), 2).remind  # within 2 legal days = 2 min
    assert day_round(chain.entries, effective - timedelta(minutes=3), 2).remind == []
    assert day_round(chain.entries, effective + timedelta(seconds=1), 2).escalate


def test_no_round_for_a_record_without_a_launch_and_who_escalation_reaches(chain: Chain, empty_chain: Chain) -> None:
    assert day_round(empty_chain.entries, PAST, 2) is None
    assert escalation_recipients({"sponsor_office": "o", "stages": {"collective_deliberation": {"head": "h"}}}) == \
        ["o", "h"]
    assert escalation_recipients({"sponsor_office": "o"}) == ["o"]


def test_the_step_an_assignee_holds_in_its_stage(chain: Chain) -> None:
    submitted(chain)
    assert assigned_step(chain.entries, DUE_SOON, "legality_review", "legal_adviser").rule == "R-E3"
    assert assigned_step(chain.entries, DUE_SOON, "legality_review", "member_1") is None
    assert assigned_step(chain.entries, DUE_SOON, "publication", "legal_adviser") is None
