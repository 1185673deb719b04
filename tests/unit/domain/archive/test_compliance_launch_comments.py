"""Public participation as an archivist reads it (R-B1..R-B4): the notice, its period, the comments
and their dispositions, with the exact status, words and proving entry of each branch."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.compliance_facts import MET, NOT_MET, OPEN, Finding
from juece.domain.archive.compliance_launch import r_b1, r_b2, r_b3, r_b4
from tests.unit.domain.archive.compliance_entries import CD, facts, record

PP = "public_participation"
NO_NOTICE = Finding(OPEN, "征求意见公告尚未发布", "the notice is not published yet")


def notice(**found: Any) -> tuple[str, str, dict[str, Any]]:
    return (PP, "notice_published", found)


def comment(receipt: str, late: Any = False) -> tuple[str, str, dict[str, Any]]:
    return (PP, "comment_received", {"receipt": receipt, "late": late})


def disposed(ref: str, disposition: str, reason: Any = "") -> tuple[str, str, dict[str, Any]]:
    return (PP, "comment_disposed", {"ref": ref, "disposition": disposition, "reason": reason})


CLOSED = (PP, "comments_closed", {})
REPORT = (PP, "adoption_report", {})


def test_a_notice_with_how_to_comment_and_its_close_meets_r_b1_on_the_close_in_china_time() -> None:
    rows = record(notice(how_to_comment="网上留言", closes_at="2027-04-01T16:00:00Z", draft_version=2))
    assert r_b1(facts(rows)) == Finding(MET, "公布草案第2版及说明，写明提出意见的方式，2027-04-02截止",
                                        "draft v2 and its explanation published with how to comment, until 2027-04-02",
                                        rows[0])
    found = r_b1(facts(record(notice(how_to_comment="信函", closes_at="2027-04-01", draft_version="1234567"))))
    assert (found.zh, found.en) == ("公布草案第12345…版及说明，写明提出意见的方式，2027-04-01截止",
                                    "draft v12345… and its explanation published with how to comment, until 2027-04-01")
    assert r_b1(facts(record(notice(how_to_comment="信函", closes_at="2027-04-01")))).en.startswith("draft v? and")


def test_no_notice_of_the_participation_stage_leaves_r_b1_to_r_b3_open() -> None:
    elsewhere = record(("expert_review", "notice_published", {"how_to_comment": "x", "closes_at": "2027-04-01"}))
    assert r_b1(facts(elsewhere)) == NO_NOTICE == r_b2(facts(elsewhere)) == r_b3(facts(elsewhere))


def test_a_notice_without_how_to_comment_or_its_close_is_not_met_r_b1_naming_what_it_lacks() -> None:
    rows = record(notice(how_to_comment=" ", closes_at="soon"))
    assert r_b1(facts(rows)) == Finding(NOT_MET, "公告未载明：提出意见的方式、截止时间",
                                        "the notice does not state: how to comment, when comments close", rows[0])
    found = r_b1(facts(record(notice(how_to_comment="信函"))))
    assert (found.status, found.zh, found.en) == (NOT_MET, "公告未载明：截止时间", "the notice does not state: when comments close")
    found = r_b1(facts(record(notice(closes_at="2027-04-01"))))
    assert (found.zh, found.en) == ("公告未载明：提出意见的方式", "the notice does not state: how to comment")


def test_thirty_days_meet_r_b2_and_fewer_only_with_the_urgency_reason_printed() -> None:
    rows = record(notice(period_days=30))
    assert r_b2(facts(rows)) == Finding(MET, "征求意见30日", "a comment period of 30 days", rows[0])
    rows = record(notice(period_days=29, urgency_reason="防汛工期紧迫"))
    assert r_b2(facts(rows)) == Finding(MET, "征求意见29日，少于30日；公告载明紧急理由：防汛工期紧迫",
                                        "29 days, under 30; the notice prints the urgency reason: 防汛工期紧迫", rows[0])
    rows = record(notice(period_days=29, urgency_reason=" "))
    assert r_b2(facts(rows)) == Finding(NOT_MET, "征求意见仅29日，公告未载明紧急理由",
                                        "only 29 days and no urgency reason printed", rows[0])


def test_a_notice_without_a_period_in_whole_days_is_not_met_r_b2() -> None:
    for days in (None, "30", 30.0, True):
        rows = record(notice(period_days=days, urgency_reason="紧急"))
        assert r_b2(facts(rows)) == Finding(NOT_MET, "公告未载明征求意见天数", "the notice does not state the period in days",
                                            rows[0])


def test_comments_each_marked_on_time_or_late_meet_r_b3_once_the_period_closed() -> None:
    rows = record(notice(), comment("C-1"), comment("C-2", True), comment("C-3", True), CLOSED)
    assert r_b3(facts(rows)) == Finding(MET, "经无需账号的渠道收到3条意见；逾期2条已保存并标注",
                                        "3 comments through channels needing no account; 2 late, kept and marked", rows[4])


def test_comments_not_marked_on_time_or_late_are_not_met_r_b3_by_receipt() -> None:
    rows = record(notice(), comment("C-1"), comment("C-2", None), comment("C-3", "yes"), CLOSED)
    assert r_b3(facts(rows)) == Finding(NOT_MET, "意见未标注是否逾期：C-2、C-3", "comments not marked on time or late: C-2, C-3",
                                        rows[4])
    assert r_b3(facts(record(comment("C-9", 0)))) == Finding(NOT_MET, "意见未标注是否逾期：C-9",
                                                             "comments not marked on time or late: C-9")


def test_a_period_still_running_keeps_r_b3_open_on_the_notice_with_what_arrived_so_far() -> None:
    rows = record(notice(), comment("C-1"), comment("C-2"))
    assert r_b3(facts(rows)) == Finding(OPEN, "征求意见期间尚未结束，已收到2条", "the period has not closed; 2 received so far",
                                        rows[0])
    assert r_b3(facts(record(comment("C-1")))) == NO_NOTICE


def test_every_comment_disposed_of_with_reasons_meets_r_b4_with_the_counts_and_those_after_the_report() -> None:
    rows = record(notice(), comment("C-1"), comment("C-2", True), comment("C-3"), comment("C-4"), CLOSED,
                  disposed("C-1", "adopted"), disposed("C-2", "partly_adopted", "已改第三条"),
                  disposed("C-3", "not_adopted", "与上位法不符"), disposed("C-4", "adopted"), REPORT, comment("C-5", True))
    assert r_b4(facts(rows)) == Finding(
        MET, "4条意见（含逾期）逐条处理：采纳2条、部分采纳1条、不予采纳1条；未采纳或部分采纳的均说明理由；"
             "另有1条在采纳情况报告之后收到，已保存并标注，未纳入报告",
        "all 4 comments (late ones too) disposed of: 2 adopted, 1 partly adopted, 1 not adopted; each one not (fully) "
        "adopted has its reason; 1 more received after the adoption report, kept and marked, not in it", rows[10])


def test_without_a_report_r_b4_is_met_on_the_last_disposition_and_counts_none_of_a_kind_as_zero() -> None:
    rows = record(notice(), comment("C-1"), CLOSED, disposed("C-1", "adopted"), disposed("C-1", "adopted"))
    assert r_b4(facts(rows)) == Finding(
        MET, "1条意见（含逾期）逐条处理：采纳1条、部分采纳0条、不予采纳0条；未采纳或部分采纳的均说明理由",
        "all 1 comments (late ones too) disposed of: 1 adopted, 0 partly adopted, 0 not adopted; each one not (fully) "
        "adopted has its reason", rows[4])


def test_no_comment_at_all_meets_r_b4_once_the_period_closed_and_keeps_it_open_before() -> None:
    rows = record(notice(), CLOSED)
    assert r_b4(facts(rows)) == Finding(MET, "未收到意见，无需处理", "no comment arrived: none to dispose of", rows[1])
    rows = record(notice())
    assert r_b4(facts(rows)) == Finding(OPEN, "征求意见期间尚未结束", "the comment period has not closed", rows[0])


def test_invalid_dispositions_and_missing_reasons_are_not_met_r_b4_on_the_report() -> None:
    rows = record(notice(), comment("C-1"), comment("C-2"), comment("C-3"), comment("C-4"), CLOSED,
                  disposed("C-1", "adopted"), disposed("C-2", "rejected"), disposed("C-3", "partly_adopted"),
                  disposed("C-4", "not_adopted", " "), REPORT)
    assert r_b4(facts(rows)) == Finding(
        NOT_MET, "处理结果不在采纳、部分采纳、不予采纳之列：C-2；未采纳或部分采纳而未说明理由：C-3、C-4",
        "invalid dispositions: C-2; not (fully) adopted without a reason: C-3, C-4", rows[10])
    rows = record(comment("C-1"), disposed("C-1", "partly_adopted"))
    assert r_b4(facts(rows)) == Finding(NOT_MET, "未采纳或部分采纳而未说明理由：C-1", "not (fully) adopted without a reason: C-1")


def test_a_comment_without_a_disposition_keeps_r_b4_open_until_the_report_or_the_meeting_pack() -> None:
    rows = record(notice(), comment("C-1"), comment("C-2"), CLOSED, disposed("C-1", "adopted"))
    assert r_b4(facts(rows)) == Finding(OPEN, "1条意见尚无处理结果：C-2", "1 comment(s) without a disposition: C-2", rows[3])
    packed = [*rows, {"seq": 6, "stage": CD, "kind": "materials_issued", "data": {}}]
    assert r_b4(facts(packed)) == Finding(NOT_MET, "1条意见尚无处理结果：C-2", "1 comment(s) without a disposition: C-2",
                                          rows[3])
    reported = record(notice(), comment("C-1"), comment("C-2"), CLOSED, REPORT)
    assert r_b4(facts(reported)) == Finding(NOT_MET, "2条意见尚无处理结果：C-1、C-2",
                                            "2 comment(s) without a disposition: C-1, C-2", reported[4])
    assert r_b4(facts(record(comment("C-1")))).proof is None
