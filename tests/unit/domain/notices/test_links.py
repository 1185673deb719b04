"""Where a notice of a task leads: the juece page of the task where it has one (the announcement's
review, R-G1), else the task's Required-actions page in Airflow, under Airflow's base URL."""

from __future__ import annotations

from typing import Any

from juece.domain.notices.links import own_page, run_link, task_link

BASE = "https://gov.example/airflow/"
RUN = "manual__2027-03-01T02:00:00+00:00"


def test_the_review_of_the_announcement_leads_to_the_offices_page_under_airflows_base_url() -> None:
    link = task_link(BASE, "decision__yanshou-2027-urban-001", RUN, "publication.review_announcement")
    assert link == "https://gov.example/airflow/juece/office/decisions/yanshou-2027-urban-001/announcement"


def test_the_legality_review_leads_to_the_reviewers_page_in_every_round() -> None:
    for task in ("legality_review.review", "legality_review.rereview_1"):
        link = task_link(BASE, "decision__yanshou-2027-urban-001", RUN, task)
        assert link == "https://gov.example/airflow/juece/tasks/decisions/yanshou-2027-urban-001/legality"


def test_every_other_task_leads_to_its_required_actions_page_in_airflow() -> None:
    link = task_link(BASE, "decision__d-1", RUN, "legality_review.adviser_opinion", 2)
    assert link == ("https://gov.example/airflow/dags/decision__d-1/runs/manual__2027-03-01T02%3A00%3A00%2B00%3A00"
                    "/tasks/legality_review.adviser_opinion/required_actions?map_index=2")
    assert task_link(BASE, "evaluation__d-1", RUN, "publication.review_announcement").endswith(
        "/tasks/publication.review_announcement/required_actions?map_index=-1")


def test_a_members_view_leads_to_their_own_page_with_their_id_as_one_path_segment() -> None:
    link = task_link(BASE, "decision__d-1", RUN, "collective_deliberation.view__member_1")
    assert link == "https://gov.example/airflow/juece/tasks/decisions/d-1/meeting/views/member_1"
    assert own_page("collective_deliberation.view__li/wei") == (
        "/juece/tasks/decisions/{decision_id}/meeting/views/li%2Fwei")


def test_the_view_prefix_alone_names_no_member_and_has_no_page_of_its_own() -> None:
    assert own_page("collective_deliberation.view__") is None
    assert own_page("collective_deliberation.convene") == "/juece/tasks/decisions/{decision_id}/meeting"
    assert own_page("collective_deliberation.head_decision") == "/juece/tasks/decisions/{decision_id}/meeting/decision"
    assert own_page("legality_review.adviser_opinion") is None


def test_ids_are_quoted_whole_so_a_slash_cannot_add_a_path_segment() -> None:
    assert task_link(BASE, "decision__a/b", RUN, "publication.review_announcement") == (
        "https://gov.example/airflow/juece/office/decisions/a%2Fb/announcement")
    assert task_link(BASE, "evaluation__a/b", "run/1", "group/task") == (
        "https://gov.example/airflow/dags/evaluation__a%2Fb/runs/run%2F1/tasks/group%2Ftask/required_actions?map_index=-1")


def test_only_the_trailing_slashes_of_the_base_url_are_dropped() -> None:
    assert task_link("https://oa.example/AIRFLOW-X//", "decision__d-1", RUN, "publication.review_announcement") == (
        "https://oa.example/AIRFLOW-X/juece/office/decisions/d-1/announcement")
    assert task_link("https://oa.example/AIRFLOW-X/", "evaluation__d-1", "r1", "t") == (
        "https://oa.example/AIRFLOW-X/dags/evaluation__d-1/runs/r1/tasks/t/required_actions?map_index=-1")
    assert run_link("https://oa.example/AIRFLOW-X/", []) == "https://oa.example/AIRFLOW-X/required_actions"
    assert run_link("https://oa.example/AIRFLOW-X/", started("decision__d-1", "r/1")) == (
        "https://oa.example/AIRFLOW-X/dags/decision__d-1/runs/r%2F1")


def started(dag_id: str | None, run_id: str | None) -> list[dict[str, Any]]:
    data = {key: value for key, value in (("dag_id", dag_id), ("run_id", run_id)) if value is not None}
    return [{"kind": "workflow_started", "stage": "launch", "data": data}]


def test_the_decisions_run_is_linked_once_the_record_names_its_dag_and_run() -> None:
    entries = [*started("decision__d-0", "old"), {"kind": "launched", "stage": "launch", "data": {}},
               *started("decision__d/1", RUN)]
    assert run_link(BASE, entries) == (
        "https://gov.example/airflow/dags/decision__d%2F1/runs/manual__2027-03-01T02%3A00%3A00%2B00%3A00")


def test_before_a_run_starts_the_link_is_airflows_list_of_required_actions() -> None:
    for entries in ([], [{"kind": "launched", "stage": "launch", "data": {"dag_id": "d", "run_id": "r"}}],
                    started("decision__d-1", None), started(None, RUN), started("", RUN), started("decision__d-1", "")):
        assert run_link(BASE, entries) == "https://gov.example/airflow/required_actions"
