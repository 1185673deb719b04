"""A hearing's public sign-up in the spec (公开报名, R-B6): off unless given; seats from 1 to 100; a
lottery or the order of sign-up; closing before the materials are due; the public seats counting
toward the fewest participants."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.spec import SpecError, load_spec_text

PRICE = (Path(__file__).resolve().parents[3] / "templates" / "price-hearing.yaml").read_text(encoding="utf-8")
ANCHOR = "      notice_days_before: 30\n"
FIELD = "stages.public_participation.hearing."


def with_signup(closes: str = "2027-02-28T18:00:00+08:00", seats: object = 3, method: str = "lottery",
                more: str = "") -> str:
    assert PRICE.count(ANCHOR) == 1
    block = (f"      public_signup:\n        closes_at: \"{closes}\"\n        seats: {seats}\n"
             f"        method: {method}\n{more}")
    return PRICE.replace(ANCHOR, ANCHOR + block)


def refused(text: str) -> tuple[str | None, str]:
    with pytest.raises(SpecError) as caught:
        load_spec_text(text, "price.yaml")
    issue, = caught.value.issues
    return issue.rule, issue.field


def test_public_signup_is_off_unless_the_spec_gives_it() -> None:
    assert load_spec_text(PRICE, "price.yaml").stages.public_participation.hearing.public_signup is None


@pytest.mark.parametrize(("seats", "method"), [(1, "lottery"), (100, "order")])
def test_seats_on_their_bounds_and_either_method_are_taken(seats: int, method: str) -> None:
    signup = load_spec_text(with_signup(seats=seats, method=method), "p.yaml").stages.public_participation.hearing
    assert signup is not None and signup.public_signup is not None
    assert (signup.public_signup.seats, signup.public_signup.method) == (seats, method)


@pytest.mark.parametrize(("text", "field"), [
    (with_signup(seats=0), "public_signup.seats"),
    (with_signup(seats=101), "public_signup.seats"),
    (with_signup(seats=-1), "public_signup.seats"),
    (with_signup(method="auction"), "public_signup.method"),
    (with_signup(closes="not a time"), "public_signup.closes_at"),
    (with_signup(more="        extra: 1\n"), "public_signup.extra"),
], ids=["no-seat", "over-a-hundred", "negative", "unknown-method", "no-time", "unknown-field"])
def test_a_signup_past_its_bounds_is_refused_under_r_b6(text: str, field: str) -> None:
    rule, where = refused(text)
    assert rule == "R-B6" and where.startswith(FIELD + field.split(".")[0])


def test_signup_closing_after_the_materials_are_due_is_refused() -> None:
    # the hearing is on 15 March with materials 10 days ahead: due by 24:00 on 5 March
    load_spec_text(with_signup(closes="2027-03-05T23:59:00+08:00"), "p.yaml")
    rule, where = refused(with_signup(closes="2027-03-06T00:00:00+08:00"))
    assert rule == "R-B6" and where.startswith(FIELD)


def test_public_seats_count_toward_the_fewest_participants() -> None:
    text = with_signup(seats=5).replace("      notice_days_before: 30\n",
                                        "      notice_days_before: 30\n      min_participants: 20\n")
    load_spec_text(text, "p.yaml")  # 15 named + 5 public seats
    rule, _ = refused(text.replace("min_participants: 20", "min_participants: 21"))
    assert rule == "R-B6"
