"""The launch as an archivist reads it (R-A1..R-A3): the exact status, words and proving entry of
each branch, on small hand-made records."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.compliance_facts import (
    MET,
    NOT_APPLICABLE,
    NOT_MET,
    NOT_USED,
    OPEN,
    Finding,
)
from juece.domain.archive.compliance_launch import (
    EVALUATORS,
    _filled,
    _stage_names,
    r_a1,
    r_a2,
    r_a3,
)
from tests.unit.domain.archive.compliance_entries import LAUNCH, facts, launched, record

FIVE = {"public_participation": {}, "expert_review": {}, "risk_assessment": {}, "legality_review": {},
        "collective_deliberation": {}}
NOT_LAUNCHED = Finding(OPEN, "尚未登记启动", "the decision has not been launched")


def full(**spec: Any) -> tuple[str, str, dict[str, Any]]:
    whole = {"decision_body": "某县人民政府", "sponsor_unit": "县交通运输局", "title": "公交票价调整", "category": "public_policy",
             "draft": {"text": "草案", "explanation": "说明"}, "legal_basis": ["《条例》", "《价格法》"], "stages": FIVE}
    return launched(**{**whole, **spec})


def skipped(stage: str, reason: Any = "理由") -> tuple[str, str, dict[str, Any]]:
    return (stage, "not_applicable", {"reason": reason, "article": "Art. 14"})


def test_no_launch_leaves_r_a1_and_r_a2_open() -> None:
    assert r_a1(facts(record())) == NOT_LAUNCHED
    assert r_a2(facts(record())) == NOT_LAUNCHED


def test_a_launch_with_every_fact_meets_r_a1_counting_the_legal_basis_items() -> None:
    rows = record(full())
    assert r_a1(facts(rows)) == Finding(
        MET, "决策机关某县人民政府、承办单位县交通运输局、标题、类别、草案及起草说明、法律依据2项",
        "decision body, sponsor unit, title, category, draft and explanation, 2 legal basis item(s) recorded at launch",
        rows[0])


def test_a_legal_basis_given_as_one_text_counts_as_one_item_and_long_names_are_cut_at_thirty_r_a1() -> None:
    rows = record(full(legal_basis="《条例》", decision_body="机" * 30, sponsor_unit="单" * 31))
    assert r_a1(facts(rows)) == Finding(
        MET, f"决策机关{'机' * 30}、承办单位{'单' * 29}…、标题、类别、草案及起草说明、法律依据1项",
        "decision body, sponsor unit, title, category, draft and explanation, 1 legal basis item(s) recorded at launch",
        rows[0])


def test_a_launch_lacking_facts_or_with_blank_ones_is_not_met_r_a1_naming_each_in_words_not_by_its_key() -> None:
    rows = record(full(sponsor_unit=" ", title=None, draft={"text": "草案", "explanation": ""}, legal_basis=[" ", ""]))
    assert r_a1(facts(rows)) == Finding(
        NOT_MET, "启动记录缺少：承办单位、标题、起草说明、法律依据",
        "the launch lacks: sponsor unit, title, draft explanation, legal basis", rows[0])
    bare = record(launched(decision_body="县政府", draft="草案"))
    assert r_a1(facts(bare)).en == ("the launch lacks: sponsor unit, title, category, draft text, draft explanation, "
                                     "legal basis")


def test_a_list_is_filled_when_any_item_has_text_and_a_value_when_it_has_any() -> None:
    assert _filled(["", " 《条例》"]) and _filled(0) and _filled("x")
    assert not _filled(["", " "]) and not _filled(" \n") and not _filled([])


def test_all_five_statutory_stages_meet_r_a2_on_the_workflow_start_before_the_launch() -> None:
    rows = record(full(), (LAUNCH, "workflow_started", {}))
    assert r_a2(facts(rows)) == Finding(MET, "五个法定环节均在流程中", "all five statutory stages are in the workflow",
                                        rows[1])
    alone = record(full())
    assert r_a2(facts(alone)).proof == alone[0]


def test_stages_missing_from_the_workflow_are_named_in_words_r_a2() -> None:
    rows = record(full(stages={"public_participation": {}, "risk_assessment": {}}))
    assert r_a2(facts(rows)) == Finding(
        NOT_MET, "流程缺少法定环节：专家论证、合法性审查、集体讨论决定",
        "statutory stages missing: expert review, legality review, collective deliberation", rows[0])
    assert r_a2(facts(record(launched(stages=None)))).en == (
        "statutory stages missing: public participation, expert review, risk assessment, legality review, "
        "collective deliberation")


def test_stages_marked_not_applicable_each_with_a_reason_meet_r_a2_and_are_named() -> None:
    rows = record(full(), skipped("public_participation"), skipped("expert_review"))
    assert r_a2(facts(rows)) == Finding(
        MET, "五个法定环节均在流程中；2个环节不适用，均写明理由：公众参与、专家论证",
        "all five statutory stages are in the workflow; 2 not applicable, each with its written reason: "
        "public participation, expert review", rows[0])


def test_a_stage_that_may_not_be_skipped_or_a_skip_without_a_reason_is_not_met_r_a2() -> None:
    rows = record(full(), skipped("risk_assessment"), skipped("legality_review"), skipped("expert_review", " "),
                  skipped("public_participation", None), skipped("odd"))
    assert r_a2(facts(rows)) == Finding(
        NOT_MET, "不得省略的环节或没有理由的“不适用”：#3, #4, #5, #6",
        "not applicable where it may not be, or without a reason: #3, #4, #5, #6", rows[0])


def test_a_stage_is_named_in_words_and_an_unknown_one_readably() -> None:
    assert _stage_names("expert_review") == ("专家论证", "expert review")
    assert _stage_names("odd_stage_x") == ("odd_stage_x", "odd stage x")
    assert _stage_names(None) == ("None", "None")


def test_a_decision_in_the_annual_catalogue_meets_r_a3_on_the_launch() -> None:
    rows = record(full(catalogue={"year": 2027, "number": 5}), full(catalogue={"year": 2027, "number": "12"}))
    assert r_a3(facts(rows)) == Finding(MET, "列入2027年决策事项目录第12号", "catalogue 2027, number 12", rows[1])


def test_the_catalogue_year_is_cut_at_eight_and_its_number_at_twenty_r_a3() -> None:
    found = r_a3(facts(record(full(catalogue={"year": "12345678X", "number": "1" * 20}))))
    assert (found.zh, found.en) == (f"列入1234567…年决策事项目录第{'1' * 20}号", f"catalogue 1234567…, number {'1' * 20}")
    found = r_a3(facts(record(full(catalogue={"year": "12345678", "number": "2" * 21}))))
    assert found.en == f"catalogue 12345678, number {'2' * 19}…"


def test_a_decision_outside_the_catalogue_does_not_use_r_a3() -> None:
    unused = Finding(NOT_USED, "未列入年度决策事项目录", "not listed in the annual catalogue")
    for catalogue in (None, "2027-5", {"year": 2027}, {"number": 5}, {"year": 0, "number": 5}, {"year": 2027, "number": ""}):
        assert r_a3(facts(record(full(catalogue=catalogue)))) == unused


def test_the_participation_rules_are_not_applicable_when_the_stage_was_marked_so_and_the_launch_rules_not() -> None:
    rows = record(full(), ("public_participation", "not_applicable", {"reason": "涉密", "article": "Art. 14"}))
    marked = Finding(NOT_APPLICABLE, "本环节不适用（Art. 14）：涉密", "stage not applicable (Art. 14): 涉密", rows[1])
    assert list(EVALUATORS) == ["R-A1", "R-A2", "R-A3", "R-B1", "R-B2", "R-B3", "R-B4", "R-B5", "R-B6", "R-B7"]
    assert [EVALUATORS[rule](facts(rows)) for rule in ("R-B1", "R-B4", "R-B7")] == [marked] * 3
    assert EVALUATORS["R-A3"](facts(rows)).status == NOT_USED
    assert EVALUATORS["R-B1"](facts(record(full()))) == Finding(OPEN, "征求意见公告尚未发布", "the notice is not published yet")


def test_an_empty_launch_names_all_seven_facts_it_lacks_in_words_r_a1() -> None:
    rows = record(launched())
    assert r_a1(facts(rows)) == Finding(
        NOT_MET, "启动记录缺少：决策机关、承办单位、标题、类别、草案、起草说明、法律依据",
        "the launch lacks: decision body, sponsor unit, title, category, draft text, draft explanation, legal basis",
        rows[0])


def test_a_legal_basis_of_empty_items_on_a_damaged_launch_is_lacking_not_met_by_the_word_none_r_a1() -> None:
    assert not _filled([None]) and not _filled([None, " "])
    found = r_a1(facts(record(full(legal_basis=[None]))))
    assert (found.status, found.en) == (NOT_MET, "the launch lacks: legal basis")
