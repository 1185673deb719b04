"""The panel draw is versioned and pinned (R-C2..R-C5): `panel_drawn` names its algorithm, the
seats of fixed pools and seeds are pinned, and a draw recorded by one version re-runs with that
version after the current draw has changed."""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import pytest

from juece.domain.expert_review import panel
from juece.domain.expert_review.experts import Expert
from juece.domain.expert_review.opinion_check import draw_problems
from juece.domain.expert_review.panel import (
    DRAW_V1,
    Draw,
    PanelRules,
    draw_panel,
    greedy_cover,
    redraw_matches,
)
from juece.domain.record.errors import FormError
from tests.unit.domain.expert_review.panel_pools import LINE, SPECIALTIES, expert, library


def all_rounders() -> list[Expert]:
    """Six specialties, five seats: only the two all-rounders make a cover (the breadth-first search)."""
    pool = [expert("a", "A", "B", "C"), expert("b", "D", "E", "F")]
    return pool + [expert(f"s{c}{n}", c) for c in "ABCDEF" for n in range(4)] + [expert("o", "A", official=LINE)]


GOLDEN = [
    pytest.param(library, PanelRules(7, ("城市规划", "法律", "水利"), LINE, frozenset({"e03"})), "2026-yanshou-007",
                 [("e13", ("城市规划",)), ("e12", ("法律", "水利")), ("e01", ()), ("e06", ()), ("e11", ()),
                  ("e07", ("法律", "水利")), ("o2", ("城市规划",))], id="seven-with-a-line-department"),
    pytest.param(library, PanelRules(5, ("经济",)), "seed-a",
                 [("e06", ("经济",)), ("e00", ()), ("e07", ()), ("e04", ()), ("e08", ("经济",))], id="five-one-specialty"),
    pytest.param(library, PanelRules(9, SPECIALTIES, LINE), "0",
                 [("e05", ("城市规划", "法律")), ("e01", ("交通工程", "经济")), ("e07", ("法律", "水利")),
                  ("e08", ("城市规划", "经济")), ("e04", ("交通工程", "水利")), ("e02", ("法律", "水利")),
                  ("e03", ("城市规划", "经济")), ("e00", ("城市规划", "法律")), ("e11", ("交通工程", "经济"))],
                 id="nine-every-specialty"),
    pytest.param(all_rounders, PanelRules(5, tuple("ABCDEF"), LINE), "7",
                 [("a", ("A", "B", "C")), ("b", ("D", "E", "F")), ("sB2", ("B",)), ("sA1", ("A",)), ("sB3", ("B",))],
                 id="five-found-breadth-first"),
]


class TestGoldenDraws:
    @pytest.mark.parametrize(("pool", "rules", "seed", "seats"), GOLDEN)
    def test_juece_draw_1_gives_exactly_these_seats_for_this_pool_and_seed(
            self, pool: Callable[[], list[Expert]], rules: PanelRules, seed: str,
            seats: list[tuple[str, tuple[str, ...]]]) -> None:
        draw = draw_panel(pool(), rules, seed, DRAW_V1)
        assert [(s.seat, s.user, s.covers) for s in draw.seats] == [
            (f"seat_{n}", user, covers) for n, (user, covers) in enumerate(seats, start=1)]

    def test_the_golden_breadth_first_case_is_one_greed_misses(self) -> None:
        experts = sorted(all_rounders(), key=lambda e: e.user)
        assert greedy_cover(experts, PanelRules(5, tuple("ABCDEF"), LINE), random.Random("7")) is None

    def test_the_pool_order_does_not_change_the_golden_seats(self) -> None:
        rules = PanelRules(5, ("经济",))
        assert draw_panel(library()[::-1], rules, "seed-a").seats == draw_panel(library(), rules, "seed-a").seats


def reversed_v1(experts: Sequence[Expert], rules: PanelRules, seed: str) -> tuple[list[Expert], dict[str, str]]:
    """A changed draw: version 1 run on the pool in reverse order."""
    return panel.ALGORITHMS[DRAW_V1](list(experts)[::-1], rules, seed)


@pytest.fixture
def changed_draw(monkeypatch: pytest.MonkeyPatch) -> str:
    """The draw code as it may be one day: a second version, made the current one."""
    monkeypatch.setitem(panel.ALGORITHMS, "juece-draw/2", reversed_v1)
    monkeypatch.setattr(panel, "CURRENT_DRAW", "juece-draw/2")
    return "juece-draw/2"


RULES = PanelRules(7, ("城市规划", "法律", "水利"), LINE, frozenset({"e03"}))


class TestDrawVersions:
    def test_panel_drawn_records_the_algorithm_that_chose_the_seats(self) -> None:
        recorded = draw_panel(library(), RULES, "s").as_dict()
        assert recorded["algorithm"] == DRAW_V1 == panel.CURRENT_DRAW
        assert Draw.from_dict(recorded).algorithm == DRAW_V1

    def test_a_record_without_the_algorithm_was_drawn_by_version_1_and_re_runs(self) -> None:
        recorded = draw_panel(library(), RULES, "s").as_dict()
        del recorded["algorithm"]
        assert Draw.from_dict(recorded).algorithm == DRAW_V1
        assert redraw_matches(recorded)
        assert draw_problems([{"seq": 2, "kind": "panel_drawn", "data": recorded}]) == []

    def test_a_draw_recorded_before_the_draw_changed_still_re_runs_to_its_seats(self, changed_draw: str) -> None:
        old = draw_panel(library(), RULES, "s", DRAW_V1).as_dict()
        new = draw_panel(library(), RULES, "s").as_dict()
        assert new["algorithm"] == changed_draw and new["seats"] != old["seats"]
        assert redraw_matches(old) and redraw_matches(new)
        assert draw_problems([{"seq": 2, "kind": "panel_drawn", "data": old}]) == []

    def test_seats_of_one_version_recorded_under_another_do_not_re_run(self, changed_draw: str) -> None:
        relabelled = {**draw_panel(library(), RULES, "s").as_dict(), "algorithm": DRAW_V1}
        assert not redraw_matches(relabelled)
        assert draw_problems([{"seq": 2, "kind": "panel_drawn", "data": relabelled}]) == [
            "the panel draw (entry 2) does not re-run to the recorded seats"]

    def test_a_draw_naming_an_unknown_algorithm_is_reported_by_name(self) -> None:
        recorded = {**draw_panel(library(), RULES, "s").as_dict(), "algorithm": "juece-draw/99"}
        assert not redraw_matches(recorded)
        assert draw_problems([{"seq": 2, "kind": "panel_drawn", "data": recorded}]) == [
            "the panel draw (entry 2) names the algorithm juece-draw/99, which this juece cannot run"]

    def test_drawing_with_an_unknown_algorithm_is_refused_naming_it(self) -> None:
        with pytest.raises(FormError) as caught:
            draw_panel(library(), RULES, "s", "juece-draw/99")
        assert (caught.value.rule, caught.value.field) == (None, "algorithm")
        assert caught.value.zh == "未知的抽取算法 juece-draw/99"
        assert caught.value.en == "unknown draw algorithm juece-draw/99"
