"""The risk assessment as an archivist reads it (R-D1..R-D4): the exact status, words and proving
entry of each branch, on small hand-made records."""

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
from juece.domain.archive.compliance_review import _stage_rule, r_d1, r_d2, r_d3, r_d4
from tests.unit.domain.archive.compliance_entries import CD, RA, facts, record

NOTHING = Finding(OPEN, "尚无相关记录", "nothing in the record yet")


def point(pid: str | None, level: Any = "high", **found: Any) -> dict[str, Any]:
    return {"id": pid, "level": level, "description": "描述", "measure": "措施", **found}


def assessed(*points: Any, **found: Any) -> tuple[str, str, dict[str, Any]]:
    return (RA, "risk_assessed", {"points": list(points), **found})


def test_no_assessment_is_open_until_the_gate_and_then_not_met_r_d1() -> None:
    assert r_d1(facts(record())) == NOTHING
    rows = record((CD, "gate_passed", {}))
    assert r_d1(facts(rows)) == Finding(NOT_MET, "未作风险评估", "no risk assessment was made", rows[0])
    closed = record((CD, "gate_closed", {}))
    assert r_d1(facts(closed)).proof == closed[0]


def test_the_rounds_and_the_last_rounds_dimensions_in_order_meet_r_d1_on_the_first_round() -> None:
    rows = record(assessed(point("R0", dimension="ecology")),
                  assessed(point("R1", dimension="public_finance"), point("R2", dimension="custom_thing"),
                           point("R3", dimension="public_finance"), point("R4", dimension=""), "junk"))
    assert r_d1(facts(rows)) == Finding(MET, "风险评估2轮；涉及：custom_thing、公共财政",
                                        "2 assessment round(s); dimensions: custom thing, public finance", rows[0])
    bare = record(assessed())
    assert r_d1(facts(bare)) == Finding(MET, "风险评估1轮；涉及：—", "1 assessment round(s); dimensions: —", bare[0])


def test_a_report_with_measures_plan_and_departments_heard_meets_r_d2() -> None:
    rows = record(assessed(), assessed(point("R1"), point("R2"), "junk", departments_heard=["县财政局", " ", "县公安局"],
                                       response_plan="预案"))
    assert r_d2(facts(rows)) == Finding(
        MET, "2个风险点均有防范措施；处置预案；听取县财政局、县公安局的意见",
        "2 risk point(s), each with a measure; a response plan; 2 department(s) heard", rows[1])


def test_a_report_lacking_its_parts_or_points_without_description_or_measure_is_not_met_r_d2() -> None:
    assert r_d2(facts(record())) == NOTHING
    rows = record(assessed(point("R1", description=" "), point(None, measure=None), point("R3"),
                           departments_heard=["", None], response_plan=" "))
    assert r_d2(facts(rows)) == Finding(
        NOT_MET, "报告缺少：departments_heard、response_plan；风险点缺少描述或防范措施：R1、2",
        "the report lacks: departments_heard, response_plan; points without description or measure: R1, 2", rows[0])
    empty = record(assessed(departments_heard=["县财政局"], response_plan="预案"))
    assert r_d2(facts(empty)) == Finding(NOT_MET, "报告缺少：points", "the report lacks: points", empty[0])


def test_points_scored_by_the_matrix_are_counted_by_level_with_the_third_party_r_d3() -> None:
    rows = record(assessed(point("R1", "high"), point("R2", "low"), point("R3", "low"), "junk",
                           third_party="某某社会稳定风险评估研究中心" * 4))
    assert r_d3(facts(rows)) == Finding(
        MET, "按可能性×影响评定：高1个、中0个、低2个；第三方评估机构：" + ("某某社会稳定风险评估研究中心" * 3)[:39] + "…",
        "scored by likelihood × impact: 1 high, 0 medium, 2 low; third party: "
        + ("某某社会稳定风险评估研究中心" * 3)[:39] + "…", rows[0])
    plain = record(assessed(point("R1", "medium")))
    assert r_d3(facts(plain)) == Finding(MET, "按可能性×影响评定：高0个、中1个、低0个",
                                         "scored by likelihood × impact: 0 high, 1 medium, 0 low", plain[0])


