"""Waiting for a DAG means waiting until the dag-processor has it in its file: a stale DAG (a
closed decision's, a quiet evaluation's) is not there yet, even though Airflow still answers for it."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from juece.adapters.airflow_client import AirflowClient, AirflowUnavailable


class Answers(AirflowClient):
    """Airflow's answers to GET /dags/<id>, one per call."""

    def __init__(self, *answers: tuple[int, dict[str, Any]]) -> None:
        super().__init__("http://127.0.0.1:9", {})
        self.answers, self.calls = list(answers), 0

    def call(self, user: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        self.calls += 1
        status, body = self.answers.pop(0) if len(self.answers) > 1 else self.answers[0]
        return httpx.Response(status, json=body)


@pytest.fixture(autouse=True)
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("juece.adapters.airflow_client.time.sleep", lambda seconds: None)


def test_a_stale_dag_is_waited_for_until_the_processor_brings_it_back() -> None:
    client = Answers((404, {}), (200, {"is_stale": True}), (200, {"is_stale": False}))
    client.wait_for_dag("admin", "evaluation__x", timeout=5)
    assert client.calls == 3


def test_a_dag_that_stays_stale_is_reported(monkeypatch: pytest.MonkeyPatch) -> None:
    ticks = iter(range(100))
    monkeypatch.setattr("juece.adapters.airflow_client.time.monotonic", lambda: next(ticks))
    with pytest.raises(AirflowUnavailable, match="did not appear"):
        Answers((200, {"is_stale": True})).wait_for_dag("admin", "evaluation__x", timeout=5)
