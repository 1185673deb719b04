"""R-C6 in real Airflow served under a path (`[api] base_url` = `http://host:port/airflow/`): the
independence guard refuses another expert's reads of a sealed seat through the prefixed routes
and the unprefixed ones Airflow also answers. No decision is run: the guard answers from the
record before Airflow routes the request, so a drawn panel in the records DB is enough.

Run alone: `pytest -m integration tests/integration/test_base_url_subpath.py` (about 30 s)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from juece.adapters.store.ledger import Ledger
from juece.demo.stack import Stack
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from tests.integration.conftest import running

pytestmark = pytest.mark.integration
DECISION = "subpath-2027"
TASK = f"/dags/decision__{DECISION}/dagRuns/manual__1/taskInstances/expert_review.seat_1"


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    home: Path = tmp_path_factory.mktemp("airflow-subpath")
    with running(Stack(home=home, base_path="/airflow", assumed_calendar=False)) as started:
        seats = [{"seat": "seat_1", "user": "expert_01"}, {"seat": "seat_2", "user": "expert_02"}]
        Ledger().append(DECISION, Act(Stage.EXPERT_REVIEW, "panel_drawn", "sponsor_office", {"seats": seats}))
        yield started


def test_airflow_under_a_path_keeps_a_seat_sealed(stack: Stack) -> None:
    client = stack.client
    assert client is not None and client.base_url.endswith("/airflow")
    for path in (f"{TASK}/xcomEntries/return_value", f"{TASK}/-1/hitlDetails", f"{TASK}/logs/1",
                 f"{TASK}/state-store", "/dags/~/dagRuns/~/taskInstances/~/xcomEntries", "/eventLogs"):
        refused = client.call("expert_02", "GET", path)
        assert (refused.status_code, refused.json().get("rule")) == (403, "R-C6"), path
    root = client.base_url.removesuffix("/airflow")
    bearer = {"Authorization": f"Bearer {client.token('expert_02')}"}
    for url in (f"{root}/api/v2{TASK}/logs/1", f"{root}/airflow//api/v2{TASK}/xcomEntries/return_value/"):
        assert httpx.get(url, headers=bearer).status_code == 403, url
    # The seat's own expert and an administrator pass the guard: Airflow answers (no such run).
    assert client.call("expert_01", "GET", f"{TASK}/xcomEntries/return_value").status_code == 404
    assert client.call("juece", "GET", "/eventLogs").status_code == 200
    listed = client.call("expert_02", "GET", "/dags/~/dagRuns/~/hitlDetails")
    assert listed.status_code == 200 and listed.json()["hitl_details"] == []
