"""Reading the record (record.py), the stages (stages.py) and the legal vs accelerated clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from juece.domain.record.clock import format_time, is_late, parse_time
from juece.domain.record.entries import (
    all_of,
    attending,
    clock_scale,
    latest,
    on_time_comments,
    stage_not_applicable,
)
from juece.domain.stages import MAY_BE_NOT_APPLICABLE, STATUTORY_STAGES, Stage, stage_label

T0 = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)


# --- record helpers -------------------------------------------------------------------------

def test_latest_returns_the_last_entry_of_a_kind(empty_chain) -> None:
    empty_chain.add("risk_assessment", "risk_assessed", data={"round": 1})
    empty_chain.add("risk_assessment", "risk_assessed", data={"round": 2})
    assert latest(empty_chain.entries, "risk_assessed")["data"]["round"] == 2


def test_latest_filters_by_stage_when_asked(empty_chain) -> None:
    empty_chain.add("public_participation", "adoption_report", data={"who": "comments"})
    empty_chain.add("expert_review", "adoption_report", data={"who": "experts"})
    assert latest(empty_chain.entries, "adoption_report", Stage.PUBLIC_PARTICIPATION)["data"]["who"] == "comments"
    assert latest(empty_chain.entries, "adoption_report", "expert_review")["data"]["who"] == "experts"
    assert latest(empty_chain.entries, "adoption_report", Stage.RISK_ASSESSMENT) is None


def test_latest_of_a_kind_never_recorded_is_none(empty_chain) -> None:
    assert latest(empty_chain.entries, "head_decision") is None


def test_all_of_keeps_the_record_order(empty_chain) -> None:
    for receipt in ("C-000001", "C-000002"):
        empty_chain.add("public_participation", "comment_received", "public", {"receipt": receipt})
        empty_chain.add("public_participation", "other")
    assert [e["data"]["receipt"] for e in all_of(empty_chain.entries, "comment_received")] == ["C-000001", "C-000002"]


def test_stage_not_applicable_is_true_only_for_the_stage_marked(empty_chain) -> None:
    empty_chain.add("risk_assessment", "not_applicable", data={"reason": "无风险"})
    assert stage_not_applicable(empty_chain.entries, "risk_assessment")
    assert not stage_not_applicable(empty_chain.entries, "expert_review")


def test_on_time_comments_leaves_out_late_ones(empty_chain) -> None:
    empty_chain.add("public_participation", "comment_received", "public", {"receipt": "C-000001", "late": False})
    empty_chain.add("public_participation", "comment_received", "public", {"receipt": "C-000002", "late": True})
    assert [e["data"]["receipt"] for e in on_time_comments(empty_chain.entries)] == ["C-000001"]


def test_attending_is_the_latest_meetings_attendees_or_nobody(empty_chain) -> None:
    assert attending(empty_chain.entries) == []
    empty_chain.add("collective_deliberation", "meeting_convened", data={"attendees": ["a", "b", "c"]})
    empty_chain.add("collective_deliberation", "meeting_convened", data={"attendees": ["a", "b"]})
    assert attending(empty_chain.entries) == ["a", "b"]


def test_clock_scale_comes_from_the_launched_entry_and_defaults_to_real_time(empty_chain, spec) -> None:
    assert clock_scale(empty_chain.entries) == 1.0
    empty_chain.add("launch", "launched", data={"spec": {}})
    assert clock_scale(empty_chain.entries) == 1.0
    empty_chain.launched(spec, clock_scale=720)
    assert clock_scale(empty_chain.entries) == 720.0


# --- stages ---------------------------------------------------------------------------------

def test_all_five_statutory_stages_are_in_order() -> None:
    assert [s.value for s in STATUTORY_STAGES] == [
        "public_participation", "expert_review", "risk_assessment", "legality_review", "collective_deliberation"]


def test_only_participation_expert_review_and_risk_may_be_not_applicable_each_under_its_article() -> None:
    assert MAY_BE_NOT_APPLICABLE == {Stage.PUBLIC_PARTICIPATION: "Art. 14", Stage.EXPERT_REVIEW: "Art. 19",
                                     Stage.RISK_ASSESSMENT: "Art. 22"}


def test_stage_label_is_bilingual_and_an_unknown_stage_is_shown_as_is() -> None:
    assert stage_label("legality_review") == "合法性审查 Legality review"
    assert stage_label("no_such_stage") == "no_such_stage"


# --- clock ----------------------------------------------------------------------------------

def test_time_round_trips_through_its_text_form_in_utc() -> None:
    local = datetime(2027, 3, 2, 0, 0, 0, 123456, tzinfo=timezone(timedelta(hours=8)))
    text = format_time(local)
    assert text == "2027-03-01T16:00:00.123456Z"
    assert parse_time(text) == local


@pytest.mark.parametrize(
    ("received", "late"),
    [(timedelta(microseconds=-1), False), (timedelta(0), True), (timedelta(microseconds=1), True)],
    ids=["just-before-the-end", "exactly-at-the-end-24-00", "just-after-the-end"],
)
def test_a_comment_is_late_from_the_effective_end_on(received: timedelta, late: bool) -> None:
    end = T0 + timedelta(days=30)
    assert is_late(end + received, end) is late
