"""Answer every human task of a run through Airflow's REST API, as the assigned user."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from juece.adapters.airflow_client import AirflowClient
from juece.adapters.store.ledger import Ledger
from juece.demo.answers import Situation, answer_for
from juece.demo.scenario import Scenario
from juece.spec.models import DECISION_DAG_PREFIX

SETTLE_SECONDS = 3.0  # answer no sooner than this after `awaiting_input` (upstream race)
FINISHED = {"success", "failed"}
MAX_ATTEMPTS = 6  # scenarios refuse on purpose once or twice; more means the scenario is stuck
DONE = {"success", "skipped", "failed", "upstream_failed", "removed"}


@dataclass
class Responder:
    client: AirflowClient
    scenario: Scenario
    dag_id: str
    run_id: str
    system_user: str
    ledger: Ledger
    receipts: Callable[[], list[str]]
    on_notice: Callable[[], None] | None = None
    say: Callable[[str], None] = print
    attempts: dict[str, int] = field(default_factory=dict)
    waiting_since: dict[str, float] = field(default_factory=dict)
    answered: int = 0
    silent: set[str] = field(default_factory=set)
    left_to_others: set[str] = field(default_factory=set)  # tasks someone else answers

    @property
    def decision_id(self) -> str:
        return self.dag_id.removeprefix(DECISION_DAG_PREFIX)

    def run(self, timeout: float = 540.0) -> str:
        deadline = time.monotonic() + timeout
        notice_sent = False
        instances: list[dict[str, Any]] = []
        while time.monotonic() < deadline:
            state = self.client.run_state(self.system_user, self.dag_id, self.run_id)
            if state in FINISHED:
                return state
            instances = self.client.task_instances(self.system_user, self.dag_id, self.run_id)
            if not notice_sent and self.on_notice and _succeeded(instances, "public_participation.publish_notice"):
                self.on_notice()
                notice_sent = True
            for ti in instances:
                self._maybe_answer(ti)
            time.sleep(0.5)
        pending = [f"{ti['task_id']}={ti['state']}" for ti in instances if ti["state"] not in DONE]
        raise TimeoutError(f"run {self.run_id} did not finish within {timeout:.0f} s; "
                           f"unfinished tasks: {', '.join(pending) or '-'}")

    def _maybe_answer(self, ti: dict[str, Any]) -> None:
        task_id = ti["task_id"]
        if ti["state"] != "awaiting_input" or task_id in self.left_to_others:
            self.waiting_since.pop(task_id, None)
            return
        detail = self.client.json(self.system_user, "GET", _detail_path(self.dag_id, self.run_id, task_id))
        if detail.get("response_received"):
            self.waiting_since.pop(task_id, None)
            return
        since = self.waiting_since.setdefault(task_id, time.monotonic())
        if time.monotonic() - since < SETTLE_SECONDS:
            return
        user = detail["assigned_users"][0]["id"]
        attempt = self.attempts.get(task_id, 0)
        if attempt >= MAX_ATTEMPTS:
            raise RuntimeError(f"{task_id} was asked {attempt} times: the scenario's answers keep being refused "
                               "(see `answer_refused` in the record)")
        seen = Situation(self.receipts(), self.ledger.entries(self.decision_id), detail)
        reply = answer_for(self.scenario, task_id, attempt, seen)
        if reply is None:
            if task_id not in self.silent:
                self.say(f"  {user:<18} stays silent in {task_id} (the deadline will pass)")
                self.silent.add(task_id)
            return
        chosen, params = reply
        response = self.client.answer(user, self.dag_id, self.run_id, task_id, chosen, params)
        self.say(f"  {user:<18} answers {task_id} (attempt {attempt + 1}): {chosen[0]} -> HTTP {response.status_code}")
        if response.status_code >= 300:
            raise RuntimeError(f"answer to {task_id} refused by the API: {response.text[:300]}")
        self.attempts[task_id] = attempt + 1
        self.answered += 1
        self.waiting_since.pop(task_id, None)


def _succeeded(instances: list[dict[str, Any]], task_id: str) -> bool:
    return any(ti["task_id"] == task_id and ti["state"] == "success" for ti in instances)


def _detail_path(dag_id: str, run_id: str, task_id: str) -> str:
    return f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}/-1/hitlDetails"
