"""The expert panel's draw as an archivist reads it (R-C2..R-C5): the exact status, words and
proving entry of each branch, on small hand-made records."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.compliance_facts import MET, NOT_MET, NOT_USED, OPEN, WITHHELD, Finding
from juece.domain.archive.compliance_review import r_c2, r_c3, r_c4, r_c5
from tests.unit.domain.archive.compliance_entries import ER, facts, record


def seat(user: str, *covers: str) -> dict[str, Any]:
    return {"user": user, "covers": list(covers)}


def drawn(seats: list[Any], **found: Any) -> tuple[str, str, dict[str, Any]]:
    return (ER, "panel_drawn", {"seats": seats, **found})


def replaced(expert: str) -> tuple[str, str, dict[str, Any]]:
    return (ER, "expert_replaced", {"expert": expert})


def opinion(expert: str, no_conflict: Any = True) -> tuple[str, str, dict[str, Any]]:
    return (ER, "opinion_submitted", {"expert": expert, "no_conflict": no_conflict})


NOT_DRAWN = Finding(OPEN, "尚未抽取专家", "no panel drawn yet")


def test_no_panel_drawn_leaves_r_c2_r_c3_r_c5_open_and_r_c4_not_used() -> None:
    nothing = facts(record(replaced("e1")))
    assert [r_c2(nothing), r_c3(nothing), r_c5(nothing)] == [NOT_DRAWN] * 3
    assert r_c4(nothing) == Finding(NOT_USED, "未从专家库抽取专家", "no panel was drawn from the expert library")


def test_a_draw_covering_every_specialty_meets_r_c2_counting_the_seated_experts() -> None:
    rows = record(drawn([seat("e1", "法律"), seat("e2", "规划", "经济"), "junk"],
                        rules={"specialties": ["法律", "规划"]}))
    assert r_c2(facts(rows)) == Finding(
        MET, "按所需专业（法律、规划）从专家库随机抽取2人，专业全部覆盖；种子已记录，可重新抽取核对",
        "2 experts drawn at random covering every specialty needed (法律, 规划); the seed is recorded so the "
        "draw can be re-run", rows[0])


def test_a_specialty_no_seat_covers_or_none_named_is_not_met_r_c2() -> None:
    rows = record(drawn([seat("e1", "法律"), "junk"], rules={"specialties": ["法律", "规划", "环境"]}))
    assert r_c2(facts(rows)) == Finding(NOT_MET, "所需专业未覆盖：规划、环境", "specialties not covered: 规划, 环境",
                                        rows[0])
    bare = record(drawn([seat("e1", "法律")], rules="none"))
    assert r_c2(facts(bare)) == Finding(NOT_MET, "未列明所需专业", "no specialty named", bare[0])


def test_a_clean_draw_with_declarations_and_one_withdrawal_meets_r_c3_on_the_last_opinion() -> None:
    rows = record(drawn([seat("e1"), seat("e2")], rules={"interested": ["p1", "p2"]}), replaced("e3"),
                  (ER, "conflict_declared", {"expert": "e2"}), opinion("e1"), opinion("e3"))
    assert r_c3(facts(rows)) == Finding(
        MET, "抽取时排除利害关系人及担任其他角色者2人；2份意见均声明无利害关系；1人申报利害关系并回避",
        "2 interested parties and holders of other roles excluded from the draw; 2 opinion(s) each declared "
        "free of interest; 1 expert(s) declared a conflict and withdrew", rows[4])
    assert r_c3(facts(rows[:1])) == Finding(
        MET, "抽取时排除利害关系人及担任其他角色者2人；0份意见均声明无利害关系；0人申报利害关系并回避",
        "2 interested parties and holders of other roles excluded from the draw; 0 opinion(s) each declared "
        "free of interest; 0 expert(s) declared a conflict and withdrew", rows[0])


def test_interested_experts_drawn_undeclared_and_opinions_after_a_conflict_are_each_named_r_c3() -> None:
    rows = record(drawn([seat("p1"), seat("e2")], rules={"interested": ["p1", "p2"]}), replaced("p2"),
                  (ER, "conflict_declared", {"expert": "e2"}), opinion("e2"), opinion("e4", "yes"))
    assert r_c3(facts(rows)) == Finding(
        NOT_MET, "利害关系人被抽取：p1、p2；未声明无利害关系：e4；申报回避后仍提交意见：e2",
        "interested parties drawn: p1, p2; no declaration of interest: e4; opinions after a declared conflict: e2",
        rows[0])


def pool(*users: str, removed: tuple[str, ...] = ()) -> list[Any]:
    return [{"user": user, "removed": user in removed} for user in users] + ["junk"]


def test_experts_all_from_the_library_none_removed_meet_r_c4_with_the_library_counts() -> None:
    rows = record(drawn([seat("e1"), seat("e2")], pool=pool("e1", "e2", "e3", "x1", "x2", removed=("x1", "x2"))),
                  replaced("e3"))
    assert r_c4(facts(rows)) == Finding(MET, "3名专家均选自专家库（5人，其中已除名2人均未选取）",
                                        "all 3 experts from the library of 5 (2 removed, none chosen)", rows[0])


def test_experts_outside_the_library_or_removed_from_it_are_not_met_r_c4() -> None:
    rows = record(drawn([seat("e1"), seat("s1")], pool=pool("e1", "x1", removed=("x1",))), replaced("x1"))
    assert r_c4(facts(rows)) == Finding(NOT_MET, "不在专家库中：s1；已除名：x1",
                                        "not in the library: s1; removed from the library: x1", rows[0])


def test_a_pool_removed_from_the_public_edition_is_withheld_r_c4() -> None:
    rows = record(drawn([seat("e1"), seat("e2"), "junk"]))
    rows[0]["redacted"] = ["data.pool"]
    assert r_c4(facts(rows)) == Finding(
        WITHHELD, "专家库候选名单不载于公开版（仅存其哈希）；2名专家是否选自专家库、有无已除名者，以完整版核对",
        "the candidate pool is not in the public edition (only its hash): check in the full edition that every "
        "expert came from the library and none was removed", rows[0])


FIVE = [seat(f"e{n}") for n in range(1, 6)]
LINE = {"size": 5, "line_department": "县住建局"}


def official(*users: str, of: str = "县住建局") -> list[Any]:
    return [{"user": user, "official_of": of} for user in users]


def test_a_panel_of_five_with_one_line_department_official_meets_r_c5() -> None:
    rows = record(drawn([*FIVE, "junk"], rules=LINE, pool=official("e1") + official("e2", of="县财政局")))
    assert r_c5(facts(rows)) == Finding(
        MET, "专家组5人（奇数，不少于5人）；主管部门公职人员1人，不超过三分之一",
        "a panel of 5 (odd, at least 5); 1 official(s) of the line department, at most a third", rows[0])


def test_seven_experts_may_include_two_officials_and_without_a_line_department_none_is_counted_r_c5() -> None:
    seven = [seat(f"e{n}") for n in range(1, 8)]
    rows = record(drawn(seven, rules={"size": 7, "line_department": "县住建局"}, pool=official("e1", "e2")))
    assert r_c5(facts(rows)).zh == "专家组7人（奇数，不少于5人）；主管部门公职人员2人，不超过三分之一"
    unnamed = record(drawn(FIVE, rules={"size": 5}, pool=[{"user": "e1"}, {"user": "e2"}]))
    assert r_c5(facts(unnamed)).en == "a panel of 5 (odd, at least 5); 0 official(s) of the line department, at most a third"


def test_more_than_a_third_of_line_department_officials_is_not_met_r_c5() -> None:
    rows = record(drawn(FIVE, rules=LINE, pool=official("e1", "e2")))
    assert r_c5(facts(rows)) == Finding(NOT_MET, "主管部门公职人员2人，超过三分之一",
                                        "2 officials of the line department: more than a third", rows[0])


def test_a_panel_not_odd_under_five_or_not_its_recorded_size_is_not_met_r_c5() -> None:
    def finding(size: Any, seats: list[Any]) -> Finding:
        return r_c5(facts(record(drawn(seats, rules={"size": size}))))

    assert finding(4, FIVE[:4]) == Finding(NOT_MET, "专家组人数为4（规定4），须为不少于5的奇数",
                                           "a panel of 4 (size 4): it must be odd and at least 5",
                                           record(drawn(FIVE[:4], rules={"size": 4}))[0])
    assert [finding(size, seats).status for size, seats in (
        (3, FIVE[:3]), (6, FIVE + [seat("e6")]), (7, FIVE), ("5", FIVE), (None, FIVE), (5, FIVE))] == [
        NOT_MET, NOT_MET, NOT_MET, NOT_MET, NOT_MET, MET]
    assert finding(7, FIVE).zh == "专家组人数为5（规定7），须为不少于5的奇数"


def test_a_pool_removed_from_the_public_edition_withholds_the_officials_count_r_c5() -> None:
    rows = record(drawn(FIVE, rules=LINE, pool=official("e1", "e2", "e3")))
    rows[0]["redacted"] = ["data.pool"]
    assert r_c5(facts(rows)) == Finding(
        WITHHELD, "专家组5人（奇数，不少于5人）；主管部门公职人员人数以完整版核对（公开版不载专家库名单）",
        "a panel of 5 (odd, at least 5); the number of line-department officials is checked in the full edition "
        "(the pool is not in the public edition)", rows[0])


def test_each_breach_of_r_c3_alone_is_not_met() -> None:
    draw = drawn([seat("p1")], rules={"interested": ["p1"]})
    assert r_c3(facts(record(draw))).zh == "利害关系人被抽取：p1"
    clean = drawn([seat("e1")], rules={"interested": ["p1"]})
    assert r_c3(facts(record(clean, opinion("e1", False)))).zh == "未声明无利害关系：e1"
    late = record(clean, (ER, "conflict_declared", {"expert": "e1"}), opinion("e1"))
    assert r_c3(facts(late)).en == "opinions after a declared conflict: e1"


def test_a_clean_r_c3_is_proven_by_the_last_of_several_opinions() -> None:
    rows = record(drawn([seat("e1")], rules={}), opinion("e1"), opinion("e2"), opinion("e3"))
    assert r_c3(facts(rows)).proof == rows[3]


def test_a_stranger_alone_or_a_removed_expert_alone_is_not_met_r_c4() -> None:
    strangers = record(drawn([seat("s1")], pool=pool("e1")))
    assert r_c4(facts(strangers)).zh == "不在专家库中：s1"
    removed = record(drawn([seat("x1")], pool=pool("x1", removed=("x1",))))
    assert r_c4(facts(removed)).en == "removed from the library: x1"


def test_panels_of_nine_and_of_eight_experts_are_judged_by_oddness_r_c5() -> None:
    def status(size: int) -> str:
        return r_c5(facts(record(drawn([seat(f"e{n}") for n in range(size)], rules={"size": size})))).status

    assert (status(9), status(8)) == (MET, NOT_MET)
