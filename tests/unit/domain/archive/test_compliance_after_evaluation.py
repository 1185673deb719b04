"""The independent evaluation and changes only through the procedure as an archivist reads them
(R-G3, R-G4, R-G5): the exact status, words, proving entry and due date of each branch."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.archive.compliance_after import r_g3, r_g4, r_g5
from juece.domain.archive.compliance_facts import DUE, MET, NOT_APPLICABLE, NOT_MET, OPEN, Finding
from tests.unit.domain.archive.compliance_entries import CD, LR, PE, PUB, facts, launched, record


def spec(evaluator: Any = "某大学", **more: Any) -> tuple[str, str, dict[str, Any]]:
    return launched(sponsor_unit="县住建局", stages={
        "post_evaluation": {"after_months": 12, "evaluator_unit": evaluator},
        "risk_assessment": {"third_party": "某评估中心"}}, **more)


PUBLISHED = (PUB, "published", {"published_at": "2027-01-30T17:00:00Z"})


def concluded(outcome: Any = "continue", views: Any = "已征求", **found: Any) -> tuple[str, str, dict[str, Any]]:
    return (PE, "evaluation_concluded", {"outcome": outcome, "public_views": views, **found})


def test_a_months_figure_too_long_is_cut_and_gives_no_due_date_r_g3() -> None:
    rows = record(launched(stages={"post_evaluation": {"after_months": 12345}}), PUBLISHED)
    assert r_g3(facts(rows)) == Finding(
        DUE, "实施123…个月后评估，—到期；投诉累积或决策机关要求时提前",
        "evaluation 123… months after implementation, due —; sooner on complaints or on demand", rows[1], None)


def test_an_independent_evaluator_not_yet_done_is_due_with_public_views_r_g4() -> None:
    rows = record(spec(), PUBLISHED)
    assert r_g4(facts(rows)) == Finding(
        DUE, "评估单位某大学独立于承办单位和风险评估机构；评估须征求公众意见，2028-01-31到期",
        "evaluator 某大学 is independent of the sponsor and the risk assessor; the evaluation, seeking public views, "
        "is due 2028-01-31", rows[1], "2028-01-31")
    assert r_g4(facts(rows[:1])) == Finding(OPEN, "决策尚未公布", "not published yet")


def test_an_independent_evaluation_with_public_views_meets_r_g4_with_its_outcome() -> None:
    rows = record(spec(), PUBLISHED, concluded("adjust"))
    assert r_g4(facts(rows)) == Finding(MET, "评估单位某大学独立评估，征求了公众意见，结论：调整",
                                        "某大学 evaluated independently, sought public views; outcome: adjust", rows[2])
    named = record(spec(None), PUBLISHED, concluded("stop", evaluator_unit="省评估院"))
    assert r_g4(facts(named)) == Finding(MET, "评估单位省评估院独立评估，征求了公众意见，结论：停止执行",
                                         "省评估院 evaluated independently, sought public views; outcome: stop", named[2])


def test_an_evaluation_without_public_views_or_a_valid_outcome_is_not_met_r_g4() -> None:
    for bad in (concluded(views=" "), concluded("rethink")):
        rows = record(spec(), PUBLISHED, bad)
        assert r_g4(facts(rows)) == Finding(NOT_MET, "评估未征求公众意见或结论不明",
                                            "no public views sought, or no valid outcome", rows[2])


def test_the_sponsor_the_risk_assessor_or_no_one_as_evaluator_is_not_met_on_the_launch_r_g4() -> None:
    for unit in ("县住建局", "某评估中心"):
        rows = record(spec(unit), PUBLISHED)
        assert r_g4(facts(rows)) == Finding(NOT_MET, f"评估单位（{unit}）不独立于承办单位或风险评估机构",
                                            f"the evaluator ({unit}) is the sponsor or the risk assessor", rows[0])
    for nobody in (" ", None):
        rows = record(spec(nobody), PUBLISHED)
        assert r_g4(facts(rows)) == Finding(NOT_MET, "评估单位（未指定）不独立于承办单位或风险评估机构",
                                            "the evaluator (none) is the sponsor or the risk assessor", rows[0])
    bare = record(launched(stages={"post_evaluation": {"evaluator_unit": "某大学"}}), PUBLISHED)
    assert r_g4(facts(bare)).status == DUE


def test_an_evaluator_whose_long_name_only_begins_as_the_sponsors_is_independent_r_g4() -> None:
    common = "县" * 39  # the first 40 characters of both names are the same; the names are not
    rows = record(launched(sponsor_unit=common + "住建局", stages={
        "post_evaluation": {"after_months": 12, "evaluator_unit": common + "大学"},
        "risk_assessment": {"third_party": "某评估中心"}}), PUBLISHED)
    assert r_g4(facts(rows)).status == DUE
    same = record(launched(sponsor_unit=common + "大学", stages={
        "post_evaluation": {"after_months": 12, "evaluator_unit": f" {common}大学 "},
        "risk_assessment": {"third_party": "某评估中心"}}), PUBLISHED)
    assert r_g4(facts(same)) == Finding(NOT_MET, f"评估单位（{common}…）不独立于承办单位或风险评估机构",
                                        f"the evaluator ({common}…) is the sponsor or the risk assessor", same[0])


LONG, CUT = "县" * 130, "县" * 119 + "…"  # a name past the notes' 120 characters, and how a note would cut it


@pytest.mark.parametrize(("evaluator", "sponsor", "assessor"), [(LONG, CUT, "某评估中心"), (CUT, LONG, "某评估中心"),
                                                              (CUT, "县住建局", LONG)],
                         ids=["evaluator-long", "sponsor-long", "assessor-long"])
def test_units_are_compared_by_their_whole_names_however_long_r_g4(evaluator: str, sponsor: str, assessor: str) -> None:
    rows = record(launched(sponsor_unit=sponsor, stages={
        "post_evaluation": {"after_months": 12, "evaluator_unit": evaluator},
        "risk_assessment": {"third_party": assessor}}), PUBLISHED)
    assert r_g4(facts(rows)).status == DUE  # a long name and its cut form are two units


def test_an_amending_decision_meets_r_g5_on_its_launch() -> None:
    rows = record(spec(amends="  YS-2026-003 "), (CD, "head_decision", {"outcome": "reject"}))
    assert r_g5(facts(rows)) == Finding(MET, "本决策是对YS-2026-003的调整，依法定程序重新办理",
                                        "this decision adjusts YS-2026-003 and re-runs the procedure", rows[0])


def test_a_decision_never_published_makes_r_g5_not_applicable() -> None:
    rows = record(spec(), (LR, "gate_closed", {}))
    assert r_g5(facts(rows)) == Finding(
        NOT_APPLICABLE, "合法性审查关口未通过（#2），未提交集体讨论", "the gate closed (#2): the decision did not go to "
        "deliberation", rows[1])


def test_an_adjustment_concluded_and_launched_meets_r_g5_on_the_last_amendment() -> None:
    rows = record(spec(), (PE, "amendment_launched", {"amendment": "early"}), PUBLISHED,
                  concluded("adjust", amendment_id="YS-2028-001"), (PE, "amendment_launched", {"amendment": "YS-2028-001"}),
                  (PE, "amendment_launched", {"amendment": "YS-2028-002"}))
    assert r_g5(facts(rows)) == Finding(
        MET, "评估结论为调整（#4），调整决策YS-2028-002依法定程序重新办理",
        "the evaluation concluded adjust (#4); amendment YS-2028-002 re-runs the procedure", rows[5])


def test_an_adjustment_concluded_but_not_launched_is_open_naming_the_amendment_r_g5() -> None:
    rows = record(spec(), (PE, "amendment_launched", {"amendment": "early"}), PUBLISHED,
                  concluded("adjust", amendment_id="YS-2028-001"))
    assert r_g5(facts(rows)) == Finding(OPEN, "评估结论为调整，调整决策YS-2028-001尚未启动",
                                        "adjust concluded; amendment YS-2028-001 not launched yet", rows[3])


def test_a_stop_concluded_is_open_for_the_decision_body_r_g5() -> None:
    rows = record(spec(), PUBLISHED, concluded("stop"))
    assert r_g5(facts(rows)) == Finding(
        OPEN, "评估结论为停止执行：须由决策机关依程序决定并公布",
        "stop concluded: the decision body decides and publishes it under the procedure", rows[2])


def test_otherwise_r_g5_is_due_with_the_evaluation_date() -> None:
    rows = record(spec(), PUBLISHED, concluded("continue"))
    assert r_g5(facts(rows)) == Finding(
        DUE, "公布后不得在法定程序之外变更或停止执行；调整须经评估并重新履行程序（评估2028-01-31到期）",
        "from publication on, no change or stop outside the procedure; an adjustment goes through the evaluation "
        "(due 2028-01-31) and re-runs the procedure", rows[1], "2028-01-31")
    assert r_g5(facts(rows[:1])) == Finding(OPEN, "决策尚未公布", "not published yet")
