"""The hearing's public seats (R-B6): each refusal word for word in both languages with every other
input valid, the lottery's order from its seed, and what the draw records and `verify` says."""

from __future__ import annotations

import hashlib
from datetime import timedelta
from typing import Any

import pytest

from juece.domain.participation import hearing, seats
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from tests.unit.domain.conftest import Chain
from tests.unit.domain.participation.test_hearing import SPEC
from tests.unit.domain.participation.test_hearing_seats import (
    AFTER_CLOSE,
    ANNOUNCED_AT,
    signup_spec,
    with_signups,
)

RECEIPTS = [f"H-{n:06d}" for n in range(1, 9)]


def refusal(call: Any, *args: Any) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def test_the_lottery_ranks_by_the_sha256_of_seed_and_receipt() -> None:
    def digest(receipt: str) -> str:
        return hashlib.sha256(f"seed-1:{receipt}".encode()).hexdigest()

    assert seats.choose("lottery", "seed-1", RECEIPTS, 3) == sorted(RECEIPTS, key=digest)[:3]


def test_an_unknown_way_to_fill_the_seats_is_refused_quoting_twenty_characters() -> None:
    method = "by-acclamation-of-the-whole-room"
    assert refusal(seats.choose, method, "seed", RECEIPTS, 3) == (
        "R-B6", None, f"未知的席位产生方式：{method[:20]}", f"unknown way to fill the seats: {method[:20]!r}")


@pytest.mark.parametrize("announced", [False, True], ids=["no-announcement", "announced-without-signup"])
def test_seats_without_a_public_signup_are_refused_in_both_languages(announced: bool) -> None:
    records = Chain(SPEC.id).launched(SPEC)
    if announced:
        records.extend(hearing.announce(SPEC, records.entries, ANNOUNCED_AT))  # type: ignore[arg-type]
    assert refusal(seats.draw_seats, SPEC, records.entries, AFTER_CLOSE) == (
        "R-B6", None, "听证公告未包含公开报名，无从产生公开报名参加人",
        "the hearing notice offered no public sign-up: there are no public seats to fill")


def test_seats_while_signup_is_open_are_refused_in_both_languages() -> None:
    spec = signup_spec()
    records = with_signups(spec, 2)
    assert refusal(seats.draw_seats, spec, records.entries, ANNOUNCED_AT + timedelta(days=1)) == (
        "R-B6", None, "公开报名尚未截止，不能确定参加人", "public sign-up is still open: the seats cannot be filled yet")


def test_the_draw_is_recorded_by_the_office_in_public_participation_naming_its_algorithm() -> None:
    spec = signup_spec("order", seats_open=2)
    records = with_signups(spec, 3)
    (act,) = seats.draw_seats(spec, records.entries, AFTER_CLOSE)  # type: ignore[arg-type]
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "hearing_seats_drawn", spec.sponsor_office)
    assert (act.data["method"], act.data["algorithm"], act.data["seats"]) == ("order", "record-order", 2)


@pytest.fixture
def drawn() -> tuple[dict[str, Any], list[dict[str, Any]]]:
    spec = signup_spec()
    records = with_signups(spec, 5)
    entry = records.extend(seats.draw_seats(spec, records.entries, AFTER_CLOSE))[0]  # type: ignore[arg-type]
    return entry, records.entries


def test_a_rerun_with_another_seed_is_refused_and_verify_says_so(drawn) -> None:
    entry, entries = drawn
    forged = {**entry, "data": {**entry["data"], "seed": "0" * 64}}
    assert refusal(seats.rerun, forged, entries) == (
        "R-B6", None, "抽签种子与记录不符", "the draw's seed is not the hash of the entry it names")
    assert seats.draw_problems(forged, entries) == [  # type: ignore[arg-type]
        f"the hearing's public seats (entry {entry['seq']}): the draw's seed is not the hash of the entry it names"]


def test_a_rerun_with_other_candidates_is_refused_in_both_languages(drawn) -> None:
    entry, entries = drawn
    forged = {**entry, "data": {**entry["data"], "candidates": ["H-000001"]}}
    assert refusal(seats.rerun, forged, entries) == (
        "R-B6", None, "抽签的报名名单与记录不符", "the draw's candidates are not the record's sign-ups")


def test_verify_names_a_malformed_draw_by_its_entry(drawn) -> None:
    entry, entries = drawn
    odd = {**entry, "data": {**entry["data"], "selected": "x"}}
    assert seats.draw_problems(odd, entries) == [  # type: ignore[arg-type]
        f"the hearing's public seats (entry {entry['seq']}): the draw's record is malformed"]
