"""The panel's numbers at their edges (R-C5), a library listing a user twice (R-C4) and a
replacement that must bring the lost specialty (R-C2): each refusal names its rule and field,
every other input valid."""

from __future__ import annotations

import pytest

from juece.domain.expert_review.experts import Expert
from juece.domain.expert_review.panel import PanelRules, draw_panel, draw_replacement
from juece.domain.record.errors import RuleViolation


def expert(user: str, *specialties: str, official: str | None = None) -> Expert:
    return Expert(user, user, specialties, "某大学", official_of=official)


def lawyers(count: int) -> list[Expert]:
    return [expert(f"e{n}", "法律") for n in range(count)]


def refusal(pool: list[Expert], rules: PanelRules) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        draw_panel(pool, rules, "s")
    return caught.value


@pytest.mark.parametrize("size", [5, 7, 9])
def test_a_panel_as_large_as_the_eligible_experts_seats_every_one_of_them_r_c5(size: int) -> None:
    draw = draw_panel(lawyers(size), PanelRules(size, ("法律",)), "s")
    assert sorted(s.user for s in draw.seats) == sorted(e.user for e in lawyers(size))


def test_one_eligible_expert_fewer_than_the_panel_is_refused_r_c5() -> None:
    error = refusal(lawyers(6), PanelRules(7, ("法律",)))
    assert (error.rule, error.field) == ("R-C5", "size")
    assert "6 eligible experts for a panel of 7" in error.en


@pytest.mark.parametrize("size", [4, 6, 8, 3, 1], ids=["four", "six", "eight", "three", "one"])
def test_an_even_size_or_one_under_five_is_refused_with_enough_experts_r_c5(size: int) -> None:
    error = refusal(lawyers(12), PanelRules(size, ("法律",)))
    assert (error.rule, error.field) == ("R-C5", "size")
    assert f"got {size}" in error.en


def test_the_minimum_panel_of_five_is_drawn() -> None:
    assert len(draw_panel(lawyers(5), PanelRules(5, ("法律",)), "s").seats) == 5


@pytest.mark.parametrize(("size", "cap"), [(5, 1), (7, 2), (9, 3)])
def test_officials_of_the_line_department_hold_at_most_a_third_of_the_seats_r_c5(size: int, cap: int) -> None:
    pool = lawyers(size - cap) + [expert(f"o{n}", "法律", official="局") for n in range(size)]
    draw = draw_panel(pool, PanelRules(size, ("法律",), "局"), "s")
    assert sum(s.user.startswith("o") for s in draw.seats) == cap
    error = refusal(lawyers(size - cap - 1) + pool[size - cap:], PanelRules(size, ("法律",), "局"))
    assert (error.rule, error.field) == ("R-C5", "size")


def test_a_library_listing_the_same_user_twice_is_refused_r_c4() -> None:
    pool = [*lawyers(7), expert("e3", "法律")]
    error = refusal(pool, PanelRules(5, ("法律",)))
    assert (error.rule, error.field) == (None, "user")
    assert error.en == "user e3 is twice in the library"


def test_a_replacement_lacking_the_lost_specialty_is_refused_r_c2() -> None:
    pool = [expert("hydro", "水利"), *lawyers(8)]
    draw = draw_panel(pool, PanelRules(5, ("水利", "法律")), "s")
    active = [s.user for s in draw.seats if s.user != "hydro"]
    with pytest.raises(RuleViolation) as caught:
        draw_replacement(draw, active, ["hydro"], "reserve_1", 1)
    assert (caught.value.rule, caught.value.field) == ("R-C2", "specialties")
    assert "reserve_1 must cover 水利" in caught.value.en


def test_a_replacement_holding_the_lost_specialty_is_preferred_to_one_without_r_c2() -> None:
    pool = [expert("hydro", "水利"), expert("hydro2", "水利"), *lawyers(8)]
    draws = (draw_panel(pool, PanelRules(5, ("水利", "法律")), str(seed)) for seed in range(40))
    draw = next(d for d in draws if sum(s.user.startswith("hydro") for s in d.seats) == 1)
    holder = next(s.user for s in draw.seats if s.user.startswith("hydro"))
    active = [s.user for s in draw.seats if s.user != holder]
    for n in range(1, 6):
        assert draw_replacement(draw, active, [holder], "reserve_1", n).covers == ("水利",)
