"""The daily round with a group holding a role: the group is a recipient once per step, told as
soon as the record shows any member told (or a failed notice naming it); what was sent today is
listed again for the sender's act keys to skip, so a round cut short is finished the same day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from juece.domain.notices.rounds import day_round, notified
from juece.domain.notices.texts import ESCALATION, REMINDER
from juece.domain.stages import Stage
from juece.spec import DecisionSpec
from tests.unit.domain.conftest import START, Chain

SPONSOR, LEGALITY = "group:sponsor-office", "group:legality-office"
DUE_SOON = datetime(2027, 3, 9, 10, 0, tzinfo=UTC)
PAST = datetime(2027, 3, 11, 2, 0, tzinfo=UTC)


def grouped(make_spec: Callable[..., DecisionSpec], review_due: str = "2027-03-10") -> Chain:
    spec = make_spec({"sponsor_office": SPONSOR, "stages.legality_review.reviewer": LEGALITY})
    chain = Chain(spec.id).launched(spec)
    chain.add(Stage.LEGALITY_REVIEW, "submission_prepared", "office_clerk_1", {"review_due": review_due})
    return chain


def told(chain: Chain, notice: str, recipient: str, group: str = "") -> None:
    data = {"recipient": recipient, "notice": notice, "step": "R-E3/2", "channel": "log", "outcome": "delivered"}
    chain.add(Stage.LEGALITY_REVIEW, "notice_sent", "juece", {**data, "group": group} if group else data)


def test_a_group_is_a_recipient_once_and_told_once_any_member_was(make_spec: Callable[..., DecisionSpec]) -> None:
    chain = grouped(make_spec)
    found = day_round(chain.entries, DUE_SOON, 2)
    assert [users for _, users in found.remind] == [[LEGALITY, "legal_adviser"]]
    assert found.sponsor_office == SPONSOR
    told(chain, REMINDER, "legality_reviewer_2", LEGALITY)
    assert [users for _, users in day_round(chain.entries, DUE_SOON + timedelta(days=1), 2).remind] == [
        ["legal_adviser"]]


def test_an_overdue_step_is_escalated_to_the_group_and_the_head_once(make_spec: Callable[..., DecisionSpec]) -> None:
    chain = grouped(make_spec)
    assert [users for _, users in day_round(chain.entries, PAST, 2).escalate] == [[SPONSOR, "county_head"]]
    told(chain, ESCALATION, "office_clerk_1", SPONSOR)
    told(chain, ESCALATION, "county_head")
    assert day_round(chain.entries, PAST + timedelta(days=1), 2).escalate == []


def test_a_failed_notice_naming_an_unknown_group_counts_as_told(make_spec: Callable[..., DecisionSpec]) -> None:
    chain = grouped(make_spec)
    told(chain, ESCALATION, SPONSOR, SPONSOR)
    assert notified(chain.entries, ESCALATION, "R-E3/2") == {SPONSOR}
    assert [users for _, users in day_round(chain.entries, PAST + timedelta(days=1), 2).escalate] == [
        ["county_head"]]


def test_what_was_sent_today_is_listed_again_for_the_act_keys(make_spec: Callable[..., DecisionSpec]) -> None:
    chain = grouped(make_spec, review_due="2027-02-27")  # overdue on the day the record is written
    told(chain, ESCALATION, "sponsor_office", SPONSOR)
    same_day = START + timedelta(hours=1)
    assert notified(chain.entries, ESCALATION, "R-E3/2", "2027-03-01") == set()
    assert notified(chain.entries, ESCALATION, "R-E3/2", "2027-03-02") == {"sponsor_office", SPONSOR}
    assert [users for _, users in day_round(chain.entries, same_day, 2).escalate] == [[SPONSOR, "county_head"]]
    assert [users for _, users in day_round(chain.entries, same_day + timedelta(days=1), 2).escalate] == [
        ["county_head"]]
