"""The record in words of the expert review (R-C1..R-C6) as an archivist reads it: each expert by
name and seat, the draw, the requests and their deadlines in China time, the signatures and the
panel's close, in exact Chinese and English."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_experts as said
from juece.domain.archive.timeline_words import People

PEOPLE = People(names={"expert_01": "赵文静", "expert_02": "Li Lei"}, seats={"expert_01": "seat_1"})
DUE = "2027-03-15T16:00:00.000000Z"  # 00:00 of the 16th in China: the end of the 15th


def words(phrase: Any, data: dict[str, Any], people: People = PEOPLE) -> tuple[str, str]:
    return phrase(data, {"actor": "juece"}, people)  # type: ignore[no-any-return]


def test_an_opinion_submitted_names_the_expert_and_seat_the_conclusion_and_its_conditions() -> None:
    data = {"expert": "expert_02", "seat": "seat_2", "conclusion": "support_with_conditions", "conditions": "限速。"}
    assert words(said.opinion_submitted, data) == (
        "专家 Li Lei（第2席）提交论证意见：附条件支持；所附条件：限速",
        "Expert Li Lei (seat 2) submitted an opinion: support with conditions; conditions: 限速")
    assert words(said.opinion_submitted, {"expert": "expert_02"}) == (
        "专家 Li Lei 提交论证意见", "Expert Li Lei submitted an opinion")
    assert words(said.opinion_submitted, {"expert": "expert_01"}) == (
        "专家 赵文静（第1席）提交论证意见", "Expert 赵文静 (seat 1) submitted an opinion")


def test_a_panel_drawn_names_the_library_each_seat_by_name_and_those_barred() -> None:
    data = {"seats": [{"seat": "seat_1", "user": "expert_01"}, {"seat": "reserve_1", "user": "expert_03"},
                      {"seat": "seat_2", "user": "expert_04"}, "x"],
            "pool": [{"user": "expert_03", "name": "孙某"}, {"user": "expert_01", "name": "旧名"},
                     {"user": 3, "name": "x"}, {"user": "expert_05", "name": 5}, "y"],
            "panel": [{"user": "expert_04", "name": "钱某"}], "excluded": {"expert_08": "R-C4", "expert_09": "R-C4"}}
    assert words(said.panel_drawn, data) == (
        "从专家库5名专家中按规则随机抽取论证专家3名：第1席 赵文静、后备第1席 孙某、第2席 钱某（依规排除2名）",
        "Experts drawn by rule at random from the library of 5: 3 seats, seat 1 赵文静, reserve seat 1 孙某, "
        "seat 2 钱某 (2 barred by rule)")


def test_a_panel_drawn_from_a_library_given_by_size_counts_the_barred_by_rule() -> None:
    data = {"pool_size": 30, "excluded_count": {"R-C4": 2, "R-C5": 1, "x": True, "y": "3"},
            "seats": [{"seat": "seat_1", "user": "expert_07"}]}
    zh, en = words(said.panel_drawn, data)
    assert zh == "从专家库30名专家中按规则随机抽取论证专家1名：第1席 expert 07（依规排除3名）"
    assert en == "Experts drawn by rule at random from the library of 30: 1 seat, seat 1 expert 07 (3 barred by rule)"


def test_a_panel_drawn_without_fields_or_with_an_unnamed_seat_still_reads() -> None:
    assert words(said.panel_drawn, {}) == ("按规则随机抽取论证专家", "Experts drawn by rule at random")
    assert words(said.panel_drawn, {"seats": [{"seat": None, "user": None}]}, People()) == (
        "按规则随机抽取论证专家1名：—", "Experts drawn by rule at random: 1 seat, —")


def test_an_opinion_requested_gives_its_deadline_at_24_00_of_its_last_day_and_the_days_to_answer() -> None:
    data = {"expert": "expert_01", "due_at": DUE, "response_days": 15}
    assert words(said.opinion_requested, data) == (
        "请专家 赵文静（第1席）于2027-03-15 24:00前提出论证意见（答复期限15日）",
        "Expert 赵文静 (seat 1) asked for an opinion, due by 2027-03-15 24:00 (15 days to answer)")
    assert words(said.opinion_requested, {"expert": "expert_02", "due_at": "2027-03-15T08:00:00Z"}) == (
        "请专家 Li Lei 于2027-03-15 16:00前提出论证意见", "Expert Li Lei asked for an opinion, due by 2027-03-15 16:00")
    assert words(said.opinion_requested, {"expert": "expert_02", "response_days": 10}) == (
        "请专家 Li Lei 提出论证意见（答复期限10日）", "Expert Li Lei asked for an opinion (10 days to answer)")


def test_a_reminder_names_the_deadline_or_asks_for_an_answer_in_time() -> None:
    assert words(said.reminder_sent, {"expert": "expert_01", "due_at": DUE}) == (
        "提醒专家 赵文静（第1席）于2027-03-15 24:00前答复", "Reminded expert 赵文静 (seat 1) to answer by 2027-03-15 24:00")
    assert words(said.reminder_sent, {"expert": "expert_02"}) == (
        "提醒专家 Li Lei 按期答复", "Reminded expert Li Lei to answer in time")


def test_a_conflict_declared_gives_the_experts_statement() -> None:
    assert words(said.conflict_declared, {"expert": "expert_02", "statement": "所在单位参与前期咨询。"}) == (
        "专家 Li Lei 申报与本事项有利害关系并回避；说明：所在单位参与前期咨询",
        "Expert Li Lei declared a conflict of interest and withdrew; statement: 所在单位参与前期咨询")
    assert words(said.conflict_declared, {"expert": "expert_02"}) == (
        "专家 Li Lei 申报与本事项有利害关系并回避", "Expert Li Lei declared a conflict of interest and withdrew")


def test_a_replacement_names_the_new_expert_the_one_replaced_with_their_seats_and_the_reason() -> None:
    data = {"expert": "expert_05", "seat": "reserve_1", "replaces": "expert_02", "vacated_seat": "seat_2",
            "reason": "conflict"}
    assert words(said.expert_replaced, data) == (
        "递补专家 expert 05（后备第1席），接替 Li Lei（第2席），原因：申报利害关系回避",
        "Replacement expert expert 05 (reserve seat 1) drawn in place of Li Lei (seat 2); reason: declared a "
        "conflict of interest")
    assert words(said.expert_replaced, {"expert": "expert_02", "seat": "reserve_2", "replaces": "expert_01"}) == (
        "递补专家 Li Lei（后备第2席），接替 赵文静（第1席）",
        "Replacement expert Li Lei (reserve seat 2) drawn in place of 赵文静 (seat 1)")
    assert words(said.expert_replaced, {"expert": "expert_01", "vacated_seat": "seat_2"}) == (
        "递补专家 赵文静（第1席），接替 —（第2席）", "Replacement expert 赵文静 (seat 1) drawn in place of — (seat 2)")
    assert words(said.expert_replaced, {}) == ("递补专家 —", "Replacement expert — drawn")


def test_an_expert_not_responding_names_the_deadline_missed() -> None:
    assert words(said.expert_non_responding, {"expert": "expert_01", "due_at": DUE}) == (
        "专家 赵文静（第1席）逾期未提出论证意见（期限2027-03-15 24:00）",
        "Expert 赵文静 (seat 1) did not give an opinion by 2027-03-15 24:00")
    assert words(said.expert_non_responding, {"expert": "expert_02"}) == (
        "专家 Li Lei 逾期未提出论证意见", "Expert Li Lei did not give an opinion in time")
