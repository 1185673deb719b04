"""The record in words of what any stage may hold: refusals, holiday-calendar notices and notices
sent to people, with the exact sentence in Chinese and English for each."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_after as said
from juece.domain.archive.timeline_words import People


def words(phrase: Any, data: dict[str, Any], people: People | None = None) -> tuple[str, str]:
    return phrase(data, {"actor": "juece", "stage": "legality_review"}, people or People())  # type: ignore[no-any-return]


def test_a_refused_answer_gives_its_rule_and_its_message_in_each_language() -> None:
    data = {"rule": "R-F3", "zh": "会议已结束", "en": "the meeting is over"}
    assert words(said.answer_refused, data) == ("拒绝办理（R-F3）：会议已结束", "Refused under R-F3: the meeting is over")
    assert words(said.step_refused, data) == ("步骤未予执行（R-F3）：会议已结束", "Step refused under R-F3: the meeting is over")


def test_a_refusal_without_a_rule_was_a_form_error_and_without_a_message_says_only_that() -> None:
    assert words(said.answer_refused, {}) == ("拒绝办理（填写有误）", "Refused (the form of the input)")
    assert words(said.step_refused, {"rule": "", "en": "x"}) == (
        "步骤未予执行（填写有误）", "Step refused (the form of the input): x")


def test_a_refusals_rule_is_cut_to_twelve_characters_and_its_message_to_one_hundred_twenty() -> None:
    assert words(said.answer_refused, {"rule": "R" * 13, "zh": "字" * 121, "en": "w" * 120}) == (
        f"拒绝办理（{'R' * 11}…）：{'字' * 119}…", f"Refused under {'R' * 11}…: {'w' * 120}")
    assert words(said.answer_refused, {"rule": "R" * 12})[1] == f"Refused under {'R' * 12}"


def test_a_holiday_warning_gives_its_message_or_says_the_schedule_is_not_loaded() -> None:
    assert words(said.calendar_warning, {"zh": "2028年安排未载入", "en": "2028 is not loaded"}) == (
        "节假日安排提醒：2028年安排未载入", "Holiday schedule warning: 2028 is not loaded")
    assert words(said.calendar_warning, {}) == (
        "节假日安排提醒：国务院节假日安排尚未载入", "Holiday schedule warning: the official schedule is not loaded yet")
    assert words(said.calendar_warning, {"zh": "字" * 121, "en": "w" * 121}) == (
        f"节假日安排提醒：{'字' * 119}…", f"Holiday schedule warning: {'w' * 119}…")


def test_a_step_awaiting_the_calendar_names_the_year_and_that_working_days_wait() -> None:
    assert words(said.calendar_awaited, {"year": 2028}) == (
        "等待载入2028年国务院节假日安排，暂不计算工作日",
        "Waiting for the official holiday schedule of 2028; working days are not counted until it is loaded")
    assert words(said.calendar_awaited, {"year": "2028"}) == (
        "等待载入国务院节假日安排，暂不计算工作日",
        "Waiting for the official holiday schedule; working days are not counted until it is loaded")


def test_a_loaded_calendar_says_the_step_went_on() -> None:
    assert words(said.calendar_loaded, {}) == ("节假日安排已载入，继续办理", "The holiday schedule was loaded; the step went on")


def test_a_notice_sent_names_its_kind_recipient_channel_and_subject_in_each_language() -> None:
    data = {"notice": "escalation", "name": "周审查", "channel": "email", "subject": "【逾期督办】合法性审查 / Overdue: legality"}
    assert words(said.notice_sent, data) == (
        "经电子邮件向周审查发送逾期督办：【逾期督办】合法性审查", "Escalation sent to 周审查 by e-mail: Overdue: legality")
    data = {"notice": "opened", "recipient": "expert_3", "channel": "webhook", "subject": "待办"}
    assert words(said.notice_sent, data, People(names={"expert_3": "Li Wei"})) == (
        "经政务即时通讯向Li Wei 发送待办通知：待办", "Task opened sent to Li Wei by the messaging platform: 待办")


def test_a_notice_of_an_unknown_kind_or_to_nobody_known_still_reads() -> None:
    assert words(said.notice_sent, {}) == ("向—发送通知", "Notice sent to —")
    assert words(said.notice_sent, {"notice": "daily_digest", "recipient": "meeting_member_2"}) == (
        "向meeting member 2 发送daily digest", "Daily digest sent to meeting member 2")
    assert words(said.notice_sent, {"notice": "digest", "name": "名" * 41, "recipient": "x"}) == (
        f"向{'名' * 39}…发送每日待办汇总", f"Daily digest sent to {'名' * 39}…")


def test_a_notice_subject_is_cut_and_kept_on_one_line() -> None:
    data = {"notice": "reminder", "name": "王某", "subject": "到期\n提醒" + "字" * 70 + " / Due " + "w" * 70}
    assert words(said.notice_sent, data) == (
        f"向王某发送到期提醒：到期 提醒{'字' * 54}…", f"Reminder sent to 王某: Due {'w' * 55}…")


def test_a_notice_that_failed_says_it_was_not_delivered_and_why() -> None:
    data = {"notice": "reminder", "name": "王某", "outcome": "failed", "reason": "邮箱不存在"}
    assert words(said.notice_sent, data) == (
        "向王某发送到期提醒（发送失败：邮箱不存在）", "Reminder sent to 王某 (not delivered: 邮箱不存在)")
    assert words(said.notice_sent, {**data, "reason": None}) == (
        "向王某发送到期提醒（发送失败）", "Reminder sent to 王某 (not delivered)")
    assert words(said.notice_sent, {**data, "outcome": "delivered"}) == ("向王某发送到期提醒", "Reminder sent to 王某")
