"""Public sign-up for a hearing (公开报名, R-B6): announced with the hearing, open until its deadline,
and the public seats filled by a recorded method that anyone re-running it from the record gets
the same seats from."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from juece.domain.participation import hearing, seats
from juece.domain.participation.signup import SignupClosed, check_form, open_signup, signup_act
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from juece.spec import DecisionSpec, load_spec
from tests.unit.domain.conftest import Chain

TEMPLATE = Path(__file__).resolve().parents[4] / "templates" / "price-hearing.yaml"
CLOSES = "2027-02-28T18:00:00+08:00"
ANNOUNCED_AT = datetime(2027, 2, 1, 2, 0, tzinfo=UTC)
AFTER_CLOSE = datetime(2027, 2, 28, 10, 0, 1, tzinfo=UTC)


def signup_spec(method: str = "lottery", seats_open: int = 3) -> DecisionSpec:
    data = copy.deepcopy(load_spec(TEMPLATE).model_dump(mode="json"))
    data["stages"]["public_participation"]["hearing"]["public_signup"] = {
        "closes_at": CLOSES, "seats": seats_open, "method": method}
    return DecisionSpec.model_validate(data)


def with_signups(spec: DecisionSpec, count: int) -> Chain:
    records = Chain(spec.id).launched(spec)
    records.extend(hearing.announce(spec, records.entries, ANNOUNCED_AT))  # type: ignore[arg-type]
    sides = spec.stages.public_participation.hearing.sides  # type: ignore[union-attr]
    for n in range(count):
        form = check_form({"name": f"市民{n}", "contact": f"1390000{n:04d}", "side": sides[n % 2]}, sides)
        records.extend([signup_act(form, ANNOUNCED_AT + timedelta(hours=n), f"H-{n + 1:06d}")])
    records.add(Stage.PUBLIC_PARTICIPATION, "comment_received", "public", {"receipt": "C-000001"})
    return records


def test_the_announcement_carries_the_signup_and_its_accelerated_close() -> None:
    spec = signup_spec()
    records = Chain(spec.id).launched(spec, clock_scale=86400)
    (act,) = hearing.announce(spec, records.entries, ANNOUNCED_AT)  # type: ignore[arg-type]
    signup = act.data["signup"]
    assert (signup["closes_at"], signup["seats"], signup["method"]) == ("2027-02-28T10:00:00.000000Z", 3, "lottery")
    assert signup["effective_closes_at"] < "2027-02-01T02:01:00"  # 27 legal days pass in under a minute


def test_a_signup_announced_after_its_deadline_is_refused() -> None:
    spec = signup_spec()
    with pytest.raises(RuleViolation) as refused:
        hearing.announce(spec, Chain(spec.id).launched(spec).entries, AFTER_CLOSE)  # type: ignore[arg-type]
    assert refused.value.rule == "R-B6"


def test_the_lottery_fills_the_seats_and_a_rerun_from_the_record_gives_the_same_seats() -> None:
    spec = signup_spec()
    records = with_signups(spec, 8)
    (act,) = seats.draw_seats(spec, records.entries, AFTER_CLOSE)  # type: ignore[arg-type]
    data = act.data
    assert (data["method"], data["algorithm"], data["rule"]) == ("lottery", "sha256-rank-v1", "R-B6")
    assert data["seed"] == records.entries[-1]["hash"] and data["seed_seq"] == records.entries[-1]["seq"]
    assert data["candidates"] == [f"H-{n:06d}" for n in range(1, 9)] and data["unfilled"] == 0
    chosen = [seat["receipt"] for seat in data["selected"]]
    assert len(chosen) == 3 == len(set(chosen)) and set(chosen) <= set(data["candidates"])
    drawn = records.extend([act])[0]
    assert seats.rerun(drawn, records.entries) == chosen  # type: ignore[arg-type]
    assert seats.choose("lottery", data["seed"], data["candidates"], 3) == chosen
    assert seats.choose("lottery", "another seed", data["candidates"], 8) != data["candidates"]  # a shuffle


def test_a_rerun_refuses_a_seed_or_candidates_that_are_not_the_records() -> None:
    spec = signup_spec()
    records = with_signups(spec, 5)
    (act,) = seats.draw_seats(spec, records.entries, AFTER_CLOSE)  # type: ignore[arg-type]
    drawn = records.extend([act])[0]
    for change in ({"seed": "0" * 64}, {"candidates": ["H-000001"]}):
        forged: Any = {**drawn, "data": {**drawn["data"], **change}}
        with pytest.raises(RuleViolation):
            seats.rerun(forged, records.entries)  # type: ignore[arg-type]


def test_by_order_of_signup_the_first_come_first_and_fewer_signups_leave_seats_unfilled() -> None:
    spec = signup_spec("order", seats_open=4)
    records = with_signups(spec, 3)
    (act,) = seats.draw_seats(spec, records.entries, AFTER_CLOSE)  # type: ignore[arg-type]
    assert [s["receipt"] for s in act.data["selected"]] == ["H-000001", "H-000002", "H-000003"]
    assert act.data["unfilled"] == 1 and act.data["selected"][1]["side"] == "供水企业"


def test_the_seats_are_not_filled_before_signup_closes_and_only_once() -> None:
    spec = signup_spec()
    records = with_signups(spec, 2)
    with pytest.raises(RuleViolation):
        seats.draw_seats(spec, records.entries, ANNOUNCED_AT + timedelta(days=1))  # type: ignore[arg-type]
    records.extend(seats.draw_seats(spec, records.entries, AFTER_CLOSE))  # type: ignore[arg-type]
    assert seats.draw_seats(spec, records.entries, AFTER_CLOSE) == []  # type: ignore[arg-type]


def test_signup_is_open_until_its_deadline_and_closed_once_the_seats_are_drawn() -> None:
    spec = signup_spec()
    records = with_signups(spec, 1)
    announced: Any = records.entries[1]
    assert open_signup(announced, None, ANNOUNCED_AT)["seats"] == 3
    with pytest.raises(SignupClosed) as late:
        open_signup(announced, None, AFTER_CLOSE)
    assert late.value.status == 409 and "截止" in late.value.zh and "closed" in late.value.en
    with pytest.raises(SignupClosed):
        open_signup(announced, announced, ANNOUNCED_AT)
    with pytest.raises(SignupClosed) as none:
        open_signup(None, None, ANNOUNCED_AT)
    assert none.value.status == 404


@pytest.mark.parametrize(("form", "field"), [
    ({"contact": "13900000000", "side": "居民"}, "name"),
    ({"name": "张三", "side": "居民"}, "contact"),
    ({"name": "张三", "contact": "139", "side": "开发商"}, "side"),
    ({"name": "张" * 51, "contact": "139", "side": "居民"}, "name"),
    ({"name": "张三", "contact": "1" * 201, "side": "居民"}, "contact"),
    ({"name": "张三", "contact": "139", "side": "居民", "statement": "长" * 1001}, "statement"),
    ({"name": ["张三"], "contact": "139", "side": "居民"}, "name"),
    ({"name": "张三", "contact": 139, "side": "居民"}, "contact"),
])
def test_a_signup_form_out_of_bounds_is_refused_at_its_field(form: dict[str, Any], field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_form(form, ["居民", "供水企业"])
    assert (refused.value.rule, refused.value.field) == ("R-B6", field)
    assert refused.value.zh and refused.value.en


def test_the_ledger_act_of_a_signup_holds_no_name_or_contact() -> None:
    form = check_form({"name": " 张三 ", "contact": "zhang@example.cn", "side": "居民", "statement": "我住在城区"},
                      ["居民"])
    act = signup_act(form, ANNOUNCED_AT, "H-000001")
    assert form.name == "张三" and "张三" not in str(act.data) and "zhang@" not in str(act.data)
    assert act.data["has_contact"] is True and act.data["statement"] == "我住在城区"


def test_verify_reruns_the_draw_and_names_a_changed_or_malformed_one() -> None:
    spec = signup_spec()
    records = with_signups(spec, 6)
    drawn = records.extend(seats.draw_seats(spec, records.entries, AFTER_CLOSE))[0]  # type: ignore[arg-type]
    assert seats.draw_problems(drawn, records.entries) == []  # type: ignore[arg-type]
    others = [r for r in drawn["data"]["candidates"] if r not in {s["receipt"] for s in drawn["data"]["selected"]}]
    changed: Any = {**drawn, "data": {**drawn["data"], "selected": [{"receipt": others[0], "side": "居民"}] * 3}}
    assert "re-run from the record" in seats.draw_problems(changed, records.entries)[0]
    for broken in ({"selected": "x"}, {"seed_seq": None}, {"candidates": 7}):
        odd: Any = {**drawn, "data": {**drawn["data"], **broken}}
        assert len(seats.draw_problems(odd, records.entries)) == 1
