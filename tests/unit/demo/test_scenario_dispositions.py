"""The demo's and the integration runs' scenarios dispose as the statute now asks: every comment,
late ones too, partly adopted with a reason (R-B4), every expert opinion with its reasons (R-C6)."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.demo.answers import Situation, answer_for
from juece.demo.scenario import load_scenario
from juece.domain.participation.review_answers import comment_dispositions, opinion_dispositions
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from juece.spec.loader import load_spec
from tests.unit.domain.conftest import Chain

REPO = Path(__file__).resolve().parents[3]
SCENARIOS = sorted([*REPO.glob("templates/scenarios/*.yaml"), *REPO.glob("tests/integration/data/*.yaml")])
SCENARIOS = [path for path in SCENARIOS if "spec:" in path.read_text(encoding="utf-8")]
SPEC = load_spec(REPO / "templates" / "urban-planning.yaml")  # a scenario's answers do not depend on its spec


def received(path: Path) -> tuple[Chain, list[str]]:
    """The scenario's decision with each of its comments received, the last one late."""
    scenario = load_scenario(path)
    chain = Chain(SPEC.id).launched(SPEC)
    receipts = [f"C-{n:06d}" for n in range(1, len(scenario.comments) + 1)]
    for n, (receipt, comment) in enumerate(zip(receipts, scenario.comments, strict=True)):
        chain.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                  {"receipt": receipt, "text": comment.text, "late": n == len(receipts) - 1})
    return chain, receipts


@pytest.mark.parametrize("path", SCENARIOS, ids=[p.stem for p in SCENARIOS])
def test_a_scenarios_comment_dispositions_pass_r_b4_late_comments_included(path: Path) -> None:
    scenario = load_scenario(path)
    chain, receipts = received(path)
    first_try = bool(scenario.comment_dispositions_first_try)
    for attempt in range(2 if first_try else 1):
        chosen, params = answer_for(scenario, "public_participation.dispose_comments", attempt,
                                    Situation(receipts, chain.entries))
        answer = Answer("sponsor_office", chosen, params)
        if attempt == 0 and first_try:  # the demo's deliberate wrong first answer
            with pytest.raises(RuleViolation) as refused:
                comment_dispositions(TaskContext(SPEC, chain.entries), answer)
            assert (refused.value.rule, refused.value.field) == ("R-B4", "reason")
            continue
        outcome = comment_dispositions(TaskContext(SPEC, chain.entries), answer)
        assert outcome.done and outcome.acts[-1].data["total"] == len(receipts)


@pytest.mark.parametrize("path", [p for p in SCENARIOS if load_scenario(p).opinion_dispositions],
                         ids=lambda p: p.stem)
def test_a_scenarios_opinion_dispositions_give_reasons_for_every_seat_r_c6(path: Path) -> None:
    scenario = load_scenario(path)
    chain = Chain(SPEC.id).launched(SPEC)
    seats = sorted(scenario.opinion_dispositions) + ["reserve_9"]  # and a reserve the scenario did not foresee
    chain.extend([Act(Stage.EXPERT_REVIEW, "panel_drawn", "juece", {"seats": [
        {"seat": seat, "user": f"expert_{n}"} for n, seat in enumerate(seats)]})])
    for n, seat in enumerate(seats):
        chain.add(Stage.EXPERT_REVIEW, "opinion_signed", f"expert_{n}", {"seat": seat, "expert": f"expert_{n}"})
    chosen, params = answer_for(scenario, "expert_review.dispose_opinions", 0, Situation([], chain.entries))
    outcome = opinion_dispositions(TaskContext(SPEC, chain.entries), Answer("sponsor_office", chosen, params))
    assert outcome.done and all(act.data.get("reason") for act in outcome.acts[:-1])
