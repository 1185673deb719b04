"""Each notice word for word: its subject, its body in Chinese then English, and the fields the
record keeps of it (kind, recipient, decision, step, label, deadline, link); a digest, listing
several decisions, keeps none of one decision's fields."""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from juece.domain.archive.overdue import Pending
from juece.domain.notices import texts
from juece.domain.notices.people import Person
from juece.spec.base import CHINA

REVIEWER = Person("legality_reviewer", "王审查")
OFFICE = Person("sponsor_office", "县住建局")
PEOPLE = {"legality_reviewer": REVIEWER, "legal_adviser": Person("legal_adviser", "李顾问")}
DECISION = texts.Decision("d-1", "城区规划", "Urban plan")
NO_EN = texts.Decision("d-2", "供水方案")
LINK = "https://oa.example/juece/tasks/decisions/d-1/legality"


def step(overdue: bool = False, effective: str = "2027-03-10T16:00:00+00:00", label: str = "合法性审查期限") -> Pending:
    return Pending("d-1", "legality_review", "submission_prepared", label, "R-E3", "2027-03-10", effective,
                   ["legality_reviewer", "legal_adviser"], 7, "h" * 64, overdue=overdue)


DUE_ZH, DUE_EN = "2027-03-10 24:00（北京时间）", "24:00 China time (UTC+8) on 2027-03-10"


def test_the_opened_notice_word_for_word() -> None:
    notice = texts.opened(REVIEWER, DECISION, "审查草案合法性", step(), LINK)
    assert notice == texts.Notice(
        "opened", REVIEWER, "【待办】审查草案合法性：城区规划 / To do: Urban plan",
        "王审查：\n您有一项决策事项待办理。\n办理事项：审查草案合法性\n所属决策：城区规划（d-1）\n"
        f"办理期限：{DUE_ZH}\n办理页面：{LINK}\n\n"
        "Dear 王审查, a task of a major administrative decision awaits you.\nWhat: 审查草案合法性\n"
        f"Decision: Urban plan (d-1)\nDue by: {DUE_EN}\nWhere: {LINK}\n",
        "d-1", "城区规划", "R-E3/7", "审查草案合法性", DUE_ZH, LINK)


def test_a_task_without_a_deadline_says_so_and_keeps_no_step() -> None:
    notice = texts.opened(REVIEWER, NO_EN, "确认听证笔录", None, LINK)
    assert notice.subject == "【待办】确认听证笔录：供水方案 / To do: 供水方案"
    assert "办理期限：本环节无规定期限\n" in notice.body and "Due by: no deadline set for this step\n" in notice.body
    assert "Decision: 供水方案 (d-2)\n" in notice.body
    assert (notice.step, notice.step_label, notice.deadline) == ("", "确认听证笔录", "本环节无规定期限")


def test_the_reminder_word_for_word() -> None:
    notice = texts.reminder(REVIEWER, DECISION, step(), LINK)
    assert notice == texts.Notice(
        "reminder", REVIEWER, "【到期提醒】合法性审查期限：城区规划 / Reminder: due soon",
        "王审查：\n以下事项即将到期，请按时办理。\n办理事项：合法性审查期限\n所属决策：城区规划（d-1）\n"
        f"办理期限：{DUE_ZH}\n办理页面：{LINK}\n\n"
        "Dear 王审查, this step is due soon.\nWhat: 合法性审查期限\n"
        f"Decision: Urban plan (d-1)\nDue by: {DUE_EN}\nWhere: {LINK}\n",
        "d-1", "城区规划", "R-E3/7", "合法性审查期限", DUE_ZH, LINK)


