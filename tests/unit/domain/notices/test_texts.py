"""The notices' texts: Chinese first, then English; what, for which decision, by when (24:00 China
time of the due day), where; people by name; no snake_case key in what a person reads."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest

from juece.domain.archive.overdue import Pending
from juece.domain.notices import texts
from juece.domain.notices.people import Person

URL = re.compile(r"https?://\S+")
SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
CJK = re.compile(r"[\u4e00-\u9fff]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{3,}\b")
PEOPLE = {"legality_reviewer": Person("legality_reviewer", "王审查", "wang@example.org", "wang01"),
          "sponsor_office": Person("sponsor_office", "县住建局", "office@example.org", "office01")}
DECISION = texts.Decision("yanshou-2027-urban-001", "延寿县城区控制性详细规划", "Yanshou urban-area plan")
LINK = "http://127.0.0.1:8080/dags/decision__x/runs/r1/tasks/legality_review.review/required_actions?map_index=-1"


def step(due: str = "2027-03-10", effective: str = "2027-03-10T16:00:00+00:00", overdue: bool = False) -> Pending:
    return Pending("yanshou-2027-urban-001", "legality_review", "submission_prepared",
                   "合法性审查期限 legality review due", "R-E3", due, effective, ["legality_reviewer"], 7, "h" * 64,
                   overdue=overdue)


def readable(notice: texts.Notice) -> str:
    """What a person reads, links left out (a URL holds Airflow's task ids)."""
    return URL.sub("", notice.subject + "\n" + notice.body)


def all_notices() -> list[texts.Notice]:
    reviewer, office = PEOPLE["legality_reviewer"], PEOPLE["sponsor_office"]
    return [texts.opened(reviewer, DECISION, "合法性审查 Review the draft's legality", step(), LINK),
            texts.reminder(reviewer, DECISION, step(), LINK),
            texts.escalation(office, DECISION, step(overdue=True), PEOPLE, LINK),
            texts.digest(office, [(DECISION, step(overdue=True), LINK)], PEOPLE, "2027-03-11")]


@pytest.mark.parametrize("notice", all_notices(), ids=lambda n: n.kind)
def test_chinese_comes_first_then_english(notice: texts.Notice) -> None:
    for text in (notice.subject, notice.body):
        first_cjk, first_latin = CJK.search(text), LATIN_WORD.search(text.replace("yanshou-2027-urban-001", ""))
        assert first_cjk and first_latin and first_cjk.start() < first_latin.start()
    assert "Dear" in notice.body and notice.body.index("：") < notice.body.index("Dear")


@pytest.mark.parametrize("notice", all_notices(), ids=lambda n: n.kind)
def test_no_snake_case_and_no_user_id_where_a_name_is_known(notice: texts.Notice) -> None:
    text = readable(notice)
    assert SNAKE.findall(text) == []
    assert notice.recipient.name in text
    assert "legality_reviewer" not in text and "sponsor_office" not in text


def test_the_opened_notice_says_what_for_which_decision_by_when_and_where() -> None:
    notice = all_notices()[0]
    assert notice.kind == texts.OPENED and notice.recipient.user == "legality_reviewer"
    for said in ("合法性审查 Review the draft's legality", "延寿县城区控制性详细规划", "yanshou-2027-urban-001",
                 "Yanshou urban-area plan", "2027-03-10 24:00（北京时间）", "24:00 China time (UTC+8) on 2027-03-10",
                 LINK):
        assert said in notice.body
    assert notice.step == "R-E3/7" and notice.deadline == "2027-03-10 24:00（北京时间）"


def test_a_deadline_given_as_a_utc_moment_is_read_as_the_day_in_china() -> None:
    # 16:00 UTC on the 10th is 24:00 of the 10th in China: the day is the 10th, not the 11th
    assert texts.deadline(step(due="2027-03-10T16:00:00+00:00")) == (
        "2027-03-10 24:00（北京时间）", "24:00 China time (UTC+8) on 2027-03-10")
    assert texts.deadline(step(due="2027-03-10T09:30:00+00:00", effective="2027-03-10T09:30:00+00:00"))[0] == \
        "2027-03-10 17:30（北京时间）"


def test_an_accelerated_clock_is_stated_with_the_moment_the_workflow_reaches_it() -> None:
    zh, en = texts.deadline(step(effective="2027-03-01T08:10:00+00:00"))
    assert zh.startswith("2027-03-10 24:00（北京时间）") and "加速时钟" in zh and "2027-03-01 16:10" in zh
    assert "accelerated clock" in en


def test_no_deadline_and_an_unknown_one_are_said_not_guessed() -> None:
    assert texts.deadline(None) == texts.NO_DEADLINE
    unknown = Pending(**{**step().as_dict(), "due": "unknown", "note": "2029 schedule not published"})
    assert "2029 schedule not published" in texts.deadline(unknown)[1]


def test_the_digest_lists_each_step_with_its_deadline_and_overdue_flag_and_holders_by_name() -> None:
    rows = [(DECISION, step(overdue=True), LINK), (DECISION, step(due="2027-04-01", overdue=False), LINK)]
    notice = texts.digest(PEOPLE["sponsor_office"], rows, PEOPLE, "2027-03-11")
    assert "2项，逾期1项" in notice.subject and "2 open, 1 overdue" in notice.subject
    assert "已逾期" in notice.body and "未逾期" in notice.body and "OVERDUE" in notice.body
    assert "2027-04-01 24:00（北京时间）" in notice.body and notice.body.count("王审查") == 4


def test_an_unknown_person_is_called_by_user_id_and_today_is_chinas_day() -> None:
    notice = texts.reminder(Person("member_9"), DECISION, step(), LINK)
    assert notice.body.startswith("member_9：")
    assert texts.today_in_china(datetime(2027, 3, 10, 17, 0, tzinfo=UTC)) == "2027-03-11"
