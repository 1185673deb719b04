"""A task answered on a page of juece's own says so in Airflow's Required-actions entry too: its
body ends with the page's link; other tasks' bodies are left as they are."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from juece.orchestration import notify

RUN = "manual__2027-01-01T00:00:00+00:00"


def ti(task_id: str, dag_id: str = "decision__yanshou-2027-urban-001") -> SimpleNamespace:
    return SimpleNamespace(task_id=task_id, dag_id=dag_id, run_id=RUN, map_index=-1)


@pytest.fixture(autouse=True)
def airflow_at(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(notify, "base_url", lambda: "https://airflow.example.org/airflow")


@pytest.mark.parametrize(("task_id", "page"), [
    ("risk_assessment.assess", "/juece/tasks/decisions/yanshou-2027-urban-001/risk"),
    ("legality_review.review", "/juece/tasks/decisions/yanshou-2027-urban-001/legality"),
    ("collective_deliberation.view__member_2", "/juece/tasks/decisions/yanshou-2027-urban-001/meeting/views/member_2"),
    ("expert_review.dispose_opinions", "/juece/office/decisions/yanshou-2027-urban-001/opinions"),
])
def test_a_task_with_a_page_of_its_own_links_to_it(task_id: str, page: str) -> None:
    body = notify.with_own_page("请审查。 Review it.", ti(task_id))
    link = f"https://airflow.example.org/airflow{page}"
    assert body is not None and body.startswith("请审查。 Review it.\n\n") and body.endswith(f"[{link}]({link})")
    assert "在 juece 的办理页面" in body and "Answer on juece's page" in body


def test_a_task_without_a_page_keeps_its_body() -> None:
    assert notify.with_own_page("请提出法律顾问意见。", ti("legality_review.adviser_opinion")) == "请提出法律顾问意见。"
    assert notify.with_own_page(None, ti("legality_review.adviser_opinion")) is None


def test_a_task_with_no_body_gets_the_link_alone() -> None:
    body = notify.with_own_page(None, ti("legality_review.review"))
    assert body is not None and body.startswith("在 juece 的办理页面")
