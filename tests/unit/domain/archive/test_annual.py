"""The annual catalogue's statuses (R-A3) and the rule-of-law report's sums per category."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from juece.domain.archive.annual import catalogue_year, category_report, decision_status
from juece.domain.record.clock import format_time
from juece.domain.stages import Stage

NOW = datetime(2027, 6, 1, tzinfo=UTC)


def comments(chain: Any, dispositions: list[str]) -> None:
    for n in range(1, len(dispositions) + 1):
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": f"C-{n}"})
    for n, disposition in enumerate(dispositions, start=1):
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office",
                  {"ref": f"C-{n}", "disposition": disposition})
    chain.add(Stage.PUBLIC_PARTICIPATION, "adoption_report", "sponsor_office", {})


def test_the_spec_catalogue_year_is_the_year_else_the_launch_year(chain: Any, make_spec: Any) -> None:
    assert catalogue_year(chain.entries) == 2027
    other = type(chain)("no-catalogue").launched(make_spec({"catalogue": None}))
    assert catalogue_year(other.entries) == 2027  # launched in March 2027 (the fixtures' clock)


def test_a_published_decision_is_done_with_its_stages_and_adoption_counted(chain: Any) -> None:
    comments(chain, ["adopted", "partly_adopted", "not_adopted"])
    chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", "expert_01", {"expert": "expert_01"})
    chain.add(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office", {"ref": "seat_1", "disposition": "adopted"})
    chain.add(Stage.LEGALITY_REVIEW, "gate_passed", "juece", {})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.PUBLICATION, "published", "sponsor_office", {})
    status = decision_status(chain.entries, NOW)
    assert (status.status, status.outcome, status.catalogue_number) == ("done", "approve", "2027-01")
    assert status.stages_completed == ["public_participation", "legality_review", "collective_deliberation",
                                       "publication"]
    assert (status.comments, status.comments_disposed, status.comments_adopted) == (3, 3, 2)
    assert (status.expert_opinions, status.experts_disposed, status.experts_adopted) == (1, 1, 1)


def test_a_decision_past_a_deadline_is_undecided_overdue_at_that_stage(chain: Any) -> None:
    closes = format_time(datetime(2027, 4, 1, tzinfo=UTC))
    chain.add(Stage.PUBLIC_PARTICIPATION, "notice_published", "sponsor_office",
              {"closes_at": closes, "effective_closes_at": closes})
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor", {})
    status = decision_status(chain.entries, NOW)
    assert (status.status, status.stage, status.overdue) == ("overdue", "public_participation", 1)
    early = decision_status(chain.entries, datetime(2027, 3, 15, tzinfo=UTC))
    assert (early.status, early.stage) == ("in_progress", "risk_assessment")


def test_the_report_sums_each_category_and_the_total_with_adoption_rates(chain: Any, make_spec: Any) -> None:
    comments(chain, ["adopted", "not_adopted"])
    policy = type(chain)("policy-1").launched(make_spec({"id": "policy-1", "category": "public_policy"}))
    comments(policy, ["partly_adopted", "adopted", "adopted", "not_adopted"])
    policy.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "reject"})
    rows = category_report([decision_status(c.entries, NOW) for c in (chain, policy)])
    by_category = {row["category"]: row for row in rows}
    assert list(by_category) == ["important_plan", "public_policy", "total"]
    assert by_category["important_plan"]["comment_adoption_rate"] == 0.5
    assert by_category["public_policy"]["comment_adoption_rate"] == 0.75
    assert by_category["public_policy"]["done"] == 1
    total = by_category["total"]
    assert (total["decisions"], total["comments"], total["comments_adopted"]) == (2, 6, 4)
    assert total["stages_completed"] == 3 and total["expert_adoption_rate"] is None


def test_no_decisions_make_an_empty_report() -> None:
    assert category_report([]) == []


def test_a_later_disposition_of_the_same_comment_replaces_the_first(chain: Any) -> None:
    comments(chain, ["not_adopted"])
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office", {"ref": "C-1", "disposition": "adopted"})
    status = decision_status(chain.entries, NOW + timedelta(days=1))
    assert (status.comments_disposed, status.comments_adopted) == (1, 1)


def test_a_launch_on_new_years_night_in_beijing_belongs_to_the_new_year(chain: Any, make_spec: Any) -> None:
    other = type(chain)("no-catalogue").launched(make_spec({"catalogue": None}))
    other.entries[0]["at"] = "2026-12-31T17:30:00.000000Z"  # 01:30 on 1 January 2027 in Beijing
    assert catalogue_year(other.entries) == 2027
    assert decision_status(other.entries, NOW).launched_on == "2027-01-01"


def test_a_decided_decision_with_its_evaluation_past_due_is_late_not_undecided(chain: Any) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "reject"})
    chain.add(Stage.POST_EVALUATION, "evaluation_scheduled", "juece",
              {"due_at": format_time(NOW - timedelta(days=1)), "evaluator": "evaluator_01"})
    status = decision_status(chain.entries, NOW)
    assert status.status == "late" and status.overdue == 1
    (row, total) = category_report([status])
    assert (row["overdue_decisions"], row["late_decisions"]) == (0, 1)
