"""Other channels of public participation (R-B7): what a symposium, site visit, questionnaire or
poll records, and each refusal word for word in both languages with every other input valid."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.participation.channels import CHANNELS, channel_act
from juece.domain.record.acts import Act
from juece.domain.record.errors import FormError, RuleViolation
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage

PHOTO = [{"name": "签到表.pdf", "sha256": "ab" * 32}]
VALID: dict[str, Any] = {"kind": "symposium", "title": "城区用地座谈会", "held_on": "2027-03-10",
                         "summary": "居民代表十二人发言，多数赞成。", "attachments": PHOTO, "actor": "sponsor_office"}


def refusal(**changes: Any) -> tuple[type[Exception], str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        channel_act(**{**VALID, **changes})
    error = caught.value
    return type(error), error.rule, error.field, error.zh, error.en


def test_a_symposium_is_recorded_in_public_participation_with_its_evidence_and_rule() -> None:
    act = channel_act(kind="symposium", title="  城区用地座谈会 ", held_on="2027-03-10",
                      summary="\n居民代表十二人发言，多数赞成。 ", attachments=PHOTO, actor="sponsor_office",
                      participants=12)
    assert act == Act(Stage.PUBLIC_PARTICIPATION, Kind.CHANNEL_RECORDED, "sponsor_office", {
        "channel": "symposium", "label": "座谈会 symposium", "title": "城区用地座谈会", "held_on": "2027-03-10",
        "summary": "居民代表十二人发言，多数赞成。", "participants": 12, "attachments": PHOTO, "rule": "R-B7"})


@pytest.mark.parametrize(("kind", "label"), [("symposium", "座谈会 symposium"), ("visit", "实地走访 site visit"),
                                             ("questionnaire", "问卷调查 questionnaire"),
                                             ("poll", "民意调查 opinion poll")])
def test_each_channel_is_recorded_under_its_chinese_and_english_name(kind: str, label: str) -> None:
    act = channel_act(**{**VALID, "kind": kind})
    assert (act.data["channel"], act.data["label"]) == (kind, label)


def test_the_number_of_participants_may_be_left_out_and_one_is_enough() -> None:
    assert channel_act(**VALID).data["participants"] is None
    assert channel_act(**VALID, participants=1).data["participants"] == 1


def test_an_unknown_channel_is_refused_naming_the_four_channels() -> None:
    assert list(CHANNELS) == ["symposium", "visit", "questionnaire", "poll"]
    assert refusal(kind="hearing") == (
        RuleViolation, "R-B7", None, "渠道须为 symposium/visit/questionnaire/poll",
        "the channel must be one of symposium, visit, questionnaire, poll")


@pytest.mark.parametrize("held_on", ["2027-3-10", "10/03/2027", "", "2027-02-30"],
                         ids=["no-leading-zeros", "day-first", "empty", "no-such-day"])
def test_a_date_not_written_yyyy_mm_dd_is_refused_for_its_form(held_on: str) -> None:
    assert refusal(held_on=held_on) == (
        FormError, None, "date", "日期格式应为 YYYY-MM-DD", "the date must be YYYY-MM-DD")


@pytest.mark.parametrize(("title", "summary"), [("", "听取了意见。"), ("  ", "听取了意见。"), ("座谈会", ""),
                                                ("座谈会", " \n "), ("", "")],
                         ids=["no-title", "blank-title", "no-summary", "blank-summary", "neither"])
def test_a_channel_without_a_title_or_a_summary_is_refused(title: str, summary: str) -> None:
    assert refusal(title=title, summary=summary) == (
        RuleViolation, "R-B7", None, "须写明名称和情况摘要", "a title and a summary of what was heard are required")


@pytest.mark.parametrize("participants", [0, -3])
def test_a_number_of_participants_below_one_is_refused_for_its_form(participants: int) -> None:
    assert refusal(participants=participants) == (
        FormError, None, "participants", "参加人数须为正数", "the number of participants must be positive")