def test_points_not_all_scored_or_no_points_leave_r_d3_not_used() -> None:
    unused = Finding(NOT_USED, "风险点未按矩阵评定等级", "risk points not scored by the matrix")
    for rows in (record(), record(assessed("junk")), record(assessed(point("R1"), point("R2", "extreme")))):
        assert r_d3(facts(rows)) == unused


def round_(controllable: Any, *uncontrolled: str) -> tuple[str, str, dict[str, Any]]:
    return (RA, "risk_assessed", {"controllable": controllable, "uncontrolled_points": list(uncontrolled)})


REVISED = (RA, "draft_revised", {})


def test_a_controllable_round_meets_r_d4_naming_the_rounds_before_it() -> None:
    assert r_d4(facts(record())) == NOTHING
    first = record(round_(True))
    assert r_d4(facts(first)) == Finding(MET, "第1轮评估：风险可控", "round 1: the risk is controllable", first[0])
    rows = record(round_(False, "R1"), REVISED, round_(None), REVISED, round_(True))
    assert r_d4(facts(rows)) == Finding(
        MET, "第3轮评估：风险可控；此前2轮不可控，草案调整后重新评估",
        "round 3: the risk is controllable; 2 earlier round(s) not controllable, reassessed after the draft "
        "was revised", rows[4])


def test_reassessing_without_revising_the_draft_names_each_such_round_r_d4() -> None:
    rows = record(round_(False), round_(True), round_(False), REVISED, round_(False), round_(True))
    assert r_d4(facts(rows)) == Finding(
        NOT_MET, "风险不可控后未调整草案即重新评估：#1, #5",
        "reassessed without a revised draft after an uncontrollable round: #1, #5", rows[5])


def test_an_uncontrollable_last_round_that_went_to_deliberation_is_not_met_on_the_meeting_r_d4() -> None:
    rows = record((CD, "meeting_convened", {}), round_(False, "R1", "R2"), (CD, "meeting_convened", {}),
                  (CD, "meeting_convened", {}))
    assert r_d4(facts(rows)) == Finding(
        NOT_MET, "第1轮评估：高风险点R1, R2无可接受的防控措施，风险不可控，却提交了集体讨论（#3）",
        "round 1: high points R1, R2 lack an accepted mitigation; the risk is not controllable, yet the decision "
        "went to deliberation (#3)", rows[2])


def test_an_uncontrollable_last_round_that_stopped_is_not_met_on_the_conclusion_r_d4() -> None:
    rows = record(round_(False, "R1"), (RA, "risk_concluded", {"rounds_exhausted": True}))
    assert r_d4(facts(rows)) == Finding(
        NOT_MET, "第1轮评估：高风险点R1无可接受的防控措施，风险不可控；评估轮次已用尽，未提交集体讨论",
        "round 1: high points R1 lack an accepted mitigation; the risk is not controllable; the rounds ran out; "
        "it did not go to deliberation", rows[1])
    unfinished = record(round_(False, "R1"), (RA, "risk_concluded", {"rounds_exhausted": False}))
    assert r_d4(facts(unfinished)) == Finding(
        NOT_MET, "第1轮评估：高风险点R1无可接受的防控措施，风险不可控，未提交集体讨论",
        "round 1: high points R1 lack an accepted mitigation; the risk is not controllable; it did not go to "
        "deliberation", unfinished[1])
    assert r_d4(facts(unfinished[:1])).proof == unfinished[0]


def test_a_risk_stage_marked_not_applicable_stands_for_its_rules() -> None:
    rows = record((RA, "not_applicable", {"reason": "不涉及", "article": "第二十二条"}), round_(True))
    assert _stage_rule(RA, r_d4)(facts(rows)).status == NOT_APPLICABLE
    assert _stage_rule(RA, r_d4)(facts(rows[1:])) == r_d4(facts(rows[1:]))
