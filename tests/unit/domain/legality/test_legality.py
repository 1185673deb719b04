"""Legality review (R-E1..R-E4): the submission package from the record, the legal due date by
the official calendar, review rounds with the sponsor's revision between them, and the gate."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest

from juece.domain.deliberation.meeting_answers import legality_review
from juece.domain.legality import review as legality
from juece.domain.participation.draft import current_draft
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.record.forms import FORMS
from juece.domain.record.ledger import sha256_text
from juece.domain.record.workdays import CalendarUnknown, add_working_days, is_working_day
from juece.domain.stages import Stage

SUBMITTED = datetime(2026, 9, 25, 2, 0, tzinfo=UTC)  # a Friday, 10:00 in China
LAWFUL, REVISE, UNLAWFUL = "合法 Lawful", "需修改 Needs revision", "不合法 Unlawful"
REVIEW = {"authority": "县政府有权决定。", "procedure": "程序完备。", "content": "不违反上位法。"}


def only(acts: list) -> Any:
    assert len(acts) == 1
    return acts[0]


def reviewing(label: str, **params: Any) -> Answer:
    return Answer("legality_reviewer", [label], {**REVIEW, **params})


def revising(text: str = "第一条 按审查意见修改后的草案。") -> Answer:
    return Answer("sponsor_office", ["提交修改稿 Submit the revised draft"], {"text": text, "changes": "删去第五条。"})


@pytest.fixture
def advised(chain):
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {"conclusion": "lawful", "opinion": "合法。"})
    return chain


def answer(chain, spec, handler, reply: Answer) -> list[dict[str, Any]]:
    return chain.extend(handler(TaskContext(spec, chain.entries), reply).acts)


# --- working days by the official calendar (R-E3) --------------------------------------------

@pytest.mark.parametrize(("day", "working"), [
    (date(2026, 2, 14), True),    # a Saturday made a working day for the Spring Festival
    (date(2026, 2, 16), False),   # a Monday in the Spring Festival holiday
    (date(2026, 10, 10), True),   # a Saturday made a working day for National Day
    (date(2026, 10, 5), False),   # National Day holiday
    (date(2026, 11, 28), False),  # an ordinary Saturday
], ids=["makeup-saturday", "spring-festival", "makeup-after-national-day", "national-day", "saturday"])
def test_working_days_follow_the_official_calendar_with_its_make_up_days(day: date, working: bool) -> None:
    assert is_working_day(day) is working


def test_seven_working_days_over_national_day_count_the_make_up_saturdays() -> None:
    # from Fri 25 Sep 2026: Mon 28, Tue 29, Wed 30, (1-7 Oct off), Thu 8, Fri 9, Sat 10 (make-up), Mon 12
    assert add_working_days(date(2026, 9, 25), 7) == date(2026, 10, 12)


def test_a_period_beyond_the_official_calendar_is_refused_not_guessed_r_e3() -> None:
    with pytest.raises(RuleViolation) as caught:
        add_working_days(date(2026, 12, 24), 7)
    error = caught.value
    assert error.rule == "R-E3" and "2027-01-01" in error.en and "juece calendar import" in error.en
    assert isinstance(error, CalendarUnknown) and error.year == 2027


def test_a_schedule_published_before_the_library_knows_it_can_be_given_r_e3(tmp_path, monkeypatch) -> None:
    """The office gives a year's published schedule (here a made-up one: only the test's dates count)."""
    schedule = tmp_path / "calendar.yaml"
    schedule.write_text("2027:\n  holidays: [2027-01-01]\n  workdays: [2027-01-02]\n", encoding="utf-8")
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(schedule))
    assert not is_working_day(date(2027, 1, 1)) and is_working_day(date(2027, 1, 2))
    assert not is_working_day(date(2027, 1, 3))  # an ordinary Sunday
    # Thu 24 Dec 2026: Fri 25, Mon 28, Tue 29, Wed 30, Thu 31, (Fri 1 Jan off), Sat 2 (working), Mon 4
    assert add_working_days(date(2026, 12, 24), 7) == date(2027, 1, 4)
    with pytest.raises(RuleViolation) as caught:
        add_working_days(date(2027, 12, 24), 7)  # 2028: still unknown
    assert caught.value.rule == "R-E3" and "2028" in caught.value.en


def test_an_unreadable_schedule_file_is_a_clear_r_e3_error(tmp_path, monkeypatch) -> None:
    schedule = tmp_path / "calendar.yaml"
    schedule.write_text("2027:\n  holidays: 2027-01-01\n", encoding="utf-8")
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(schedule))
    with pytest.raises(RuleViolation) as caught:
        is_working_day(date(2027, 1, 4))
    assert caught.value.rule == "R-E3" and str(schedule) in caught.value.en


# --- the submission package (R-E2, R-E3) ------------------------------------------------------

def test_the_submission_states_every_earlier_stage_with_the_hash_of_each_entry(spec, chain) -> None:
    entries = [chain.add(Stage.PUBLIC_PARTICIPATION, kind, "sponsor_office") for kind in
               ("notice_published", "comments_closed", "comment_disposed", "adoption_report")]
    chain.add(Stage.EXPERT_REVIEW, "not_applicable", data={"reason": "非专业性问题"})
    act = only(legality.legality_submission(spec, chain.entries, SUBMITTED))
    assert (act.stage, act.kind, act.actor) == (Stage.LEGALITY_REVIEW, "submission_prepared", "sponsor_office")
    procedures = {p["stage"]: p for p in act.data["procedures"]}
    assert list(procedures) == ["launch", "public_participation", "expert_review", "risk_assessment"]
    assert {k: p["status"] for k, p in procedures.items()} == {
        "launch": "done", "public_participation": "done", "expert_review": "not_applicable",
        "risk_assessment": "missing"}
    assert procedures["public_participation"]["evidence"] == [e["hash"] for e in entries]  # all, not the last few
    assert procedures["launch"]["evidence"] == [chain.entries[0]["hash"]]
    assert procedures["public_participation"]["summary"].startswith("公众参与 Public participation：已履行")


def test_the_submission_carries_the_current_draft_the_legal_basis_and_the_due_date(spec, chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "draft_revised", "sponsor_office", {"version": 2, "text": "第二稿。"})
    data = only(legality.legality_submission(spec, chain.entries, SUBMITTED)).data
    assert (data["draft_version"], data["draft_text"], data["draft_sha256"]) == (2, "第二稿。", sha256_text("第二稿。"))
    assert data["draft_entry"] == chain.entries[-1]["hash"]
    assert data["legal_basis"] == list(spec.legal_basis)
    assert (data["submitted_on"], data["review_working_days"], data["review_due"]) == ("2026-09-25", 7, "2026-10-12")
    assert "holidays" in data["calendar"] and data["rules"] == ["R-E2", "R-E3"]


def test_a_submission_whose_due_date_is_beyond_the_calendar_is_refused_r_e3(spec, chain) -> None:
    with pytest.raises(RuleViolation) as caught:
        legality.legality_submission(spec, chain.entries, datetime(2026, 12, 28, tzinfo=UTC))
    assert caught.value.rule == "R-E3"


# --- review rounds (R-E4) --------------------------------------------------------------------

def test_a_revision_is_a_finished_review_that_asks_the_sponsor_to_revise(spec, advised) -> None:
    outcome = legality_review(TaskContext(spec, advised.entries), reviewing(REVISE, revisions="删去第五条。"))
    assert outcome.done and outcome.notes[0].startswith("[R-E4]")
    review = only(advised.extend(outcome.acts))
    assert (review["data"]["round"], review["data"]["draft_version"]) == (1, 1)
    assert legality.revision_needed(advised.entries) == review
    assert FORMS["legality_revision"].needed(advised.entries) and not FORMS["legality_rereview"].needed(advised.entries)


def test_the_sponsor_revises_then_the_reviewer_reviews_the_new_version(spec, advised) -> None:
    answer(advised, spec, legality_review, reviewing(REVISE, revisions="删去第五条。"))
    revised = only(answer(advised, spec, legality.legality_revision, revising()))
    assert (revised["stage"], revised["data"]["version"], revised["data"]["rule"]) == ("legality_review", 2, "R-E4")
    assert FORMS["legality_rereview"].needed(advised.entries)
    again = only(answer(advised, spec, legality_review, reviewing(LAWFUL)))
    assert (again["data"]["round"], again["data"]["draft_version"]) == (2, 2)
    assert legality.gate(advised.entries + [_controllable(advised)])[0]


def _controllable(chain) -> dict[str, Any]:
    return chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})


def test_the_reviewer_cannot_review_again_before_the_sponsor_revises(spec, advised) -> None:
    answer(advised, spec, legality_review, reviewing(REVISE, revisions="删去第五条。"))
    before = list(advised.entries)
    with pytest.raises(RuleViolation) as caught:
        legality_review(TaskContext(spec, advised.entries), reviewing(LAWFUL))
    assert caught.value.rule == "R-E4" and advised.entries == before


def test_the_sponsor_is_not_asked_to_revise_a_lawful_draft(spec, advised) -> None:
    answer(advised, spec, legality_review, reviewing(LAWFUL))
    with pytest.raises(RuleViolation) as caught:
        legality.legality_revision(TaskContext(spec, advised.entries), revising())
    assert caught.value.rule == "R-E4"
    assert not FORMS["legality_revision"].needed(advised.entries)


def test_reviews_stop_after_max_rounds(spec, make_spec, advised) -> None:
    one = make_spec({"stages.legality_review.max_rounds": 1})
    answer(advised, one, legality_review, reviewing(REVISE, revisions="删去第五条。"))
    answer(advised, one, legality.legality_revision, revising())
    with pytest.raises(RuleViolation) as caught:
        legality_review(TaskContext(one, advised.entries), reviewing(LAWFUL))
    assert caught.value.rule == "R-E4" and "1 review rounds" in caught.value.en


# --- the gate (R-E1, R-D4): one test per outcome -----------------------------------------------

def gate_closes_with(entries: list[dict[str, Any]], rule: str) -> dict[str, Any]:
    """The gate refuses citing ``rule`` and records exactly one act: its closing, nothing else."""
    before = [dict(e) for e in entries]
    passed, acts = legality.gate(entries)
    act = only(acts)
    assert passed is False and entries == before
    assert (act.stage, act.kind) == (Stage.LEGALITY_REVIEW, "gate_closed")
    assert rule in [r["rule"] for r in act.data["refusals"]]
    assert all(r["zh"] and r["en"] for r in act.data["refusals"])
    return act.data


def reviewed(chain, outcome: str, **data: Any) -> dict[str, Any]:
    return chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer", {"outcome": outcome, **data})


def test_the_gate_passes_a_lawful_review_and_a_controllable_risk(chain) -> None:
    _controllable(chain)
    review = reviewed(chain, "lawful", draft_version=1)
    passed, acts = legality.gate(chain.entries)
    act = only(acts)
    assert passed and act.kind == "gate_passed" and act.data["refusals"] == []
    assert (act.data["review_entry"], act.data["draft_version"]) == (review["hash"], 1)


def test_the_gate_passes_an_unlawful_finding_only_with_the_exploratory_override_r_e1(chain) -> None:
    _controllable(chain)
    reviewed(chain, "unlawful", exploratory_override=True, legal_risk="上位法空白")
    passed, acts = legality.gate(chain.entries)
    assert passed and only(acts).data["exploratory_override"] is True


def test_the_gate_closes_without_a_legality_review_r_e1(chain) -> None:
    _controllable(chain)
    assert gate_closes_with(chain.entries, "R-E1")["review_entry"] is None


def test_the_gate_closes_on_an_unlawful_finding_r_e1(chain) -> None:
    _controllable(chain)
    reviewed(chain, "unlawful", exploratory_override=False)
    gate_closes_with(chain.entries, "R-E1")


def test_the_gate_closes_while_revisions_are_outstanding_r_e4(chain) -> None:
    _controllable(chain)
    reviewed(chain, "lawful_with_revisions", revisions="删去第五条。")
    gate_closes_with(chain.entries, "R-E4")


def test_the_gate_closes_when_the_lawful_review_is_of_an_earlier_draft_r_e4(chain) -> None:
    _controllable(chain)
    reviewed(chain, "lawful", draft_version=1)
    chain.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 2, "text": "第二稿。"})
    assert current_draft(chain.entries).version == 2
    gate_closes_with(chain.entries, "R-E4")


def test_the_gate_closes_on_an_uncontrollable_latest_risk_round_r_d4(chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": False})
    reviewed(chain, "lawful")
    assert gate_closes_with(chain.entries, "R-D4")["risk_controllable"] is False


def test_the_gate_closes_without_any_risk_assessment_r_d1(chain) -> None:
    reviewed(chain, "lawful")
    gate_closes_with(chain.entries, "R-D1")


def test_the_gate_passes_a_risk_stage_marked_not_applicable(chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "not_applicable", data={"reason": "无风险"})
    reviewed(chain, "lawful")
    assert legality.gate(chain.entries)[0]


def test_the_gate_reads_the_latest_review_and_the_latest_risk_round(chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": False})
    chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", data={"controllable": True})
    reviewed(chain, "lawful_with_revisions")
    assert legality.gate(chain.entries)[0] is False
    reviewed(chain, "lawful")
    assert legality.gate(chain.entries)[0] is True
