"""The record in words of the risk assessment, the legality review and its gate, as an archivist
reads them: the exact sentence in Chinese and English for each kind of entry, with and without
its optional parts."""

from __future__ import annotations

from typing import Any

from juece.domain.archive import timeline_decision as said
from juece.domain.archive.timeline_words import People

NOBODY = People()


def words(phrase: Any, data: dict[str, Any]) -> tuple[str, str]:
    return phrase(data, {"actor": "juece"}, NOBODY)  # type: ignore[no-any-return]


def test_a_risk_assessment_names_its_round_its_points_the_highest_level_and_who_was_heard() -> None:
    data = {"round": 2, "points": [{"level": "medium"}, {"level": "low"}, {"level": ""}, {}, "x"],
            "controllable": True, "departments_heard": ["县信访局", "", None, "县财政局"]}
    assert words(said.risk_assessed, data) == (
        "第2轮风险评估：风险点5个，最高风险等级为中，风险可控；听取了县信访局、县财政局的意见",
        "Risk assessment, round 2: 5 risk points, the highest rated medium; the risk is controllable; "
        "heard: 县信访局, 县财政局")


def test_the_highest_risk_level_is_high_over_medium_and_low_whatever_their_order() -> None:
    for levels in (["high", "low", "medium"], ["low", "medium", "high"], ["medium", "high", "low"]):
        zh, en = words(said.risk_assessed, {"points": [{"level": level} for level in levels]})
        assert (zh, en) == ("风险评估：风险点3个，最高风险等级为高", "Risk assessment: 3 risk points, the highest rated high")


def test_a_level_nobody_named_ranks_below_low_and_stands_only_alone() -> None:
    assert words(said.risk_assessed, {"points": [{"level": "odd_level"}, {"level": "low"}]}) == (
        "风险评估：风险点2个，最高风险等级为低", "Risk assessment: 2 risk points, the highest rated low")
    assert words(said.risk_assessed, {"points": [{"level": "odd_level"}]}) == (
        "风险评估：风险点1个，最高风险等级为odd level", "Risk assessment: 1 risk point, the highest rated odd level")


def test_risk_points_without_a_level_are_counted_without_a_highest_level() -> None:
    assert words(said.risk_assessed, {"points": [{}]}) == ("风险评估：风险点1个", "Risk assessment: 1 risk point")


def test_an_uncontrollable_risk_names_its_high_points_cut_to_eight_characters() -> None:
    data = {"controllable": False, "uncontrolled_points": ["R1", "R2-very-long-id", "R3-abcde"]}
    assert words(said.risk_assessed, data) == (
        "风险评估，风险不可控（高风险点 R1、R2-very…、R3-abcde 无可接受的防控措施）",
        "Risk assessment; the risk is not controllable (high points R1, R2-very…, R3-abcde lack an accepted mitigation)")


def test_an_uncontrollable_risk_without_its_points_and_a_controllable_one_say_no_points() -> None:
    assert words(said.risk_assessed, {"controllable": False}) == (
        "风险评估，风险不可控", "Risk assessment; the risk is not controllable")
    assert words(said.risk_assessed, {"controllable": 1, "uncontrolled_points": ["R1"]}) == (
        "风险评估，风险可控", "Risk assessment; the risk is controllable")


def test_a_risk_assessment_without_fields_says_only_what_it_is() -> None:
    assert words(said.risk_assessed, {}) == ("风险评估", "Risk assessment")
    assert words(said.risk_assessed, {"points": [], "departments_heard": [""]}) == (
        "风险评估", "Risk assessment")


def test_a_department_heard_is_cut_to_twenty_characters() -> None:
    long = "县" * 25
    zh, en = words(said.risk_assessed, {"departments_heard": [long]})
    assert zh == f"风险评估；听取了{'县' * 19}…的意见" and en == f"Risk assessment; heard: {'县' * 19}…"


def test_the_risk_conclusion_says_controllable_exhausted_or_not_controllable_after_its_rounds() -> None:
    assert words(said.risk_concluded, {"rounds": 1, "controllable": True, "rounds_exhausted": True}) == (
        "风险评估结论：经1轮评估，风险可控", "Risk assessment concluded after 1 round: the risk is controllable")
    assert words(said.risk_concluded, {"rounds": 2}) == (
        "风险评估结论：经2轮评估，风险不可控", "Risk assessment concluded after 2 rounds: the risk is not controllable")
    assert words(said.risk_concluded, {"rounds_exhausted": True}) == (
        "风险评估结论：风险仍不可控，评估轮次已用尽，不得提请集体讨论",
        "Risk assessment concluded: the risk is still not controllable and the rounds ran out; no deliberation")
    assert words(said.risk_concluded, {}) == ("风险评估结论：风险不可控", "Risk assessment concluded: the risk is not controllable")


def test_a_revised_draft_says_why_its_version_and_what_changed() -> None:
    assert words(said.draft_revised, {"version": 3, "rule": "R-E4", "changes": "删去第五条。"}) == (
        "承办单位按合法性审查意见修改草案，形成第3稿；修改说明：删去第五条",
        "The sponsor office revised the draft as the legality review asked: version 3; what changed: 删去第五条")
    assert words(said.draft_revised, {"version": 2, "rule": "R-D4"}) == (
        "承办单位按风险评估要求修改草案，形成第2稿", "The sponsor office revised the draft as the risk assessment asked: version 2")
    assert words(said.draft_revised, {"rule": "R-X9"}) == ("承办单位修改草案", "The sponsor office revised the draft")


def test_what_changed_in_a_draft_is_cut_to_sixty_characters() -> None:
    zh, en = words(said.draft_revised, {"changes": "改" * 70})
    assert zh == f"承办单位修改草案；修改说明：{'改' * 59}…"
    assert en == f"The sponsor office revised the draft; what changed: {'改' * 59}…"


def test_a_submission_names_its_draft_its_working_days_and_its_due_day_in_china_time() -> None:
    data = {"draft_version": 2, "review_working_days": 7, "review_due": "2027-04-12T16:00:00Z"}
    assert words(said.submission_prepared, data) == (
        "报送合法性审查（草案第2稿），审查期限7个工作日，至2027-04-13",
        "Submitted for legality review (draft version 2): 7 working days for the review, until 2027-04-13")
    assert words(said.submission_prepared, {"review_due": "2027-04-12"}) == (
        "报送合法性审查，至2027-04-12", "Submitted for legality review, until 2027-04-12")
    assert words(said.submission_prepared, {"review_working_days": 5}) == (
        "报送合法性审查，审查期限5个工作日", "Submitted for legality review: 5 working days for the review")
    assert words(said.submission_prepared, {}) == ("报送合法性审查", "Submitted for legality review")


def test_the_legal_advisers_opinion_gives_its_conclusion_and_its_words() -> None:
    assert words(said.adviser_opinion, {"conclusion": "unlawful", "opinion": "越权。"}) == (
        "法律顾问出具意见：不合法；意见：越权", "The legal adviser gave an opinion: unlawful; opinion: 越权")
    assert words(said.adviser_opinion, {}) == ("法律顾问出具意见", "The legal adviser gave an opinion")
