"""The trace when the spec gives a role to a group (``group:<name>``): a member's acts carry the
group's role, the members as the record shows them told for the group (never today's directory);
someone it never told, or who was refused, stays without it."""

from __future__ import annotations

from collections.abc import Callable

from juece.domain.archive.trace import group_members, person_trace, roles_by_user, trace
from juece.domain.stages import Stage
from juece.services.desk import person_label
from juece.spec import DecisionSpec
from tests.unit.domain.conftest import Chain

SPONSOR, LEGALITY = "group:sponsor-office", "group:legality-office"


def told(chain: Chain, stage: str, recipient: str, group: str, outcome: str = "delivered") -> None:
    chain.add(stage, "notice_sent", "juece", {"recipient": recipient, "notice": "opened", "channel": "log",
                                               "outcome": outcome, "group": group})


def grouped(make_spec: Callable[..., DecisionSpec]) -> Chain:
    spec = make_spec({"sponsor_office": SPONSOR, "stages.legality_review.reviewer": LEGALITY})
    chain = Chain(spec.id).launched(spec)
    told(chain, Stage.PUBLIC_PARTICIPATION, "office_clerk_1", SPONSOR)
    told(chain, Stage.PUBLIC_PARTICIPATION, "sponsor_office", SPONSOR, "failed")  # told, not delivered: a member
    chain.add(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "office_clerk_1", {"receipt": "C-1"})
    told(chain, Stage.LEGALITY_REVIEW, "legality_reviewer", LEGALITY)
    told(chain, Stage.LEGALITY_REVIEW, "legality_reviewer_2", LEGALITY)
    chain.add(Stage.LEGALITY_REVIEW, "answer_refused", "office_clerk_2", {"rule": "R-H5", "by": "office_clerk_2"})
    chain.add(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser", {})
    chain.add(Stage.LEGALITY_REVIEW, "legality_reviewed", "legality_reviewer_2", {})
    return chain


def test_a_members_acts_carry_the_groups_role(make_spec: Callable[..., DecisionSpec]) -> None:
    rows = {(row.actor, row.kind): (row.role, row.role_label) for row in trace(grouped(make_spec).entries)}
    assert rows[("office_clerk_1", "comment_disposed")] == ("sponsor_office", "承办单位 sponsor office")
    assert rows[("legality_reviewer_2", "legality_reviewed")] == ("legality_reviewer", "合法性审查人 legality reviewer")
    assert rows[("legal_adviser", "adviser_opinion")][0] == "legal_adviser"  # a user's role as before
    assert rows[("office_clerk_2", "answer_refused")][0] == "unknown"  # never told as a member: no role


def test_the_members_are_the_records_never_the_directorys(make_spec: Callable[..., DecisionSpec]) -> None:
    chain = grouped(make_spec)
    assert group_members(chain.entries) == [("office_clerk_1", SPONSOR), ("sponsor_office", SPONSOR),
                                            ("legality_reviewer", LEGALITY), ("legality_reviewer_2", LEGALITY)]
    roles = roles_by_user(chain.entries)
    assert roles[SPONSOR] == {"sponsor_office"} and roles["office_clerk_1"] == {"sponsor_office"}
    assert roles["legality_reviewer_2"] == {"legality_reviewer"} and "office_clerk_2" not in roles
    # a notice naming a group the spec gives no role gives nobody a role
    chain.add(Stage.LAUNCH, "notice_sent", "juece", {"recipient": "office_clerk_2", "group": "group:other"})
    assert "office_clerk_2" not in roles_by_user(chain.entries)


def test_the_desk_and_a_persons_trace_name_a_member_by_the_role(make_spec: Callable[..., DecisionSpec]) -> None:
    chain = grouped(make_spec)
    assert person_label(roles_by_user(chain.entries), "office_clerk_1", {"office_clerk_1": "钱进"}) == "承办单位 钱进"
    mine = person_trace({chain.decision_id: chain.entries}, "legality_reviewer_2")
    assert [(row.kind, row.role, row.relation) for row in mine if row.relation == "actor"] == [
        ("legality_reviewed", "legality_reviewer", "actor")]
