"""A hearing's public sign-up (R-B6): each refusal word for word in both languages with the rule it
cites and every other input valid, each field at its bound, and the ledger's part of a sign-up."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.participation.signup import SignupClosed, check_form, open_signup, signup_act
from juece.domain.record.errors import RuleViolation
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage
from tests.unit.domain.participation.test_hearing_seats import (
    AFTER_CLOSE,
    ANNOUNCED_AT,
    signup_spec,
    with_signups,
)

SIDES = ["居民", "供水企业"]
FORM = {"name": "张三", "contact": "13900000000", "side": "居民"}


def closed(*args: Any) -> tuple[str | None, str, str, int]:
    with pytest.raises(SignupClosed) as caught:
        open_signup(*args)
    error = caught.value
    return error.rule, error.zh, error.en, error.status


def test_a_signup_with_no_hearing_announced_is_refused_in_both_languages_404() -> None:
    assert closed(None, None, ANNOUNCED_AT) == (
        "R-B6", "本决策尚未公告听证会，不能报名", "no hearing has been announced for this decision", 404)


def test_a_signup_to_a_hearing_that_takes_none_is_refused_in_both_languages_409() -> None:
    announced: Any = {"data": {"signup": None}}
    assert closed(announced, None, ANNOUNCED_AT) == (
        "R-B6", "本决策的听证会不接受公开报名", "this decision's hearing takes no public sign-up", 409)


def test_a_signup_after_the_close_names_it_in_china_time_in_both_languages_409() -> None:
    announced: Any = with_signups(signup_spec(), 1).entries[1]
    assert closed(announced, None, AFTER_CLOSE) == (
        "R-B6", "公开报名已于2027-02-28 18:00:00 北京时间 UTC+8截止，报名未保存",
        "public sign-up closed at 2027-02-28 18:00:00 China time: your sign-up was not stored", 409)


def test_a_side_not_announced_is_refused_naming_the_sides_in_both_languages() -> None:
    with pytest.raises(RuleViolation) as caught:
        check_form({**FORM, "side": "开发商"}, SIDES)
    error = caught.value
    assert (error.rule, error.field, error.zh, error.en) == (
        "R-B6", "side", "代表方应为听证公告所列的一方：居民、供水企业",
        "the side must be one the hearing notice lists: 居民, 供水企业")


def test_a_form_keeps_each_field_trimmed() -> None:
    form = check_form({"name": " 张三 ", "contact": " 139 ", "side": " 居民 ", "statement": " 我住城区。 "}, SIDES)
    assert (form.name, form.contact, form.side, form.statement) == ("张三", "139", "居民", "我住城区。")


@pytest.mark.parametrize(("field", "limit"), [("name", 50), ("contact", 200), ("statement", 1000)])
def test_each_field_is_taken_at_its_bound(field: str, limit: int) -> None:
    form = check_form({**FORM, field: "字" * limit}, SIDES)
    assert getattr(form, field) == "字" * limit


def test_the_ledgers_part_of_a_signup_is_the_publics_in_public_participation() -> None:
    form = check_form({**FORM, "statement": "我住城区。"}, SIDES)
    act = signup_act(form, ANNOUNCED_AT, "H-000007")
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "hearing_signup_received", "public")
    assert act.data == {"receipt": "H-000007", "side": "居民", "statement": "我住城区。",
                        "statement_sha256": sha256_text("我住城区。"), "has_contact": True,
                        "received_at": "2027-02-01T02:00:00.000000Z", "rule": "R-B6"}
