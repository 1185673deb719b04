"""The record in words line by line: when in China time, the stage in words, who acted (role and
name, expert with seat), the rule a refusal cites; names and seats read from the record itself,
the caller's names winning; entries of a shape no version wrote still read as a line."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.timeline import (
    Line,
    line,
    recorded_names,
    seats_by_user,
    sentence,
    timeline,
)
from juece.domain.archive.timeline_words import People

AT = "2027-03-01T08:05:00.000000Z"
SPEC = {"sponsor_office": "so_1", "stages": {
    "public_participation": {"hearing": {"participants": [{"user": "hp1", "name": " 张听证 "}, {"user": "hp2"}]}},
    "collective_deliberation": {"members": ["m1"], "head": "head_1", "secretary": "sec_1"}}}


def entry(seq: Any, stage: str, kind: str, actor: str, data: Any) -> dict[str, Any]:
    return {"seq": seq, "stage": stage, "kind": kind, "actor": actor, "at": AT, "data": data, "hash": f"h{seq}"}


def decision() -> list[dict[str, Any]]:
    return [
        entry(1, "launch", "launched", "so_1", {"spec": SPEC, "people": {"so_1": " 刘承办 ", "m1": " ", "x": 3}}),
        entry(2, "launch", "workflow_started", "juece", {}),
        entry(3, "expert_review", "panel_drawn", "so_1", {
            "seats": [{"seat": "seat_1", "user": "ex1"}, {"seat": 2, "user": "ex2"}],
            "pool": [{"user": "ex1", "name": "赵专家"}, {"user": "hp1", "name": "池中人"}, {"user": 7, "name": "七"}],
            "panel": [{"user": "ex3", "name": "钱专家"}, {"user": "ex5", "name": " "}]}),
        entry(4, "expert_review", "opinion_requested", "juece", {"seat": "seat_2", "expert": "ex2"}),
        entry(5, "expert_review", "expert_replaced", "juece", {"seat": "reserve_1", "expert": "ex4", "replaces": "ex2"}),
        entry(6, "expert_review", "opinion_submitted", "ex1", {"seat": "seat_1", "expert": "ex1",
                                                               "conclusion": "support_with_conditions", "conditions": "补充"}),
        entry(7, "public_participation", "notice_sent", "juece", {"recipient": "m1", "name": " 孙委员 "}),
        entry(8, "public_participation", "comment_received", "anon", {"receipt": "C-1", "text": "意见", "late": False}),
        entry(9, "legality_review", "gate_closed", "juece", {"refusals": [
            {"rule": "R-E1", "zh": "甲", "en": "a"}, {"rule": "R-E1"}, {"rule": ""}, {"rule": "R-E2-1234567890"}, "junk"]}),
        entry(10, "collective_deliberation", "step_refused", "m1", {"rule": "R-F2", "zh": "理由"}),
        entry(11, "odd_stage", "future_kind_x", "m1", {}),
        entry(12, "collective_deliberation", "head_decision", "head_1", "broken"),
        {"seq": "x", "kind": None},
    ]


def test_each_line_says_when_in_china_time_in_which_stage_who_acted_and_the_rule_a_refusal_cites() -> None:
    lines = timeline(decision(), {"ex2": "李专家", "so_1": "王承办"})
    assert [(x.seq, x.at, x.stage, x.actor, x.kind, x.rule) for x in lines] == [
        (1, "2027-03-01 16:05", "决策启动 Launch", "承办单位 王承办", "launched", ""),
        (2, "2027-03-01 16:05", "决策启动 Launch", "系统 system", "workflow_started", ""),
        (3, "2027-03-01 16:05", "专家论证 Expert review", "承办单位 王承办", "panel_drawn", ""),
        (4, "2027-03-01 16:05", "专家论证 Expert review", "系统 system", "opinion_requested", ""),
        (5, "2027-03-01 16:05", "专家论证 Expert review", "系统 system", "expert_replaced", ""),
        (6, "2027-03-01 16:05", "专家论证 Expert review", "论证专家 赵专家（第1席）", "opinion_submitted", ""),
        (7, "2027-03-01 16:05", "公众参与 Public participation", "系统 system", "notice_sent", ""),
        (8, "2027-03-01 16:05", "公众参与 Public participation", "社会公众 public", "comment_received", ""),
        (9, "2027-03-01 16:05", "合法性审查 Legality review", "系统 system", "gate_closed", "R-E1, R-E2-123456…"),
        (10, "2027-03-01 16:05", "集体讨论决定 Collective deliberation", "会议组成人员 孙委员", "step_refused", "R-F2"),
        (11, "2027-03-01 16:05", "odd stage", "会议组成人员 孙委员", "future_kind_x", ""),
        (12, "2027-03-01 16:05", "集体讨论决定 Collective deliberation", "行政首长 head 1", "head_decision", ""),
        (0, "", "", "未知角色 —", "", ""),
    ]


def test_a_line_tells_the_entry_with_the_names_and_seats_the_record_and_the_caller_give() -> None:
    lines = timeline(decision(), {"ex2": "李专家"})
    assert [(x.zh, x.en) for x in lines[3:6:2]] == [
        ("请专家 李专家（第2席）提出论证意见", "Expert 李专家 (seat 2) asked for an opinion"),
        ("专家 赵专家（第1席）提交论证意见：附条件支持；所附条件：补充",
         "Expert 赵专家 (seat 1) submitted an opinion: support with conditions; conditions: 补充")]
    assert lines[0].actor == "承办单位 刘承办" and lines[6].zh == "向孙委员发送通知"


def test_an_entry_of_a_kind_no_phrase_tells_or_with_data_no_version_wrote_reads_by_its_kind() -> None:
    lines = timeline(decision())
    assert [(x.zh, x.en) for x in lines[10:]] == [
        ("记录事项：future kind x", "Entry: future kind x"),
        ("行政首长作出决定：未载明", "The head of government decided: not stated"),
        ("记录事项：—", "Entry: —")]
    assert sentence({"kind": "launched", "data": {"spec": "broken"}}) == sentence({"kind": "launched", "data": None})
    assert sentence({"kind": "opinion_requested", "data": {"seat": "seat_2", "expert": "ex2"}},
                    names={"ex2": "李专家"}, seats={"ex2": "reserve_3"}) == (
        "请专家 李专家（第2席）提出论证意见", "Expert 李专家 (seat 2) asked for an opinion")
    assert sentence({"kind": "opinion_submitted", "data": {"expert": "ex2"}}, names={"ex2": "李专家"},
                    seats={"ex2": "reserve_3"})[1].startswith("Expert 李专家 (reserve seat 3) submitted")


def test_the_names_the_record_holds_come_from_the_launch_the_notices_the_draw_and_the_hearing() -> None:
    assert recorded_names(decision()) == {"so_1": "刘承办", "m1": "孙委员", "ex1": "赵专家", "hp1": "张听证", "ex3": "钱专家"}
    assert recorded_names([entry(1, "launch", "notice_sent", "juece", {"recipient": "u", "name": 3}),
                           entry(2, "launch", "notice_sent", "juece", {"recipient": 5, "name": "五"}),
                           entry(3, "launch", "notice_sent", "juece", {"recipient": "v", "name": " "}),
                           entry(4, "launch", "comment_received", "juece", {"recipient": "w", "name": "W"})]) == {}
    assert recorded_names([]) == {} and recorded_names([entry(1, "launch", "launched", "x", {"spec": [1]})]) == {}


def test_the_seat_of_each_expert_is_that_of_the_draw_then_of_the_request_or_the_replacement() -> None:
    assert seats_by_user(decision()) == {"ex1": "seat_1", "ex2": "seat_2", "ex4": "reserve_1"}
    later = [*decision(), entry(14, "expert_review", "opinion_requested", "juece", {"seat": "seat_9", "expert": "ex1"}),
             entry(15, "expert_review", "reminder_sent", "juece", {"seat": "seat_8", "expert": "ex1"}),
             entry(16, "expert_review", "expert_replaced", "juece", {"seat": 4, "expert": "ex2"})]
    assert seats_by_user(later) == {"ex1": "seat_9", "ex2": "seat_2", "ex4": "reserve_1"}
    assert seats_by_user([]) == {}


def test_a_draw_or_a_launch_of_a_shape_no_version_wrote_leaves_everyone_of_unknown_role() -> None:
    rows = decision()
    rows[2]["data"]["seats"].append("junk")
    lines = timeline(rows)
    assert (lines[0].actor, lines[5].actor, lines[1].actor) == ("未知角色 刘承办", "未知角色 赵专家", "系统 system")
    assert lines[9].actor == "未知角色 孙委员"
    hostile = [entry(1, "launch", "launched", "so_1", {"spec": {"stages": []}})]
    assert timeline(hostile)[0].actor == "未知角色 so 1"


def test_one_entry_is_one_line_with_a_stage_named_once_when_it_has_no_english() -> None:
    people = People({"m1": {"meeting_member"}}, {"m1": "孙委员"})
    made = line({"seq": 3, "stage": "odd", "kind": "answer_refused", "actor": "m1", "at": "2027-03-01",
                 "data": {"rule": "R-G1-1234567890", "zh": "已表决"}}, people)
    assert made == Line(3, "2027-03-01", "odd", "会议组成人员 孙委员", made.zh, made.en, "answer_refused", "R-G1-123456…")
    assert line({"seq": True, "kind": "gate_closed", "data": {"refusals": "R-E1"}}, people).rule == ""
    assert line({"seq": 4, "stage": "launch", "kind": "launched", "data": {}}, people).seq == 4
