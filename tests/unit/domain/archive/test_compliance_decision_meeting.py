"""The meeting pack and the meeting itself, each row as the archivist reads it (R-F1, R-F2)."""

from __future__ import annotations

from juece.domain.archive.compliance_decision import (
    EVALUATORS,
    _meeting_rule,
    r_e1,
    r_e2,
    r_e3,
    r_e4,
    r_f1,
    r_f2,
)
from juece.domain.archive.compliance_facts import MET, NOT_APPLICABLE, NOT_MET, OPEN, Facts, Finding
from tests.unit.domain.archive.compliance_records import CD, LR, entries, launched, read

PACK = {"comment_adoption_report": "r1", "expert_adoption_report": "r2", "risk_report": "r3",
        "legality_opinion": "o", "draft_version": 2}
MEETING, ISSUED, VIEW, DECISION = "meeting_convened", "materials_issued", "member_view", "head_decision"
FOUR = launched(["m1", "m2", "m3", "head"], "head")


def test_the_review_rules_are_evaluated_as_such_and_the_meeting_rules_not_applicable_once_the_gate_closed() -> None:
    assert [EVALUATORS[rule] for rule in ("R-E1", "R-E2", "R-E3", "R-E4")] == [r_e1, r_e2, r_e3, r_e4]
    facts, made = read((LR, "gate_closed", {}))
    ended = Finding(NOT_APPLICABLE, "合法性审查关口未通过（#1），未提交集体讨论",
                    "the gate closed (#1): the decision did not go to deliberation", made[0])
    assert [EVALUATORS[f"R-F{n}"](facts) for n in range(1, 6)] == [ended] * 5


def test_the_meeting_rules_are_evaluated_once_the_gate_passed() -> None:
    facts, made = read((LR, "gate_passed", {}), (CD, ISSUED, PACK))
    assert EVALUATORS["R-F1"](facts) == r_f1(facts) == Finding(
        MET, "#2送达草案第2版、公众意见和专家意见采纳情况、风险评估报告、合法性审查意见",
        "#2: draft v2, comment and expert adoption reports, risk report, legality opinion", made[1])
    assert EVALUATORS["R-F2"](facts) == r_f2(facts)


def test_r_f1_is_open_with_neither_meeting_nor_pack_and_not_met_by_a_meeting_without_one_before() -> None:
    assert r_f1(read()[0]) == Finding(OPEN, "尚无相关记录", "nothing in the record yet")
    facts, made = read((LR, MEETING, {}), (CD, MEETING, {}), (CD, ISSUED, PACK))
    assert r_f1(facts) == Finding(NOT_MET, "会议召开前未送达会议材料", "no meeting pack before the meeting", made[1])


def test_r_f1_names_what_the_last_pack_before_the_meeting_lacks() -> None:
    facts, made = read((CD, ISSUED, PACK), (CD, ISSUED, {**PACK, "expert_adoption_report": "", "legality_opinion": None}),
                       (CD, MEETING, {}), (CD, ISSUED, PACK))
    assert r_f1(facts) == Finding(NOT_MET, "会议材料缺少：expert_adoption_report, legality_opinion",
                                  "the meeting pack lacks: expert_adoption_report, legality_opinion", made[1])


def test_r_f1_is_met_by_a_whole_pack_issued_before_the_meeting() -> None:
    facts, made = read((CD, ISSUED, {**PACK, "draft_version": "1234567"}), (CD, MEETING, {}), (CD, ISSUED, PACK),
                       (LR, MEETING, {}))
    assert r_f1(facts) == Finding(
        MET, "会前（#1）送达草案第12345…版、公众意见和专家意见采纳情况、风险评估报告、合法性审查意见",
        "before the meeting (#1): draft v12345…, comment and expert adoption reports, risk report, legality opinion", made[0])
    facts, made = read((CD, ISSUED, {k: v for k, v in PACK.items() if k != "draft_version"}), (CD, MEETING, {}))
    assert r_f1(facts).zh == "会前（#1）送达草案第?版、公众意见和专家意见采纳情况、风险评估报告、合法性审查意见"


