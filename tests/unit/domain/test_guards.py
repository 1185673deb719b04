"""The steps after the legality gate check their own preconditions from the record (R-E1, R-D4,
R-F5, R-H2): each refusal names its rule and field and says why in Chinese and English, so a task
marked done or re-run in Airflow's UI cannot skip the law."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain import guards
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage

LR, CD = Stage.LEGALITY_REVIEW, Stage.COLLECTIVE_DELIBERATION
NOT_PASSED = ("R-E1", "尚未通过合法性审查关口，不能进入集体讨论",
              "the legality gate has not been passed: no deliberation", "gate")
CLOSED_ZH = "合法性审查关口已关闭（不合法或风险不可控），不得进入集体讨论或公布"
CLOSED_EN = "the legality gate closed (unlawful or uncontrollable risk): no deliberation, no publication"
NOT_CONCLUDED = ("R-F5", "集体讨论尚未作出并记录决定，不能公布",
                 "the meeting's decision is not concluded in the record: nothing to publish", "deliberation_concluded")
NOT_THE_HEADS = ("R-F5", "会议决定记录与行政首长的决定不一致",
                 "the concluded outcome is not the head's latest decision", "deliberation_concluded")


def refusal(guard: guards.Guard, entries: list[dict[str, Any]]) -> tuple[str | None, str, str, str | None]:
    with pytest.raises(RuleViolation) as refused:
        guard(entries)
    return refused.value.rule, refused.value.zh, refused.value.en, refused.value.field


def passed(chain, data: dict[str, Any] | None = None) -> dict[str, Any]:
    return chain.add(LR, "gate_passed", "juece", {"refusals": [], **(data or {})})


def closed(chain, refusals: Any) -> dict[str, Any]:
    return chain.add(LR, "gate_closed", "juece", {"refusals": refusals})


def revised(chain, version: int) -> None:
    chain.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": version, "text": f"第{version}版"})


# --- the gate (R-E1, R-D4) -----------------------------------------------------------------------

def test_no_step_after_the_gate_runs_before_a_gate_is_on_record(chain) -> None:
    chain.add(LR, "legality_reviewed", "legality_reviewer", {"outcome": "lawful"})
    assert refusal(guards.gate_passed_for_current_draft, chain.entries) == NOT_PASSED


def test_a_passed_gate_for_the_draft_as_it_stands_lets_the_meeting_steps_run(chain) -> None:
    passed(chain, {"draft_version": 1})
    assert guards.gate_passed_for_current_draft(chain.entries) is None
    for step in ("materials", "convene", "member_view", "head_decision", "minutes", "conclude"):
        assert guards.check(step, chain.entries) is None


def test_a_gate_passed_before_versions_were_recorded_holds_for_any_draft(chain) -> None:
    passed(chain)
    revised(chain, 3)
    assert guards.gate_passed_for_current_draft(chain.entries) is None


def test_a_gate_passed_for_an_earlier_draft_is_refused_naming_both_versions(chain) -> None:
    passed(chain, {"draft_version": 1})
    revised(chain, 2)
    assert refusal(guards.gate_passed_for_current_draft, chain.entries) == (
        "R-E1", "关口通过的是第1版草案，现行为第2版，须重新审查",
        "the gate passed version 1 of the draft; version 2 is current and needs review again", "gate")


def test_a_gate_passed_again_for_the_revised_draft_lets_the_steps_run(chain) -> None:
    passed(chain, {"draft_version": 1})
    revised(chain, 2)
    passed(chain, {"draft_version": 2})
    assert guards.gate_passed_for_current_draft(chain.entries) is None


@pytest.mark.parametrize(("refusals", "rule"), [
    ([{"rule": "R-D4"}], "R-D4"),
    ([{"rule": "R-D1"}, {"rule": "R-D4"}], "R-D4"),
    (["a refusal without a rule", {"rule": "R-D1"}], "R-D4"),
    ([], "R-E1"),
    ([{"rule": "R-E2"}], "R-E1"),
    ([{"rule": "R-D4"}, {"rule": "R-E2"}], "R-E1"),
    ([{"zh": "no rule named"}], "R-E1"),
], ids=["risk-only", "risk-rules-only", "non-dict-skipped", "no-refusals", "unlawful", "both", "unnamed"])
def test_a_closed_gate_is_refused_under_r_d4_only_when_every_refusal_is_of_risk(chain, refusals, rule) -> None:
    closed(chain, refusals)
    assert refusal(guards.gate_passed_for_current_draft, chain.entries) == (rule, CLOSED_ZH, CLOSED_EN, "gate")


def test_a_closed_gate_without_a_list_of_refusals_is_refused_under_r_e1(chain) -> None:
    chain.add(LR, "gate_closed", "juece", {"outcome": "unlawful"})
    assert refusal(guards.gate_passed_for_current_draft, chain.entries) == ("R-E1", CLOSED_ZH, CLOSED_EN, "gate")


def test_the_last_gate_counts_a_pass_after_a_closing_and_a_closing_after_a_pass(chain) -> None:
    closed(chain, [{"rule": "R-E2"}])
    passed(chain, {"draft_version": 1})
    assert guards.gate_passed_for_current_draft(chain.entries) is None
    closed(chain, [{"rule": "R-D4"}])
    assert refusal(guards.gate_passed_for_current_draft, chain.entries)[0] == "R-D4"


# --- publication: the meeting's recorded conclusion (R-F5) --------------------------------------

def head(chain, outcome: str = "approve") -> dict[str, Any]:
    return chain.add(CD, "head_decision", "county_head", {"outcome": outcome, "reason": ""})


def concluded(chain, decision: dict[str, Any] | None) -> None:
    chain.add(CD, "deliberation_concluded", "secretary", {"decision_entry": decision["hash"] if decision else None})


def test_publication_follows_the_concluded_decision_of_the_head(chain) -> None:
    passed(chain, {"draft_version": 1})
    concluded(chain, head(chain))
    assert guards.deliberation_concluded(chain.entries) is None
    assert guards.check("publication", chain.entries) is None
    assert guards.check("publication_review", chain.entries) is None


def test_publication_needs_the_gate_first(chain) -> None:
    concluded(chain, head(chain))
    assert refusal(guards.deliberation_concluded, chain.entries) == NOT_PASSED


def test_a_head_decision_not_concluded_in_the_record_is_not_published(chain) -> None:
    passed(chain)
    head(chain)
    assert refusal(guards.deliberation_concluded, chain.entries) == NOT_CONCLUDED


def test_a_conclusion_without_any_head_decision_is_refused(chain) -> None:
    passed(chain)
    concluded(chain, None)
    assert refusal(guards.deliberation_concluded, chain.entries) == NOT_THE_HEADS


def test_a_conclusion_of_an_earlier_head_decision_is_refused(chain) -> None:
    passed(chain)
    concluded(chain, head(chain, "revise"))
    head(chain, "approve")
    assert refusal(guards.deliberation_concluded, chain.entries) == NOT_THE_HEADS


# --- the archive: a chain that verifies (R-H2) ---------------------------------------------------

def test_an_intact_chain_may_be_archived(chain) -> None:
    passed(chain)
    assert guards.chain_intact(chain.entries) is None
    assert guards.check("archive", chain.entries) is None


def test_a_broken_chain_is_refused_naming_its_first_three_problems(chain) -> None:
    for n in range(3):
        chain.add(LR, "legality_reviewed", "legality_reviewer", {"n": n})
    chain.entries[1]["seq"] = 12
    chain.entries[2]["seq"] = 13
    problems = "entry 2: seq is 12, expected 2; entry 2: hash does not match its content; entry 3: seq is 13, expected 3"
    assert refusal(guards.chain_intact, chain.entries) == (
        "R-H2", f"台账哈希链校验失败，不能归档：{problems}",
        f"the ledger's chain does not verify: no archive: {problems}", "chain")


def test_a_step_without_a_precondition_is_never_refused(empty_chain) -> None:
    assert guards.check("publish_notice", empty_chain.entries) is None
    assert set(guards.GUARDS) == {"materials", "convene", "member_view", "head_decision", "minutes", "conclude",
                                  "publication_review", "publication", "archive"}
