"""Who held which role in a decision, as its own record says (R-H5): the hearing's participants and
the evaluators the spec or the record names, members told for a group, the role an act is shown
in, and the Airflow role recorded with a retrieval, word for word."""

from __future__ import annotations

from typing import Any

from juece.domain.archive.trace import (
    group_members,
    person_trace,
    role_of,
    roles_by_user,
    spec_of,
    trace,
)
from juece.domain.stages import Stage


def launched(empty_chain: Any, spec: dict[str, Any]) -> Any:
    empty_chain.add(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec})
    return empty_chain


def test_a_record_without_its_launch_has_no_spec(empty_chain: Any) -> None:
    empty_chain.add(Stage.RISK_ASSESSMENT, "risk_assessed", "risk_assessor", {})
    assert spec_of(empty_chain.entries) == {}
    assert roles_by_user(empty_chain.entries) == {}


def test_hearing_participants_and_evaluators_named_by_the_spec_or_the_record_hold_their_roles(
        empty_chain: Any) -> None:
    chain = launched(empty_chain, {"stages": {
        "public_participation": {"hearing": {"participants": [{"user": "hearing_01"}, {"name": "无账号"}]}},
        "post_evaluation": {"evaluator": "evaluator_01"},
    }})
    chain.add(Stage.POST_EVALUATION, "evaluation_requested", "juece", {"evaluator": "evaluator_02"})
    assert roles_by_user(chain.entries) == {
        "hearing_01": {"hearing_participant"}, "evaluator_01": {"evaluator"}, "evaluator_02": {"evaluator"},
    }


def notice(chain: Any, data: dict[str, Any]) -> None:
    chain.add(Stage.LEGALITY_REVIEW, "notice_sent", "juece", data)


def test_only_a_person_told_as_one_of_a_group_is_a_member_of_it(chain: Any) -> None:
    notice(chain, {"group": "group:legality-office"})
    notice(chain, {"recipient": "clerk_01"})
    notice(chain, {"recipient": "group:legality-office", "group": "group:legality-office"})
    notice(chain, {"recipient": "reviewer_02", "group": "legality-office"})
    notice(chain, {"recipient": "reviewer_01", "group": "group:legality-office"})
    assert group_members(chain.entries) == [("reviewer_01", "group:legality-office")]


def entry(actor: str, stage: str, kind: str, data: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"actor": actor, "stage": stage, "kind": kind, "data": data or {}}


def test_the_public_is_the_actor_named_public_or_anyone_who_sent_a_comment() -> None:
    assert role_of(entry("public", Stage.PUBLIC_PARTICIPATION, "hearing_applied"), {}) == "public"
    assert role_of(entry("citizen_01", Stage.PUBLIC_PARTICIPATION, "comment_received"), {}) == "public"
    assert role_of(entry("citizen_01", Stage.PUBLIC_PARTICIPATION, "hearing_applied"), {}) == "unknown"


def test_an_act_is_in_the_role_its_stage_puts_first_not_the_first_in_the_alphabet() -> None:
    held = {"lawyer_01": {"legal_adviser", "legality_reviewer"}}
    assert role_of(entry("lawyer_01", Stage.LEGALITY_REVIEW, "submission_prepared"), held) == "legality_reviewer"


def test_an_act_in_a_stage_none_of_whose_roles_is_held_is_in_the_first_role_held() -> None:
    assert role_of(entry("expert_01", Stage.LAUNCH, "workflow_started"), {"expert_01": {"expert"}}) == "expert"
    held = {"expert_01": {"expert", "evaluator"}}
    assert role_of(entry("expert_01", Stage.LAUNCH, "workflow_started"), held) == "evaluator"


def test_an_act_that_names_a_person_shows_its_actors_role(chain: Any) -> None:
    chain.add(Stage.EXPERT_REVIEW, "expert_replaced", "sponsor_office", {"expert": "expert_09", "replaces": "x"})
    (row,) = person_trace({"a": chain.entries}, "expert_09")
    assert row.as_dict() == {
        "decision_id": "yanshou-2027-urban-001", "seq": 2, "at": chain.entries[-1]["at"], "actor": "sponsor_office",
        "role": "sponsor_office", "role_label": "承办单位 sponsor office", "stage": "expert_review",
        "stage_label": "专家论证 Expert review", "kind": "expert_replaced", "hash": chain.entries[-1]["hash"],
        "relation": "named",
    }


def test_only_the_panel_drawn_names_its_seats_holders(chain: Any) -> None:
    seats = {"seats": [{"user": "expert_01"}, {"user": "expert_02"}]}
    chain.add(Stage.EXPERT_REVIEW, "panel_drawn", "juece", seats)
    chain.add(Stage.EXPERT_REVIEW, "panel_notes", "sponsor_office", {"seats": [{"user": "expert_03"}]})
    assert [row.seq for row in person_trace({"a": chain.entries}, "expert_02")] == [2]
    assert person_trace({"a": chain.entries}, "expert_03") == []
    assert person_trace({"a": chain.entries}, "expert_05") == []


def test_the_airflow_role_recorded_with_a_retrieval_is_shown_or_said_unknown(chain: Any) -> None:
    chain.add(Stage.ARCHIVE, "archive_retrieved", "reader_01", {"role": "reader", "auth_role": "unknown"})
    chain.add(Stage.ARCHIVE, "archive_retrieved", "archivist_01", {"role": "archivist", "auth_role": "Admin"})
    rows = trace(chain.entries)
    assert rows[1].role_label == "调阅人 reader（Airflow 角色 role: 未知 unknown）"
    assert rows[2].role_label == "档案管理员 archivist（Airflow 角色 role: Admin）"
    assert (rows[2].stage, rows[2].stage_label) == ("archive", "决策档案 Archive")
