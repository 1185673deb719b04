"""The duties after publication as an archivist reads them (R-G1..R-G5): the exact status, words,
proving entry and due date (in China time) of each branch, on small hand-made records."""

from __future__ import annotations

from datetime import date
from typing import Any

from juece.domain.archive.compliance_after import (
    _after_publication,
    evaluation_due,
    published_on,
    r_g1,
    r_g2,
    r_g3,
)
from juece.domain.archive.compliance_facts import DUE, MET, NOT_APPLICABLE, NOT_MET, OPEN, Finding
from tests.unit.domain.archive.compliance_entries import CD, PE, PUB, facts, launched, record


def spec(months: Any = 12, **post: Any) -> tuple[str, str, dict[str, Any]]:
    return launched(stages={"post_evaluation": {"after_months": months, **post}})


def published(at: str = "2027-01-30T17:00:00Z", **found: Any) -> tuple[str, str, dict[str, Any]]:
    return (PUB, "published", {"published_at": at, **found})


APPROVED = (CD, "head_decision", {"outcome": "approve"})


def test_the_publication_day_is_the_day_in_china() -> None:
    assert published_on(facts(record(published("2027-03-31T16:00:00Z")))) == date(2027, 4, 1)
    assert published_on(facts(record(published("2027-03-31T15:59:59Z")))) == date(2027, 3, 31)
    assert published_on(facts(record())) is None


def test_the_evaluation_is_due_on_its_scheduled_day_in_china() -> None:
    rows = record(spec(), published(), (PE, "evaluation_scheduled", {"due_at": "2028-06-30T16:30:00Z"}))
    assert evaluation_due(facts(rows)) == date(2028, 7, 1)


def test_without_a_schedule_the_evaluation_is_due_the_specs_months_after_publication_in_china() -> None:
    assert evaluation_due(facts(record(spec(1), published()))) == date(2027, 2, 28)  # China: 31 January
    assert evaluation_due(facts(record(spec(13), published("2027-03-14T00:00:00Z")))) == date(2028, 4, 14)
    assert evaluation_due(facts(record(spec(1200), published("2027-03-14T00:00:00Z")))) == date(2127, 3, 14)
    other = record(spec(), published(), (PE, "evaluation_scheduled", {"due_at": None}))
    assert evaluation_due(facts(other)) == date(2028, 1, 31)


def test_no_due_date_without_publication_or_months_in_range_or_within_the_calendar() -> None:
    for rows in (record(spec()), record(spec(0), published()), record(spec(1201), published()),
                 record(spec(-1), published()), record(spec(True), published()), record(spec("12"), published()),
                 record(spec(None), published()), record(spec(1), published("9999-12-14T00:00:00Z"))):
        assert evaluation_due(facts(rows)) is None


def test_a_decision_not_yet_published_or_not_made_leaves_r_g1_open() -> None:
    assert r_g1(facts(record())) == Finding(OPEN, "尚未作出决定", "not decided yet")
    rows = record(APPROVED)
    assert r_g1(facts(rows)) == Finding(OPEN, "会议已通过（#1），尚未公布", "approved (#1), not yet published", rows[0])
    assert r_g1(facts(record(published()))) == Finding(OPEN, "尚未作出决定", "not decided yet")


def test_a_publication_within_its_working_days_meets_r_g1() -> None:
    rows = record(APPROVED, published(working_days=3, within_working_days=20))
    assert r_g1(facts(rows)) == Finding(
        MET, "决定后3个工作日内公布（时限20个），附公众意见和专家意见采纳情况说明",
        "published within 3 working days of the decision (limit 20), with the comment and expert adoption "
        "explanations", rows[1])
    unknown = record(APPROVED, published(working_days=None, within_working_days=20))
    assert r_g1(facts(unknown)) == Finding(
        MET, "该年度节假日安排未知，工作日数未核算，附公众意见和专家意见采纳情况说明",
        "the year's official holiday schedule is unknown: working days not counted, with the comment and expert "
        "adoption explanations", unknown[1])


def test_an_overdue_publication_is_not_met_on_its_overdue_flag_r_g1() -> None:
    rows = record(APPROVED, (PUB, "publication_overdue", {}), published(working_days=25, within_working_days=20,
                                                                         overdue=True))
    assert r_g1(facts(rows)) == Finding(NOT_MET, "决定后第25个工作日公布，超过时限20个工作日",
                                        "published 25 working days after the decision: over the limit of 20", rows[1])
    unflagged = record(APPROVED, published(working_days=25, within_working_days=20, overdue=True))
    assert r_g1(facts(unflagged)).proof == unflagged[1]


