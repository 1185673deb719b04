"""The steps without a statutory deadline, bounded by the spec's time_limits, and the decision as a
whole (R-H5, 久拖不决): each open until the entry that closes it, due at 24:00 China time of its
last day, held by whoever must act; nothing once closed, not applicable or ended."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.domain.archive.overdue import overdue_steps, pending_steps
from juece.domain.stages import Stage
from juece.spec import load_spec
from juece.spec.base import CHINA

ROOT = Path(__file__).resolve().parents[4]
CALENDAR = ROOT / "tests" / "data" / "calendar-2027-for-tests.yaml"
Chain = Any  # tests/unit/domain/conftest.py's in-memory record: entries at 2027-03-01 16:00 China time + seq minutes
PP, RA, LR, CD = (Stage.PUBLIC_PARTICIPATION, Stage.RISK_ASSESSMENT, Stage.LEGALITY_REVIEW,
                  Stage.COLLECTIVE_DELIBERATION)


def china(day: str, clock: str = "00:00") -> datetime:
    return datetime.fromisoformat(f"{day}T{clock}:00").replace(tzinfo=CHINA)


def by_rule(chain: Chain, rule: str, now: datetime) -> list[Any]:
    return [step for step in pending_steps(chain.entries, now) if step.rule == rule]


def only(chain: Chain, rule: str, now: datetime) -> Any:
    (step,) = by_rule(chain, rule, now)
    return step


def started(chain: Chain) -> Chain:
    chain.add(Stage.LAUNCH, "workflow_started", "juece", {"run_id": "manual__1"})
    return chain


def assert_due_at_midnight_china(chain: Chain, rule: str, last_day: str) -> None:
    """Not overdue at 23:59 of the last day in China; overdue one minute after its 24:00."""
    before = only(chain, rule, china(last_day, "23:59"))
    after = only(chain, rule, china(last_day) + timedelta(days=1, minutes=1))
    assert (before.due, before.overdue, after.overdue) == (last_day, False, True)


@pytest.fixture
def official_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(CALENDAR))


# --- R-B4: comments disposed of within working days of the close --------------------------------

class TestDispositions:
    def test_nothing_is_open_before_the_comment_period_closes(self, chain: Chain) -> None:
        assert by_rule(chain, "R-B4", china("2028-01-01")) == []

    def test_open_after_the_close_held_by_the_sponsor_and_due_fifteen_working_days_later(
            self, chain: Chain, official_2027: None) -> None:
        chain.add(PP, "comments_closed", "juece", {"count": 0})  # Monday 1 March 2027
        step = only(chain, "R-B4", china("2027-03-10"))
        assert (step.stage, step.step, step.holders, step.overdue) == (PP, "comments_closed", ["sponsor_office"], False)
        assert "15个工作日" in step.step_label and "15 working days" in step.step_label
        assert_due_at_midnight_china(chain, "R-B4", "2027-03-22")  # three weekends crossed

    @pytest.mark.parametrize(("holidays", "workdays", "due"), [
        ("[2027-01-01, 2027-03-19]", "[]", "2027-03-23"),
        ("[2027-01-01, 2027-03-19]", "[2027-03-20]", "2027-03-22"),
    ], ids=["a-friday-off-moves-it-a-day", "a-make-up-saturday-moves-it-back"])
    def test_the_working_days_skip_holidays_and_count_make_up_weekend_days(
            self, chain: Chain, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
            holidays: str, workdays: str, due: str) -> None:
        calendar = tmp_path / "calendar.yaml"
        calendar.write_text(f"2027:\n  holidays: {holidays}\n  workdays: {workdays}\n", encoding="utf-8")
        monkeypatch.setenv("JUECE_CALENDAR_FILE", str(calendar))
        chain.add(PP, "comments_closed", "juece", {"count": 0})
        assert_due_at_midnight_china(chain, "R-B4", due)

    def test_a_year_without_an_official_schedule_gives_an_unknown_due_date_never_a_guess(
            self, chain: Chain, monkeypatch: pytest.MonkeyPatch) -> None:
        monkeypatch.delenv("JUECE_CALENDAR_FILE", raising=False)
        chain.add(PP, "comments_closed", "juece", {"count": 0})
        step = only(chain, "R-B4", china("2027-12-31"))
        assert (step.due, step.overdue) == ("unknown", False) and "2027" in step.note

    def test_the_adoption_report_of_the_comments_closes_it_and_the_experts_report_does_not(
            self, chain: Chain, official_2027: None) -> None:
        chain.add(PP, "comments_closed", "juece", {"count": 0})
        chain.add(Stage.EXPERT_REVIEW, "adoption_report", "sponsor_office", {})
        assert by_rule(chain, "R-B4", china("2027-04-01"))[0].overdue
        chain.add(PP, "adoption_report", "sponsor_office", {})
        assert by_rule(chain, "R-B4", china("2027-04-01")) == []

    def test_a_stage_not_applicable_holds_nothing(self, chain: Chain, official_2027: None) -> None:
        chain.add(PP, "not_applicable", "juece", {"reason": "依法不予公开", "rule": "R-A2"})
        chain.add(PP, "comments_closed", "juece", {"count": 0})
        assert by_rule(chain, "R-B4", china("2027-04-01")) == []

    def test_the_limit_is_the_specs(self, make_spec: Any, empty_chain: Chain, official_2027: None) -> None:
        chain = empty_chain.launched(make_spec({"time_limits": {"dispositions_working_days": 5}}))
        chain.add(PP, "comments_closed", "juece", {"count": 0})
        assert_due_at_midnight_china(chain, "R-B4", "2027-03-08")


# --- R-B6: every participant signs the hearing record -----------------------------------------

@pytest.fixture
def hearing_chain(empty_chain: Chain) -> Chain:
    spec = load_spec(ROOT / "templates" / "price-hearing.yaml")
    chain = type(empty_chain)(spec.id).launched(spec)
    chain.add(PP, "hearing_held", "sponsor_office", {"record": "笔录", "record_sha256": "0" * 64})
    return chain


def sign(chain: Chain, user: str, confirmed: bool = True) -> None:
    chain.add(PP, "hearing_record_signed", user, {"participant": user, "confirmed": confirmed})


class TestHearingRecord:
    def test_nothing_is_open_before_the_hearing(self, chain: Chain) -> None:
        assert by_rule(chain, "R-B6", china("2028-01-01")) == []

    def test_held_by_the_participants_who_have_not_signed_due_seven_days_after_the_hearing(
            self, hearing_chain: Chain) -> None:
        for n in range(1, 14):
            sign(hearing_chain, f"hearing_{n:02d}")
        step = only(hearing_chain, "R-B6", china("2027-03-02"))
        assert (step.holders, step.step, step.stage) == (["hearing_14", "hearing_15"], "hearing_held", PP)
        assert_due_at_midnight_china(hearing_chain, "R-B6", "2027-03-08")

    def test_closed_when_every_participant_has_answered_a_dispute_included(self, hearing_chain: Chain) -> None:
        for n in range(1, 16):
            sign(hearing_chain, f"hearing_{n:02d}", confirmed=n != 15)
        assert by_rule(hearing_chain, "R-B6", china("2027-04-01")) == []

    def test_a_signature_of_an_earlier_hearing_record_does_not_count(self, hearing_chain: Chain) -> None:
        sign(hearing_chain, "hearing_01")
        hearing_chain.add(PP, "hearing_held", "sponsor_office", {"record": "笔录二", "record_sha256": "1" * 64})
        assert "hearing_01" in only(hearing_chain, "R-B6", china("2027-03-02")).holders

    def test_a_decision_whose_participation_is_not_applicable_holds_nothing(self, hearing_chain: Chain) -> None:
        hearing_chain.add(PP, "not_applicable", "juece", {"reason": "依法不予公开", "rule": "R-A2"})
        assert by_rule(hearing_chain, "R-B6", china("2027-04-01")) == []


# --- R-D2: each risk assessment round -----------------------------------------------------------

def assess(chain: Chain, controllable: bool) -> None:
    chain.add(RA, "risk_assessed", "risk_assessor", {"controllable": controllable})


class TestRiskRound:
    def test_nothing_is_open_before_the_workflow_starts(self, chain: Chain) -> None:
        assert by_rule(chain, "R-D2", china("2028-01-01")) == []

    def test_the_first_round_opens_with_the_workflow_and_the_assessor_holds_it(self, chain: Chain) -> None:
        started(chain)
        step = only(chain, "R-D2", china("2027-03-02"))
        assert (step.stage, step.step, step.holders) == (RA, "workflow_started", ["risk_assessor"])
        assert "第1轮" in step.step_label and "round 1" in step.step_label
        assert_due_at_midnight_china(chain, "R-D2", "2027-03-31")

    def test_a_controllable_round_closes_it(self, chain: Chain) -> None:
        assess(started(chain), controllable=True)
        assert by_rule(chain, "R-D2", china("2028-01-01")) == []

    def test_while_the_sponsor_revises_no_round_is_open_then_the_revision_opens_the_next(self, chain: Chain) -> None:
        assess(started(chain), controllable=False)
        assert by_rule(chain, "R-D2", china("2028-01-01")) == []
        chain.add(LR, "draft_revised", "sponsor_office", {"version": 2})  # a legality revision opens no round
        assert by_rule(chain, "R-D2", china("2028-01-01")) == []
        chain.add(RA, "draft_revised", "sponsor_office", {"version": 3})
        step = only(chain, "R-D2", china("2027-03-02"))
        assert (step.step, step.holders) == ("draft_revised", ["risk_assessor"]) and "round 2" in step.step_label
        assess(chain, controllable=True)
        assert by_rule(chain, "R-D2", china("2028-01-01")) == []

    def test_once_the_rounds_run_out_none_is_open(self, make_spec: Any, empty_chain: Chain) -> None:
        chain = started(empty_chain.launched(make_spec({"stages.risk_assessment.max_rounds": 1})))
        assess(chain, controllable=False)
        chain.add(RA, "draft_revised", "sponsor_office", {"version": 2})
        assert by_rule(chain, "R-D2", china("2028-01-01")) == []

    def test_the_stage_not_applicable_or_concluded_holds_nothing(self, chain: Chain) -> None:
        started(chain).add(RA, "not_applicable", "juece", {"reason": "无风险", "rule": "R-A2"})
        assert by_rule(chain, "R-D2", china("2028-01-01")) == []

    def test_the_limit_is_the_specs(self, make_spec: Any, empty_chain: Chain) -> None:
        chain = started(empty_chain.launched(make_spec({"time_limits": {"risk_round_days": 10}})))
        assert_due_at_midnight_china(chain, "R-D2", "2027-03-11")


# --- R-F2: the meeting convened, then the head's decision ----------------------------------------

def gate(chain: Chain, passed: bool = True) -> None:
    chain.add(LR, "gate_passed" if passed else "gate_closed", "juece", {"refusals": []})


class TestConvening:
    def test_nothing_is_open_before_the_gate_passes(self, chain: Chain) -> None:
        chain.add(LR, "legality_reviewed", "legality_reviewer", {"outcome": "lawful"})
        assert by_rule(chain, "R-F2", china("2028-01-01")) == []

    def test_the_secretary_and_the_sponsor_hold_the_meeting_due_thirty_days_after_the_gate(self, chain: Chain) -> None:
        gate(chain)
        step = only(chain, "R-F2", china("2027-03-02"))
        assert (step.stage, step.step, step.holders) == (CD, "gate_passed", ["secretary", "sponsor_office"])
        assert_due_at_midnight_china(chain, "R-F2", "2027-03-31")

    def test_a_closed_gate_ends_the_decision_and_nobody_convenes(self, chain: Chain) -> None:
        gate(chain, passed=False)
        assert by_rule(chain, "R-F2", china("2028-01-01")) == []

    def test_an_accelerated_clock_reaches_the_limit_sooner(self, empty_chain: Chain, spec: Any) -> None:
        chain = empty_chain.launched(spec, clock_scale=86400)  # a legal day a second
        gate(chain)
        opened = datetime.fromisoformat(chain.entries[-1]["at"])
        assert overdue_steps(chain.entries, opened + timedelta(seconds=20)) == []
        assert [s.rule for s in overdue_steps(chain.entries, opened + timedelta(seconds=40))] == ["R-F2"]


class TestHeadDecision:
    def test_the_meeting_closes_the_convening_and_opens_the_heads_decision(self, chain: Chain) -> None:
        gate(chain)
        chain.add(CD, "meeting_convened", "secretary", {"attendees": ["county_head"]})
        step = only(chain, "R-F2", china("2027-03-02"))
        assert (step.step, step.holders, step.stage) == ("meeting_convened", ["county_head"], CD)
        assert "7日内" in step.step_label
        assert_due_at_midnight_china(chain, "R-F2", "2027-03-08")

    def test_the_heads_decision_closes_it(self, chain: Chain) -> None:
        gate(chain)
        chain.add(CD, "meeting_convened", "secretary", {"attendees": ["county_head"]})
        chain.add(CD, "head_decision", "county_head", {"outcome": "postpone"})
        assert by_rule(chain, "R-F2", china("2028-01-01")) == []

    def test_no_meeting_no_heads_decision_open(self, chain: Chain) -> None:
        assert by_rule(chain, "R-F2", china("2028-01-01")) == []


# --- R-H5: the decision as a whole --------------------------------------------------------------

class TestOverall:
    def test_open_from_launch_held_by_the_sponsor_with_its_age_and_limit(self, chain: Chain) -> None:
        step = only(chain, "R-H5", china("2027-06-09", "12:00"))
        assert (step.stage, step.step, step.holders) == (Stage.LAUNCH, "launched", ["sponsor_office"])
        assert "已启动100日，限540日" in step.step_label
        assert "launched 100 days ago, limit 540 days" in step.step_label

    @pytest.mark.parametrize(("template", "last_day"), [
        ("urban-planning.yaml", "2028-08-22"),  # important_plan: 540 days
        ("public-construction.yaml", "2028-08-22"),  # major_public_construction: 540 days
        ("price-hearing.yaml", "2028-02-29"),  # public_policy: 365 days (2028 is a leap year)
    ], ids=["important-plan", "major-construction", "public-policy"])
    def test_without_a_limit_in_the_spec_the_category_sets_it(self, empty_chain: Chain, template: str,
                                                                last_day: str) -> None:
        spec = load_spec(ROOT / "templates" / template)
        assert spec.time_limits.overall_days is None
        chain = type(empty_chain)(spec.id).launched(spec)
        assert_due_at_midnight_china(chain, "R-H5", last_day)

    def test_a_limit_in_the_spec_overrides_the_category(self, make_spec: Any, empty_chain: Chain) -> None:
        chain = empty_chain.launched(make_spec({"time_limits": {"overall_days": 100}}))
        assert_due_at_midnight_china(chain, "R-H5", "2027-06-09")
        assert "限100日" in only(chain, "R-H5", china("2027-06-09")).step_label

    def test_a_record_launched_before_time_limits_existed_gets_the_defaults(self, chain: Chain) -> None:
        del chain.entries[0]["data"]["spec"]["time_limits"]
        assert_due_at_midnight_china(chain, "R-H5", "2028-08-22")

    @pytest.mark.parametrize("end", ["head_decision", "gate_closed"])
    def test_the_heads_decision_or_a_closed_gate_ends_it(self, chain: Chain, end: str) -> None:
        chain.add(CD if end == "head_decision" else LR, end, "juece", {"outcome": "reject"})
        assert by_rule(chain, "R-H5", china("2030-01-01")) == []
        assert pending_steps(chain.entries, china("2030-01-01")) == []

    def test_an_accelerated_clock_counts_the_age_on_its_own_clock(self, empty_chain: Chain, spec: Any) -> None:
        chain = empty_chain.launched(spec, clock_scale=86400)
        launched = datetime.fromisoformat(chain.entries[0]["at"])
        step = only(chain, "R-H5", launched + timedelta(seconds=100))
        assert "launched 100 days ago" in step.step_label and not step.overdue
        assert only(chain, "R-H5", launched + timedelta(seconds=541)).overdue
