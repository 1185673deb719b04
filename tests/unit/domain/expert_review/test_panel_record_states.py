"""The expert panel as the record tells it (R-C2..R-C6): each seat's holder and state, a seat as a
reader names it, the replacement or shortfall after a vacancy, and the panel's summary."""

from __future__ import annotations

import pytest

from juece.domain.expert_review.panel import PanelRules, draw_panel, draw_replacement
from juece.domain.expert_review.panel_record import (
    SeatState,
    active_experts,
    covers,
    expert_described,
    holder,
    panel_summary,
    recorded_draw,
    seat_label,
    seat_names,
    seat_state,
    seats,
    vacancy_acts,
)
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage
from tests.unit.domain.expert_review.test_seat_answers import SPECIALTIES, pool

RESERVES = ["reserve_1", "reserve_2"]


@pytest.fixture
def drawn(chain, spec):
    chain.launched(spec)
    draw = draw_panel(pool(), PanelRules(size=5, specialties=SPECIALTIES), "seed-1")
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", draw.as_dict())
    return chain


def test_a_record_without_a_draw_has_no_holders_covers_or_seats_and_refuses_its_draw_r_c4(chain) -> None:
    assert (holder(chain.entries, "seat_1"), covers(chain.entries, "seat_1")) == (None, [])
    assert seats(chain.entries, RESERVES) == [SeatState("reserve_1", None, "unassigned"),
                                              SeatState("reserve_2", None, "unassigned")]
    with pytest.raises(RuleViolation) as caught:
        recorded_draw(chain.entries)
    assert (caught.value.rule, caught.value.zh, caught.value.en) == (
        "R-C4", "记录中没有专家抽取结果", "the record holds no panel draw")


@pytest.mark.parametrize(("seat", "label"), [("seat_2", "第2席"), ("reserve_1", "后备第1席"), ("chair", "chair"),
                                             ("seat_1_2", "seat_1_2")])
def test_a_seat_is_named_as_a_reader_names_it_and_anything_else_as_it_is(seat: str, label: str) -> None:
    assert seat_label(seat) == label


def test_an_expert_not_in_the_recorded_pool_is_described_by_the_seat(drawn) -> None:
    assert expert_described(drawn.entries, "nobody", "seat_2") == "第2席专家"


def test_an_expert_with_no_affiliation_and_no_specialty_covered_is_described_by_name(drawn) -> None:
    drawn.entries[-1]["data"]["pool"][0]["affiliation"] = ""
    user = drawn.entries[-1]["data"]["pool"][0]["user"]
    name = drawn.entries[-1]["data"]["pool"][0]["name"]
    assert expert_described(drawn.entries, user, "reserve_2") == name


def test_a_seat_moves_from_assigned_to_requested_to_submitted_keeping_its_digest_when_withdrawn(drawn) -> None:
    expert = holder(drawn.entries, "seat_1")
    assert seat_state(drawn.entries, "seat_1") == SeatState("seat_1", expert, "assigned")
    drawn.add(Stage.EXPERT_REVIEW, "opinion_requested", data={"seat": "seat_1", "expert": expert})
    assert seat_state(drawn.entries, "seat_1").status == "requested"
    drawn.add(Stage.EXPERT_REVIEW, "opinion_submitted", data={"seat": "seat_1", "expert": expert, "digest": "d1"})
    assert seat_state(drawn.entries, "seat_1") == SeatState("seat_1", expert, "submitted", "d1")
    drawn.add(Stage.EXPERT_REVIEW, "conflict_declared", data={"seat": "seat_1", "expert": expert})
    assert seat_state(drawn.entries, "seat_1") == SeatState("seat_1", expert, "withdrawn", "d1")


def test_the_active_experts_are_the_seated_ones_not_vacated() -> None:
    states = [SeatState("seat_1", "a", "signed"), SeatState("seat_2", "b", "withdrawn"),
              SeatState("seat_3", "c", "non_responding"), SeatState("reserve_1", None, "unassigned")]
    assert active_experts(states) == ["a"]


