"""The spec-bounded steps (R-B4, R-B6, R-D2, R-F2) as a reader sees them: their exact words, a
stage marked not applicable closing only its own steps, and a record or spec without a block."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from juece.domain.archive.overdue import pending_steps
from juece.domain.stages import Stage
from juece.spec import load_spec

ROOT = Path(__file__).resolve().parents[4]
CALENDAR = ROOT / "tests" / "data" / "calendar-2027-for-tests.yaml"
LATER = datetime(2027, 3, 2, tzinfo=UTC)
PP, ER, RA, LR = Stage.PUBLIC_PARTICIPATION, Stage.EXPERT_REVIEW, Stage.RISK_ASSESSMENT, Stage.LEGALITY_REVIEW


def rules(chain: Any, rule: str) -> list[Any]:
    return [step for step in pending_steps(chain.entries, LATER) if step.rule == rule]


@pytest.fixture
def hearing_chain(empty_chain: Any) -> Any:
    spec = load_spec(ROOT / "templates" / "price-hearing.yaml")
    chain = type(empty_chain)(spec.id).launched(spec)
    chain.add(PP, "hearing_held", "sponsor_office", {"record": "笔录", "record_sha256": "0" * 64})
    return chain


def bare(empty_chain: Any, spec: dict[str, Any]) -> Any:
    empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec})
    return empty_chain


def test_the_hearing_record_step_states_its_days_in_both_languages(hearing_chain: Any) -> None:
    (step,) = rules(hearing_chain, "R-B6")
    assert step.step_label == "听证会后7日内参加人签署笔录 hearing record signed within 7 days"


def test_another_stage_not_applicable_leaves_the_hearing_record_open(hearing_chain: Any) -> None:
    hearing_chain.add(ER, "not_applicable", "juece", {"reason": "无需论证", "rule": "R-A2"})
    assert len(rules(hearing_chain, "R-B6")) == 1


def test_a_hearing_held_under_a_spec_without_participants_waits_on_nobody(empty_chain: Any) -> None:
    chain = bare(empty_chain, {"stages": {"public_participation": {"hearing": {"format": "open"}}}})
    chain.add(PP, "hearing_held", "sponsor_office", {"record": "笔录"})
    assert rules(chain, "R-B6") == []


def test_another_stage_not_applicable_leaves_the_dispositions_open(
        chain: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_CALENDAR_FILE", str(CALENDAR))
    chain.add(PP, "comments_closed", "juece", {})
    chain.add(ER, "not_applicable", "juece", {"reason": "无需论证", "rule": "R-A2"})
    assert len(rules(chain, "R-B4")) == 1


def started(chain: Any) -> Any:
    chain.add(Stage.LAUNCH, "workflow_started", "juece", {"run_id": "manual__1"})
    return chain


def assess(chain: Any, controllable: bool) -> None:
    chain.add(RA, "risk_assessed", "risk_assessor", {"controllable": controllable})


def test_the_first_risk_round_states_its_number_and_days(chain: Any) -> None:
    (step,) = rules(started(chain), "R-D2")
    assert step.step_label == "第1轮风险评估30日内完成 risk assessment round 1 within 30 days"


def test_another_stage_not_applicable_leaves_the_risk_round_open(chain: Any) -> None:
    started(chain).add(ER, "not_applicable", "juece", {"reason": "无需论证", "rule": "R-A2"})
    assert len(rules(chain, "R-D2")) == 1


def test_a_concluded_risk_assessment_holds_no_round_even_after_a_revision(chain: Any) -> None:
    assess(started(chain), controllable=False)
    chain.add(RA, "draft_revised", "sponsor_office", {"version": 2})
    chain.add(RA, "risk_concluded", "risk_assessor", {})
    assert rules(chain, "R-D2") == []


def test_a_controllable_round_closes_it_even_when_a_revision_came_before(chain: Any) -> None:
    started(chain).add(RA, "draft_revised", "sponsor_office", {"version": 2})
    assess(chain, controllable=True)
    assert rules(chain, "R-D2") == []


def test_a_revision_before_the_last_uncontrollable_round_opens_no_new_one(chain: Any) -> None:
    assess(started(chain), controllable=False)
    chain.add(RA, "draft_revised", "sponsor_office", {"version": 2})
    assess(chain, controllable=False)
    assert rules(chain, "R-D2") == []


def test_without_max_rounds_in_the_spec_three_rounds_are_the_most(empty_chain: Any) -> None:
    chain = started(bare(empty_chain, {"stages": {"risk_assessment": {"assessor": "risk_assessor"}}}))
    for version in (2, 3):
        assess(chain, controllable=False)
        chain.add(RA, "draft_revised", "sponsor_office", {"version": version})
    (step,) = rules(chain, "R-D2")
    assert step.step_label == "第3轮风险评估30日内完成 risk assessment round 3 within 30 days"
    assess(chain, controllable=False)
    chain.add(RA, "draft_revised", "sponsor_office", {"version": 4})
    assert rules(chain, "R-D2") == []


def test_the_convening_step_states_its_days_in_both_languages(chain: Any) -> None:
    chain.add(LR, "gate_passed", "juece", {"refusals": []})
    (step,) = rules(chain, "R-F2")
    assert step.step_label == "通过合法性审查后30日内召开会议 meeting convened within 30 days of the gate"


def test_a_revision_after_a_controllable_round_opens_no_further_round(chain: Any) -> None:
    assess(started(chain), controllable=True)
    chain.add(RA, "draft_revised", "sponsor_office", {"version": 2})
    assert rules(chain, "R-D2") == []
