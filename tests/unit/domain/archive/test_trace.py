"""Accountability trace (R-H5): roles from the launched spec, and steps left past their deadlines
flagged with who holds them (久拖不决)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.domain.archive.overdue import overdue_steps, pending_steps
from juece.domain.archive.trace import person_trace, role_label, trace
from juece.domain.record.clock import format_time
from juece.domain.stages import Stage

START = datetime(2027, 3, 1, 8, 0, tzinfo=UTC)  # the domain fixtures' record starts then
CALENDAR = Path(__file__).resolve().parents[3] / "data" / "calendar-2027-for-tests.yaml"
Chain = Any  # tests/unit/domain/conftest.py's in-memory record
LATER = START + timedelta(days=400)


def roles(chain: Chain) -> dict[str, str]:
    return {f"{row.actor}:{row.kind}": row.role for row in trace(chain.entries)}


def test_each_act_is_done_in_the_role_the_launched_spec_gave(chain: Chain) -> None:
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", {"seats": [{"seat": "seat_1", "user": "expert_07"}]})
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": "C-1"})
    chain.add(Stage.PUBLIC_PARTICIPATION, "comments_closed", "juece", {})
    chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", "expert_07", {"seat": "seat_1", "expert": "expert_07"})
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor", {})
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {})
    chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "member_1", {"member": "member_1", "view": "agree"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "member_view", "county_head", {"member": "county_head"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "minutes_recorded", "secretary", {})
    chain.add(Stage.ARCHIVE, "archive_retrieved", "archivist", {"role": "archivist", "auth_role": "OP"})
    assert roles(chain) == {
        "sponsor_office:launched": "sponsor_office", "sponsor_office:panel_drawn": "sponsor_office",
        "public:comment_received": "public", "juece:comments_closed": "system",
        "expert_07:opinion_submitted": "expert", "risk_assessor:risk_assessed": "risk_assessor",
        "legal_adviser:adviser_opinion": "legal_adviser", "legality_reviewer:legality_reviewed": "legality_reviewer",
        "member_1:member_view": "meeting_member", "county_head:member_view": "meeting_member",
        "county_head:head_decision": "head", "secretary:minutes_recorded": "secretary",
        "archivist:archive_retrieved": "archivist",
    }


def test_a_retrieval_is_in_the_role_recorded_with_it_and_never_guessed(chain: Chain) -> None:
    chain.add(Stage.ARCHIVE, "archive_retrieved", "citizen_9", {"role": "reader", "auth_role": "VIEWER"})
    chain.add(Stage.ARCHIVE, "archive_retrieved", "clerk_3", {})  # recorded before roles were
    reader, old = trace(chain.entries)[-2:]
    assert (reader.role, reader.role_label) == ("reader", "调阅人 reader（Airflow 角色 role: VIEWER）")
    assert (old.role, old.role_label) == ("unknown", "未知角色 role not in the spec")


def test_every_row_carries_its_hash_and_labels_chinese_first(chain: Chain) -> None:
    (row,) = trace(chain.entries)
    assert row.hash == chain.entries[0]["hash"] and row.seq == 1
    assert row.role_label == "承办单位 sponsor office" and row.stage_label == "决策启动 Launch"
    assert role_label("nobody") == "未知角色 role not in the spec"


def test_a_person_trace_has_their_acts_and_the_acts_that_name_them(chain: Chain, spec: Any) -> None:
    other = type(chain)("another-decision").launched(spec)
    chain.add(Stage.EXPERT_REVIEW, "opinion_requested", "juece", {"seat": "seat_1", "expert": "expert_07"})
    chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", "expert_07", {"seat": "seat_1", "expert": "expert_07"})
    other.add(Stage.EXPERT_REVIEW, "expert_non_responding", "juece", {"seat": "seat_2", "expert": "expert_07"})
    rows = person_trace({"a": chain.entries, "b": other.entries}, "expert_07")
    assert {(r.decision_id, r.kind, r.relation) for r in rows} == {
        (chain.decision_id, "opinion_requested", "named"), (chain.decision_id, "opinion_submitted", "actor"),
        ("another-decision", "expert_non_responding", "named")}
    assert [r.at for r in rows] == sorted(r.at for r in rows)
    assert next(r.role for r in rows if r.relation == "actor") == "expert"


def notice(chain: Chain, days: int = 30) -> None:
    closes = START + timedelta(days=days)
    chain.add(Stage.PUBLIC_PARTICIPATION, "notice_published", "sponsor_office",
              {"closes_at": format_time(closes), "effective_closes_at": format_time(closes)})


def test_a_comment_period_past_its_end_without_closing_is_overdue_and_held_by_the_sponsor(chain: Chain) -> None:
    notice(chain)
    assert pending_steps(chain.entries, START + timedelta(days=29))[0].overdue is False
    (step,) = overdue_steps(chain.entries, START + timedelta(days=31))
    assert (step.stage, step.rule, step.holders) == ("public_participation", "R-B2", ["sponsor_office"])
    chain.add(Stage.PUBLIC_PARTICIPATION, "comments_closed", "juece", {})
    assert "R-B2" not in {step.rule for step in pending_steps(chain.entries, LATER)}  # the dispositions' turn (R-B4)


def test_an_expert_who_has_not_answered_by_the_due_date_holds_the_overdue_seat(chain: Chain) -> None:
    due = format_time(START + timedelta(days=30))
    for seat, expert in (("seat_1", "expert_01"), ("seat_2", "expert_02")):
        chain.add(Stage.EXPERT_REVIEW, "opinion_requested", "juece",
                  {"seat": seat, "expert": expert, "due_at": due, "effective_due_at": due})
    chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", "expert_02", {"seat": "seat_2", "expert": "expert_02"})
    (step,) = overdue_steps(chain.entries, START + timedelta(days=31))
    assert (step.holders, step.rule, step.due) == (["expert_01"], "R-C1", due)
    assert "第1席" in step.step_label and "seat 1" in step.step_label  # the seat in words


def test_a_legality_review_past_its_working_days_is_held_by_reviewer_and_adviser(chain: Chain) -> None:
    chain.add(Stage.LEGALITY_REVIEW, "submission_prepared", "sponsor_office", {"review_due": "2027-03-10"})
    assert overdue_steps(chain.entries, datetime(2027, 3, 10, 15, 0, tzinfo=UTC)) == []
    (step,) = overdue_steps(chain.entries, datetime(2027, 3, 10, 16, 30, tzinfo=UTC))  # 00:30 on the 11th in China
    assert step.holders == ["legality_reviewer", "legal_adviser"] and step.rule == "R-E3"
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {})
    assert overdue_steps(chain.entries, LATER)[0].holders == ["legality_reviewer"]
    chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"outcome": "lawful"})
    assert overdue_steps(chain.entries, LATER) == []


def test_an_accelerated_clock_reaches_a_deadline_sooner(empty_chain: Chain, spec: Any) -> None:
    chain = empty_chain.launched(spec, clock_scale=86400)
    chain.add(Stage.LEGALITY_REVIEW, "submission_prepared", "sponsor_office", {"review_due": "2027-03-10"})
    opened = START + timedelta(minutes=2)
    assert overdue_steps(chain.entries, opened + timedelta(seconds=5)) == []
    assert overdue_steps(chain.entries, opened + timedelta(seconds=20))[0].holders[0] == "legality_reviewer"


def test_publication_beyond_the_known_holiday_schedule_is_pending_with_an_unknown_due_date(
        chain: Chain, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_CALENDAR_FILE", raising=False)
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    (step,) = pending_steps(chain.entries, LATER)
    assert (step.due, step.overdue, step.holders) == ("unknown", False, ["sponsor_office"])
    assert step.note


def test_publication_late_by_the_official_calendar_is_overdue(chain: Chain, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(CALENDAR))
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    (step,) = overdue_steps(chain.entries, START + timedelta(days=60))
    assert step.rule == "R-G1" and step.due.startswith("2027-03")
    chain.add(Stage.PUBLICATION, "published", "sponsor_office", {})
    assert pending_steps(chain.entries, LATER) == []


def test_a_rejected_decision_has_nothing_to_publish(chain: Chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "reject"})
    assert pending_steps(chain.entries, LATER) == []


def test_a_scheduled_evaluation_not_opened_by_its_due_date_is_held_by_the_evaluator(chain: Chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.PUBLICATION, "published", "sponsor_office", {})
    due = format_time(START + timedelta(days=730))
    chain.add(Stage.POST_EVALUATION, "evaluation_scheduled", "juece",
              {"applies": True, "due_at": due, "effective_due_at": due, "evaluator": "evaluator"})
    assert overdue_steps(chain.entries, START + timedelta(days=700)) == []
    (step,) = overdue_steps(chain.entries, START + timedelta(days=731))
    assert (step.holders, step.rule) == (["evaluator"], "R-G3")