def test_seats_are_named_from_one_to_the_panel_size() -> None:
    assert seat_names(5) == ["seat_1", "seat_2", "seat_3", "seat_4", "seat_5"]


def vacate(chain, seat: str, kind: str = "expert_non_responding") -> None:
    chain.add(Stage.EXPERT_REVIEW, kind, data={"seat": seat, "expert": holder(chain.entries, seat)})


def test_a_missed_deadline_below_quorum_draws_the_next_replacement_into_the_next_free_reserve_r_c5(drawn) -> None:
    vacate(drawn, "seat_1")
    first, = vacancy_acts(drawn.entries, "seat_1", "non_responding", RESERVES, 5, (), "juece", False)
    assert (first.kind, first.actor, first.data["seat"], first.data["rule"]) == (
        "expert_replaced", "juece", "reserve_1", "R-C5")
    active = [s.expert for s in seats(drawn.entries) if s.expert and s.status != "non_responding"]
    expected = draw_replacement(recorded_draw(drawn.entries), active, {holder(drawn.entries, "seat_1")}, "reserve_1", 1)
    assert first.data["expert"] == expected.user
    drawn.extend([first])
    vacate(drawn, "seat_2")
    second, = vacancy_acts(drawn.entries, "seat_2", "non_responding", RESERVES, 5, (), "juece", False)
    active = [s.expert for s in seats(drawn.entries, RESERVES) if s.expert and s.status not in
              {"withdrawn", "non_responding"}]
    vacated = {holder(drawn.entries, "seat_1"), holder(drawn.entries, "seat_2")}
    expected = draw_replacement(recorded_draw(drawn.entries), active, vacated, "reserve_2", 2)
    assert (second.data["seat"], second.data["expert"]) == ("reserve_2", expected.user)


def test_with_no_reserve_left_the_shortfall_is_recorded_in_both_languages_r_c5(drawn) -> None:
    vacate(drawn, "seat_1")
    act, = vacancy_acts(drawn.entries, "seat_1", "non_responding", [], 5, (), "juece", False)
    assert (act.stage, act.kind, act.actor) == (Stage.EXPERT_REVIEW, "panel_shortfall", "juece")
    assert act.data == {"vacated_seat": "seat_1", "reason": "non_responding", "active": 4, "quorum": 5,
                        "quorum_met": False, "rule": "R-C5", "zh": "后备席位已用尽，无法递补",
                        "en": "no reserve seat is left for a replacement"}


def test_a_declared_conflict_with_the_quorum_still_met_records_the_shortfall_as_met_r_c3(drawn) -> None:
    vacate(drawn, "seat_1", "conflict_declared")
    act, = vacancy_acts(drawn.entries, "seat_1", "conflict", [], 4, (), "juece", True)
    assert (act.data["active"], act.data["quorum"], act.data["quorum_met"]) == (4, 4, True)


def test_a_replacement_no_one_left_can_fill_records_the_draws_refusal_r_c5(drawn) -> None:
    everyone = [e.user for e in pool()]
    vacate(drawn, "seat_1")
    act, = vacancy_acts(drawn.entries, "seat_1", "non_responding", RESERVES, 5, everyone, "juece", False)
    assert act.kind == "panel_shortfall" and act.data["zh"].startswith("专家库中已无可替补 reserve_1 的专家")
    assert act.data["en"].startswith("no expert left in the pool to fill reserve_1")


def test_the_panels_summary_lists_the_non_responding_and_meets_the_quorum_at_exactly_it_r_c6(drawn) -> None:
    first, second = holder(drawn.entries, "seat_1"), holder(drawn.entries, "seat_2")
    drawn.add(Stage.EXPERT_REVIEW, "opinion_signed", data={"seat": "seat_1", "expert": first, "digest": "d1"})
    vacate(drawn, "seat_2")
    summary = panel_summary(drawn.entries, RESERVES, 1)
    assert summary["signed"] == [{"seat": "seat_1", "expert": first, "digest": "d1"}]
    assert (summary["non_responding"], summary["withdrawn"], summary["quorum_met"]) == ([second], [], True)
    assert panel_summary(drawn.entries, RESERVES, 2)["quorum_met"] is False
