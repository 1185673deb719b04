"""Views the secretary records in the room (R-F3) and the consequence of each outcome (R-F5)."""

from __future__ import annotations

from typing import Any

import pytest

from juece.domain.deliberation.meeting_answers import convene, head_decision
from juece.domain.deliberation.views import conclude, view_of
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage

MEMBERS = ["member_1", "member_2", "member_3", "member_4", "county_head"]


def convening(views: list[Any], attendees: list[str] = MEMBERS) -> Answer:
    return Answer("secretary", ["提交 Submit"], {"attendees": attendees, "views_in_room": views})


def test_the_secretary_records_views_stated_in_the_room_on_the_members_behalf(spec, chain) -> None:
    views = [{"member": "member_2", "view": "agree"},
             {"member": "member_3", "view": "disagree", "remarks": "东部新区规模偏大。"}]
    meeting, agree, dissent = convene(TaskContext(spec, chain.entries), convening(views)).acts
    assert meeting.kind == "meeting_convened"
    assert (agree.kind, agree.actor, agree.data["member"], agree.data["recorded_by"]) == (
        "member_view", "secretary", "member_2", "secretary")
    assert (dissent.data["view"], dissent.data["remarks"], dissent.data["rule"]) == ("disagree", "东部新区规模偏大。", "R-F3")


def test_a_view_recorded_in_the_room_counts_for_the_head_speaking_last(spec, chain) -> None:
    views = [{"member": m, "view": "agree"} for m in MEMBERS[:4]]
    chain.extend(convene(TaskContext(spec, chain.entries), convening(views)).acts)
    assert view_of(chain.entries, "member_4")["actor"] == "secretary"
    decided, = head_decision(TaskContext(spec, chain.entries), Answer("county_head", ["通过 Approve"], {})).acts
    assert decided.data["majority"] == "approve"


@pytest.mark.parametrize(("views", "rule", "words"), [
    ([{"member": "member_2", "view": "disagree"}], "R-F3", "reasons"),
    ([{"member": "member_4", "view": "agree"}], "R-F3", "does not attend"),
    ([{"member": "member_2", "view": "agree"}, {"member": "member_2", "view": "abstain"}], "R-F3", "twice"),
    ([{"member": "member_2", "view": "maybe"}], "R-F3", "one of"),
    (["member_2 agrees"], "R-F3", "member, view"),
    ([{"member": "county_head", "view": "agree"}], "R-F2", "speaks last"),
], ids=["dissent-without-reasons", "absent", "twice", "unknown-view", "not-an-object", "the-head"])
def test_a_view_the_secretary_may_not_record_is_refused_and_nothing_is_recorded(spec, chain, views, rule, words) -> None:
    attendees = ["member_1", "member_2", "member_3", "county_head"]
    with pytest.raises(RuleViolation) as refused:
        convene(TaskContext(spec, chain.entries), convening(views, attendees))
    assert (refused.value.rule, refused.value.field) == (rule, "views_in_room") and words in refused.value.en
    assert len(chain.entries) == 1  # only `launched`: the refused answer left no trace


@pytest.mark.parametrize(("outcome", "consequence"), [
    ("approve", "publish"), ("reject", "not_published"), ("revise", "resubmit"), ("postpone", "postponed")])
def test_every_outcome_has_a_recorded_consequence_r_f5(spec, chain, outcome: str, consequence: str) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": outcome})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "minutes_recorded", "secretary", {})
    act, = conclude(spec, chain.entries)
    assert (act.kind, act.actor, act.data["outcome"], act.data["consequence"], act.data["rule"]) == (
        "deliberation_concluded", "secretary", outcome, consequence, "R-F5")
    assert act.data["zh"] and act.data["en"] and act.data["decision_entry"] == chain.entries[-2]["hash"]


def test_the_consequence_names_the_draft_version_the_meeting_decided_on(spec, chain) -> None:
    chain.add(Stage.RISK_ASSESSMENT, "draft_revised", "sponsor_office", {"version": 2, "text": "第一条 调整后。"})
    chain.add(Stage.LEGALITY_REVIEW, "draft_revised", "sponsor_office", {"version": 3, "text": "第一条 再调整。"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    chain.add(Stage.COLLECTIVE_DELIBERATION, "minutes_recorded", "secretary", {})
    act, = conclude(spec, chain.entries)
    assert (spec.draft.version, act.data["draft_version"]) == (1, 3)


def test_there_is_no_consequence_before_the_minutes_r_f5(spec, chain) -> None:
    chain.add(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head", {"outcome": "approve"})
    with pytest.raises(RuleViolation) as refused:
        conclude(spec, chain.entries)
    assert refused.value.rule == "R-F5"
