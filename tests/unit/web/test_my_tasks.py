"""Each person's own waiting tasks (`/juece/tasks/`): only the tasks assigned to them, though Airflow
lists every task they may read; each linked to where it is answered (juece's page for the risk
register and for the legality review, Airflow's Required-actions page otherwise), with its decision's
title; Airflow down is a 503 in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.store.ledger import Ledger
from juece.services.my_tasks import mine
from juece.web.app import create_app
from tests.unit.adapters.store.test_personal import noticed

TOKENS = {"assessor-token": "risk_assessor", "expert-token": "expert_1"}


def detail(dag: str, task: str, who: str, state: str = "awaiting_input", at: str = "2027-01-12T01:00:00Z") -> dict[str, Any]:
    return {"task_instance": {"dag_id": dag, "dag_run_id": "manual__1", "task_id": task, "map_index": -1, "state": state},
            "subject": f"{task} 的待办", "assigned_users": [{"id": who, "name": who}], "created_at": at}


class Listing:
    def __init__(self, details: list[dict[str, Any]], down: bool = False) -> None:
        self.details, self.down, self.tokens = details, down, []

    def all_waiting_hitl(self, token: str, limit: int = 100) -> list[dict[str, Any]] | None:
        self.tokens.append(token)
        if self.down:
            raise AirflowUnavailable("down")
        return self.details


@pytest.fixture
def site(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Any, str]:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return TOKENS.get(request.cookies.get("_token", ""))

    monkeypatch.setattr("juece.web.my_tasks.airflow_user", session_user)
    decision = noticed(Ledger())
    dag = f"decision__{decision}"
    api = create_app()
    api.state.airflow = Listing([detail(dag, "risk_assessment.assess", "risk_assessor", at="2027-01-13T01:00:00Z"),
                                 detail(dag, "expert_review.seat_1", "expert_1"),
                                 detail(dag, "legality_review.review", "risk_assessor"),
                                 detail(dag, "collective_deliberation.convene", "risk_assessor", state="success")])
    return Starlette(routes=[Mount("/juece", app=api)]), api, decision


def test_a_person_sees_only_their_own_waiting_tasks_linked_where_they_are_answered(site) -> None:
    app, api, decision = site
    page = TestClient(app, cookies={"_token": "assessor-token"}).get("/juece/tasks/")
    assert page.status_code == 200 and api.state.airflow.tokens == ["assessor-token"]
    assert "expert_review.seat_1" not in page.text and "convene" not in page.text  # another's; answered
    assert page.text.index("legality_review.review") < page.text.index("risk_assessment.assess")  # oldest first
    assert f'href="/juece/tasks/decisions/{decision}/risk"' in page.text
    assert f'href="/juece/tasks/decisions/{decision}/legality"' in page.text  # the reviewer's page (R-E4)
    assert "延寿县城区控制性详细规划" in page.text and "北京时间" in page.text


def test_nobody_signed_in_is_refused_and_airflow_down_is_a_503(site) -> None:
    app, api, _decision = site
    assert TestClient(app).get("/juece/tasks/").status_code == 401
    api.state.airflow = Listing([], down=True)
    answer = TestClient(app, cookies={"_token": "expert-token"}).get("/juece/tasks/", headers={"accept": "application/json"})
    assert answer.status_code == 503 and answer.json()["zh"] and answer.json()["en"]


def test_none_waiting_says_so() -> None:
    assert mine([detail("decision__x", "t", "someone")], "me", {}, "") == []
