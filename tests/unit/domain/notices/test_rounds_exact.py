"""The daily round's parts one by one: the decision a notice names, who the record shows was told,
which steps are due soon (both ends of the window), the earliest of an assignee's steps, and a round
rerun the same day listing again whom it reminded today."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from juece.domain.archive.overdue import Pending
from juece.domain.notices import rounds
from juece.domain.notices.rounds import day_round, decision_of, due_soon, notified
from juece.domain.notices.texts import ESCALATION, REMINDER, Decision
from juece.domain.stages import Stage
from juece.spec import DecisionSpec
from tests.unit.domain.conftest import START, Chain

NOW = datetime(2027, 3, 8, 16, 0, tzinfo=UTC)  # 24:00 on the 8th in China


def pending(effective_due: str, overdue: bool = False, due: str = "2027-03-10", holders: tuple[str, ...] = ("a",),
            stage: str = "legality_review") -> Pending:
    return Pending("d-1", stage, "submission_prepared", "期限", "R-E3", due, effective_due, list(holders), 2, "h",
                   overdue=overdue)


def launched(spec: dict[str, object], decision_id: str = "d-1") -> Chain:
    chain = Chain(decision_id)
    chain.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec})
    return chain


def test_the_decision_a_notice_names_is_the_launched_specs_id_and_titles() -> None:
    chain = launched({"id": "d-9", "title": "城区规划", "title_en": "Urban plan"})
    assert decision_of(chain.entries) == Decision("d-9", "城区规划", "Urban plan")


def test_a_spec_without_id_or_titles_gives_the_records_id_and_empty_titles() -> None:
    assert decision_of(launched({}, "d-7").entries) == Decision("d-7", "", "")


def test_due_soon_holds_at_both_ends_of_the_window_and_not_one_moment_past_them() -> None:
    window = timedelta(days=2)
    assert due_soon(pending((NOW + window).isoformat()), NOW, 2, 1.0)
    assert not due_soon(pending((NOW + window + timedelta(seconds=1)).isoformat()), NOW, 2, 1.0)
    assert due_soon(pending(NOW.isoformat()), NOW, 2, 1.0)
    assert not due_soon(pending((NOW - timedelta(seconds=1)).isoformat()), NOW, 2, 1.0)
    assert due_soon(pending((NOW + timedelta(minutes=2)).isoformat()), NOW, 2, 1440.0)
    assert not due_soon(pending((NOW + timedelta(minutes=2, seconds=1)).isoformat()), NOW, 2, 1440.0)


def test_an_overdue_step_or_one_with_an_unknown_deadline_is_never_due_soon() -> None:
    assert not due_soon(pending((NOW + timedelta(days=1)).isoformat(), overdue=True), NOW, 2, 1.0)
    assert not due_soon(pending("unknown", due="unknown"), NOW, 2, 1.0)


def sent(chain: Chain, notice: str, step: str, recipient: str | None, group: str | None = None) -> None:
    data = {"notice": notice, "step": step, "channel": "log", "outcome": "delivered"}
    data |= {"recipient": recipient} if recipient is not None else {}
    data |= {"group": group} if group is not None else {}
    chain.add(Stage.LEGALITY_REVIEW, "notice_sent", "juece", data)


def test_notified_lists_exactly_the_recipients_and_groups_of_that_kind_and_step() -> None:
    chain = launched({"id": "d-1"})
    sent(chain, REMINDER, "R-E3/3", "other_step")
    sent(chain, ESCALATION, "R-E3/2", "other_kind")
    sent(chain, REMINDER, "R-E3/2", "legality_reviewer")
    sent(chain, REMINDER, "R-E3/2", None, "group:legality-office")
    sent(chain, REMINDER, "R-E3/2", "", "")
    assert notified(chain.entries, REMINDER, "R-E3/2") == {"legality_reviewer", "group:legality-office"}
    assert notified(chain.entries, ESCALATION, "R-E3/2") == {"other_kind"}


def test_what_was_sent_today_is_skipped_only_when_a_day_is_given() -> None:
    chain = launched({"id": "d-1"})
    sent(chain, REMINDER, "R-E3/2", "today_user")  # 2027-03-01 in China
    sent(chain, REMINDER, "R-E3/3", "other")
    assert notified(chain.entries, REMINDER, "R-E3/2", "2027-03-01") == set()
    assert notified(chain.entries, REMINDER, "R-E3/2", "2027-03-02") == {"today_user"}
    assert notified(chain.entries, REMINDER, "R-E3/2") == {"today_user"}


def test_a_record_without_a_launch_has_no_round_and_one_with_only_its_launch_has_one(
        chain: Chain, empty_chain: Chain) -> None:
    empty_chain.add(Stage.LEGALITY_REVIEW, "submission_prepared", "sponsor_office", {"review_due": "2027-03-10"})
    assert day_round(empty_chain.entries, NOW, 2) is None
    found = day_round(chain.entries, START, 2)
    assert found is not None and (found.remind, found.escalate) == ([], [])
    assert found.decision.id == chain.decision_id and found.sponsor_office == "sponsor_office"


def test_a_spec_without_a_sponsor_office_gives_the_digest_no_office(spec: DecisionSpec) -> None:
    data = spec.model_dump(mode="json")
    del data["sponsor_office"]
    found = day_round(launched(data, spec.id).entries, START, 2)
    assert found is not None and found.sponsor_office == ""


def test_a_round_rerun_the_same_day_reminds_again_whom_it_reminded_today(chain: Chain) -> None:
    chain.add(Stage.LEGALITY_REVIEW, "submission_prepared", "sponsor_office", {"review_due": "2027-03-02"})
    sent(chain, REMINDER, "R-E3/2", "legality_reviewer")
    same_day = START + timedelta(hours=1)  # 17:00 on the 1st in China, the day the reminder went
    assert [users for _, users in day_round(chain.entries, same_day, 2).remind] == [
        ["legality_reviewer", "legal_adviser"]]
    next_day = START + timedelta(hours=17)  # 09:00 on the 2nd in China
    assert [users for _, users in day_round(chain.entries, next_day, 2).remind] == [["legal_adviser"]]


def test_the_assignees_step_is_the_one_due_earliest_whatever_the_order(monkeypatch: pytest.MonkeyPatch) -> None:
    later = pending("2027-03-12T16:00:00+00:00", holders=("a", "b"))
    earlier = pending("2027-03-10T16:00:00+08:00", holders=("a",))
    elsewhere = pending("2027-03-01T00:00:00+00:00", holders=("a",), stage="publication")
    monkeypatch.setattr(rounds, "pending_steps", lambda entries, now: [elsewhere, later, earlier])
    assert rounds.assigned_step([], NOW, "legality_review", "a") is earlier
    assert rounds.assigned_step([], NOW, "legality_review", "b") is later
    assert rounds.assigned_step([], NOW, "legality_review", "c") is None


def test_an_earlier_days_notice_counts_even_when_written_after_one_sent_today(chain: Chain) -> None:
    """A server clock set back writes a later entry with an earlier time: each entry is read alone."""
    sent(chain, REMINDER, "R-E3/2", "today_user")  # 2027-03-01 in China
    sent(chain, REMINDER, "R-E3/2", "yesterday_user")
    chain.entries[-1]["at"] = "2027-02-28T08:00:00.000000Z"
    assert notified(chain.entries, REMINDER, "R-E3/2", "2027-03-01") == {"yesterday_user"}