def test_the_escalation_word_for_word_with_the_holders_by_name() -> None:
    notice = texts.escalation(OFFICE, DECISION, step(overdue=True), PEOPLE, LINK)
    assert notice == texts.Notice(
        "escalation", OFFICE, "【逾期督办】合法性审查期限：城区规划 / Overdue: Urban plan",
        "县住建局：\n以下事项已超过期限仍未办理，请督促办理（久拖不决）。\n逾期事项：合法性审查期限\n"
        f"所属决策：城区规划（d-1）\n办理期限：{DUE_ZH}\n承办人：王审查、李顾问\n办理页面：{LINK}\n\n"
        "Dear 县住建局, this step is past its deadline and not done; please see that it is.\n"
        f"Overdue: 合法性审查期限\nDecision: Urban plan (d-1)\nWas due by: {DUE_EN}\n"
        f"Held by: 王审查、李顾问\nWhere: {LINK}\n",
        "d-1", "城区规划", "R-E3/7", "合法性审查期限", DUE_ZH, LINK)
    assert texts.escalation(OFFICE, NO_EN, step(overdue=True), PEOPLE, LINK).subject == (
        "【逾期督办】合法性审查期限：供水方案 / Overdue: 供水方案")


def test_the_digest_word_for_word_numbered_from_one() -> None:
    rows = [(DECISION, step(overdue=True), LINK), (NO_EN, step(label="公众意见征集期限"), "https://oa.example/2")]
    notice = texts.digest(OFFICE, rows, PEOPLE, "2027-03-11")
    assert notice == texts.Notice(
        "digest", OFFICE, "【每日待办汇总】2027-03-11：2项，逾期1项 / Daily digest: 2 open, 1 overdue",
        "县住建局：\n截至2027-03-11，贵单位承办的决策中尚未办结的环节如下：\n"
        f"1. 城区规划（d-1）：合法性审查期限；期限 {DUE_ZH}；已逾期；承办人 王审查、李顾问；{LINK}\n"
        f"2. 供水方案（d-2）：公众意见征集期限；期限 {DUE_ZH}；未逾期；承办人 王审查、李顾问；https://oa.example/2\n\n"
        "Dear 县住建局, the open steps of your office's decisions as of 2027-03-11:\n"
        f"1. Urban plan (d-1): 合法性审查期限; due by {DUE_EN}; OVERDUE; held by 王审查、李顾问\n"
        f"2. 供水方案 (d-2): 公众意见征集期限; due by {DUE_EN}; not overdue; held by 王审查、李顾问\n",
        "", "", "", "", "", "")


def test_an_accelerated_clock_states_the_moment_the_workflow_reaches_the_deadline_in_both_languages() -> None:
    assert texts.deadline(step(effective="2027-03-01T08:10:00+00:00")) == (
        "2027-03-10 24:00（北京时间）；加速时钟下流程于 2027-03-01 16:10（北京时间）到期",
        "24:00 China time (UTC+8) on 2027-03-10; on the workflow's accelerated clock, 2027-03-01 16:10 China time")


def test_an_unknown_deadline_gives_its_note_in_both_languages() -> None:
    unknown = Pending(**{**step().as_dict(), "due": "unknown", "note": "节假日安排未公布"})
    assert texts.deadline(unknown) == ("尚无法确定（节假日安排未公布）", "not yet known (节假日安排未公布)")


@pytest.fixture
def server_in_new_york() -> Iterator[None]:
    """The server's local zone far from both UTC and China."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("TZ", "America/New_York")
        time.tzset()
        yield
    time.tzset()


@pytest.mark.usefixtures("server_in_new_york")
def test_today_in_china_reads_a_naive_moment_as_utc_and_an_aware_one_in_its_own_zone() -> None:
    assert texts.today_in_china(datetime(2027, 3, 10, 17, 0)) == "2027-03-11"  # 01:00 on the 11th in China
    assert texts.today_in_china(datetime(2027, 3, 10, 15, 59)) == "2027-03-10"
    assert texts.today_in_china(datetime(2027, 3, 10, 20, 0, tzinfo=CHINA)) == "2027-03-10"
    assert texts.today_in_china(datetime(2027, 3, 10, 16, 0, tzinfo=UTC)) == "2027-03-11"
