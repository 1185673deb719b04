"""A juece page answers a waiting HITL task through Airflow's REST API with the signed-in person's
own token, as Airflow's form would: Airflow checks the person is assigned (403) and the task not yet
answered (409); the task's handler records the answer exactly as from Airflow's own form."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from fastapi import Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from juece import config
from juece.adapters.airflow_client import AirflowClient, AirflowUnavailable
from juece.domain.record.errors import RecordError
from juece.web.auth import airflow_user
from juece.web.common import problem, store, wants_json
from juece.web.office_links import airflow_root
from juece.web.refusals import refuse

WAITING_STATES = ("awaiting_input", "deferred")
State = TypeVar("State")


async def signed_in_with(request: Request, decision_id: str,
                         load: Callable[[Any, str], tuple[State, Any, Any]]) -> tuple[str, State, Any, Any]:
    """The person signed in and what a task page shows, ``load(ledger, decision_id)`` as (state,
    spec, entries): nobody signed in 401, a decision not found 404. Whether the person holds the
    task is the page's own question (its rule, its words)."""
    user = await airflow_user(request)
    if user is None:
        raise refuse(request, 401, None, "请先登录 Airflow 再打开本页", "log in to Airflow first")
    try:
        state, spec, entries = await run_in_threadpool(load, store(request).ledger, decision_id)
    except RecordError:
        raise refuse(request, 404, None, "没有这项决策", "no such decision") from None
    return user, state, spec, entries


def airflow_of(request: Request) -> AirflowClient:
    """The client of Airflow's REST API: the app's own (tests give one), else Airflow at the
    configured address, else at the address this request came to."""
    given = getattr(request.app.state, "airflow", None)
    if given is not None:
        return given
    own = f"{request.url.scheme}://{request.url.netloc}{airflow_root(request)}"
    return AirflowClient(base_url=(config.airflow_url() or own).rstrip("/"))


def send(client: AirflowClient, token: str, dag_id: str, task_ids: Iterable[str], body: dict[str, Any]) -> int:
    """Airflow's status for the answer sent to the first of ``task_ids`` that waits (404 when none
    waits; 403 when the person may not read or answer it)."""
    for task_id in task_ids:
        details = client.waiting_hitl(token, dag_id, task_id)
        if details is None:
            return 403
        waiting = [d["task_instance"] for d in details if d["task_instance"].get("state") in WAITING_STATES]
        if waiting:
            task = waiting[0]
            response = client.answer_with(token, dag_id, str(task["dag_run_id"]), task_id,
                                          int(task.get("map_index", -1)), body)
            if response.status_code >= 500:
                raise AirflowUnavailable(f"answering {task_id}: HTTP {response.status_code}")
            return response.status_code
    return 404


def answered(request: Request, decision_id: str, status: int, rule: str, what: tuple[str, str],
             done_url: str) -> Response:
    """The page after Airflow answered: ``done_url`` on success, else why not, in both languages;
    ``what`` names the act (公告审核 / the announcement's review)."""
    if status < 300:
        if wants_json(request):
            return JSONResponse({"answered": True, "decision_id": decision_id})
        return RedirectResponse(done_url, status_code=303)
    if status in (401, 403):
        return problem(request, 403, None, "这项待办不是分配给您的，Airflow 未接受您的办理",
                       "this task is not assigned to you: Airflow did not take your answer")
    if status in (404, 409):
        return problem(request, 409, rule, f"{what[0]}已办理或尚未等待办理，本次提交未发送；请打开决策记录查看",
                       f"{what[1]} was already answered or is not waiting: nothing was sent; see the decision's record")
    return problem(request, 422, rule, f"Airflow 未接受本次办理（HTTP {status}），未记录",
                   f"Airflow did not take the answer (HTTP {status}): nothing was recorded")


def unavailable(request: Request) -> Response:
    return problem(request, 503, None, "暂时无法连接 Airflow，未办理；请稍后再提交",
                   "Airflow cannot be reached just now: nothing was done; submit again later",
                   headers={"Retry-After": "30"})
