"""The record in words of the legality review's outcome and the procedural gate: the exact
sentence in Chinese and English, with the provisions relied on, the exploratory reform exception
and the gate's refusals."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_decision as said
from juece.domain.archive.timeline_words import People


def words(phrase: Any, data: dict[str, Any]) -> tuple[str, str]:
    return phrase(data, {"actor": "juece"}, People())  # type: ignore[no-any-return]


def test_a_legality_review_names_its_round_its_outcome_the_exception_its_risk_and_the_revisions() -> None:
    data = {"round": 2, "outcome": "lawful", "exploratory_override": True, "legal_risk": "试点。",
            "revisions": "删去第五条"}
    assert words(said.legality_reviewed, data) == (
        "第2轮合法性审查结论：合法（探索性改革例外）；法律风险：试点；修改意见：删去第五条",
        "Legality review, round 2: lawful (exploratory reform exception); legal risk: 试点; revisions asked: 删去第五条")


def test_a_legality_review_without_an_outcome_says_none_was_recorded() -> None:
    assert words(said.legality_reviewed, {}) == ("合法性审查结论：未载明", "Legality review: no outcome recorded")
    assert words(said.legality_reviewed, {"legal_risk": "试点", "exploratory_override": False}) == (
        "合法性审查结论：未载明", "Legality review: no outcome recorded")
    assert words(said.legality_reviewed, {"exploratory_override": True}) == (
        "合法性审查结论：未载明（探索性改革例外）", "Legality review: no outcome recorded (exploratory reform exception)")


def test_the_provisions_relied_on_are_listed_once_each_in_the_order_of_the_findings() -> None:
    data = {"outcome": "lawful",
            "content_provisions": [{"law": "城乡规划法", "article": "20"}],
            "procedure_provisions": [{"law": "重大行政决策程序暂行条例", "article": "第30条"},
                                     {"law": "地方组织法", "article": "第73条"}],
            "authority_provisions": [{"law": "地方组织法", "article": "第73条"}]}
    basis = "《地方组织法》第73条、《重大行政决策程序暂行条例》第30条、《城乡规划法》第20条"
    assert words(said.legality_reviewed, data) == (
        f"合法性审查结论：合法；依据：{basis}", f"Legality review: lawful; provisions relied on: {basis}")


def test_the_provisions_relied_on_are_cut_to_a_hundred_and_twenty_characters() -> None:
    data = {"authority_provisions": [{"law": "法" * 150, "article": "第1条"}]}
    basis = "《" + "法" * 118 + "…"
    assert words(said.legality_reviewed, data) == (
        f"合法性审查结论：未载明；依据：{basis}", f"Legality review: no outcome recorded; provisions relied on: {basis}")


def test_a_gate_passed_names_the_outcome_the_exception_the_risk_and_the_draft() -> None:
    data = {"legality_outcome": "lawful", "exploratory_override": True, "risk_controllable": True, "draft_version": 3}
    assert words(said.gate_passed, data) == (
        "程序关口通过：合法性审查结论为合法（探索性改革例外），风险可控，草案第3稿可以提请集体讨论",
        "Gate passed: the legality review found the draft lawful (exploratory reform exception), the risk is "
        "controllable; version 3 may go to collective deliberation")
    assert words(said.gate_passed, {"legality_outcome": "lawful_with_revisions"}) == (
        "程序关口通过：合法性审查结论为修改后合法，草案可以提请集体讨论",
        "Gate passed: the legality review found the draft lawful with revisions; the draft may go to collective "
        "deliberation")


def test_a_gate_passed_without_an_outcome_keeps_no_exception_of_its_own() -> None:
    assert words(said.gate_passed, {"exploratory_override": True}) == (
        "程序关口通过，草案可以提请集体讨论", "Gate passed; the draft may go to collective deliberation")
    assert words(said.gate_passed, {"risk_controllable": True}) == (
        "程序关口通过，风险可控，草案可以提请集体讨论",
        "Gate passed, the risk is controllable; the draft may go to collective deliberation")


def test_a_gate_closed_gives_each_refusal_with_its_rule() -> None:
    data = {"refusals": [{"rule": "R-E1", "zh": "合法性审查认为不合法", "en": "the review found it unlawful"},
                         {"rule": "R-D4", "zh": "风险不可控", "en": "the risk is not controllable"}]}
    assert words(said.gate_closed, data) == (
        "程序关口未通过，不得提请集体讨论：合法性审查认为不合法（R-E1）；风险不可控（R-D4）",
        "Gate closed: the decision may not go to collective deliberation: the review found it unlawful (R-E1); "
        "the risk is not controllable (R-D4)")
    assert words(said.gate_closed, {}) == (
        "程序关口未通过，不得提请集体讨论", "Gate closed: the decision may not go to collective deliberation")


def test_a_refusals_message_is_cut_at_a_hundred_and_twenty_characters_and_its_rule_at_ten() -> None:
    data = {"refusals": [{"rule": "R-E1-with-a-long-tail", "zh": "否" * 130, "en": "n" * 130}]}
    zh, en = words(said.gate_closed, data)
    assert zh == f"程序关口未通过，不得提请集体讨论：{'否' * 119}…（R-E1-with…）"
    assert en == f"Gate closed: the decision may not go to collective deliberation: {'n' * 119}… (R-E1-with…)"
