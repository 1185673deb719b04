"""Public participation after the comments, as an archivist reads it (R-B5..R-B7): the adoption
report's way to the meeting and to the public, the hearing and the other channels."""

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
from juece.domain.archive.compliance_launch import r_b5, r_b6, r_b7
from tests.unit.domain.archive.compliance_entries import CD, LR, PUB, facts, launched, record

PP = "public_participation"
CLOSED = (PP, "comments_closed", {})
REPORT = (PP, "adoption_report", {})


def pack(report: str | None = "h2") -> tuple[str, str, dict[str, Any]]:
    return (CD, "materials_issued", {"comment_adoption_report": report})


def test_no_adoption_report_keeps_r_b5_open_on_the_close_of_the_period() -> None:
    rows = record(CLOSED)
    assert r_b5(facts(rows)) == Finding(OPEN, "尚无公众意见采纳情况说明", "no adoption report yet", rows[0])
    assert r_b5(facts(record(("expert_review", "adoption_report", {})))).proof is None


def test_the_report_sent_to_the_meeting_and_published_with_the_decision_meets_r_b5_on_the_publication() -> None:
    rows = record(CLOSED, REPORT, pack(), (PUB, "published", {}))
    assert r_b5(facts(rows)) == Finding(
        MET, "采纳情况说明（#2）已送会议（#3），并随决策公布（#4）",
        "the report (#2) went to the meeting (#3) and was published with the decision (#4)", rows[3])
    rows = record(CLOSED, REPORT, (PUB, "published", {}))
    assert r_b5(facts(rows)).zh == "采纳情况说明（#2）已送会议（—），并随决策公布（#3）"


def test_the_report_in_the_meeting_pack_meets_r_b5_on_the_pack_whichever_report_it_holds() -> None:
    rows = record(CLOSED, REPORT, (PP, "adoption_report", {}), pack())
    assert r_b5(facts(rows)) == Finding(MET, "采纳情况说明（#3）已随会议材料送达组成人员",
                                        "the report (#3) went to the members with the meeting pack", rows[3])


def test_a_meeting_pack_without_the_report_is_not_met_r_b5() -> None:
    rows = record(CLOSED, REPORT, ("expert_review", "adoption_report", {}), pack("h3"), (PUB, "published", {}))
    assert r_b5(facts(rows)) == Finding(NOT_MET, "会议材料（#4）未附公众意见采纳情况说明",
                                        "the meeting pack (#4) lacks the comment adoption report", rows[3])
    assert r_b5(facts(record(REPORT, pack(None)))).status == NOT_MET


def test_a_report_not_yet_before_the_meeting_keeps_r_b5_open_unless_the_gate_closed() -> None:
    rows = record(CLOSED, REPORT)
    assert r_b5(facts(rows)) == Finding(OPEN, "采纳情况说明已形成（#2），尚未送会议",
                                        "the report is made (#2), not yet before the meeting", rows[1])
    rows = record(CLOSED, REPORT, (LR, "gate_closed", {}))
    assert r_b5(facts(rows)) == Finding(
        MET, "采纳情况说明已形成（#2）；合法性审查关口未通过（#3），未提交集体讨论",
        "the report was made (#2); the gate closed (#3): the decision did not go to deliberation", rows[1])


def hearing(*users: Any) -> tuple[str, str, dict[str, Any]]:
    people = [{"user": user, "name": f"参加人{user}"} if isinstance(user, str) else user for user in users]
    return launched(stages={PP: {"hearing": {"participants": people}}})


def step(kind: str, **found: Any) -> tuple[str, str, dict[str, Any]]:
    return (PP, kind, found)


def test_no_hearing_in_the_spec_does_not_use_r_b6() -> None:
    unused = Finding(NOT_USED, "未举行听证会", "no hearing was held")
    assert r_b6(facts(record())) == unused
    assert r_b6(facts(record(launched(stages={PP: {"hearing": True}})))) == unused


def test_a_hearing_announced_heard_and_signed_by_every_participant_meets_r_b6_counting_disputes() -> None:
    rows = record(hearing("u1", "u2", 7), step("hearing_announced"), step("hearing_materials_issued"),
                  step("hearing_held"), step("hearing_record_signed", participant="u1", confirmed=True),
                  step("hearing_record_signed", participant="u2", confirmed=False),
                  step("hearing_record_signed", participant="u3"))
    assert r_b6(facts(rows)) == Finding(
        MET, "听证会已公告、送达材料、各方发言；2名参加人均签名确认笔录（异议2份）",
        "hearing announced, materials issued, every side heard; all 2 participants signed the record (2 with a dispute)",
        rows[6])


def test_a_hearing_missing_its_steps_is_open_until_the_meeting_pack_then_not_met_r_b6_naming_them_in_words() -> None:
    rows = record(hearing("u1"), step("hearing_announced"), ("expert_review", "hearing_held", {}))
    assert r_b6(facts(rows)) == Finding(OPEN, "尚缺：分发听证材料、举行听证会",
                                        "still missing: hearing materials issued, hearing held", rows[1])
    late = [*rows, {"seq": 4, "stage": CD, "kind": "materials_issued", "data": {}}]
    assert r_b6(facts(late)).status == NOT_MET
    assert r_b6(facts(record(hearing("u1")))).proof is None


def test_participants_yet_to_sign_the_record_are_named_r_b6_on_the_hearing() -> None:
    rows = record(hearing("u1", "u2", "u3"), step("hearing_announced"), step("hearing_materials_issued"),
                  step("hearing_held"), step("hearing_record_signed", participant="u2", confirmed=True))
    assert r_b6(facts(rows)) == Finding(OPEN, "尚未签名确认笔录的参加人：u1、u3", "participants yet to sign: u1, u3", rows[3])
    packed = [*rows, {"seq": 6, "stage": CD, "kind": "materials_issued", "data": {}}]
    assert r_b6(facts(packed)) == Finding(NOT_MET, "尚未签名确认笔录的参加人：u1、u3", "participants yet to sign: u1, u3",
                                          rows[3])


def test_other_channels_are_listed_by_label_or_code_r_b7() -> None:
    assert r_b7(facts(record())) == Finding(NOT_USED, "未采用其他公众参与方式", "no other channel was used")
    rows = record(step("channel_recorded", label="座谈会", channel="forum"), step("channel_recorded", channel="survey"))
    assert r_b7(facts(rows)) == Finding(MET, "记录其他方式2项：座谈会、survey", "2 other channel(s) recorded: 座谈会, survey",
                                        rows[1])
    assert NOT_APPLICABLE != MET
