"""The steps with a deadline the record itself holds (R-B2, R-C1, R-E3, R-G1, R-G3): each as a
reader sees it, due to the moment, and closed by the entry that closes it and no other."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.domain.archive.overdue import overdue_steps, parse_at, pending_steps
from juece.domain.stages import Stage

CALENDAR = Path(__file__).resolve().parents[4] / "tests" / "data" / "calendar-2027-for-tests.yaml"
EARLY = datetime(2027, 3, 2, tzinfo=UTC)
PP, ER, LR, CD, PE = (Stage.PUBLIC_PARTICIPATION, Stage.EXPERT_REVIEW, Stage.LEGALITY_REVIEW,
                      Stage.COLLECTIVE_DELIBERATION, Stage.POST_EVALUATION)


@pytest.fixture
def official_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(CALENDAR))


def steps(chain: Any, rule: str, now: datetime = EARLY) -> list[Any]:
    return [step for step in pending_steps(chain.entries, now) if step.rule == rule]



def test_the_comment_period_ends_when_its_possibly_accelerated_clock_says(chain: Any) -> None:
    chain.add(PP, "notice_published", "sponsor_office",
              {"closes_at": "2027-03-31T16:00:00+00:00", "effective_closes_at": "2027-03-01T09:00:00+00:00"})
    (step,) = steps(chain, "R-B2")
    assert (step.step_label, step.due, step.holders) == (
        "征求意见期限届满 comment period ends", "2027-03-31T16:00:00+00:00", ["sponsor_office"])
    assert step.effective_due == "2027-03-01T09:00:00+00:00"


def test_a_comment_period_without_acceleration_ends_at_its_close(chain: Any) -> None:
    chain.add(PP, "notice_published", "sponsor_office", {"closes_at": "2027-03-31T16:00:00+00:00"})
    (step,) = steps(chain, "R-B2")
    assert step.effective_due == "2027-03-31T16:00:00+00:00"


def test_a_step_is_not_overdue_at_its_deadline_itself_only_after_it(chain: Any) -> None:
    chain.add(PP, "notice_published", "sponsor_office", {"closes_at": "2027-03-31T16:00:00+00:00"})
    deadline = parse_at("2027-03-31T16:00:00+00:00")
    assert overdue_steps(chain.entries, deadline) == []
    assert [s.rule for s in overdue_steps(chain.entries, deadline + timedelta(microseconds=1))] == ["R-B2"]


def request(chain: Any, seat: str, expert: str, due: str = "2027-03-31", effective: str | None = None) -> None:
    data = {"seat": seat, "expert": expert, "due_at": due}
    chain.add(ER, "opinion_requested", "juece", {**data, "effective_due_at": effective} if effective else data)


def test_each_seat_still_owed_an_opinion_is_listed_with_its_words_and_expert(chain: Any) -> None:
    request(chain, "seat_1", "expert_01")
    request(chain, "seat_2", "expert_02", effective="2027-03-05T00:00:00+00:00")
    chain.add(ER, "opinion_submitted", "expert_01", {"seat": "seat_1", "expert": "expert_01"})
    (step,) = steps(chain, "R-C1")
    assert (step.step_label, step.holders, step.due) == (
        "专家答复期限（第2席） expert response due (seat 2)", ["expert_02"], "2027-03-31")
    assert step.effective_due == "2027-03-05T00:00:00+00:00"


def test_an_opinion_closes_only_the_seat_and_expert_it_names(chain: Any) -> None:
    request(chain, "seat_1", "expert_01")
    chain.add(ER, "opinion_submitted", "expert_09", {"seat": "seat_1", "expert": "expert_09"})
    chain.add(ER, "opinion_submitted", "expert_01", {"seat": "seat_2", "expert": "expert_01"})
    (step,) = steps(chain, "R-C1")
    assert step.effective_due == "2027-03-31T00:00:00+00:00"


def test_a_closed_panel_owes_no_seat_an_opinion(chain: Any) -> None:
    request(chain, "seat_1", "expert_01")
    chain.add(ER, "panel_closed", "juece", {})
    assert steps(chain, "R-C1") == []


def test_the_legality_review_is_due_on_its_recorded_day_and_held_by_both_reviewers(chain: Any) -> None:
    chain.add(LR, "submission_prepared", "sponsor_office", {"review_due": "2027-03-10"})
    (step,) = steps(chain, "R-E3")
    assert (step.step_label, step.due, step.holders) == (
        "合法性审查期限 legality review due", "2027-03-10", ["legality_reviewer", "legal_adviser"])
    assert step.effective_due == "2027-03-10T16:00:00+00:00"


def test_publication_is_due_within_the_specs_working_days(chain: Any, make_spec: Any, official_2027: None) -> None:
    five = type(chain)("five").launched(make_spec({"stages.publication.within_working_days": 5}))
    five.add(CD, "head_decision", "county_head", {"outcome": "approve"})
    (step,) = steps(five, "R-G1")
    assert (step.step_label, step.due, step.holders) == (
        "决定后5个工作日内公布 publication within 5 working days", "2027-03-08", ["sponsor_office"])


def test_publication_is_due_within_twenty_working_days_when_the_spec_names_none(
        empty_chain: Any, official_2027: None) -> None:
    empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": {"sponsor_office": "office_a"}})
    empty_chain.add(CD, "head_decision", "county_head", {"outcome": "approve"})
    (step,) = steps(empty_chain, "R-G1")
    assert (step.step_label, step.due, step.holders) == (
        "决定后20个工作日内公布 publication within 20 working days", "2027-03-29", ["office_a"])


def test_the_evaluation_is_held_by_the_scheduled_evaluator_else_the_specs(empty_chain: Any) -> None:
    empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office",
                    {"spec": {"stages": {"post_evaluation": {"evaluator": "evaluator_02"}}}})
    empty_chain.add(PE, "evaluation_scheduled", "juece",
                    {"due_at": "2029-03-01T16:00:00+00:00", "effective_due_at": "2027-04-01T00:00:00+00:00"})
    (step,) = steps(empty_chain, "R-G3")
    assert (step.step_label, step.due, step.holders) == (
        "决策后评估到期 evaluation due", "2029-03-01T16:00:00+00:00", ["evaluator_02"])
    assert step.effective_due == "2027-04-01T00:00:00+00:00"
    empty_chain.add(PE, "evaluation_scheduled", "juece",
                    {"due_at": "2029-03-01T16:00:00+00:00", "evaluator": "evaluator_07"})
    (step,) = steps(empty_chain, "R-G3")
    assert (step.holders, step.effective_due) == (["evaluator_07"], "2029-03-01T16:00:00+00:00")


def test_an_opened_evaluation_is_no_longer_owed(chain: Any) -> None:
    chain.add(PE, "evaluation_scheduled", "juece", {"due_at": "2027-03-01T16:00:00+00:00"})
    chain.add(PE, "evaluation_opened", "evaluator_01", {})
    assert steps(chain, "R-G3") == []
