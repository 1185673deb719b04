"""Who may do what, asked of a real Airflow with the juece plugin: every route of the juece app (the
list read from the app itself, so a route added without an expectation fails here), anonymous and
as each role, about a launched decision and a missing one; and the Airflow REST calls juece makes
(HITL details listed, read and answered, a run triggered, task instances, a DAG read and paused),
as each role. Never a 5xx; every refusal the plugin words is in Chinese and English."""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from juece.adapters.store.ledger import Ledger
from juece.demo.stack import SYSTEM_USER, Stack
from juece.domain.expert_review.panel_record import holder
from juece.services import archives
from juece.services import decisions as services
from juece.web.app import create_app
from tests.integration.access_table import AIRFLOW, ARCHIVE, ROUTES, Expect
from tests.integration.test_portal import DECISION, launch_urban, publish

pytestmark = pytest.mark.integration
MISSING = "no-such-decision-0"
DATA = Path(__file__).parent / "data"
CJK = re.compile(r"[\u4e00-\u9fff]")


@dataclass
class World:
    stack: Stack
    users: dict[str, str | None]  # who -> Airflow user (None: anonymous)
    running: tuple[str, str]  # the run of the decision that is under way: (dag id, run id)
    archive_no: str

    def headers(self, who: str) -> dict[str, str]:
        user = self.users[who]
        return {"Authorization": f"Bearer {self.stack.client.token(user)}"} if user else {}


def awaiting(stack: Stack, dag_id: str, run_id: str, timeout: float = 240.0) -> str:
    """The first task of the run that waits for a person's answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for ti in stack.client.task_instances(SYSTEM_USER, dag_id, run_id):
            if ti["state"] == "awaiting_input":
                return str(ti["task_id"])
        time.sleep(1.0)
    raise TimeoutError(f"no task of {dag_id} waited for input within {timeout:.0f} s")


@pytest.fixture(scope="module", autouse=True)
def comment_rate() -> Iterator[None]:
    """Before the module's stack starts: every role comments from the same address here, twice,
    more than the default burst allows one address."""
    saved = {k: os.environ.get(k) for k in RATE}
    os.environ.update(RATE)
    try:
        yield
    finally:
        for key, value in saved.items():
            os.environ.pop(key, None) if value is None else os.environ.__setitem__(key, value)


RATE = {"JUECE_RATE_LIMIT_PER_MINUTE": "600", "JUECE_RATE_LIMIT_BURST": "100"}


@pytest.fixture(scope="module")
def world(stack: Stack) -> World:
    """The urban decision launched on a real-time clock, its notice out (comments open), its record
    as it stands archived and its DAG left paused; beside it, the ferry timetable's run under way (a 10-day period is 10 s here)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_CLOCK_SCALE", "1")
        launch_urban()
    publish(Ledger())
    archive_no = archives.issue(DECISION, ledger=Ledger())[0].issue.archive_no
    ferry = services.launch(DATA / "ferry-timetable.yaml", actor="sponsor_office", ledger=Ledger())
    run_id = services.trigger(ferry.spec)
    entries = Ledger().entries(DECISION)
    users = {"anonymous": None, "sponsor": "sponsor_office", "expert": holder(entries, "seat_1"),
             "other_expert": holder(entries, "seat_2"), "head": "county_head", "archivist": "archivist",
             "admin": SYSTEM_USER}
    stack.client.wait_for_dag(SYSTEM_USER, f"decision__{DECISION}")
    return World(stack, users, (ferry.spec.dag_id, run_id), archive_no)


def route_keys() -> list[str]:
    return sorted({f"{method} {route.name}" for route in create_app().routes
                   for method in (getattr(route, "methods", None) or set()) - {"HEAD"}})


def test_every_route_of_the_app_has_an_expectation() -> None:
    assert sorted(ROUTES) == route_keys(), "a route without an expectation (or one no longer there)"


def bilingual(answer: httpx.Response) -> bool:
    text = answer.text
    return bool(CJK.search(text)) and bool(re.search(r"[A-Za-z]{3,}", text))


def ask(world: World, expect: Expect, who: str, decision: str) -> httpx.Response:
    if expect.ids:
        decision = expect.ids[0] if decision == DECISION else expect.ids[1]
        decision = world.archive_no if decision == ARCHIVE else decision
    path = expect.path.format(decision=decision)
    url = f"{world.stack.url}/juece{path}"
    headers = world.headers(who) | expect.headers
    body = expect.body(who, decision) if expect.body else None
    return httpx.request(expect.method, url, headers=headers, timeout=30, follow_redirects=False,
                         **(body or {}))


@pytest.mark.parametrize("key", route_keys())
def test_each_route_answers_each_role_as_designed(world: World, key: str) -> None:
    expect = ROUTES[key]
    wrong: list[str] = []
    for decision, wanted in ((DECISION, expect.real), (MISSING, expect.missing)):
        if wanted is None:
            continue
        for who in world.users:
            answer = ask(world, expect, who, decision)
            status = wanted(who)
            if answer.status_code != status or answer.status_code >= 500:
                wrong.append(f"{who} on {decision}: {answer.status_code}, expected {status}: {answer.text[:200]}")
            elif answer.status_code in (401, 403, 404) and not bilingual(answer):
                wrong.append(f"{who} on {decision}: {answer.status_code} not in both languages: {answer.text[:200]}")
    assert wrong == [], "\n".join(wrong)


def test_the_office_page_knows_its_office_by_airflows_session_cookie_too(world: World) -> None:
    token = world.stack.client.token("sponsor_office")
    url = f"{world.stack.url}/juece/office/decisions/{DECISION}/comments"
    assert httpx.get(url, cookies={"_token": token}, timeout=30).status_code == 200
    expert = world.stack.client.token(str(world.users["expert"]))
    assert httpx.get(url, cookies={"_token": expert}, timeout=30).status_code == 403


@pytest.mark.parametrize("call", sorted(AIRFLOW))
def test_airflow_answers_each_role_as_juece_relies_on(world: World, call: str) -> None:
    dag_id, run_id = world.running
    task = awaiting(world.stack, dag_id, run_id)
    method, path, body, wanted = AIRFLOW[call]
    path = path.format(dag=dag_id, run=run_id, task=task, paused=f"decision__{DECISION}")
    assigned = assignees(world, dag_id, run_id, task)
    wrong = []
    for who, user in world.users.items():
        status = wanted(who, user in assigned)
        if status is None:
            continue
        answer = httpx.request(method, f"{world.stack.url}/api/v2{path}", headers=world.headers(who),
                               timeout=30, **body)
        if answer.status_code != status:
            wrong.append(f"{who} ({user}): {answer.status_code}, expected {status}: {answer.text[:200]}")
    assert wrong == [], "\n".join(wrong)


def assignees(world: World, dag_id: str, run_id: str, task: str) -> set[str]:
    path = f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task}/-1/hitlDetails"
    detail: dict[str, Any] = world.stack.client.json(SYSTEM_USER, "GET", path)
    users = {str(u.get("id") or u.get("name")) for u in detail.get("assigned_users") or []}
    assert users, f"{task} is assigned to nobody: {detail}"
    return users

