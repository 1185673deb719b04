"""The draw's refusals word for word in both languages, with the rule and field they cite and every
other input valid (R-C2..R-C5): a panel size, a library listing a user twice, too few eligible
experts or others besides the officials, a specialty no drawable expert holds or no panel can cover,
no replacement left or none covering; a replacement prefers an expert who is no official."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.expert_review.panel import (
    Draw,
    PanelRules,
    Seat,
    check_size,
    draw_panel,
    draw_replacement,
)
from juece.domain.record.errors import RuleViolation
from tests.unit.domain.expert_review.panel_pools import LINE, expert


def refusal(call: Any, *args: Any) -> tuple[str | None, str | None, str, str]:
    with pytest.raises(RuleViolation) as caught:
        call(*args)
    error = caught.value
    return error.rule, error.field, error.zh, error.en


def pool(count: int, *specialties: str) -> list[Any]:
    return [expert(f"e{n:02}", *(specialties or ("城市规划",))) for n in range(count)]


@pytest.mark.parametrize("size", [3, 6])
def test_a_panel_size_under_five_or_even_is_refused_naming_it_in_both_languages_r_c5(size: int) -> None:
    assert refusal(check_size, size) == ("R-C5", "size", f"专家组人数须为不少于5的奇数，实为 {size}",
                                         f"the panel must be an odd number of at least 5 experts, got {size}")


def test_a_library_listing_a_user_twice_is_refused_naming_the_user_in_both_languages() -> None:
    experts = [*pool(6), expert("e03", "法律")]
    assert refusal(draw_panel, experts, PanelRules(size=5, specialties=("城市规划",)), "seed") == (
        None, "user", "专家库中用户 e03 重复", "user e03 is twice in the library")


def test_too_few_eligible_experts_are_refused_naming_both_numbers_r_c5() -> None:
    experts = [*pool(4), expert("gone", "城市规划", removed=True)]
    assert refusal(draw_panel, experts, PanelRules(size=5, specialties=("城市规划",)), "seed") == (
        "R-C5", "size", "可抽取的专家只有 4 人，专家组需要 5 人", "4 eligible experts for a panel of 5")


def test_too_few_experts_besides_the_officials_are_refused_naming_the_cap_r_c5() -> None:
    experts = [*pool(3), *(expert(f"o{n}", "城市规划", official=LINE) for n in range(4))]
    rules = PanelRules(size=5, specialties=("城市规划",), line_department=LINE)
    assert refusal(draw_panel, experts, rules, "seed") == (
        "R-C5", "size", f"{LINE} 的公职人员至多 1 人，须至少 4 名其他专家，只有 3 名",
        f"officials of {LINE} may hold at most 1 seats: 4 other experts are needed, there are 3")


def test_a_specialty_no_drawable_expert_holds_is_refused_counting_why_its_holders_are_out_r_c2() -> None:
    experts = [*pool(6), expert("w1", "水利", removed=True), expert("w2", "水利"), expert("w3", "水利"),
               expert("x1", "经济")]
    rules = PanelRules(size=5, specialties=("经济", "水利"), interested=frozenset({"w2", "w3"}))
    assert refusal(draw_panel, experts, rules, "seed") == (
        "R-C2", "specialties", "专业 水利 没有可抽取的专家：库中持有者 3 人，其中已除名 1 人（R-C4），利害关系人 2 人（R-C3）",
        "no drawable expert in 水利: 3 in the library, 1 removed (R-C4), 2 interested parties (R-C3)")


def test_a_replacement_with_no_expert_left_is_refused_naming_the_seat_r_c5() -> None:
    draw = draw_panel(pool(5), PanelRules(size=5, specialties=("城市规划",)), "seed")
    active = [seat.user for seat in draw.seats]
    assert refusal(draw_replacement, draw, active[1:], [active[0]], "seat_1", 1) == (
        "R-C5", "seat", "专家库中已无可替补 seat_1 的专家（在任 4 人，已排除 5 人）",
        "no expert left in the pool to fill seat_1 (4 active, 5 barred)")


def test_specialties_more_than_the_seats_can_cover_are_refused_naming_them_r_c2() -> None:
    needed = ("城市规划", "交通工程", "法律", "经济", "水利", "环境保护")
    experts = [expert(f"s{n}", specialty) for n, specialty in enumerate(needed)]
    assert refusal(draw_panel, experts, PanelRules(size=5, specialties=needed), "seed") == (
        "R-C2", "specialties", f"无法以 5 名专家覆盖专业 {'、'.join(needed)}：可抽取的持有者 6 人",
        f"the specialties {', '.join(needed)} cannot all be covered by 5 members: 6 drawable holders")


def test_specialties_only_officials_hold_past_their_cap_are_refused_naming_those_r_c2() -> None:
    experts = [*pool(5), expert("o1", "水利", official=LINE), expert("o2", "经济", official=LINE)]
    rules = PanelRules(size=5, specialties=("城市规划", "水利", "经济"), line_department=LINE)
    assert refusal(draw_panel, experts, rules, "seed") == (
        "R-C2", "specialties", f"无法以 5 名专家，{LINE} 的公职人员至多 1 人覆盖专业 水利、经济：可抽取的持有者 2 人",
        f"the specialties 水利, 经济 cannot all be covered by 5 members with at most 1 officials of {LINE}: "
        "2 drawable holders")


def drawn_with(rules: PanelRules, experts: list[Any], members: list[str]) -> Draw:
    by_user = {e.user: e for e in experts}
    seats = tuple(Seat(f"seat_{n}", user, tuple(s for s in rules.needed if s in by_user[user].specialties))
                  for n, user in enumerate(members, start=1))
    return Draw("seed", rules, tuple(e.as_dict() for e in experts), seats, {})


def test_a_replacement_no_one_left_can_cover_is_refused_naming_the_specialties_r_c2() -> None:
    rules = PanelRules(size=5, specialties=("城市规划", "水利", "经济"))
    experts = [*pool(5), expert("w", "水利", "经济")]
    draw = drawn_with(rules, experts, ["e00", "e01", "e02", "e03", "w"])
    assert refusal(draw_replacement, draw, ["e00", "e01", "e02", "e03"], ["w"], "seat_5", 1) == (
        "R-C2", "specialties", "替补 seat_5 须覆盖专业 水利、经济，专家库中已无可抽取的该专业专家",
        "the replacement for seat_5 must cover 水利, 经济; no drawable expert has it")


@pytest.mark.parametrize("n", range(1, 9))
def test_a_replacement_covering_the_lost_specialty_prefers_an_expert_who_is_no_official_r_c5(n: int) -> None:
    rules = PanelRules(size=5, specialties=("城市规划", "水利"), line_department=LINE)
    experts = [*pool(4), expert("w", "水利"), expert("o1", "水利", official=LINE), expert("x1", "水利")]
    draw = drawn_with(rules, experts, ["e00", "e01", "e02", "e03", "w"])
    assert draw_replacement(draw, ["e00", "e01", "e02", "e03"], ["w"], "seat_5", n).user == "x1"
