"""The launch and public-participation rules read only the participation stage's entries, cut long
names where the reader expects, prove by the last entry of its kind, and are not applicable when
the stage was marked so."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.compliance_facts import MET, NOT_APPLICABLE, NOT_MET, OPEN, Finding
from juece.domain.archive.compliance_launch import (
    participation,
    r_a1,
    r_b1,
    r_b3,
    r_b4,
    r_b5,
    r_b6,
    r_b7,
)
from tests.unit.domain.archive.compliance_entries import ER, facts, launched, record

PP = "public_participation"
CLOSED_ELSEWHERE = (ER, "comments_closed", {})


def step(kind: str, stage: str = PP, **found: Any) -> tuple[str, str, dict[str, Any]]:
    return (stage, kind, found)


def test_a_decision_body_of_thirty_one_characters_is_cut_at_thirty_r_a1() -> None:
    spec = {"decision_body": "机" * 31, "sponsor_unit": "单" * 30, "title": "t", "category": "c",
            "draft": {"text": "x", "explanation": "y"}, "legal_basis": "z"}
    assert r_a1(facts(record(launched(**spec)))).zh == (
        f"决策机关{'机' * 29}…、承办单位{'单' * 30}、标题、类别、草案及起草说明、法律依据1项")


def test_a_close_of_comments_in_another_stage_does_not_close_the_period_r_b3_r_b4() -> None:
    rows = record(step("notice_published"), step("comment_received", receipt="C-1", late=False), CLOSED_ELSEWHERE)
    assert r_b3(facts(rows)) == Finding(OPEN, "征求意见期间尚未结束，已收到1条", "the period has not closed; 1 received so far",
                                        rows[0])
    assert r_b4(facts(rows)) == Finding(OPEN, "1条意见尚无处理结果：C-1", "1 comment(s) without a disposition: C-1")
    bare = record(step("notice_published"), step("notice_published", ER), CLOSED_ELSEWHERE)
    assert r_b4(facts(bare)) == Finding(OPEN, "征求意见期间尚未结束", "the comment period has not closed", bare[0])
    assert r_b3(facts(record(step("comment_received", receipt="C-1"), CLOSED_ELSEWHERE))).proof is None


def test_an_adoption_report_of_another_stage_is_not_the_participation_report_r_b4_r_b5() -> None:
    rows = record(step("notice_published"), step("comment_received", receipt="C-1", late=False), step("comments_closed"),
                  step("adoption_report", ER), step("comment_disposed", ref="C-1", disposition="adopted"))
    assert r_b4(facts(rows)) == Finding(
        MET, "1条意见（含逾期）逐条处理：采纳1条、部分采纳0条、不予采纳0条；未采纳或部分采纳的均说明理由",
        "all 1 comments (late ones too) disposed of: 1 adopted, 0 partly adopted, 0 not adopted; each one not (fully) "
        "adopted has its reason", rows[4])
    assert r_b5(facts(record(step("comments_closed", ER)))) == Finding(OPEN, "尚无公众意见采纳情况说明", "no adoption report yet")


def test_without_a_report_r_b4_is_proven_by_the_last_disposition_of_several() -> None:
    rows = record(step("comment_received", receipt="C-1", late=False), step("comments_closed"),
                  *[step("comment_disposed", ref="C-1", disposition="adopted") for _ in range(3)])
    assert r_b4(facts(rows)).proof == rows[4]


def test_a_comment_sharing_the_reports_number_is_not_counted_before_it_r_b4() -> None:
    rows = record(step("comment_received", receipt="C-1", late=False), step("comments_closed"),
                  step("comment_disposed", ref="C-1", disposition="adopted"), step("adoption_report"))
    rows.append({**rows[0], "data": {"receipt": "C-2", "late": True}, "seq": 4})
    assert r_b4(facts(rows)).en.endswith("; 1 more received after the adoption report, kept and marked, not in it")


def test_a_signature_of_another_stage_does_not_sign_the_hearing_record_r_b6() -> None:
    spec = launched(stages={PP: {"hearing": {"participants": [{"user": "u1"}]}}})
    rows = record(spec, step("hearing_announced"), step("hearing_materials_issued"), step("hearing_held"),
                  step("hearing_record_signed", participant="u1", confirmed=True),
                  step("hearing_record_signed", ER, participant="u1", confirmed=False))
    assert r_b6(facts(rows)) == Finding(
        MET, "听证会已公告、送达材料、各方发言；1名参加人均签名确认笔录（异议0份）",
        "hearing announced, materials issued, every side heard; all 1 participants signed the record (0 with a dispute)",
        rows[4])
    unsigned = rows[:4] + [rows[5]]
    assert r_b6(facts(unsigned)).zh == "尚未签名确认笔录的参加人：u1"


def test_other_channels_are_proven_by_the_last_one_recorded_r_b7() -> None:
    rows = record(*[step("channel_recorded", channel=f"c{n}") for n in range(3)])
    assert r_b7(facts(rows)) == Finding(MET, "记录其他方式3项：c0、c1、c2", "3 other channel(s) recorded: c0, c1, c2", rows[2])


def test_a_participation_rule_is_not_applicable_when_its_stage_was_marked_so_else_the_rule_decides() -> None:
    rule = participation(r_b1)
    marked = record(step("not_applicable", reason="涉密", article="Art. 14"), step("not_applicable", ER, reason="x"))
    assert rule(facts(marked)) == Finding(NOT_APPLICABLE, "本环节不适用（Art. 14）：涉密", "stage not applicable (Art. 14): 涉密",
                                          marked[0])
    other = record(step("not_applicable", ER, reason="x"), step("notice_published", how_to_comment="信函"))
    assert rule(facts(other)) == Finding(NOT_MET, "公告未载明：截止时间", "the notice does not state: when comments close",
                                         other[1])
