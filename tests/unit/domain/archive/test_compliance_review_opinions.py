"""The expert opinions and their adoption as an archivist reads them (R-C1, R-C6): the exact
status, words and proving entry of each branch, on small hand-made records."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.compliance_facts import MET, NOT_APPLICABLE, NOT_MET, OPEN, Finding
from juece.domain.archive.compliance_review import _stage_rule, r_c1, r_c6
from tests.unit.domain.archive.compliance_entries import CD, ER, PUB, facts, record

FULL = {"necessity": "必要", "feasibility": "可行", "soundness": "科学"}


def opinion(expert: str, digest: str = "d", **changes: Any) -> tuple[str, str, dict[str, Any]]:
    return (ER, "opinion_submitted", {"expert": expert, "digest": digest, **FULL, **changes})


def signed(expert: str, digest: str = "d") -> tuple[str, str, dict[str, Any]]:
    return (ER, "opinion_signed", {"expert": expert, "digest": digest})


CLOSED = (ER, "panel_closed", {})
MATERIALS = (CD, "materials_issued", {})


def test_two_complete_signed_opinions_and_a_closed_panel_meet_r_c1() -> None:
    rows = record(opinion("e1"), signed("e1"), opinion("e2", "x"), signed("e2", "x"), CLOSED)
    assert r_c1(facts(rows)) == Finding(
        MET, "2份意见均论证必要性、可行性、科学性，并由专家本人签名（#5；juece verify 逐一验证签名）",
        "2 opinion(s), each on necessity, feasibility and soundness, signed by its expert "
        "(juece verify checks every signature)", rows[4])


def test_opinions_lacking_an_assessment_are_named_against_the_last_opinion_r_c1() -> None:
    rows = record(opinion("e1", necessity=" "), opinion("e2", feasibility=None), opinion("e3", soundness=""),
                  opinion("e4"), CLOSED)
    assert r_c1(facts(rows)) == Finding(
        NOT_MET, "意见缺少必要性、可行性或科学性论证：e1、e2、e3",
        "opinions lacking necessity, feasibility or soundness: e1, e2, e3", rows[3])


def test_an_open_panel_is_under_way_with_its_count_of_opinions_r_c1() -> None:
    rows = record(opinion("e1"), signed("e1"), opinion("e2"), MATERIALS)
    assert r_c1(facts(rows[:3])) == Finding(
        OPEN, "专家论证进行中：已提交2份意见", "the review is under way: 2 opinion(s) so far", rows[2])
    assert r_c1(facts(record(signed("e1")))) == Finding(
        OPEN, "专家论证进行中：已提交0份意见", "the review is under way: 0 opinion(s) so far", None)


def test_an_unsigned_opinion_of_an_open_panel_is_not_met_once_the_meeting_pack_is_issued_r_c1() -> None:
    rows = record(opinion("e1"), signed("e1"), opinion("e2"), MATERIALS)
    assert r_c1(facts(rows)) == Finding(
        NOT_MET, "专家论证进行中：已提交2份意见", "the review is under way: 2 opinion(s) so far", rows[2])
    signed_rows = record(opinion("e1"), signed("e1"), MATERIALS)
    assert r_c1(facts(signed_rows)).status == OPEN


def test_an_opinion_signed_over_another_digest_is_unsigned_once_the_panel_closed_r_c1() -> None:
    rows = record(opinion("e1", "a"), signed("e1", "b"), opinion("e2"), signed("e3"), CLOSED)
    assert r_c1(facts(rows)) == Finding(
        NOT_MET, "意见未经专家签名：e1、e2", "opinions not signed by their expert: e1, e2", rows[4])


def test_a_panel_closed_without_an_opinion_is_not_met_r_c1() -> None:
    rows = record(CLOSED)
    assert r_c1(facts(rows)) == Finding(NOT_MET, "专家组结束，但没有专家意见", "the panel closed without an opinion",
                                        rows[0])


def test_a_stage_marked_not_applicable_stands_for_the_rule_and_otherwise_the_rule_answers() -> None:
    rows = record((ER, "not_applicable", {"reason": "无需论证", "article": "第十条"}), CLOSED)
    assert _stage_rule(ER, r_c1)(facts(rows)) == Finding(
        NOT_APPLICABLE, "本环节不适用（第十条）：无需论证", "stage not applicable (第十条): 无需论证", rows[0])
    assert _stage_rule(ER, r_c1)(facts(rows[1:])) == r_c1(facts(rows[1:]))


def disposed(ref: str, disposition: str = "adopted", reason: str | None = "理由") -> tuple[str, str, dict[str, Any]]:
    return (ER, "opinion_disposed", {"ref": ref, "disposition": disposition, "reason": reason})


def test_every_signed_opinion_disposed_with_a_reason_and_reported_to_the_meeting_and_public_meets_r_c6() -> None:
    rows = record(signed("e1"), signed("e2"), CLOSED, disposed("e1"), disposed("e2", "partly_adopted"),
                  (ER, "adoption_report", {}), (CD, "materials_issued", {"expert_adoption_report": "h6"}),
                  (PUB, "published", {}))
    assert r_c6(facts(rows)) == Finding(
        MET, "2份意见逐一作出采纳处理并说明理由（#6），送会议（#7）并在公布时说明（#8）；专家组结束（#3）前，门户不向其他专家开放意见",
        "each of 2 opinion(s) disposed of with reasons (#6), went to the meeting (#7) and is explained in the "
        "announcement (#8); the portal kept opinions from other experts until the panel closed (#3)", rows[5])


def test_an_adoption_report_before_any_meeting_pack_or_announcement_meets_r_c6_without_them() -> None:
    rows = record(signed("e1"), disposed("e1", "not_adopted"), (ER, "adoption_report", {}))
    assert r_c6(facts(rows)) == Finding(
        MET, "1份意见逐一作出采纳处理并说明理由（#3）；专家组结束（—）前，门户不向其他专家开放意见",
        "each of 1 opinion(s) disposed of with reasons (#3); the portal kept opinions from other experts until "
        "the panel closed (—)", rows[2])
    published = record(signed("e1"), disposed("e1"), (ER, "adoption_report", {}), (PUB, "published", {}))
    assert r_c6(facts(published)).zh == "1份意见逐一作出采纳处理并说明理由（#3）并在公布时说明（#4）；专家组结束（—）前，门户不向其他专家开放意见"
    assert r_c6(facts(published)).en == ("each of 1 opinion(s) disposed of with reasons (#3) and is explained in "
                                         "the announcement (#4); the portal kept opinions from other experts until "
                                         "the panel closed (—)")


def test_a_disposition_of_no_known_kind_or_without_a_reason_is_not_met_r_c6() -> None:
    rows = record(signed("e1"), signed("e2"), signed("e3"), disposed("e1", "rejected"), disposed("e2", reason=" "),
                  disposed("e3"), (ER, "adoption_report", {}))
    assert r_c6(facts(rows)) == Finding(
        NOT_MET, "采纳处理不合规或未说明理由：e1、e2", "dispositions invalid or without a reason: e1, e2", rows[6])


def test_an_opinion_without_a_disposition_is_open_then_not_met_once_the_meeting_pack_is_issued_r_c6() -> None:
    rows = record(signed("e1"), signed("e2"), CLOSED, disposed("e1"), MATERIALS)
    assert r_c6(facts(rows[:4])) == Finding(
        OPEN, "1份专家意见尚无采纳处理：e2", "1 opinion(s) without a disposition: e2", rows[2])
    assert r_c6(facts(rows)) == Finding(
        NOT_MET, "1份专家意见尚无采纳处理：e2", "1 opinion(s) without a disposition: e2", rows[2])


def test_every_opinion_disposed_but_no_adoption_report_is_open_then_not_met_with_the_pack_r_c6() -> None:
    rows = record(signed("e1"), disposed("e1"), MATERIALS)
    assert r_c6(facts(rows[:2])) == Finding(OPEN, "尚无专家意见采纳情况说明", "no adoption report", None)
    assert r_c6(facts(rows)) == Finding(NOT_MET, "尚无专家意见采纳情况说明", "no adoption report", None)


def test_a_meeting_pack_without_the_adoption_report_is_not_met_r_c6() -> None:
    rows = record(signed("e1"), disposed("e1"), (ER, "adoption_report", {}),
                  (CD, "materials_issued", {"expert_adoption_report": "h9"}))
    assert r_c6(facts(rows)) == Finding(
        NOT_MET, "会议材料（#4）未附专家意见采纳情况", "the meeting pack (#4) lacks the expert adoption report", rows[3])


def test_several_opinions_without_a_disposition_are_each_named_r_c6() -> None:
    rows = record(signed("e1"), signed("e2"), signed("e3"), disposed("e2"))
    assert r_c6(facts(rows)) == Finding(
        OPEN, "2份专家意见尚无采纳处理：e1、e3", "2 opinion(s) without a disposition: e1, e3", None)
