"""Where a notice of a task leads: the juece page of the task where it has one (the announcement's
review, R-G1), else the task's Required-actions page in Airflow, under Airflow's base URL."""

from __future__ import annotations

from juece.domain.notices.links import task_link

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
