"""Roles by group (``group:<name>``): accepted where an office holds the role, refused with the rule
id at the field where the statute makes the role a person's; every other input of a spec is valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.spec import load_spec_text
from juece.spec.roles import group_name
from tests.unit.spec.test_spec_lint import URBAN, issues, only_issue, variant

HEARING = (Path(__file__).resolve().parents[3] / "templates" / "price-hearing.yaml").read_text(encoding="utf-8")

OFFICE_ROLES = [
    ("sponsor_office: sponsor_office", "sponsor_office: group:sponsor-office",
     lambda spec: spec.sponsor_office),
    ("reviewer: legality_reviewer", "reviewer: group:legality-office",
     lambda spec: spec.stages.legality_review.reviewer),
    ("legal_adviser: legal_adviser", "legal_adviser: group:legal_advisers",
     lambda spec: spec.stages.legality_review.legal_adviser),
    ("assessor: risk_assessor", "assessor: group:risk-2",
     lambda spec: spec.stages.risk_assessment.assessor),
    ("secretary: secretary", "secretary: group:secretariat",
     lambda spec: spec.stages.collective_deliberation.secretary),
    ("after_months: 24", "after_months: 24\n    evaluator: group:evaluation-office",
     lambda spec: spec.stages.post_evaluation.evaluator),
]


@pytest.mark.parametrize(("old", "new", "read"), OFFICE_ROLES, ids=[r[1].split(":")[0] for r in OFFICE_ROLES])
def test_a_role_an_office_holds_may_be_a_group(old: str, new: str, read) -> None:
    spec = load_spec_text(variant((old, new)), "urban.yaml")
    role = read(spec)
    assert role.startswith("group:") and group_name(role) == role.removeprefix("group:")
    assert role in spec.people() | {spec.stages.post_evaluation.evaluator}


def test_a_spec_of_user_ids_reads_unchanged() -> None:
    spec = load_spec_text(URBAN, "urban.yaml")
    assert spec.sponsor_office == "sponsor_office" and group_name(spec.sponsor_office) is None


@pytest.mark.parametrize(("old", "new", "rule", "field"), [
    ("members: [member_1, member_2, member_3, member_4, county_head]",
     "members: [member_1, group:members, member_3, member_4, county_head]",
     "R-F3", "stages.collective_deliberation.members.1"),
    ("head: county_head\n", "head: group:heads\n", "R-F2", "stages.collective_deliberation.head"),
])
def test_a_meeting_member_or_the_head_is_a_person_never_a_group(old: str, new: str, rule: str, field: str) -> None:
    issue = only_issue(variant((old, new)))
    assert (issue.rule, issue.field) == (rule, field)
    assert issue.message.index("本人") < issue.message.index("one person")


def test_a_hearing_participant_is_a_person_never_a_group() -> None:
    issue = only_issue(variant(("{user: hearing_02,", "{user: group:residents,"), text=HEARING))
    assert (issue.rule, issue.field) == ("R-B6", "stages.public_participation.hearing.participants.1.user")
    assert "听证参加人" in issue.message and "a hearing participant" in issue.message


@pytest.mark.parametrize("name", ["Sponsor", "a b", "", "x" * 64, "办公室", "-lead"])
def test_a_malformed_group_name_is_refused_at_its_field(name: str) -> None:
    found = issues(variant(("sponsor_office: sponsor_office", f"sponsor_office: 'group:{name}'")))
    assert [(issue.field, issue.rule) for issue in found] == [("sponsor_office", "R-A1")]
    assert "组名" in found[0].message and "group name" in found[0].message
