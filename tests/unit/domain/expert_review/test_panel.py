"""The panel drawn by rule and reproducibly (R-C2, R-C3, R-C4, R-C5), checked against brute force."""

from __future__ import annotations

import random
from collections.abc import Sequence
from itertools import combinations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juece.domain.expert_review.experts import Expert
from juece.domain.expert_review.panel import (
    Draw,
    PanelRules,
    draw_panel,
    draw_replacement,
    redraw_matches,
)
from juece.domain.record.errors import RuleViolation
from tests.unit.domain.expert_review.panel_pools import LINE, expert, library

RULES = PanelRules(7, ("城市规划", "法律", "水利"), LINE, frozenset({"e03"}))


def is_valid(members: Sequence[Expert], rules: PanelRules) -> bool:
    return (len({m.user for m in members}) == rules.size
            and all(any(s in m.specialties for m in members) for s in rules.needed)
            and sum(rules.is_line_official(m) for m in members) <= rules.size // 3
            and not any(m.removed or m.user in rules.interested for m in members))


def eligible(pool: Sequence[Expert], rules: PanelRules) -> list[Expert]:
    return [e for e in pool if not e.removed and e.user not in rules.interested]


def some_valid_panel_exists(pool: Sequence[Expert], rules: PanelRules) -> bool:
    return any(is_valid(c, rules) for c in combinations(eligible(pool, rules), rules.size))


def some_cover_exists(pool: Sequence[Expert], rules: PanelRules) -> bool:
    people = eligible(pool, rules)
    return any(all(any(s in m.specialties for m in c) for s in rules.needed)
               and sum(rules.is_line_official(m) for m in c) <= rules.size // 3
               for k in range(min(rules.size, len(people)) + 1) for c in combinations(people, k))


def members(draw: Draw, pool: Sequence[Expert]) -> list[Expert]:
    by_user = {e.user: e for e in pool}
    return [by_user[s.user] for s in draw.seats]


class TestDrawPanel:
    def test_a_draw_obeys_every_rule_and_names_its_seats_in_order(self) -> None:
        draw = draw_panel(library(), RULES, "yanshou-2027-urban-001")
        assert [s.seat for s in draw.seats] == [f"seat_{n}" for n in range(1, 8)]
        assert is_valid(members(draw, library()), RULES)
        assert draw.excluded == {"bad": "R-C4", "e03": "R-C3"}

    def test_the_pool_is_recorded_whole_and_sorted(self) -> None:
        draw = draw_panel(library(), RULES, "s")
        assert [p["user"] for p in draw.pool] == sorted(e.user for e in library())

    def test_covers_name_the_needed_specialties_a_member_has(self) -> None:
        pool = {e.user: e for e in library()}
        for seat in draw_panel(library(), RULES, "s").seats:
            assert seat.covers == tuple(s for s in RULES.needed if s in pool[seat.user].specialties)

    def test_the_recorded_draw_runs_again_to_the_same_seats(self) -> None:
        recorded = draw_panel(library(), RULES, "s").as_dict()
        assert redraw_matches(recorded)
        assert Draw.from_dict(recorded).as_dict() == recorded

    def test_a_tampered_record_does_not_match(self) -> None:
        recorded = draw_panel(library(), RULES, "s").as_dict()
        recorded["seats"][0]["user"] = "bad"
        assert not redraw_matches(recorded)
        assert not redraw_matches({"seed": "s"})

    def test_different_seeds_draw_different_panels(self) -> None:
        seats = {tuple(s.user for s in draw_panel(library(), RULES, f"seed-{n}").seats) for n in range(8)}
        assert len(seats) > 1

    @pytest.mark.parametrize("size", [3, 4, 6], ids=["too-small", "even-small", "even"])
    def test_a_size_that_is_even_or_under_five_is_refused(self, size: int) -> None:
        with pytest.raises(RuleViolation) as refused:
            draw_panel(library(), PanelRules(size, ()), "s")
        assert refused.value.rule == "R-C5" and str(size) in refused.value.en

    def test_a_specialty_held_only_by_removed_and_interested_experts_is_refused_saying_so(self) -> None:
        pool = [*library(), expert("x1", "价格", removed=True), expert("x2", "价格")]
        with pytest.raises(RuleViolation) as refused:
            draw_panel(pool, PanelRules(5, ("价格",), interested=frozenset({"x2"})), "s")
        assert refused.value.rule == "R-C2"
        assert "价格" in refused.value.zh and "1 removed" in refused.value.en and "1 interested" in refused.value.en

    def test_too_few_experts_is_refused_with_the_numbers(self) -> None:
        with pytest.raises(RuleViolation) as refused:
            draw_panel(library()[:4], PanelRules(5, ()), "s")
        assert refused.value.rule == "R-C5" and "4 eligible experts for a panel of 5" in refused.value.en

    def test_too_few_non_officials_is_refused_with_the_numbers(self) -> None:
        pool = [expert(f"o{i}", "法律", official=LINE) for i in range(5)] + [expert("e1", "法律")]
        with pytest.raises(RuleViolation) as refused:
            draw_panel(pool, PanelRules(5, ("法律",), LINE), "s")
        assert refused.value.rule == "R-C5" and "4 other experts are needed, there are 1" in refused.value.en

    def test_specialties_only_officials_hold_beyond_the_cap_are_refused(self) -> None:
        pool = [expert(f"e{i}", "法律") for i in range(6)]
        pool += [expert("o1", "水利", official=LINE), expert("o2", "价格", official=LINE)]
        with pytest.raises(RuleViolation) as refused:
            draw_panel(pool, PanelRules(5, ("水利", "价格"), LINE), "s")
        assert refused.value.rule == "R-C2" and "水利" in refused.value.zh and "价格" in refused.value.zh

    def test_a_panel_greed_would_miss_is_still_found(self) -> None:
        # Six specialties, five seats: a one-per-specialty pick can overrun; the two all-rounders cannot.
        pool = [expert("a", "A", "B", "C"), expert("b", "D", "E", "F")]
        pool += [expert(f"s{c}{n}", c) for c in "ABCDEF" for n in range(4)] + [expert("o", "A", official=LINE)]
        rules = PanelRules(5, tuple("ABCDEF"), LINE)
        for seed in range(30):
            assert is_valid(members(draw_panel(pool, rules, str(seed)), pool), rules)


