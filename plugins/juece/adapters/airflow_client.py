"""A small client of Airflow's REST API (v2): tokens per user, DAGs, runs, HITL answers."""

from __future__ import annotations

import base64
import json
import os
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote

import httpx

from juece.config import airflow_url

RETRIES = 6


def token_claims(token: str) -> dict[str, Any]:
    """The claims of a JWT (unverified: only for a token Airflow has accepted); {} if it is none."""
    try:
        body = token.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)))
    except (IndexError, ValueError):
        return {}
    return claims if isinstance(claims, dict) else {}


def name_in(me: dict[str, Any]) -> str:
    """The user name in Airflow's `/ui/auth/me` answer: the name juece knows people by (the
    SimpleAuthManager's id is that name too; FAB's id is its account's number)."""
    return str(me.get("username") or me["id"])


class AirflowUnavailable(Exception):
    """Airflow's API cannot be reached or refused a call; the message says which and why."""


@dataclass
class AirflowClient:
    base_url: str = field(default_factory=airflow_url)
    passwords: dict[str, str] = field(default_factory=dict)
    timeout: float = 30.0
    _tokens: dict[str, str] = field(default_factory=dict)

    def token(self, user: str) -> str:
        if user not in self._tokens:
            if user not in self.passwords:
                raise AirflowUnavailable(f"no password known for Airflow user {user!r}")
            response = self._raw("POST", "/auth/token", json={"username": user, "password": self.passwords[user]})
            if response.status_code >= 300:
                raise AirflowUnavailable(f"login as {user!r} refused: HTTP {response.status_code} {response.text[:200]}")
            self._tokens[user] = response.json()["access_token"]
        return self._tokens[user]

    def login(self, user: str, password: str) -> str | None:
        """A token for ``user`` (`POST /auth/token`), or None when Airflow refuses the password."""
        response = self._raw("POST", "/auth/token", json={"username": user, "password": password})
        if response.status_code in (400, 401, 403, 422):
            return None
        if response.status_code >= 300:
            raise AirflowUnavailable(f"login as {user!r}: HTTP {response.status_code} {response.text[:200]}")
        return str(response.json()["access_token"])

    def user_of(self, token: str) -> str | None:
        """Whose token this is, as Airflow says (`GET /ui/auth/me`, what its own UI asks), or None
        when Airflow does not accept the token (expired, revoked, forged)."""
        me = self.me(token)
        return None if me is None else name_in(me)

    def me(self, token: str) -> dict[str, Any] | None:
        """Airflow's answer to `GET /ui/auth/me` (id, username, and a role where the auth manager
        gives one), or None when it does not accept the token."""
        response = self._raw("GET", "/ui/auth/me", headers={"Authorization": f"Bearer {token}"})
        if response.status_code in (401, 403):
            return None
        if response.status_code >= 300:
            raise AirflowUnavailable(f"GET /ui/auth/me: HTTP {response.status_code} {response.text[:200]}")
        return dict(response.json())

    def _raw(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            return httpx.request(method, self.base_url + path, timeout=self.timeout, **kwargs)
        except httpx.HTTPError as exc:
            raise AirflowUnavailable(f"Airflow API at {self.base_url} is not reachable: {exc}") from None

    def call(self, user: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One API call as ``user``, logged in with the password known for them."""
        return self.call_with(self.token(user), method, path, **kwargs)

    def call_with(self, token: str, method: str, path: str, **kwargs: Any) -> httpx.Response:
        """One API call with a bearer token; a server error (e.g. SQLite busy under load) is retried
        with backoff: Airflow rolls the failed request's transaction back, so nothing is applied twice."""
        headers = {"Authorization": f"Bearer {token}"}
        for attempt in range(RETRIES):
            response = self._raw(method, "/api/v2" + path, headers=headers, **kwargs)
            if response.status_code < 500 or attempt == RETRIES - 1:
                return response
            time.sleep(0.5 * (attempt + 1))
        return response

    def json(self, user: str, method: str, path: str, **kwargs: Any) -> Any:
        response = self.call(user, method, path, **kwargs)
        if response.status_code >= 300:
            raise AirflowUnavailable(f"{method} {path} as {user}: HTTP {response.status_code} {response.text[:300]}")
        return response.json() if response.content else None

    def healthy(self) -> bool:
        try:
            return self._raw("GET", "/api/v2/monitor/health").status_code == 200
        except AirflowUnavailable:
            return False

    def wait_for_dag(self, user: str, dag_id: str, timeout: float = 180.0) -> None:
        """Until the dag-processor has the DAG in its file: known to Airflow and not stale (a
        closed decision's or a quiet evaluation's DAG comes back once the record needs it)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            response = self.call(user, "GET", f"/dags/{dag_id}")
            if response.status_code == 200 and not response.json().get("is_stale"):
                return
            time.sleep(1.0)
        raise AirflowUnavailable(f"DAG {dag_id} did not appear within {timeout:.0f} s: see the DAG import errors")

    def unpause_and_trigger(self, user: str, dag_id: str) -> str:
        self.json(user, "PATCH", f"/dags/{dag_id}", json={"is_paused": False})
        run = self.json(user, "POST", f"/dags/{dag_id}/dagRuns", json={"logical_date": None})
        return run["dag_run_id"]

    def run_state(self, user: str, dag_id: str, run_id: str) -> str:
        return self.json(user, "GET", f"/dags/{dag_id}/dagRuns/{run_id}")["state"]

    def task_instances(self, user: str, dag_id: str, run_id: str) -> list[dict[str, Any]]:
        data = self.json(user, "GET", f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances", params={"limit": 200})
        return data["task_instances"]

    def comment(self, decision_id: str, text: str, paragraph: int | None = None) -> dict[str, Any]:
        """Comment as the public does: the portal, no account (R-B3)."""
        response = self._raw("POST", f"/juece/public/decisions/{decision_id}/comments",
                             json={"text": text, "paragraph": paragraph})
        if response.status_code >= 300:
            raise AirflowUnavailable(f"the portal refused a comment: HTTP {response.status_code} {response.text[:300]}")
        return response.json()

    def answer(self, user: str, dag_id: str, run_id: str, task_id: str, chosen: list[str],
               params: dict[str, Any], map_index: int = -1) -> httpx.Response:
        path = f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{task_id}/{map_index}/hitlDetails"
        return self.call(user, "PATCH", path, json={"chosen_options": chosen, "params_input": params})

    def waiting_hitl(self, token: str, dag_id: str, task_id: str) -> list[dict[str, Any]] | None:
        """The task's HITL details in every run of the DAG that no one has answered yet (each with
        its ``task_instance``: run id, map index, state); None when the token's holder may not read them."""
        params = {"task_id": task_id, "response_received": "false", "limit": 10}
        response = self.call_with(token, "GET", f"/dags/{quote(dag_id, safe='')}/dagRuns/~/hitlDetails", params=params)
        if response.status_code in (401, 403):
            return None
        if response.status_code >= 300:
            raise AirflowUnavailable(f"GET hitlDetails of {dag_id}: HTTP {response.status_code} {response.text[:300]}")
        return list(response.json().get("hitl_details") or [])

    def all_waiting_hitl(self, token: str, limit: int = 100) -> list[dict[str, Any]] | None:
        """Every HITL task no one has answered yet that the token's holder may read, in every DAG,
        oldest first; None when they may read none."""
        params = {"response_received": "false", "limit": limit, "order_by": "created_at"}
        response = self.call_with(token, "GET", "/dags/~/dagRuns/~/hitlDetails", params=params)
        if response.status_code in (401, 403):
            return None
        if response.status_code >= 300:
            raise AirflowUnavailable(f"GET hitlDetails: HTTP {response.status_code} {response.text[:300]}")
        return list(response.json().get("hitl_details") or [])

    def answer_with(self, token: str, dag_id: str, run_id: str, task_id: str, map_index: int,
                    body: dict[str, Any]) -> httpx.Response:
        """Answer a HITL task as the token's holder: Airflow checks they are assigned to it (403) and
        that it was not answered before (409)."""
        path = "/".join(quote(part, safe="") for part in (dag_id, "dagRuns", run_id, "taskInstances", task_id))
        return self.call_with(token, "PATCH", f"/dags/{path}/{map_index}/hitlDetails", json=body)


def load_passwords(path: str | os.PathLike[str]) -> dict[str, str]:
    import json
    from pathlib import Path

    file = Path(path)
    return json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
