"""The record in words: every entry of a decision's ledger as one sentence, Chinese first with
English beside it, in China time, by role and name, with no codes, keys or raw timestamps."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from juece.domain.archive.timeline import PHRASES, Line, sentence, timeline
from juece.domain.archive.trace import roles_by_user
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from tests.unit.domain.record.recorded_chains import BUILDERS, stored

Chain = Any  # tests/unit/domain/conftest.py's in-memory record

SNAKE = re.compile(r"[a-z]+_[a-z_]+")
ISO_T = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}")
LATER = "2027-04-01T06:05:00.000000Z"

# Each kind with the data its writer records (the fields that matter), and its stage.
MINIMAL: dict[Kind, tuple[Stage, str, dict[str, Any]]] = {
    Kind.LAUNCHED: (Stage.LAUNCH, "sponsor_office", {"spec": {"title": "东部新区规划", "category": "important_plan"}}),
    Kind.WORKFLOW_STARTED: (Stage.LAUNCH, "juece", {"run_id": "manual__2027-03-01T08:00:00", "dag_id": "decision__x"}),
    Kind.NOT_APPLICABLE: (Stage.EXPERT_REVIEW, "juece", {"reason": "纯技术性调整", "article": "Art. 19", "rule": "R-A2"}),
    Kind.NOTICE_PUBLISHED: (Stage.PUBLIC_PARTICIPATION, "sponsor_office",
                            {"draft_version": 1, "period_days": 30, "last_day": "2027-03-31",
                             "closes_at": "2027-03-31T16:00:00.000000Z"}),
    Kind.COMMENT_RECEIVED: (Stage.PUBLIC_PARTICIPATION, "public",
                            {"receipt": "C-000001", "text": "建议增设公交线路。", "paragraph": 2, "late": True,
                             "channel": "portal"}),
    Kind.COMMENTS_CLOSED: (Stage.PUBLIC_PARTICIPATION, "juece", {"count": 3, "on_time": ["C-1", "C-2"], "late": ["C-3"]}),
    Kind.COMMENT_DISPOSED: (Stage.PUBLIC_PARTICIPATION, "sponsor_office",
                            {"ref": "C-000001", "disposition": "partly_adopted", "reason": "部分采纳，另行规划。"}),
    Kind.ADOPTION_REPORT: (Stage.PUBLIC_PARTICIPATION, "sponsor_office",
                           {"total": 4, "counts": {"adopted": 2, "partly_adopted": 1, "not_adopted": 1},
                            "adoption_rate": 0.75}),
    Kind.OPINION_SUBMITTED: (Stage.EXPERT_REVIEW, "expert_07",
                             {"seat": "seat_3", "expert": "expert_07", "conclusion": "support_with_conditions",
                              "conditions": "补充交通影响评价"}),
    Kind.PANEL_DRAWN: (Stage.EXPERT_REVIEW, "sponsor_office",
                       {"seats": [{"seat": "seat_1", "user": "expert_01", "covers": ["城乡规划"]}],
                        "pool": [{"user": "expert_01", "name": "赵文静"}], "excluded": {"expert_09": "R-C4"}}),
    Kind.OPINION_REQUESTED: (Stage.EXPERT_REVIEW, "juece",
                             {"seat": "seat_1", "expert": "expert_01", "due_at": "2027-03-15T16:00:00.000000Z",
                              "response_days": 15}),
    Kind.REMINDER_SENT: (Stage.EXPERT_REVIEW, "juece",
                         {"seat": "seat_1", "expert": "expert_01", "due_at": "2027-03-15T16:00:00.000000Z"}),
    Kind.CONFLICT_DECLARED: (Stage.EXPERT_REVIEW, "expert_02", {"seat": "seat_2", "expert": "expert_02",
                                                                "statement": "所在单位参与前期咨询"}),
    Kind.EXPERT_REPLACED: (Stage.EXPERT_REVIEW, "juece",
                           {"seat": "reserve_1", "expert": "expert_05", "replaces": "expert_02",
                            "vacated_seat": "seat_2", "reason": "conflict"}),
    Kind.EXPERT_NON_RESPONDING: (Stage.EXPERT_REVIEW, "juece",
                                 {"seat": "seat_4", "expert": "expert_04", "due_at": "2027-03-15T16:00:00.000000Z"}),
    Kind.PANEL_SHORTFALL: (Stage.EXPERT_REVIEW, "juece",
                           {"vacated_seat": "seat_4", "reason": "non_responding", "active": 4, "quorum": 5,
                            "quorum_met": False, "zh": "后备席位已用尽，无法递补",
                            "en": "no reserve seat is left for a replacement"}),
    Kind.OPINION_SIGNED: (Stage.EXPERT_REVIEW, "expert_01", {"seat": "seat_1", "expert": "expert_01",
                                                             "algorithm": "Ed25519", "key_fingerprint": "95a0d5dc8be76fa2"}),
    Kind.PANEL_CLOSED: (Stage.EXPERT_REVIEW, "juece", {"signed": [{"seat": "seat_1"}] * 5, "withdrawn": ["expert_02"],
                                                       "non_responding": [], "quorum": 5, "quorum_met": True}),
    Kind.OPINION_DISPOSED: (Stage.EXPERT_REVIEW, "sponsor_office",
                            {"ref": "expert_01", "disposition": "not_adopted", "reason": "依据不足"}),
    Kind.RISK_ASSESSED: (Stage.RISK_ASSESSMENT, "risk_assessor",
                         {"round": 1, "points": [{"id": "R1", "level": "high", "mitigation_accepted": False},
                                                 {"id": "R2", "level": "low"}],
                          "controllable": False, "uncontrolled_points": ["R1"], "departments_heard": ["县信访局"]}),
    Kind.RISK_CONCLUDED: (Stage.RISK_ASSESSMENT, "juece", {"rounds": 3, "controllable": False, "rounds_exhausted": True}),
    Kind.DRAFT_REVISED: (Stage.RISK_ASSESSMENT, "sponsor_office",
                         {"version": 2, "previous_version": 1, "changes": "分期征地", "rule": "R-D4"}),
    Kind.SUBMISSION_PREPARED: (Stage.LEGALITY_REVIEW, "sponsor_office",
                               {"draft_version": 2, "review_working_days": 7, "review_due": "2027-04-12"}),
    Kind.ADVISER_OPINION: (Stage.LEGALITY_REVIEW, "legal_adviser", {"conclusion": "lawful", "opinion": "权限、程序均合法"}),
    Kind.LEGALITY_REVIEWED: (Stage.LEGALITY_REVIEW, "legality_reviewer",
                             {"outcome": "lawful_with_revisions", "round": 1, "revisions": "删去第五条"}),
    Kind.GATE_PASSED: (Stage.LEGALITY_REVIEW, "juece",
                       {"legality_outcome": "lawful", "risk_controllable": True, "draft_version": 2}),
    Kind.GATE_CLOSED: (Stage.LEGALITY_REVIEW, "juece",
                       {"legality_outcome": "unlawful", "refusals": [
                           {"rule": "R-E1", "zh": "合法性审查认为不合法", "en": "the legality review found the draft unlawful"}]}),
    Kind.MEETING_CONVENED: (Stage.COLLECTIVE_DELIBERATION, "secretary",
                            {"meeting_type": "executive", "attendees": ["member_1", "county_head"],
                             "absentees": ["member_2"]}),
    Kind.MATERIALS_ISSUED: (Stage.COLLECTIVE_DELIBERATION, "secretary", {"draft_version": 2, "members": ["member_1"]}),
    Kind.MEMBER_VIEW: (Stage.COLLECTIVE_DELIBERATION, "secretary",
                       {"member": "member_1", "view": "disagree", "remarks": "财政压力过大", "recorded_by": "secretary"}),
    Kind.HEAD_DECISION: (Stage.COLLECTIVE_DELIBERATION, "county_head",
                         {"outcome": "reject", "majority": "approve", "differs_from_majority": True,
                          "reason": "财政承受能力评估尚不充分"}),
    Kind.MINUTES_RECORDED: (Stage.COLLECTIVE_DELIBERATION, "secretary",
                            {"attendees": ["member_1", "county_head"], "decision": "approve",
                             "views": [{"member": "member_1", "view": "agree"}]}),
    Kind.PUBLISHED: (Stage.PUBLICATION, "sponsor_office", {"working_days": 4, "within_working_days": 20,
                                                           "document_number": "延政发〔2027〕9号"}),
    Kind.ANNOUNCEMENT_REVIEWED: (Stage.PUBLICATION, "sponsor_office",
                                 {"document_number": "延政发〔2027〕9号", "edited": True, "text": "公告全文"}),
    Kind.NOT_PUBLISHED: (Stage.PUBLICATION, "juece", {"outcome": "reject"}),
    Kind.ARCHIVE_BUILT: (Stage.ARCHIVE, "juece", {"archive_no": "J001-2027-Y-0003", "version": 2, "edition": "full",
                                                  "entries": 60}),
    Kind.FIXITY_FAILED: (Stage.ARCHIVE, "juece", {"check": "hash_mismatch", "archive_no": "J001-2027-Y-0003",
                                                  "version": 1, "edition": "public"}),
    Kind.EVALUATION_SCHEDULED: (Stage.POST_EVALUATION, "juece",
                                {"implementing_unit": "县自然资源局", "evaluator_unit": "县发展和改革局",
                                 "after_months": 24, "applies": True, "due_at": "2029-04-25T01:00:00.000000Z"}),
    Kind.DELIBERATION_CONCLUDED: (Stage.COLLECTIVE_DELIBERATION, "secretary",
                                  {"outcome": "postpone", "consequence": "postponed", "zh": "暂缓", "en": "postponed"}),
    Kind.PUBLICATION_OVERDUE: (Stage.PUBLICATION, "juece", {"decided_on": "2027-04-20", "published_on": "2027-06-01",
                                                            "working_days": 28, "within_working_days": 20,
                                                            "days_over": 8}),
    Kind.IMPLEMENTATION_REPORTED: (Stage.POST_EVALUATION, "sponsor_office",
                                   {"number": 1, "unit": "县自然资源局", "summary": "一期已完成征地"}),
    Kind.COMPLAINT_RECORDED: (Stage.POST_EVALUATION, "sponsor_office",
                              {"summary": "公交线路未开通", "count_since_evaluation": 2, "threshold": 5}),
    Kind.EVALUATION_REQUESTED: (Stage.POST_EVALUATION, "juece", {"number": 1, "trigger": "complaints",
                                                                 "reason": "投诉累计5件", "evaluator_unit": "县发改局"}),
    Kind.EVALUATION_OPENED: (Stage.POST_EVALUATION, "juece", {"number": 1, "trigger": "schedule"}),
    Kind.EVALUATION_CONCLUDED: (Stage.POST_EVALUATION, "evaluator",
                                {"number": 1, "outcome": "adjust", "findings": "幼儿园用地不足",
                                 "amendment_id": "yanshou-2027-001-amend-1"}),
    Kind.AMENDMENT_LAUNCHED: (Stage.POST_EVALUATION, "sponsor_office",
                              {"amendment": "yanshou-2027-001-amend-1", "evaluation": 1}),
    Kind.ANSWER_REFUSED: (Stage.COLLECTIVE_DELIBERATION, "member_2",
                          {"rule": "R-F3", "zh": "会议已结束", "en": "the meeting is over", "task": "member_view"}),
    Kind.CALENDAR_WARNING: (Stage.LAUNCH, "juece", {"zh": "尚未载入2028年节假日安排", "en": "the 2028 schedule is not loaded"}),
    Kind.CHANNEL_RECORDED: (Stage.PUBLIC_PARTICIPATION, "sponsor_office",
                            {"channel": "symposium", "title": "居民座谈会", "held_on": "2027-03-10", "participants": 12,
                             "summary": "多数赞成"}),
    Kind.HEARING_ANNOUNCED: (Stage.PUBLIC_PARTICIPATION, "sponsor_office",
                             {"time": "2027-04-20T09:00:00+08:00", "place": "县政府三楼会议室",
                              "participants": [{"name": "张三", "side": "居民"}], "materials_due": "2027-04-12"}),
    Kind.HEARING_MATERIALS_ISSUED: (Stage.PUBLIC_PARTICIPATION, "sponsor_office", {"days_before": 9, "to": ["张三"]}),
    Kind.HEARING_HELD: (Stage.PUBLIC_PARTICIPATION, "sponsor_office", {"sides_heard": ["居民", "企业"]}),
    Kind.HEARING_RECORD_SIGNED: (Stage.PUBLIC_PARTICIPATION, "resident_1",
                                 {"participant": "resident_1", "confirmed": False, "remarks": "笔录漏记发言"}),
    Kind.HEARING_SIGNUP_RECEIVED: (Stage.PUBLIC_PARTICIPATION, "public", {"receipt": "H-000003", "side": "居民"}),
    Kind.HEARING_SEATS_DRAWN: (Stage.PUBLIC_PARTICIPATION, "sponsor_office", {
        "method": "lottery", "candidates": ["H-000001", "H-000002", "H-000003"],
        "selected": [{"receipt": "H-000003", "side": "居民"}]}),
    Kind.MEMBER_ABSENT: (Stage.COLLECTIVE_DELIBERATION, "juece", {"member": "member_2"}),
    Kind.ARCHIVE_ISSUED: (Stage.ARCHIVE, "juece", {"archive_no": "J001-2027-Y-0003", "version": 1, "edition": "public",
                                                   "retention": "permanent"}),
    Kind.ARCHIVE_RETRIEVED: (Stage.ARCHIVE, "clerk_3", {"archive_no": "J001-2027-Y-0003", "version": 1,
                                                        "edition": "full", "channel": "web", "role": "archivist"}),
    Kind.PERSONAL_DATA_ERASED: (Stage.PUBLIC_PARTICIPATION, "archivist",
                                {"names": 3, "contacts": 2, "clients": 5, "before": "2027-06-01T00:00:00.000000Z"}),
    Kind.CALENDAR_AWAITED: (Stage.LEGALITY_REVIEW, "juece", {"year": 2028, "zh": "尚无2028年安排", "en": "no 2028 schedule"}),
    Kind.CALENDAR_LOADED: (Stage.LEGALITY_REVIEW, "admin", {"task": "legality_review.submission", "calendar": "x"}),
    Kind.STEP_REFUSED: (Stage.COLLECTIVE_DELIBERATION, "juece",
                        {"rule": "R-F1", "zh": "会议材料不全", "en": "the meeting pack is incomplete", "try": 1}),
    Kind.NOTICE_SENT: (Stage.LEGALITY_REVIEW, "juece",
                       {"recipient": "legality_reviewer", "name": "周审查", "notice": "escalation",
                        "subject": "【逾期督办】合法性审查：东部新区规划 / Overdue: Eastern district plan",
                        "channel": "email", "outcome": "failed", "reason": "SMTP 550 mailbox unavailable"}),
}

# What each sentence must say: the fact that matters, in words (Chinese, English).
SAYS: dict[Kind, tuple[str, str]] = {
    Kind.NOT_APPLICABLE: ("专家论证环节不适用（条例第19条）；理由：纯技术性调整", "Expert review does not apply (Art. 19)"),
    Kind.NOTICE_PUBLISHED: ("征求意见30日，至2027-03-31 24:00止", "until 2027-03-31 24:00"),
    Kind.COMMENT_RECEIVED: ("逾期提交", "late"),
    Kind.COMMENT_DISPOSED: ("处理结果：部分采纳；理由：部分采纳，另行规划", "partly adopted"),
    Kind.ADOPTION_REPORT: ("采纳2条、部分采纳1条、不予采纳1条（采纳率75%）", "75%"),
    Kind.OPINION_SUBMITTED: ("提交论证意见：附条件支持；所附条件：补充交通影响评价", "support with conditions"),
    Kind.PANEL_DRAWN: ("第1席 赵文静", "seat 1 赵文静"),
    Kind.OPINION_REQUESTED: ("于2027-03-15 24:00前提出论证意见", "due by 2027-03-15 24:00"),
    Kind.EXPERT_REPLACED: ("接替 expert 02（第2席），原因：申报利害关系回避", "declared a conflict of interest"),
    Kind.PANEL_SHORTFALL: ("法定人数5名（未达到）", "quorum 5 (not met)"),
    Kind.RISK_ASSESSED: ("最高风险等级为高，风险不可控", "the highest rated high"),
    Kind.RISK_CONCLUDED: ("评估轮次已用尽", "rounds ran out"),
    Kind.LEGALITY_REVIEWED: ("合法性审查结论：修改后合法；修改意见：删去第五条", "lawful with revisions"),
    Kind.GATE_CLOSED: ("合法性审查认为不合法（R-E1）", "Gate closed"),
    Kind.MEMBER_VIEW: ("不同意；理由：财政压力过大", "disagree"),
    Kind.HEAD_DECISION: ("行政首长作出决定：不予通过（与多数意见“通过”不一致）", "decided: reject"),
    Kind.NOT_PUBLISHED: ("会议决定为“不予通过”", "reject"),
    Kind.PUBLISHED: ("决策向社会公布，发文字号 延政发〔2027〕9号（作出决定后第4个工作日，时限20个工作日）", "as 延政发〔2027〕9号"),
    Kind.ANNOUNCEMENT_REVIEWED: ("承办单位审定决定公告，发文字号 延政发〔2027〕9号，修改了生成的公告文字", "changed the generated"),
    Kind.ARCHIVE_BUILT: ("J001-2027-Y-0003 第2版（完整版）", "version 2 (full edition)"),
    Kind.ARCHIVE_ISSUED: ("（公开版），保管期限：永久", "retention: permanent"),
    Kind.FIXITY_FAILED: ("文件哈希不符", "SHA-256 differs"),
    Kind.EVALUATION_REQUESTED: ("第1次决策后评估（投诉累积）", "complaints"),
    Kind.EVALUATION_CONCLUDED: ("决策后评估结论：调整", "concluded: adjust"),
    Kind.ANSWER_REFUSED: ("拒绝办理（R-F3）：会议已结束", "Refused under R-F3: the meeting is over"),
    Kind.STEP_REFUSED: ("（R-F1）：会议材料不全", "R-F1"),
    Kind.CALENDAR_WARNING: ("节假日安排提醒：尚未载入2028年节假日安排", "Holiday schedule warning"),
    Kind.CALENDAR_AWAITED: ("等待载入2028年国务院节假日安排", "2028"),
    Kind.PERSONAL_DATA_ERASED: ("姓名3条、联系方式2条、客户端标识5条", "3 names, 2 contacts, 5 client marks"),
    Kind.HEARING_RECORD_SIGNED: ("对听证笔录提出异议；异议：笔录漏记发言", "disputed"),
    Kind.HEARING_SEATS_DRAWN: ("从3份公开报名中公开抽签确定听证参加人1名：H-000003", "1 public seat"),
    Kind.CHANNEL_RECORDED: ("座谈会“居民座谈会”（2027-03-10，12人参加）", "symposium"),
    Kind.NOTICE_SENT: ("经电子邮件向周审查发送逾期督办：【逾期督办】合法性审查", "Escalation sent to 周审查 by e-mail"),
}


def entry(kind: str, data: Any = None, stage: str = "launch", actor: str = "juece", at: str = LATER,
          seq: int = 1) -> dict[str, Any]:
    return {"decision_id": "d-1", "seq": seq, "stage": str(stage), "kind": str(kind), "actor": actor, "at": at,
            "data": data, "prev_hash": "0" * 64, "hash": "1" * 64}


def minimal(kind: Kind, **changes: Any) -> dict[str, Any]:
    stage, actor, data = MINIMAL[kind]
    return entry(kind, {**data, **changes}, stage, actor)


def recorded(name: str) -> list[dict[str, Any]]:
    entries: list[dict[str, Any]] = json.loads(stored(name))
    return entries


def plain(line: Line) -> list[str]:
    """The words a reader sees of a line: what must hold no code, key or raw time."""
    return [line.at, line.stage, line.actor, line.zh, line.en]


def assert_reads(lines: list[Line]) -> None:
    for line in lines:
        for text in plain(line):
            assert text, line
            assert not SNAKE.search(text), (text, line)
            assert not ISO_T.search(text), (text, line)
            assert "None" not in text, (text, line)


def test_every_kind_has_its_sentence_and_the_examples_cover_every_kind() -> None:
    assert set(PHRASES) == set(Kind), "a new kind needs its phrase in domain/archive/timeline_phrases*.py"
    assert set(MINIMAL) == set(Kind), "a new kind needs its example here"


@pytest.mark.parametrize("kind", list(Kind), ids=str)
def test_each_kind_reads_as_a_sentence_in_both_languages(kind: Kind) -> None:
    zh, en = sentence(minimal(kind), {}, {})
    assert zh.strip() and en.strip()
    assert (zh, en) != sentence(entry(f"{kind}_of_a_later_version"), {}, {})  # not the fallback for unknown kinds
    assert_reads(timeline([minimal(kind)]))


@pytest.mark.parametrize("kind", list(SAYS), ids=str)
def test_a_sentence_says_the_fact_that_matters_in_words(kind: Kind) -> None:
    zh, en = sentence(minimal(kind), {}, {})
    want_zh, want_en = SAYS[kind]
    assert want_zh in zh and want_en in en, (zh, en)


@pytest.mark.parametrize("kind", list(Kind), ids=str)
@pytest.mark.parametrize("data", [{}, None, "garbage", {"seats": "x", "counts": [1], "points": {"a": 1},
                                                          "refusals": [None, 3], "spec": [], "due_at": 17,
                                                          "disposition": ["a"], "outcome": {"x": None}}],
                         ids=["empty", "none", "text", "odd"])
def test_an_entry_missing_its_fields_or_holding_odd_ones_still_reads(kind: Kind, data: Any) -> None:
    stage, actor, _ = MINIMAL[kind]
    zh, en = PHRASES[kind](data if isinstance(data, dict) else {}, entry(kind, {}, stage, actor), _people())
    assert zh.strip() and en.strip()
    assert_reads(timeline([entry(kind, data, stage, actor)]))


def _people() -> Any:
    from juece.domain.archive.timeline_words import People

    return People()


def test_an_entry_of_an_unknown_kind_or_without_fields_is_still_a_line() -> None:
    (odd,) = timeline([{"seq": 7}])  # type: ignore[list-item]
    assert odd.seq == 7 and odd.zh and odd.en and odd.at == ""
    (later,) = timeline([entry("budget_reviewed", {"x": 1}, "budget_stage")])
    assert (later.zh, later.en, later.stage) == ("记录事项：budget reviewed", "Entry: budget reviewed", "budget stage")


@pytest.mark.parametrize("at", ["2027-01-12T06:05:00+00:00", "2027-01-12T06:05:00.000000Z"])
def test_a_time_is_shown_in_china_time_to_the_minute(at: str) -> None:
    (line,) = timeline([entry(Kind.WORKFLOW_STARTED, {}, at=at)])
    assert line.at == "2027-01-12 14:05"


def test_deadlines_are_in_china_time_and_a_period_ends_at_24_00_of_its_last_day() -> None:
    due = "2027-03-15T16:00:00.000000Z"  # 00:00 of the 16th in China: the end of the 15th
    zh, en = sentence(minimal(Kind.REMINDER_SENT, due_at=due), {}, {})
    assert "2027-03-15 24:00" in zh and "2027-03-15 24:00" in en
    zh, _ = sentence(minimal(Kind.HEARING_ANNOUNCED), {}, {})
    assert "2027-04-20 09:00" in zh


def test_an_expert_named_by_the_caller_is_shown_by_name_role_and_seat(chain: Chain) -> None:
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office",
              {"seats": [{"seat": "seat_3", "user": "expert_07", "covers": ["交通"]}],
               "pool": [{"user": "expert_07", "name": "旧名"}]})
    chain.add(Stage.EXPERT_REVIEW, "opinion_submitted", "expert_07",
              {"seat": "seat_3", "expert": "expert_07", "conclusion": "support_with_conditions", "conditions": "限速"})
    chain.add(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office",
              {"ref": "expert_07", "disposition": "adopted", "reason": "采纳"})
    *_, submitted, disposed = timeline(chain.entries, names={"expert_07": "王某"})
    assert submitted.actor == "论证专家 王某（第3席）"
    assert submitted.zh.startswith("专家 王某（第3席）提交论证意见：附条件支持")
    assert submitted.en.startswith("Expert 王某 (seat 3) submitted an opinion: support with conditions")
    assert "王某（第3席）" in disposed.zh  # the seat found from the draw: the disposition names only the expert
    assert "expert" not in submitted.actor + submitted.zh


def test_names_recorded_with_the_panel_draw_are_used_without_being_given(chain: Chain) -> None:
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office",
              {"seats": [{"seat": "seat_1", "user": "expert_01"}], "pool": [{"user": "expert_01", "name": "赵文静"}]})
    chain.add(Stage.EXPERT_REVIEW, "opinion_signed", "expert_01", {"seat": "seat_1", "expert": "expert_01"})
    assert timeline(chain.entries)[-1].actor == "论证专家 赵文静（第1席）"


def test_a_person_without_a_name_is_shown_by_role_and_user_id_and_with_one_by_name(chain: Chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    assert timeline(chain.entries)[-1].actor == "行政首长 county head"
    named = timeline(chain.entries, names={"county_head": "张县长"})[-1]
    assert named.actor == "行政首长 张县长"
    assert timeline(chain.entries)[0].actor == "承办单位 sponsor office"


def test_a_refusal_carries_its_rule_and_its_chinese_message() -> None:
    (refused,) = timeline([minimal(Kind.ANSWER_REFUSED)])
    assert refused.rule == "R-F3" and "会议已结束" in refused.zh and "R-F3" in refused.zh
    (closed,) = timeline([minimal(Kind.GATE_CLOSED)])
    assert closed.rule == "R-E1"
    (form,) = timeline([minimal(Kind.ANSWER_REFUSED, rule=None, zh="意见内容不能为空")])
    assert form.rule == "" and form.zh == "拒绝办理（填写有误）：意见内容不能为空"
    assert timeline([minimal(Kind.COMMENT_RECEIVED)])[0].rule == ""


def test_a_hostile_value_comes_back_as_plain_text_and_a_long_one_cut_short() -> None:
    script = "<script>alert('x')</script>"
    zh, en = sentence(minimal(Kind.COMMENT_RECEIVED, text=script), {}, {})
    assert script in zh and script in en and "&lt;" not in zh
    long = "很长的意见。" * 1000
    zh, en = sentence(minimal(Kind.COMMENT_DISPOSED, reason=long, disposition="<b>" * 200), {}, {})
    assert len(zh) < 200 and len(en) < 200 and "…" in zh
    zh, _ = sentence(minimal(Kind.COMMENT_RECEIVED, text="第一行\n第二行\r\n\x07第三行"), {}, {})
    assert "第一行 第二行 第三行" in zh


def test_an_unknown_value_is_shown_readably() -> None:
    zh, en = sentence(minimal(Kind.HEAD_DECISION, outcome="refer_to_party_committee"), {}, {})
    assert "refer to party committee" in zh and "refer to party committee" in en


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_a_whole_recorded_decision_reads_line_by_line(name: str) -> None:
    entries = recorded(name)
    lines = timeline(entries)
    assert [line.seq for line in lines] == [e["seq"] for e in entries]
    assert [line.kind for line in lines] == [e["kind"] for e in entries]
    assert_reads(lines)


def test_an_amended_decision_tells_its_story() -> None:
    entries = recorded("compliance-amended")
    said = {line.kind: line for line in timeline(entries)}
    assert said["launched"].zh.startswith("承办单位（延寿县自然资源局）启动决策“延寿县城区控制性详细规划")
    assert said["launched"].at == "2026-03-02 09:00"  # 01:00 UTC
    assert said["conflict_declared"].actor.startswith("论证专家 ") and "（第2席）" in said["conflict_declared"].actor
    assert said["gate_passed"].zh.startswith("程序关口通过：合法性审查结论为合法，风险可控")
    assert said["head_decision"].zh == "行政首长作出决定：通过" and said["head_decision"].actor == "行政首长 county head"
    assert said["evaluation_concluded"].zh.startswith("第1次决策后评估结论：调整")
    assert said["published"].stage == "决策公布 Publication"


def test_the_roles_given_to_sentence_name_the_role() -> None:
    chain_entries = recorded("compliance-rejected")
    roles = roles_by_user(chain_entries)
    view = next(e for e in chain_entries if e["kind"] == "member_view" and e["data"]["view"] == "disagree")
    zh, en = sentence(view, roles, {"member_3": "李委员"})
    assert zh.startswith("组成人员 李委员发表意见：不同意；理由：") and en.startswith("Member 李委员 stated a view: disagree")


def test_the_archive_and_the_record_in_words_name_values_from_one_table() -> None:
    from juece.adapters.reporting import labels as archive
    from juece.domain.record import labels as shared

    for table in ("KIND_LABELS", "VALUE_LABELS", "CATEGORY_LABELS", "EDITION_LABELS"):
        assert getattr(archive, table) is getattr(shared, table)


def test_an_ofd_edition_built_says_so_in_both_languages() -> None:
    data = {"archive_no": "J001-2027-Y-0003", "version": 2, "edition": "public", "format": "ofd", "entries": 80}
    zh, en = sentence({"kind": Kind.ARCHIVE_BUILT, "stage": Stage.ARCHIVE, "actor": "juece", "data": data})
    assert "生成决策档案（OFD版式）" in zh and "收录记录80条" in zh
    assert en.startswith("Archive built (OFD)") and "holding 80 entries" in en


def test_a_name_in_latin_letters_takes_no_space_before_a_chinese_mark() -> None:
    # a replacement for an expert who held no seat: "接替 expert 02，原因" and not "expert 02 ，原因"
    data = {"expert": "expert_05", "replaces": "expert_02", "reason": "conflict"}
    zh, en = sentence(entry(Kind.EXPERT_REPLACED, data), {}, {})
    assert zh == "递补专家 expert 05，接替 expert 02，原因：申报利害关系回避"
    assert en == "Replacement expert expert 05 drawn in place of expert 02; reason: declared a conflict of interest"
    zh, _ = sentence(entry(Kind.OPINION_SUBMITTED, {"expert": "expert_05"}), {}, {})
    assert zh == "专家 expert 05 提交论证意见"  # the space before Chinese text stays
