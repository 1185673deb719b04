"""R-C6 independence: while a panel is open, no one but the seat's own expert (and Airflow's
administrators) reads what is in an expert's task through Airflow's API or UI — HITL details,
XCom, task logs — and nobody but administrators reads the audit log, which keeps request bodies.

A root middleware of the juece plugin, so it holds whatever auth manager Airflow runs with
(`airflow standalone` always runs SimpleAuthManager). Lists are filtered, single reads refused.
"""

from __future__ import annotations

import json
import re
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from juece.domain.panel_record import holder
from juece.domain.record import latest

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Any]], Callable[[Any], Awaitable[None]]], Awaitable[None]]

API = "/api/v2/"
TASK_READ = re.compile(r"^/api/v2/dags/(?P<dag>[^/]+)/dagRuns/[^/]+/taskInstances/(?P<task>[^/]+)"
                       r"/(?:-?\d+/hitlDetails|logs|xcomEntries|externalLogUrl)")
HITL_LIST = re.compile(r"^/api/v2/dags/(?P<dag>[^/]+)/dagRuns/[^/]+/hitlDetails/?$")
RESULT_WAIT = re.compile(r"^/api/v2/dags/(?P<dag>[^/]+)/dagRuns/[^/]+/wait")
SEAT_TASK = re.compile(r"^expert_review\.(?:sign_|await_)?(?P<seat>(?:seat|reserve)_\d+)$")
DECISION_DAG = "decision__"


def seat_holder_if_sealed(dag_id: str, task_id: str) -> tuple[bool, str | None]:
    """Whether the task is an open panel's seat, and who holds it."""
    seat = SEAT_TASK.match(task_id)
    if seat is None or not dag_id.startswith(DECISION_DAG):
        return False, None
    from juece.store.ledger import Ledger

    entries = Ledger().entries(dag_id.removeprefix(DECISION_DAG))
    if latest(entries, "panel_drawn") is None or latest(entries, "panel_closed") is not None:
        return False, None
    return True, holder(entries, seat.group("seat"))


def may_read(user: str, dag_id: str, task_id: str) -> bool:
    sealed, seat_holder = seat_holder_if_sealed(dag_id, task_id)
    return not sealed or user == seat_holder


def readable_items(user: str, body: dict[str, Any]) -> dict[str, Any]:
    """A HITL list with the sealed seats of other experts left out."""
    items = body.get("hitl_details") or []
    kept = [item for item in items
            if may_read(user, item["task_instance"]["dag_id"], item["task_instance"]["task_id"])]
    return {**body, "hitl_details": kept, "total_entries": body.get("total_entries", len(items)) - len(items) + len(kept)}


class IndependenceGuard:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        path = scope.get("path", "")
        if scope["type"] != "http" or scope.get("method") != "GET" or not path.startswith(API):
            await self.app(scope, receive, send)
            return
        user = await _user(scope)
        if user is None or user[1]:
            await self.app(scope, receive, send)  # Airflow itself refuses the unauthenticated
            return
        refusal = _refusal(path, user[0], scope)
        if refusal:
            await _forbidden(send, refusal)
        elif HITL_LIST.match(path) or path.startswith("/api/v2/dags/~/dagRuns/~/hitlDetails"):
            await _filtered(self.app, scope, receive, send, user[0])
        else:
            await self.app(scope, receive, send)


def _refusal(path: str, user: str, scope: Scope) -> str | None:
    if path.startswith("/api/v2/eventLogs"):
        return "审计日志含作答内容，仅管理员可查阅 / the audit log holds answers: administrators only"
    if (task := TASK_READ.match(path)) and not may_read(user, task.group("dag"), task.group("task")):
        return ("专家论证结束前，不得查阅其他专家的任务内容（R-C6） / before the panel closes, an expert's "
                "task can be read by that expert only (R-C6)")
    if (wait := RESULT_WAIT.match(path)) and b"result" in scope.get("query_string", b""):
        dag = wait.group("dag")
        if dag.startswith(DECISION_DAG) and _panel_open(dag):
            return "专家论证结束前不得读取任务结果（R-C6） / task results are sealed until the panel closes (R-C6)"
    return None


def _panel_open(dag_id: str) -> bool:
    from juece.store.ledger import Ledger

    entries = Ledger().entries(dag_id.removeprefix(DECISION_DAG))
    return latest(entries, "panel_drawn") is not None and latest(entries, "panel_closed") is None


async def _user(scope: Scope) -> tuple[str, bool] | None:
    """(user id, is administrator), or None without a valid credential."""
    from starlette.requests import Request

    from juece.web.auth import COOKIE, token_user

    request = Request(scope)
    scheme, _, credentials = (request.headers.get("authorization") or "").partition(" ")
    token = credentials if scheme.lower() == "bearer" else request.cookies.get(COOKIE)
    return await token_user(token) if token else None


async def _forbidden(send: Any, message: str) -> None:
    body = json.dumps({"detail": message, "rule": "R-C6"}, ensure_ascii=False).encode()
    await send({"type": "http.response.start", "status": 403,
                "headers": [(b"content-type", b"application/json; charset=utf-8"),
                            (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


async def _filtered(app: ASGIApp, scope: Scope, receive: Any, send: Any, user: str) -> None:
    """Run the list endpoint, then drop the items this user may not read."""
    start: dict[str, Any] = {}
    chunks: list[bytes] = []

    async def capture(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            start.update(message)
        else:
            chunks.append(message.get("body", b""))

    plain = {**scope, "headers": [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]}
    await app(plain, receive, capture)
    body = b"".join(chunks)
    headers = [(k, v) for k, v in start.get("headers", []) if k.lower() not in (b"content-length", b"content-encoding")]
    if start.get("status") == 200:
        try:
            body = json.dumps(readable_items(user, json.loads(body))).encode()
        except (ValueError, KeyError, TypeError):
            body = b'{"hitl_details": [], "total_entries": 0}'
    headers.append((b"content-length", str(len(body)).encode()))
    await send({"type": "http.response.start", "status": start.get("status", 500), "headers": headers})
    await send({"type": "http.response.body", "body": body})
