"""A notice sent, as the record keeps it: who was told what, by which channel, delivered or failed
with the reason in one short line; a member of a group is recorded with the group."""

from __future__ import annotations

from juece.domain.notices.people import Person
from juece.domain.notices.sent import REASON_MAX, Outcome, sent_act
from juece.domain.notices.texts import REMINDER, Notice

NOTICE = Notice(REMINDER, Person("legality_reviewer", "王审查"), "【到期提醒】合法性审查 / Reminder: due soon", "正文",
                "d-1", "城区规划", "R-E3/7", "合法性审查期限", "2027-03-10 24:00（北京时间）", "https://x/y")


def test_a_delivered_notice_is_recorded_with_who_what_which_channel_and_which_step() -> None:
    act = sent_act(NOTICE, "email", Outcome(True), "legality_review", "notice/R-E3/7/legality_reviewer/email")
    assert (act.stage, act.kind, act.actor, act.act_key) == (
        "legality_review", "notice_sent", "juece", "notice/R-E3/7/legality_reviewer/email")
    assert act.data == {"recipient": "legality_reviewer", "name": "王审查", "notice": "reminder",
                        "subject": "【到期提醒】合法性审查 / Reminder: due soon", "channel": "email",
                        "outcome": "delivered", "reason": "", "step": "R-E3/7",
                        "deadline": "2027-03-10 24:00（北京时间）"}


def test_a_failed_notice_keeps_the_servers_reason_on_one_line() -> None:
    act = sent_act(NOTICE, "im", Outcome(False, "  550 mailbox\n  unavailable\t(try later) "), "s", "k")
    assert (act.data["outcome"], act.data["reason"]) == ("failed", "550 mailbox unavailable (try later)")


def test_a_failures_reason_is_cut_to_its_first_two_hundred_characters() -> None:
    reason = "原因" * 150
    assert sent_act(NOTICE, "im", Outcome(False, reason), "s", "k").data["reason"] == reason[:REASON_MAX]
    assert REASON_MAX == 200
    exact = "x" * REASON_MAX
    assert sent_act(NOTICE, "im", Outcome(False, exact + "y"), "s", "k").data["reason"] == exact


def test_a_member_told_for_a_group_is_recorded_with_the_group_and_no_group_otherwise() -> None:
    member = sent_act(NOTICE, "email", Outcome(True), "s", "k", group="group:legality-office")
    assert member.data["group"] == "group:legality-office"
    assert "group" not in sent_act(NOTICE, "email", Outcome(True), "s", "k").data
    assert "group" not in sent_act(NOTICE, "email", Outcome(True), "s", "k", group="").data
