"""The compliance table's statuses: met with its proof, not applicable, optional unused, open."""

from __future__ import annotations

from typing import Any

from juece.domain.compliance import MET, NOT_APPLICABLE, NOT_USED, OPEN, RULES, compliance


def entry(seq: int, stage: str, kind: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"seq": seq, "stage": stage, "kind": kind, "data": data or {}, "hash": f"{seq:064x}"}


ENTRIES = [
    entry(1, "launch", "launched"),
    entry(2, "public_participation", "notice_published"),
    entry(3, "public_participation", "answer_refused", {"rule": "R-B4"}),
    entry(4, "public_participation", "answer_refused", {"rule": "R-B4"}),
    entry(5, "public_participation", "comment_disposed"),
    entry(6, "risk_assessment", "not_applicable", {"reason": "不涉及"}),
]


def by_rule() -> dict[str, Any]:
    return {item.rule: item for item in compliance(ENTRIES)}


def test_every_rule_of_the_statute_is_listed_once_in_order() -> None:
    assert [item.rule for item in compliance(ENTRIES)] == [rule[0] for rule in RULES]
    assert len({rule[0] for rule in RULES}) == len(RULES) == 40


def test_a_rule_is_met_by_its_first_proving_entry_and_refusals_are_counted() -> None:
    item = by_rule()["R-B4"]
    assert (item.status, item.proof["seq"], item.refusals) == (MET, 5, 2)


def test_a_stage_recorded_as_not_applicable_makes_its_rules_not_applicable() -> None:
    item = by_rule()["R-D1"]
    assert item.status == NOT_APPLICABLE and item.proof["kind"] == "not_applicable"


def test_an_unused_optional_rule_is_no_breach_but_a_missing_hard_one_is_open() -> None:
    rules = by_rule()
    assert rules["R-B6"].status == NOT_USED
    assert rules["R-E1"].status == OPEN and rules["R-E1"].proof is None
