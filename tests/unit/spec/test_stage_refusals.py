"""The stages' own rules (spec/base.py, spec/models.py), each refusal word for word in both
languages with its rule and field, every other input valid; each bound taken and one past it refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from pydantic import BaseModel, ValidationError

from juece.spec.base import CHINA
from juece.spec.hearing_signup import PublicSignup
from juece.spec.models import (
    CollectiveDeliberation,
    Hearing,
    LegalityReview,
    PublicParticipation,
)
from juece.spec.reviews import ExpertReview, RiskAssessment


def refusal(model: type[BaseModel], **fields: Any) -> dict[str, str]:
    """The one refusal of the model with these fields: its rule, field and words in both languages."""
    with pytest.raises(ValidationError) as caught:
        model.model_validate(fields)
    error, = caught.value.errors()
    assert error["type"] == "rule_violation"
    assert error["msg"] == f"[{error['ctx']['rule']}] {error['ctx']['zh']} / {error['ctx']['en']}"
    return dict(error["ctx"])


# --- a stage marked not applicable (R-A2) ------------------------------------------------------

NOT_APPLICABLE = {"rule": "R-A2", "field": "applicable", "zh": "标记为不适用的环节必须写明理由",
                  "en": "a stage marked not applicable needs a written reason (not_applicable_reason)"}


@pytest.mark.parametrize("model", [PublicParticipation, ExpertReview, RiskAssessment])
@pytest.mark.parametrize("reason", [None, "", " \t "], ids=["none", "empty", "blank"])
def test_a_stage_marked_not_applicable_without_a_reason_is_refused_word_for_word_r_a2(
        model: type[BaseModel], reason: str | None) -> None:
    assert refusal(model, applicable=False, not_applicable_reason=reason) == NOT_APPLICABLE


@pytest.mark.parametrize("model", [PublicParticipation, ExpertReview, RiskAssessment])
def test_a_stage_marked_not_applicable_with_a_reason_is_taken_r_a2(model: type[BaseModel]) -> None:
    stage = model.model_validate({"applicable": False, "not_applicable_reason": "依法不公开"})
    assert (stage.applicable, stage.not_applicable_reason) == (False, "依法不公开")  # type: ignore[attr-defined]


LEGALITY = {"reviewer": "legality_reviewer", "legal_adviser": "legal_adviser"}
DELIBERATION = {"members": ["member_1", "county_head"], "head": "county_head", "secretary": "secretary"}
NEVER_OPTIONAL = {"rule": "R-A2", "field": "", "zh": "合法性审查和集体讨论决定不得标记为不适用",
                  "en": "legality review and collective deliberation can never be marked not applicable"}


@pytest.mark.parametrize(("model", "valid"), [(LegalityReview, LEGALITY), (CollectiveDeliberation, DELIBERATION)])
@pytest.mark.parametrize("marked", [{"applicable": True}, {"applicable": False}, {"not_applicable_reason": "无"}],
                         ids=["applicable", "not-applicable", "reason-alone"])
def test_a_mandatory_stage_giving_applicable_or_a_reason_is_refused_word_for_word_r_a2(
        model: type[BaseModel], valid: dict[str, Any], marked: dict[str, Any]) -> None:
    assert refusal(model, **valid, **marked) == NEVER_OPTIONAL


@pytest.mark.parametrize(("model", "valid"), [(LegalityReview, LEGALITY), (CollectiveDeliberation, DELIBERATION)])
def test_a_mandatory_stage_already_built_is_taken_again(model: type[BaseModel], valid: dict[str, Any]) -> None:
    stage = model.model_validate(valid)
    assert model.model_validate(stage) == stage


# --- public participation (R-B2) --------------------------------------------------------------

def test_a_comment_period_of_thirty_days_needs_no_urgency_reason_r_b2() -> None:
    assert PublicParticipation(comment_period_days=30).comment_period_days == 30


@pytest.mark.parametrize("reason", [None, "", "  "], ids=["none", "empty", "blank"])
def test_a_comment_period_of_twenty_nine_days_without_an_urgency_reason_is_refused_r_b2(reason: str | None) -> None:
    assert refusal(PublicParticipation, comment_period_days=29, urgency_reason=reason) == {
        "rule": "R-B2", "field": "comment_period_days",
        "zh": "征求意见期限为29日，少于30日须说明紧急理由（urgency_reason）",
        "en": "a comment period of 29 days (under 30) needs an urgency_reason"}


def test_a_short_comment_period_with_an_urgency_reason_is_taken_r_b2() -> None:
    assert PublicParticipation(comment_period_days=1, urgency_reason="汛期").urgency_reason == "汛期"


def test_an_inapplicable_participation_needs_no_urgency_reason_for_its_period() -> None:
    stage = PublicParticipation(applicable=False, not_applicable_reason="依法不公开", comment_period_days=10)
    assert stage.comment_period_days == 10


# --- legality review (R-E3) and deliberation (R-F2, R-F3) ---------------------------------------

def test_seven_working_days_for_the_legality_review_are_taken_r_e3() -> None:
    assert LegalityReview(**LEGALITY, review_working_days=7).review_working_days == 7


def test_six_working_days_for_the_legality_review_are_refused_word_for_word_r_e3() -> None:
    assert refusal(LegalityReview, **LEGALITY, review_working_days=6) == {
        "rule": "R-E3", "field": "", "zh": "审查期限至少7个工作日，现为6",
        "en": "the reviewer needs at least 7 working days, got 6"}


def test_a_head_who_is_not_a_member_is_refused_word_for_word_r_f2() -> None:
    assert refusal(CollectiveDeliberation, **{**DELIBERATION, "head": "mayor"}) == {
        "rule": "R-F2", "field": "head", "zh": "行政首长须为会议组成人员",
        "en": "the head of government must be one of the members"}


def test_a_member_listed_twice_is_refused_word_for_word_r_f3() -> None:
    members = ["member_1", "county_head", "member_1"]
    assert refusal(CollectiveDeliberation, **{**DELIBERATION, "members": members}) == {
        "rule": "R-F3", "field": "members", "zh": "会议组成人员不得重复", "en": "members must be distinct"}


# --- a hearing (R-B6) ----------------------------------------------------------------------------

HEARING_AT = datetime(2027, 3, 15, 9, 0, tzinfo=CHINA)


def people(count: int, sides: tuple[str, ...] = ("居民", "企业")) -> list[dict[str, str]]:
    return [{"user": f"hearing_{n:02}", "name": f"代表{n}", "side": sides[n % len(sides)]} for n in range(count)]


def hearing(**changes: Any) -> dict[str, Any]:
    """A valid hearing of two sides and 15 participants, with these changes."""
    return {"place": "听证室", "time": HEARING_AT, "selection_method": "公开报名", "sides": ["居民", "企业"],
            "participants": people(15), "materials_days_before": 7, **changes}


def test_a_valid_hearing_is_taken() -> None:
    assert len(Hearing.model_validate(hearing()).participants) == 15


def test_materials_seven_days_before_are_taken_r_b6() -> None:
    assert Hearing.model_validate(hearing(materials_days_before=7)).materials_days_before == 7


def test_materials_six_days_before_are_refused_word_for_word_r_b6() -> None:
    assert refusal(Hearing, **hearing(materials_days_before=6)) == {
        "rule": "R-B6", "field": "", "zh": "听证材料须至少提前7日送达参加人",
        "en": "hearing materials must reach participants at least 7 days before"}


def test_a_hearing_time_without_a_zone_is_china_time_and_one_with_a_zone_keeps_it() -> None:
    naive = Hearing.model_validate(hearing(time=datetime(2027, 3, 15, 9, 0))).time
    assert naive == HEARING_AT and naive.tzinfo is CHINA
    utc = Hearing.model_validate(hearing(time=datetime(2027, 3, 15, 1, 0, tzinfo=UTC))).time
    assert utc.tzinfo is UTC and utc == HEARING_AT


def test_a_signup_closing_time_without_a_zone_is_china_time_and_one_with_a_zone_keeps_it() -> None:
    naive = PublicSignup(closes_at=datetime(2027, 3, 1, 18, 0), seats=1).closes_at
    assert naive == datetime(2027, 3, 1, 18, 0, tzinfo=CHINA) and naive.tzinfo is CHINA
    utc = PublicSignup(closes_at=datetime(2027, 3, 1, 10, 0, tzinfo=UTC), seats=1).closes_at
    assert utc.tzinfo is UTC and utc == naive


def test_a_participant_listed_twice_is_refused_word_for_word_r_b6() -> None:
    twice = people(15) + people(1)
    assert refusal(Hearing, **hearing(participants=twice)) == {
        "rule": "R-B6", "field": "participants", "zh": "听证参加人不得重复", "en": "hearing participants must be distinct"}


def test_exactly_the_fewest_participants_are_taken_r_b6() -> None:
    assert len(Hearing.model_validate(hearing(participants=people(4), min_participants=4)).participants) == 4


def test_one_participant_fewer_than_the_fewest_is_refused_word_for_word_r_b6() -> None:
    assert refusal(Hearing, **hearing(participants=people(14))) == {
        "rule": "R-B6", "field": "participants", "zh": "听证参加人不得少于15人，现14人（含公开报名席位）",
        "en": "a hearing needs at least 15 participants, got 14 (public seats included)"}


def signup(closes_at: datetime, seats: int = 2) -> dict[str, Any]:
    return {"closes_at": closes_at, "seats": seats}


BEFORE_MATERIALS = datetime(2027, 3, 8, 23, 59, tzinfo=CHINA)  # materials due by the end of 8 March


def test_public_seats_make_up_the_fewest_participants_r_b6() -> None:
    taken = Hearing.model_validate(hearing(participants=people(13), public_signup=signup(BEFORE_MATERIALS)))
    assert taken.public_signup is not None and taken.public_signup.seats == 2
    assert refusal(Hearing, **hearing(participants=people(12), public_signup=signup(BEFORE_MATERIALS))) == {
        "rule": "R-B6", "field": "participants", "zh": "听证参加人不得少于15人，现14人（含公开报名席位）",
        "en": "a hearing needs at least 15 participants, got 14 (public seats included)"}


def test_signup_closing_when_the_materials_are_due_is_refused_word_for_word_r_b6() -> None:
    closes = BEFORE_MATERIALS + timedelta(minutes=1)
    assert refusal(Hearing, **hearing(public_signup=signup(closes))) == {
        "rule": "R-B6", "field": "public_signup.closes_at", "zh": "公开报名须在听证材料送达期限（2027-03-08）之前截止",
        "en": "public sign-up must close before the materials are due (2027-03-08)"}


def test_sides_without_a_participant_are_refused_in_order_word_for_word_r_b6() -> None:
    sides = ["居民", "企业", "专家", "人大代表"]
    assert refusal(Hearing, **hearing(sides=sides)) == {
        "rule": "R-B6", "field": "participants", "zh": "以下各方没有参加人：专家、人大代表",
        "en": "every side must be represented; none for: 专家, 人大代表"}


def test_a_notice_one_day_ahead_is_taken_r_b6() -> None:
    assert Hearing.model_validate(hearing(notice_days_before=1)).notice_days_before == 1


@pytest.mark.parametrize("days", [0, -3])
def test_a_notice_not_given_in_advance_is_refused_word_for_word_r_b6(days: int) -> None:
    assert refusal(Hearing, **hearing(notice_days_before=days)) == {
        "rule": "R-B6", "field": "notice_days_before",
        "zh": f"听证会须提前公告，公告提前天数至少为1日，现为{days}日",
        "en": f"a hearing must be announced in advance: at least 1 day ahead, got {days}"}
