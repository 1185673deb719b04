"""The after-publication rules read only the post-evaluation stage's entries, quote long names cut
to a fixed length, and prove by the latest entry of several."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from juece.domain.archive.compliance_after import (
    _in_file,
    evaluation_due,
    r_g2,
    r_g3,
    r_g4,
    r_g5,
    r_h1,
    r_h2,
)
from juece.domain.archive.compliance_facts import Finding
from tests.unit.domain.archive.compliance_entries import CD, PE, PUB, Event, facts, launched, record

PUBLISHED: Event = (PUB, "published", {"published_at": "2027-01-30T17:00:00Z"})
LONG = "某省某市某县人民政府发展和改革委员会下属重大行政决策社会稳定风险评估与后评估研究中心第一分中心"  # 47 characters
CUT = LONG[:39] + "…"


def spec(sponsor: str = "县住建局", third_party: str = "某评估中心", **post: Any) -> Event:
    return launched(sponsor_unit=sponsor, stages={"post_evaluation": {"after_months": 12, **post},
                                                  "risk_assessment": {"third_party": third_party}})


def unchanged(rule: Callable[[Any], Any], events: list[Event], stray: Event) -> bool:
    return bool(rule(facts(record(*events, stray))) == rule(facts(record(*events))))


def test_schedules_reports_and_evaluations_of_another_stage_are_not_the_post_evaluations() -> None:
    base = [spec(evaluator_unit="某大学", implementing_unit="县住建局"), PUBLISHED]
    assert unchanged(evaluation_due, base, (CD, "evaluation_scheduled", {"due_at": "2030-01-01T00:00:00+08:00"}))
    assert unchanged(r_g2, base, (CD, "implementation_reported", {}))
    concluded = (CD, "evaluation_concluded", {"outcome": "stop", "public_views": "有", "evaluator_unit": "县住建局"})
    for rule in (r_g3, r_g4, r_g5):
        assert unchanged(rule, base, concluded), rule.__name__
    assert unchanged(r_g3, base, (CD, "evaluation_opened", {"number": 1}))
    assert evaluation_due(facts(record(*base))) == date(2028, 1, 31)


def test_a_long_implementing_unit_is_quoted_cut_to_forty_characters_r_g2() -> None:
    rows = record(spec(implementing_unit=LONG), PUBLISHED)
    assert r_g2(facts(rows)).zh == f"执行单位{CUT}自2027-01-31起报告执行情况（方案未规定报告间隔）"


def test_the_latest_of_several_implementation_reports_proves_r_g2() -> None:
    rows = record(spec(implementing_unit="县住建局"), PUBLISHED, *[(PE, "implementation_reported", {})] * 3)
    assert r_g2(facts(rows)).proof == rows[4]


def test_long_names_are_compared_as_quoted_so_a_sponsor_or_assessor_evaluating_itself_is_not_met_r_g4() -> None:
    assert r_g4(facts(record(spec(sponsor=LONG, evaluator_unit=LONG), PUBLISHED))).zh == (
        f"评估单位（{CUT}）不独立于承办单位或风险评估机构")
    assert r_g4(facts(record(spec(third_party=LONG, evaluator_unit=LONG), PUBLISHED))).en == (
        f"the evaluator ({CUT}) is the sponsor or the risk assessor")
    independent = r_g4(facts(record(spec(evaluator_unit=LONG), PUBLISHED)))
    assert independent.zh == f"评估单位{CUT}独立于承办单位和风险评估机构；评估须征求公众意见，2028-01-31到期"


def test_a_long_amended_decision_or_amendment_id_is_quoted_cut_to_sixty_four_characters_r_g5() -> None:
    long_id = "YS-" + "0" * 70
    rows = record(launched(amends=long_id))
    assert r_g5(facts(rows)).zh == f"本决策是对{long_id[:63]}…的调整，依法定程序重新办理"
    concluded = (PE, "evaluation_concluded", {"outcome": "adjust", "amendment_id": long_id})
    assert r_g5(facts(record(spec(), PUBLISHED, concluded))).en == (
        f"adjust concluded; amendment {long_id[:63]}… not launched yet")


def test_the_latest_of_several_amendments_launched_proves_r_g5() -> None:
    rows = record(spec(), PUBLISHED, (PE, "evaluation_concluded", {"outcome": "adjust"}),
                  *[(PE, "amendment_launched", {"amendment": f"YS-2028-00{n}"}) for n in (1, 2, 3)])
    found: Finding = r_g5(facts(rows))
    assert (found.proof, found.en) == (rows[5], "the evaluation concluded adjust (#3); amendment YS-2028-003 re-runs "
                                                 "the procedure")


def test_an_archived_file_is_read_by_the_rule_itself_and_proven_by_its_last_entry() -> None:
    rows = record(launched(), launched(), launched())
    assert _in_file(r_h1)(facts(rows, chain_head="ab" * 32)) == r_h1(facts(rows, chain_head="ab" * 32))
    assert r_h2(facts(rows, chain_head="ab" * 32)).proof == rows[2]