def test_r_f2_is_open_before_the_meeting_with_the_last_pack_as_proof() -> None:
    facts, made = read((LR, MEETING, {}), (LR, ISSUED, {}))
    assert r_f2(facts) == Finding(OPEN, "尚未召开会议", "the meeting has not been held", made[1])


def test_r_f2_names_every_fault_of_the_meeting() -> None:
    facts, made = read(FOUR, (CD, VIEW, {"member": "m1"}), (CD, DECISION, {}), (CD, DECISION, {}),
                       (CD, VIEW, {"member": "m2"}), (CD, VIEW, {"member": "m3"}), (LR, VIEW, {"member": "m9"}),
                       (CD, MEETING, {"meeting_type": "informal", "attendees": ["m1", "m2"]}))
    assert r_f2(facts) == Finding(
        NOT_MET, "会议不是常务会议或全体会议；出席2/4人，不足法定人数；行政首长未出席；行政首长决定后仍有人发言：m2、m3",
        "not an executive or plenary meeting; 2 of 4 present: no quorum; the head did not attend; views after the head's "
        "decision: m2, m3", made[7])


def test_r_f2_needs_more_than_the_quorum_the_meeting_or_the_spec_gives() -> None:
    for config, meeting, present, quorate in (({}, {}, 2, False), ({}, {}, 3, True), ({"quorum": 0.75}, {}, 3, False),
                                              ({"quorum": 0.75}, {"quorum": 0.5}, 3, True),
                                              ({}, {"quorum": "half"}, 4, False), ({}, {"quorum": 0}, 1, True)):
        attendees = ["head", "m1", "m2", "m3"][:present]
        facts, _ = read(launched(["m1", "m2", "m3", "head"], "head", **config),
                        (CD, MEETING, {"meeting_type": "executive", "attendees": attendees, **meeting}))
        assert (r_f2(facts).status == OPEN) is quorate, (config, meeting, present)


def test_r_f2_is_open_while_a_proper_meeting_awaits_the_heads_decision() -> None:
    facts, made = read(FOUR, (LR, DECISION, {}), (CD, MEETING, {"meeting_type": "executive",
                                                                "attendees": ["m1", "head", "m2"]}))
    assert r_f2(facts) == Finding(OPEN, "常务会议已召开，出席3/4人；行政首长尚未作出决定",
                                  "executive meeting held, 3 of 4 present; the head has not decided yet", made[2])


def test_r_f2_is_met_when_the_head_of_a_quorate_meeting_spoke_last_and_decided() -> None:
    facts, made = read(FOUR, (CD, MEETING, {"meeting_type": "plenary", "attendees": ["m1", "head", "m2"]}),
                       (CD, VIEW, {"member": "m1"}), (CD, DECISION, {}))
    assert r_f2(facts) == Finding(
        MET, "全体会议，出席3/4人，超过法定人数；行政首长最后发言并作出决定（#4）",
        "plenary meeting, 3 of 4 present (quorum met); the head spoke last and decided (#4)", made[3])


def test_r_f2_reads_a_view_without_a_number_as_not_after_the_decision() -> None:
    made = entries(FOUR, (CD, MEETING, {"meeting_type": "plenary", "attendees": ["m1", "head", "m2"]}),
                   (CD, DECISION, {}), (CD, VIEW, {"member": "m1"}))
    made[3]["seq"] = "9"
    assert r_f2(Facts(made)).status == MET
    made[3]["seq"] = 3  # a damaged record: the view bears the decision's own number
    assert r_f2(Facts(made)).status == MET


def test_a_meeting_rule_is_not_applicable_once_the_gate_closed_and_evaluated_once_it_passed() -> None:
    facts, made = read((LR, "gate_closed", {}))
    assert _meeting_rule(r_f1)(facts) == Finding(NOT_APPLICABLE, "合法性审查关口未通过（#1），未提交集体讨论",
                                                 "the gate closed (#1): the decision did not go to deliberation", made[0])
    facts, made = read((LR, "gate_passed", {}), (CD, ISSUED, PACK))
    assert _meeting_rule(r_f1)(facts) == r_f1(facts) != _meeting_rule(r_f2)(facts)
