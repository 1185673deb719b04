"""Each expert review and risk assessment rule reads only its own stage's entries: an entry of the
same kind recorded under another stage changes nothing in the row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from juece.domain.archive.compliance_facts import Finding
from juece.domain.archive.compliance_review import (
    _stage_rule,
    r_c1,
    r_c2,
    r_c3,
    r_c4,
    r_c6,
    r_d1,
    r_d2,
    r_d3,
    r_d4,
)
from tests.unit.domain.archive.compliance_entries import ER, PE, RA, Event, facts, record

FULL = {"necessity": "必要", "feasibility": "可行", "soundness": "科学", "no_conflict": True}
OPINION: Event = (ER, "opinion_submitted", {"expert": "e1", "digest": "d", **FULL})
SIGNED: Event = (ER, "opinion_signed", {"expert": "e1", "digest": "d"})
CLOSED: Event = (ER, "panel_closed", {})
DRAWN: Event = (ER, "panel_drawn", {"seats": [{"user": "e1", "covers": ["法律"]}],
                                    "rules": {"specialties": ["法律"], "interested": ["p1"]},
                                    "pool": [{"user": "e1"}, {"user": "e2"}]})
DISPOSED: Event = (ER, "opinion_disposed", {"ref": "e1", "disposition": "adopted", "reason": "理由"})
REPORT: Event = (ER, "adoption_report", {})
ROUND: Event = (RA, "risk_assessed", {"controllable": False, "uncontrolled_points": ["R1"], "points": [
    {"id": "R1", "level": "high", "description": "描述", "measure": "措施", "dimension": "ecology"}]})


def elsewhere(event: Event, stage: str = PE) -> Event:
    return (stage, event[1], event[2])


def unchanged(rule: Callable[[Any], Finding], events: list[Event], stray: Event) -> bool:
    return rule(facts(record(*events, stray))) == rule(facts(record(*events)))


def test_opinions_signatures_and_closings_of_another_stage_are_not_the_panels_r_c1() -> None:
    incomplete = (PE, "opinion_submitted", {"expert": "z"})
    assert unchanged(r_c1, [OPINION, SIGNED, CLOSED], incomplete)
    assert unchanged(r_c1, [OPINION, CLOSED], elsewhere(SIGNED))
    assert unchanged(r_c1, [OPINION, SIGNED], elsewhere(CLOSED))


def test_a_draw_or_a_replacement_of_another_stage_is_not_the_panels_r_c2_r_c4() -> None:
    assert unchanged(r_c2, [DRAWN], (PE, "panel_drawn", {"seats": []}))
    assert unchanged(r_c4, [DRAWN], (PE, "expert_replaced", {"expert": "stranger"}))


def test_declarations_and_opinions_of_another_stage_are_not_the_panels_r_c3() -> None:
    assert unchanged(r_c3, [DRAWN, OPINION], (PE, "conflict_declared", {"expert": "e1"}))
    assert unchanged(r_c3, [DRAWN, OPINION], (PE, "opinion_submitted", {"expert": "z"}))


def test_signatures_dispositions_reports_and_closings_of_another_stage_are_not_the_panels_r_c6() -> None:
    assert unchanged(r_c6, [SIGNED, DISPOSED, REPORT], (PE, "opinion_signed", {"expert": "z"}))
    assert unchanged(r_c6, [SIGNED, DISPOSED, REPORT], (PE, "opinion_disposed", {"ref": "e1", "disposition": "x"}))
    assert unchanged(r_c6, [SIGNED, DISPOSED], elsewhere(REPORT))
    assert unchanged(r_c6, [SIGNED, CLOSED], elsewhere(CLOSED))
    assert unchanged(r_c6, [SIGNED, CLOSED, DISPOSED, REPORT], elsewhere(CLOSED))


def test_rounds_and_conclusions_of_another_stage_are_not_the_risk_assessments_r_d1_to_r_d4() -> None:
    for rule in (r_d1, r_d2, r_d3, r_d4):
        assert unchanged(rule, [], elsewhere(ROUND)), rule.__name__
    assert unchanged(r_d4, [ROUND], (PE, "risk_concluded", {"rounds_exhausted": True}))


def test_only_the_rules_own_stage_marked_not_applicable_stands_for_it() -> None:
    marked = (RA, "not_applicable", {"reason": "不涉及", "article": "第二十二条"})
    assert _stage_rule(ER, r_c1)(facts(record(marked))) == r_c1(facts(record(marked)))
