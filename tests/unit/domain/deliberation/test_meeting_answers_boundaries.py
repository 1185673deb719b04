"""The deliberation's numbers at their edges: a quorum is more than half, exactly half is not
(R-F2), and a view is recorded under the member it belongs to (R-F3)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juece.domain.deliberation.meeting_answers import convene, member_view
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.errors import RuleViolation
from juece.domain.stages import Stage

SUBMIT = "提交 Submit"
SIX = ["member_1", "member_2", "member_3", "member_4", "member_5", "county_head"]


def convening(*attendees: str) -> Answer:
    return Answer("secretary", [SUBMIT], {"attendees": list(attendees)})


@pytest.fixture
def six_members(make_spec):
    return make_spec({"stages.collective_deliberation.members": SIX})


def test_a_meeting_with_exactly_half_the_members_is_not_quorate_r_f2(six_members, chain) -> None:
    with pytest.raises(RuleViolation) as caught:
        convene(TaskContext(six_members, chain.entries), convening("member_1", "member_2", "county_head"))
    assert (caught.value.rule, caught.value.field) == ("R-F2", "attendees")
    assert "3 present is not more than 50%" in caught.value.en


def test_a_meeting_with_half_the_members_and_one_more_is_quorate_r_f2(six_members, chain) -> None:
    act, = convene(TaskContext(six_members, chain.entries),
                   convening("member_1", "member_2", "member_3", "county_head")).acts
    assert act.kind == "meeting_convened" and len(act.data["attendees"]) == 4


def test_with_an_odd_number_of_members_the_smallest_majority_is_quorate_r_f2(spec, chain) -> None:
    act, = convene(TaskContext(spec, chain.entries), convening("member_1", "member_2", "county_head")).acts
    assert act.data["absentees"] == ["member_3", "member_4"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(size=st.integers(1, 9), data=st.data())
def test_a_meeting_is_quorate_exactly_when_more_than_half_the_members_attend_r_f2(
        make_spec, chain, size: int, data: st.DataObject) -> None:
    members = [f"member_{n}" for n in range(1, size)] + ["county_head"]
    spec = make_spec({"stages.collective_deliberation.members": members})
    others = data.draw(st.lists(st.sampled_from(members[:-1]), unique=True)) if size > 1 else []
    present = [*others, "county_head"]
    try:
        convene(TaskContext(spec, chain.entries), convening(*present))
    except RuleViolation as refused:
        assert (refused.rule, refused.field) == ("R-F2", "attendees")
        assert 2 * len(present) <= size
    else:
        assert 2 * len(present) > size


def test_a_members_view_answered_by_someone_else_is_recorded_under_the_member_r_f3(spec, chain) -> None:
    ctx = TaskContext(spec, chain.entries, subject_user="member_2")
    act, = member_view(ctx, Answer("secretary", ["同意 Agree"], {})).acts
    assert act.data["member"] == "member_2"


@pytest.mark.parametrize(("attendees", "words"), [
    (["member_1", "member_2", "member_3", "member_4", "county_head", "deputy"], "not members: deputy"),
    (["member_1", "member_2", "member_3", "member_4"], "the head of government must attend"),
], ids=["a-stranger", "no-head"])
def test_a_meeting_refused_for_who_attends_names_the_attendees_field_r_f2(
        spec, chain, attendees: list[str], words: str) -> None:
    with pytest.raises(RuleViolation) as caught:
        convene(TaskContext(spec, chain.entries), convening(*attendees))
    assert (caught.value.rule, caught.value.field) == ("R-F2", "attendees")
    assert words in caught.value.en


def test_a_convened_meeting_is_recorded_in_the_deliberation_under_r_f2(spec, chain) -> None:
    act, = convene(TaskContext(spec, chain.entries), convening("member_1", "member_2", "county_head")).acts
    assert (act.stage, act.data["rule"]) == (Stage.COLLECTIVE_DELIBERATION, "R-F2")
