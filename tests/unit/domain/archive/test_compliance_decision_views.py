"""The members' views, the head's decision and the outcome, each row as the archivist reads it
(R-F3, R-F4, R-F5)."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.archive.compliance_decision import r_f3, r_f4, r_f5
from juece.domain.archive.compliance_facts import MET, NOT_MET, OPEN, Finding
from tests.unit.domain.archive.compliance_records import CD, LR, launched, read

MEETING, VIEW, DECISION, MINUTES = "meeting_convened", "member_view", "head_decision", "minutes_recorded"
HEAD = launched(["m1", "m2", "m3", "head"], "head")
ALL = {"attendees": ["m1", "head", "m2", "m3"], "absentees": ["m4", "m5"]}


def view(member: str, said: str, remarks: str = "") -> tuple[str, str, dict[str, Any]]:
    return (CD, VIEW, {"member": member, "view": said, "remarks": remarks})


def test_r_f3_is_open_before_the_meeting() -> None:
    assert r_f3(read((LR, MEETING, ALL))[0]) == Finding(OPEN, "尚无相关记录", "nothing in the record yet")


def test_r_f3_is_not_met_by_dissent_without_its_reasons_proven_by_the_minutes_or_else_the_meeting() -> None:
    rows = (HEAD, (CD, MEETING, ALL), view("m1", "disagree", " "), view("m2", "disagree", "太贵"), view("m3", "disagree"))
    facts, made = read(*rows)
    assert r_f3(facts) == Finding(NOT_MET, "不同意见未记录理由：m1、m3", "dissent recorded without its reasons: m1, m3",
                                  made[1])
    facts, made = read(*rows, (LR, MINUTES, {}), (CD, MINUTES, {}))
    assert r_f3(facts).proof == made[6]


def test_r_f3_is_open_without_minutes_naming_the_attendees_not_yet_heard_but_the_head() -> None:
    facts, made = read(HEAD, (CD, MEETING, ALL), view("m2", "agree"), (LR, MINUTES, {}), (LR, VIEW, {"member": "m1"}))
    assert r_f3(facts) == Finding(OPEN, "尚未形成纪要；未记录意见：m1、m3", "no minutes yet; views not recorded: m1, m3",
                                  made[1])


def test_r_f3_is_not_met_by_minutes_missing_an_attendees_view() -> None:
    facts, made = read(HEAD, (CD, MEETING, ALL), view("m2", "agree"), (CD, MINUTES, {}))
    assert r_f3(facts) == Finding(NOT_MET, "出席人员意见未记录：m1、m3", "attending members without a recorded view: m1, m3",
                                  made[3])


def test_r_f3_is_met_by_minutes_recording_every_view_with_the_counts_and_the_absent() -> None:
    facts, made = read(HEAD, (CD, MEETING, ALL), view("m1", "agree"), view("m2", "disagree", "太贵"),
                       view("m2", "abstain"), view("m3", "abstain"), view("m3", "disagree", "风险"), view("m4", "agree"),
                       (CD, MINUTES, {}))
    assert r_f3(facts) == Finding(
        MET, "4名组成人员的意见逐一记录（同意2、不同意1、弃权1），不同意见照实载明；缺席2人已记明；纪要#9",
        "the views of 4 members recorded (2 agree, 1 disagree, 1 abstain), dissent as stated; 2 absent noted; minutes #9",
        made[8])
    facts, made = read(HEAD, (CD, MEETING, {"attendees": ["head", "m1"]}), view("m1", "abstain"), (CD, MINUTES, {}))
    assert r_f3(facts).en == ("the views of 1 members recorded (0 agree, 0 disagree, 1 abstain), dissent as stated; "
                              "0 absent noted; minutes #4")


def test_r_f4_is_open_before_the_heads_decision_with_the_meeting_as_proof() -> None:
    facts, made = read((CD, MEETING, {}), (LR, MEETING, {}), (LR, DECISION, {"outcome": "reject"}))
    assert r_f4(facts) == Finding(OPEN, "行政首长尚未作出决定", "the head has not decided yet", made[0])


@pytest.mark.parametrize(("views", "decided", "zh", "en"), [
    (["agree", "agree", "disagree"], {"outcome": "approve"}, "决定与多数意见一致，无需说明理由",
     "the decision follows the majority: no reason needed"),
    (["disagree", "disagree", "agree"], {"outcome": "reject"}, "决定与多数意见一致，无需说明理由",
     "the decision follows the majority: no reason needed"),
    (["agree", "disagree", "abstain"], {"outcome": "reject"}, "组成人员意见没有多数，无需说明理由",
     "the members' views had no majority: no reason needed"),
    (["agree", "agree"], {"outcome": "reject", "majority": None}, "组成人员意见没有多数，无需说明理由",
     "the members' views had no majority: no reason needed"),
    (["agree", "agree"], {"outcome": "reject", "majority": "reject"}, "决定与多数意见一致，无需说明理由",
     "the decision follows the majority: no reason needed"),
    (["agree", "agree"], {"outcome": "reject", "reason": "财政  承受能力不足"},
     "决定（不予通过）与多数意见不一致，理由已记录：财政 承受能力不足",
     "the decision (rejected) departs from the majority view; the head's reason is recorded: 财政 承受能力不足"),
], ids=["follows-approve", "follows-reject", "tie", "no-majority-recorded", "majority-recorded", "departs-with-reason"])
def test_r_f4_is_met_when_the_decision_follows_the_majority_or_says_why_not(
        views: list[str], decided: dict[str, Any], zh: str, en: str) -> None:
    facts, made = read(*(view(f"m{n}", said) for n, said in enumerate(views)), (LR, VIEW, {"member": "x", "view": "agree"}),
                       (LR, VIEW, {"member": "y", "view": "agree"}), (LR, VIEW, {"member": "z", "view": "agree"}),
                       (CD, DECISION, decided))
    assert r_f4(facts) == Finding(MET, zh, en, made[-1])


@pytest.mark.parametrize(("views", "decided", "words"), [
    (["agree", "agree", "disagree"], {"outcome": "reject", "reason": " "}, ("不予通过", "rejected")),
    (["disagree", "disagree", "agree"], {"outcome": "approve"}, ("通过", "approved")),
    (["agree", "agree", "disagree"], {"outcome": "maybe"}, ("maybe", "maybe")),
    (["agree"], {}, ("", "")),
], ids=["reject-blank-reason", "approve", "unknown", "none"])
def test_r_f4_is_not_met_when_the_decision_departs_from_the_majority_without_a_reason(
        views: list[str], decided: dict[str, Any], words: tuple[str, str]) -> None:
    facts, made = read(*(view(f"m{n}", said) for n, said in enumerate(views)), (CD, DECISION, decided))
    assert r_f4(facts) == Finding(NOT_MET, f"决定（{words[0]}）与多数意见不一致，未记录理由", f"the decision ({words[1]}) "
                                  "departs from the majority view and no reason is recorded", made[-1])


def test_r_f5_is_open_before_the_decision_and_not_met_by_an_unknown_outcome() -> None:
    facts, made = read((CD, MEETING, {}), (LR, MEETING, {}), (LR, DECISION, {"outcome": "approve"}))
    assert r_f5(facts) == Finding(OPEN, "会议尚未作出决定", "no meeting outcome yet", made[0])
    facts, made = read((CD, DECISION, {"outcome": "maybe  not"}))
    assert r_f5(facts) == Finding(NOT_MET, "会议结果不明：maybe not", "unknown outcome: maybe not", made[0])
    facts, made = read((CD, DECISION, {}))
    assert r_f5(facts) == Finding(NOT_MET, "会议结果不明：None", "unknown outcome: None", made[0])


def test_r_f5_is_met_by_each_outcome_and_proven_by_the_conclusion_when_recorded() -> None:
    facts, made = read((CD, DECISION, {"outcome": "revise"}), (LR, "deliberation_concluded", {"zh": "甲", "en": "a"}))
    assert r_f5(facts) == Finding(MET, "会议结果：修改后再审", "outcome: revise and resubmit", made[0])
    facts, made = read((CD, DECISION, {"outcome": "postpone"}), (CD, "deliberation_concluded", {"zh": "待  调研", "en": "b"}))
    assert r_f5(facts) == Finding(MET, "会议结果：暂缓；待 调研", "outcome: postponed; b", made[1])
    facts, made = read((CD, DECISION, {"outcome": "approve"}), (CD, "deliberation_concluded", {}))
    assert r_f5(facts) == Finding(MET, "会议结果：通过；", "outcome: approved; ", made[1])