def test_a_decision_that_will_never_be_published_makes_the_duties_after_publication_not_applicable() -> None:
    rows = record((CD, "head_decision", {"outcome": "reject"}))
    assert _after_publication(r_g1)(facts(rows)) == Finding(
        NOT_APPLICABLE, "会议决定：不予通过（#1），不予公布", "the meeting decided: rejected (#1); nothing is published",
        rows[0])
    assert _after_publication(r_g1)(facts(record(APPROVED))) == r_g1(facts(record(APPROVED)))


def test_implementation_reports_of_a_named_unit_meet_r_g2() -> None:
    rows = record(spec(implementing_unit="县住建局"), published(), (PE, "implementation_reported", {}),
                  (PE, "implementation_reported", {}))
    assert r_g2(facts(rows)) == Finding(MET, "执行单位县住建局已报告执行情况2次",
                                        "县住建局 has reported on implementation 2 time(s)", rows[3])


def test_a_named_unit_without_reports_is_due_from_the_publication_day_in_china_r_g2() -> None:
    rows = record(spec(implementing_unit="县住建局"), published())
    assert r_g2(facts(rows)) == Finding(
        DUE, "执行单位县住建局自2027-01-31起报告执行情况（方案未规定报告间隔）",
        "县住建局 reports on implementation from 2027-01-31 (the spec sets no reporting interval)", rows[1],
        "2027-01-31")
    unpublished = record(spec(implementing_unit="县住建局"))
    assert r_g2(facts(unpublished)) == Finding(OPEN, "决策尚未公布", "not published yet")
    undated = record(spec(implementing_unit="县住建局"), published("someday"))
    assert r_g2(facts(undated)) == Finding(
        DUE, "执行单位县住建局自—起报告执行情况（方案未规定报告间隔）",
        "县住建局 reports on implementation from — (the spec sets no reporting interval)", undated[1], None)


def test_no_implementing_unit_is_not_met_on_the_launch_r_g2() -> None:
    rows = record(spec(implementing_unit=" "), published())
    assert r_g2(facts(rows)) == Finding(NOT_MET, "未明确执行单位", "no implementing unit is named", rows[0])


def test_a_concluded_evaluation_meets_r_g3_with_its_number_and_outcome() -> None:
    rows = record(spec(), (PE, "evaluation_concluded", {"number": 1, "outcome": "continue"}),
                  (PE, "evaluation_concluded", {"number": 2, "outcome": "stop"}))
    assert r_g3(facts(rows)) == Finding(MET, "第2次决策后评估，结论：停止执行", "evaluation 2 concluded: stop", rows[2])
    odd = record((PE, "evaluation_concluded", {"number": 3, "outcome": "rethink"}))
    assert r_g3(facts(odd)) == Finding(MET, "第3次决策后评估，结论：rethink", "evaluation 3 concluded: rethink", odd[0])
    adjust = record((PE, "evaluation_concluded", {"number": 1, "outcome": "adjust"}))
    assert (r_g3(facts(adjust)).zh, r_g3(facts(adjust)).en) == ("第1次决策后评估，结论：调整", "evaluation 1 concluded: adjust")


def test_an_opened_evaluation_is_under_way_r_g3() -> None:
    rows = record(spec(), published(), (PE, "evaluation_opened", {"number": 2}))
    assert r_g3(facts(rows)) == Finding(OPEN, "第2次评估进行中", "evaluation 2 is under way", rows[2])


def test_the_evaluation_is_due_the_specs_months_after_implementation_r_g3() -> None:
    rows = record(spec(6), published())
    assert r_g3(facts(rows)) == Finding(
        DUE, "实施6个月后评估，2027-07-31到期；投诉累积或决策机关要求时提前",
        "evaluation 6 months after implementation, due 2027-07-31; sooner on complaints or on demand", rows[1],
        "2027-07-31")
    bare = record(launched(), published())
    assert r_g3(facts(bare)) == Finding(
        DUE, "实施?个月后评估，—到期；投诉累积或决策机关要求时提前",
        "evaluation ? months after implementation, due —; sooner on complaints or on demand", bare[1], None)
    assert r_g3(facts(record(spec(12345)))).zh == "决策尚未公布"
