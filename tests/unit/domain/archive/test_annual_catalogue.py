"""Each line of the annual catalogue (R-A3) as a reader sees it, and the report's row per category."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from juece.domain.archive.annual import catalogue_year, category_report, decision_status
from juece.domain.stages import Stage

EARLY = datetime(2027, 3, 2, tzinfo=UTC)  # the day after the fixtures' launch: no deadline has passed


def test_a_freshly_launched_decision_lists_every_field_of_its_spec(chain: Any) -> None:
    assert decision_status(chain.entries, EARLY).as_dict() == {
        "decision_id": "yanshou-2027-urban-001", "catalogue_year": 2027, "catalogue_number": "2027-01",
        "title": "延寿县城区控制性详细规划（2027—2035年）", "category": "important_plan",
        "decision_body": "延寿县人民政府", "sponsor_unit": "延寿县自然资源局", "launched_on": "2027-03-01",
        "status": "in_progress", "stage": "launch", "outcome": "", "stages_completed": [],
        "comments": 0, "comments_disposed": 0, "comments_adopted": 0, "expert_opinions": 0,
        "experts_disposed": 0, "experts_adopted": 0, "overdue": 0,
    }


def test_the_catalogue_year_of_the_spec_wins_over_the_year_of_launch(chain: Any, make_spec: Any) -> None:
    other = type(chain)("carried-over").launched(make_spec({"catalogue": {"year": 2026, "number": "2026-09"}}))
    assert catalogue_year(other.entries) == 2026
    assert decision_status(other.entries, EARLY).catalogue_number == "2026-09"


def test_a_spec_without_its_descriptive_fields_lists_them_empty_never_as_none(empty_chain: Any) -> None:
    empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": {"id": "bare"}})
    status = decision_status(empty_chain.entries, EARLY)
    assert (status.catalogue_number, status.title, status.category) == ("", "", "")
    assert (status.decision_body, status.sponsor_unit) == ("", "")


def test_a_record_without_its_launch_lists_year_zero_and_no_launch_date(empty_chain: Any) -> None:
    empty_chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor", {})
    status = decision_status(empty_chain.entries, EARLY)
    assert (status.catalogue_year, status.launched_on, status.stage) == (0, "", "risk_assessment")


def test_an_approved_decision_not_yet_published_is_still_in_progress(chain: Any) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    assert decision_status(chain.entries, EARLY).status == "in_progress"


def test_an_approved_decision_recorded_as_not_published_is_done(chain: Any) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.PUBLICATION, "not_published", "sponsor_office", {"reason": "state secret"})
    assert decision_status(chain.entries, EARLY).status == "done"


def test_the_stage_shown_is_the_stage_of_the_last_step_taken(chain: Any) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "notice_drafted", "sponsor_office", {})
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "juece", {})
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor", {})
    assert decision_status(chain.entries, EARLY).stage == "risk_assessment"


def test_dispositions_of_one_expert_or_receipt_count_once_and_unnamed_ones_each(chain: Any) -> None:
    for disposition in ("not_adopted", "adopted"):
        chain.add(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office",
                  {"expert": "expert_01", "disposition": disposition})
    for disposition in ("adopted", "adopted"):
        chain.add(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office", {"disposition": disposition})
    for disposition in ("adopted", "not_adopted"):
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office",
                  {"receipt": "R-7", "disposition": disposition})
    status = decision_status(chain.entries, EARLY)
    assert (status.experts_disposed, status.experts_adopted) == (3, 3)
    assert (status.comments_disposed, status.comments_adopted) == (1, 0)


def test_a_category_row_names_every_count_and_rounds_rates_to_four_places(chain: Any) -> None:
    for n, disposition in enumerate(("adopted", "not_adopted", "not_adopted"), start=1):
        chain.add(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office",
                  {"ref": f"seat_{n}", "disposition": disposition})
    chain.add(Stage.LEGALITY_REVIEW, "gate_passed", "juece", {})
    (row, total) = category_report([decision_status(chain.entries, EARLY)])
    assert row == {
        "category": "important_plan", "decisions": 1, "done": 0, "in_progress": 1, "overdue_decisions": 0,
        "late_decisions": 0, "stages_completed": 1, "statutory_stages_completed": 1,
        "comments": 0, "comments_disposed": 0, "comments_adopted": 0, "expert_opinions": 0,
        "experts_disposed": 3, "experts_adopted": 1, "overdue": 0,
        "comment_adoption_rate": None, "expert_adoption_rate": 0.3333,
    }
    assert total == {**row, "category": "total"}


def test_an_undecided_decision_past_its_deadline_counts_among_the_overdue(chain: Any) -> None:
    chain.add(Stage.PUBLIC_PARTICIPATION, "notice_published", "sponsor_office",
              {"closes_at": "2027-03-01T16:00:00+00:00"})
    (row, _total) = category_report([decision_status(chain.entries, EARLY)])
    assert (row["overdue_decisions"], row["in_progress"], row["overdue"]) == (1, 0, 1)
