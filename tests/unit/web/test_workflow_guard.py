"""R-H5: people who are not administrators change nothing of how decisions run through Airflow's
API (pause, trigger, clear, mark, delete), except by answering their own human task."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from juece.web import workflow_guard
from juece.web.airflow_routes import routes
from juece.web.workflow_guard import WorkflowGuard, is_change

RUN = "/api/v2/dags/decision__x/dagRuns/manual__1"


def change(method: str, path: str, base: str = "") -> bool:
    return is_change(method, routes({"path": path}, base_path=base))


@pytest.mark.parametrize(("method", "path"), [
    ("PATCH", "/api/v2/dags/decision__x"),  # pause
    ("PATCH", "/api/v2/dags"),  # pause many by pattern
    ("POST", "/api/v2/dags/decision__x/dagRuns"),  # trigger
    ("POST", "/api/v2/dags/decision__x/clearTaskInstances"),
    ("PATCH", f"{RUN}/taskInstances/legality_review.gate"),  # mark success
    ("PATCH", f"{RUN}/taskInstances/legality_review.gate/-1"),
    ("PATCH", f"{RUN}/taskInstances"),  # bulk
    ("POST", f"{RUN}/clear"),
    ("DELETE", RUN),
    ("DELETE", "/api/v2/dags/decision__x"),
    ("POST", "/api/v2/backfills"),
    ("POST", f"{RUN}/taskInstances/t/xcomEntries"),
    ("PUT", "/api/v2/some/route/a/later/airflow/adds"),
    ("PATCH", f"/airflow{RUN}/taskInstances/legality_review.gate"),  # under a base path
    ("PATCH", "/api/v2/dags/decision__x%2FdagRuns%2Fr%2FtaskInstances%2Ft"),  # encoded slashes
    ("PATCH", "/API/V2/DAGS/decision__x"),
])
def test_changes_to_how_decisions_run_are_guarded(method: str, path: str) -> None:
    assert change(method, path, base="/airflow")


@pytest.mark.parametrize(("method", "path"), [
    ("PATCH", f"{RUN}/taskInstances/collective_deliberation.view__member_1/-1/hitlDetails"),  # one's own answer
    ("POST", "/api/v2/dags/~/dagRuns/list"),
    ("POST", "/api/v2/dags/~/dagRuns/~/taskInstances/list"),
    ("POST", "/api/v2/dags/decision__x/favorite"),
    ("GET", "/api/v2/dags/decision__x"),
    ("POST", "/execution/task-instances/abc/state"),  # workers, not people
    ("POST", "/juece/public/decisions/x/comments"),
    ("POST", "/auth/token"),
])
def test_answers_reads_and_other_apps_pass(method: str, path: str) -> None:
    assert not change(method, path)


def test_a_hitl_answer_path_that_also_names_a_change_is_guarded() -> None:
    assert change("PATCH", f"{RUN}/taskInstances/t/-1/hitlDetails/../../t")  # dot segments are not taken as one's answer


class Sent(list[dict[str, Any]]):
    async def __call__(self, message: dict[str, Any]) -> None:
        self.append(message)


def guarded(monkeypatch: pytest.MonkeyPatch, user: tuple[str, bool] | None, method: str, path: str) -> tuple[bool, Sent]:
    async def who(_scope: Any) -> tuple[str, bool] | None:
        return user

    reached: list[bool] = []

    async def airflow(_scope: Any, _receive: Any, _send: Any) -> None:
        reached.append(True)

    monkeypatch.setattr(workflow_guard, "scope_user", who)
    sent = Sent()
    scope = {"type": "http", "method": method, "path": path, "headers": [], "root_path": ""}
    asyncio.run(WorkflowGuard(airflow)(scope, None, sent))
    return bool(reached), sent


def test_an_expert_pausing_a_decision_is_refused_in_both_languages(monkeypatch: pytest.MonkeyPatch) -> None:
    reached, sent = guarded(monkeypatch, ("expert_01", False), "PATCH", "/api/v2/dags/decision__x")
    assert not reached and sent[0]["status"] == 403
    body = sent[1]["body"].decode()
    assert "R-H5" in body and "只有管理员" in body and "only administrators" in body


@pytest.mark.parametrize("user", [("juece", True), None])
def test_administrators_pass_and_airflow_refuses_the_unauthenticated(monkeypatch: pytest.MonkeyPatch,
                                                                      user: tuple[str, bool] | None) -> None:
    reached, sent = guarded(monkeypatch, user, "PATCH", "/api/v2/dags/decision__x")
    assert reached and not sent