@st.composite
def pools(draw: st.DrawFn) -> list[Expert]:
    count = draw(st.integers(0, 11))
    return [Expert(f"u{i}", f"u{i}", tuple(draw(st.sets(st.sampled_from("ABCD"), min_size=1, max_size=2))), "x",
                   official_of=draw(st.sampled_from([None, None, "L", "M"])),
                   removed=i % 4 == 3 and draw(st.booleans())) for i in range(count)]


@st.composite
def pool_and_rules(draw: st.DrawFn) -> tuple[list[Expert], PanelRules]:
    pool = draw(pools())
    users = [e.user for e in pool]
    rules = PanelRules(size=draw(st.integers(3, 9)),
                       specialties=tuple(draw(st.lists(st.sampled_from("ABCDE"), max_size=4))),
                       line_department=draw(st.sampled_from([None, "L"])),
                       interested=frozenset(draw(st.sets(st.sampled_from(users))) if users else ()))
    return pool, rules


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pool_and_rules(), st.text(max_size=8), st.randoms(use_true_random=False))
def test_any_draw_obeys_the_rules_and_repeats_or_is_refused_only_when_no_panel_exists(
        case: tuple[list[Expert], PanelRules], seed: str, shuffler: random.Random) -> None:
    pool, rules = case
    try:
        draw = draw_panel(pool, rules, seed)
    except RuleViolation as refused:
        assert refused.rule in {"R-C2", "R-C5"}
        if rules.size >= 5 and rules.size % 2:
            assert not some_valid_panel_exists(pool, rules)
        if refused.rule == "R-C2":
            assert not some_cover_exists(pool, rules)
        return
    assert rules.size >= 5 and rules.size % 2 == 1
    assert is_valid(members(draw, pool), rules)
    shuffled = list(pool)
    shuffler.shuffle(shuffled)
    assert draw_panel(shuffled, rules, seed).seats == draw.seats
    assert redraw_matches(draw.as_dict())


class TestReplacement:
    def draw(self) -> Draw:
        return draw_panel(library(), RULES, "s")

    def test_a_replacement_covers_the_specialty_the_vacated_member_alone_had(self) -> None:
        draw = self.draw()
        pool = {e.user: e for e in library()}
        sole = next(s for s in draw.seats if any(
            sum(x in pool[o.user].specialties for o in draw.seats) == 1 for x in s.covers))
        active = [s.user for s in draw.seats if s is not sole]
        lost = {x for x in sole.covers if not any(x in pool[u].specialties for u in active)}
        seat = draw_replacement(draw, active, [sole.user], "reserve_1", 1)
        assert seat.seat == "reserve_1" and lost <= set(pool[seat.user].specialties)
        assert is_valid([pool[u] for u in active] + [pool[seat.user]], RULES)

    def test_a_replacement_is_reproducible_and_each_number_has_its_own_seed(self) -> None:
        draw, active = self.draw(), [s.user for s in self.draw().seats[1:]]
        gone = [self.draw().seats[0].user]
        again = {draw_replacement(draw, active, gone, "reserve_1", 1) for _ in range(3)}
        assert len(again) == 1
        picks = {draw_replacement(draw, active, gone, "reserve_1", n).user for n in range(1, 12)}
        assert len(picks) > 1

    def test_a_replacement_never_brings_the_officials_over_a_third(self) -> None:
        pool = [expert(f"e{i}", "法律") for i in range(5)] + [expert(f"o{i}", "法律", official=LINE) for i in range(6)]
        rules = PanelRules(5, ("法律",), LINE)
        draw = draw_panel(pool, rules, "s")
        officials = [s.user for s in draw.seats if s.user.startswith("o")]
        others = [s.user for s in draw.seats if s.user.startswith("e")]
        if officials:
            seat = draw_replacement(draw, [*officials, *others[1:]], others[:1], "reserve_1", 1)
            assert seat.user.startswith("e")

    def test_nobody_removed_since_the_draw_or_unavailable_is_drawn(self) -> None:
        pool = [expert(f"e{i}", "法律") for i in range(9)]
        draw = draw_panel(pool, PanelRules(5, ("法律",)), "s")
        drawn = [s.user for s in draw.seats]
        spare = [e.user for e in pool if e.user not in drawn]
        seat = draw_replacement(draw, drawn[1:], drawn[:1], "reserve_1", 1, removed_now=spare[:-1])
        assert seat.user == spare[-1]

    def test_exhausting_the_pool_is_refused_naming_the_seat(self) -> None:
        draw = self.draw()
        everyone = [p["user"] for p in draw.pool]
        with pytest.raises(RuleViolation) as refused:
            draw_replacement(draw, [s.user for s in draw.seats[1:]], everyone, "reserve_3", 3)
        assert refused.value.rule == "R-C5" and "reserve_3" in refused.value.en
