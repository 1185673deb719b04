"""A hearing's acts as recorded and its refusals word for word in both languages, with every other
input valid (R-B6): no hearing, sides not heard, the record or a dispute without its text, a
confirmation before the record, a sign-up announced at or after its close."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from juece.domain.participation import hearing
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.clock import format_time
from juece.domain.record.errors import RuleViolation
from juece.domain.record.ledger import sha256_text
from juece.domain.stages import Stage
from juece.spec import DecisionSpec
from tests.unit.domain.conftest import Chain
from tests.unit.domain.participation.test_hearing import HEARING_DAY, SPEC, SUBMIT
from tests.unit.domain.participation.test_hearing_seats import ANNOUNCED_AT, signup_spec

CONFIRM, DISPUTE = ["确认无误并签名 Confirm and sign"], ["有异议 Dispute"]
SIDES = SPEC.stages.public_participation.hearing.sides  # type: ignore[union-attr]
PARTICIPANTS = SPEC.stages.public_participation.hearing.participants  # type: ignore[union-attr]


def refusal(call: Any, *args: Any) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


@pytest.fixture
def records() -> Chain:
    return Chain(SPEC.id).launched(SPEC)


def test_a_decision_without_a_hearing_is_refused_any_hearing_step_in_both_languages(spec, chain) -> None:
    assert spec.stages.public_participation.hearing is None
    assert refusal(hearing.announce, spec, chain.entries, ANNOUNCED_AT) == (
        "R-B6", None, "本决策没有安排听证会", "this decision holds no hearing")


def test_the_announcement_records_the_hearing_as_the_spec_sets_it(records) -> None:
    now = HEARING_DAY - timedelta(days=40)
    (act,) = hearing.announce(SPEC, records.entries, now)
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "hearing_announced", "sponsor_office")
    h = SPEC.stages.public_participation.hearing  # type: ignore[union-attr]
    assert act.data == {"time": HEARING_DAY.isoformat(), "place": h.place, "selection_method": h.selection_method,
                        "sides": SIDES, "participants": [{"name": p.name, "side": p.side} for p in PARTICIPANTS],
                        "materials_due": "2027-03-05", "effective_time": format_time(HEARING_DAY), "rule": "R-B6"}


def test_a_signup_announced_at_its_close_is_refused_naming_the_close_in_china_time() -> None:
    data = copy.deepcopy(signup_spec().model_dump(mode="json"))
    data["stages"]["public_participation"]["hearing"]["public_signup"]["closes_at"] = "2027-02-10T18:00:00+08:00"
    spec = DecisionSpec.model_validate(data)
    closes = datetime(2027, 2, 10, 10, 0, tzinfo=UTC)
    hearing.announce(spec, Chain(spec.id).launched(spec).entries, closes - timedelta(microseconds=1))  # type: ignore[arg-type]
    assert refusal(hearing.announce, spec, Chain(spec.id).launched(spec).entries, closes) == (
        "R-B6", None, "公开报名截止时间（2027-02-10 18:00:00 北京时间 UTC+8）已过，不能再公告报名",
        "public sign-up was to close at 2027-02-10 18:00:00 China time: too late to announce it")


def test_the_materials_record_who_gets_them_and_the_drafts_digest(records) -> None:
    now = HEARING_DAY - timedelta(days=11)
    (act,) = hearing.issue_materials(SPEC, records.entries, now)
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "hearing_materials_issued", "sponsor_office")
    assert act.data == {"issued_at": format_time(now), "days_before": 11, "to": [p.name for p in PARTICIPANTS],
                        "draft_sha256": sha256_text(SPEC.draft.text), "rule": "R-B6"}


def test_the_materials_name_the_public_seats_drawn_by_their_receipts(records) -> None:
    records.add(Stage.PUBLIC_PARTICIPATION, "hearing_seats_drawn", data={"selected": [{"receipt": "H-000002"},
                                                                                        {"receipt": "H-000005"}]})
    (act,) = hearing.issue_materials(SPEC, records.entries, HEARING_DAY - timedelta(days=11))
    assert act.data["public_seats"] == ["H-000002", "H-000005"]


def test_a_hearing_record_without_the_submit_choice_cites_r_b6(records) -> None:
    answer = Answer("sponsor_office", [], {"record": "笔录", "sides_heard": SIDES})
    assert refusal(hearing.hearing_record, TaskContext(SPEC, records.entries), answer)[0] == "R-B6"


def test_a_hearing_record_without_its_text_is_refused_in_both_languages(records) -> None:
    answer = Answer("sponsor_office", SUBMIT, {"record": " ", "sides_heard": SIDES})
    assert refusal(hearing.hearing_record, TaskContext(SPEC, records.entries), answer) == (
        "R-B6", "record", "请填写听证笔录", "`record` is required")


def test_a_hearing_record_missing_sides_names_each_in_both_languages(records) -> None:
    answer = Answer("sponsor_office", SUBMIT, {"record": "笔录", "sides_heard": SIDES[:-2]})
    assert refusal(hearing.hearing_record, TaskContext(SPEC, records.entries), answer) == (
        "R-B6", None, f"以下各方未发表意见：{SIDES[-2]}、{SIDES[-1]}", f"sides not heard: {SIDES[-2]}, {SIDES[-1]}")


def test_the_hearing_record_is_kept_with_its_digest_and_the_sides_heard(records) -> None:
    answer = Answer("the_office", SUBMIT, {"record": " 笔录全文。 ", "sides_heard": [f" {s} " for s in reversed(SIDES)]})
    act, = hearing.hearing_record(TaskContext(SPEC, records.entries), answer).acts
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "hearing_held", "the_office")
    assert act.data == {"record": "笔录全文。", "record_sha256": sha256_text("笔录全文。"), "sides_heard": sorted(SIDES),
                        "rule": "R-B6"}


def test_a_confirmation_before_the_record_is_refused_in_both_languages(records) -> None:
    context = TaskContext(SPEC, records.entries, "hearing_01")
    assert refusal(hearing.confirmation, context, Answer("hearing_01", CONFIRM, {})) == (
        "R-B6", None, "听证笔录尚未形成", "there is no hearing record to confirm yet")


@pytest.fixture
def held(records) -> Chain:
    records.add(Stage.PUBLIC_PARTICIPATION, "hearing_held", data={"record": "笔录", "record_sha256": "ab" * 32})
    return records


def test_a_confirmation_without_a_choice_cites_r_b6(held) -> None:
    assert refusal(hearing.confirmation, TaskContext(SPEC, held.entries, "hearing_01"), Answer("hearing_01", [], {}))[0] == "R-B6"


def test_a_dispute_without_its_reasons_is_refused_in_both_languages(held) -> None:
    context = TaskContext(SPEC, held.entries, "hearing_01")
    assert refusal(hearing.confirmation, context, Answer("hearing_01", DISPUTE, {"remarks": " "})) == (
        "R-B6", "remarks", "请填写异议内容", "`remarks` is required")


def test_a_dispute_is_recorded_under_the_participant_with_its_reasons(held) -> None:
    context = TaskContext(SPEC, held.entries, "hearing_03")
    act, = hearing.confirmation(context, Answer("clerk", DISPUTE, {"remarks": " 笔录漏记发言。 "})).acts
    assert (act.stage, act.kind, act.actor) == (Stage.PUBLIC_PARTICIPATION, "hearing_record_signed", "clerk")
    assert act.data == {"participant": "hearing_03", "confirmed": False, "remarks": "笔录漏记发言。",
                        "record_sha256": "ab" * 32, "rule": "R-B6"}


def test_a_confirmation_answered_in_ones_own_task_is_recorded_under_oneself(held) -> None:
    act, = hearing.confirmation(TaskContext(SPEC, held.entries), Answer("hearing_02", CONFIRM, {})).acts
    assert (act.data["participant"], act.data["confirmed"], act.data["remarks"]) == ("hearing_02", True, "")
