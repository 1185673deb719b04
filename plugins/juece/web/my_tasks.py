"""A person's own waiting tasks (`/juece/tasks/`, 我的待办): what Airflow asks of them and nobody
else, in every decision, oldest first, each linked to the page where it is answered. Airflow's own
Required-actions list shows every task a person may read; this one shows theirs."""

from __future__ import annotations

from dataclasses import replace

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from juece.adapters.airflow_client import AirflowUnavailable
from juece.services.my_tasks import MyTask, mine
from juece.web.auth import airflow_user, request_token
from juece.web.common import store, templates
from juece.web.hitl_answer import airflow_of, unavailable
from juece.web.office_links import airflow_root
from juece.web.refusals import refuse

router = APIRouter()


@router.get("/tasks/", response_class=HTMLResponse, name="my_tasks")
async def my_tasks(request: Request) -> Response:
    user = await airflow_user(request)
    if user is None:
        raise refuse(request, 401, None, "请先登录 Airflow 再打开本页", "log in to Airflow first")
    try:
        details = await run_in_threadpool(airflow_of(request).all_waiting_hitl, request_token(request) or "")
    except AirflowUnavailable:
        return unavailable(request)
    tasks = mine(details or [], user, {}, airflow_root(request))
    titles = await run_in_threadpool(_titles, request, tasks)
    tasks = [replace(task, title=titles.get(task.decision_id, task.title)) for task in tasks]
    return templates.TemplateResponse(request, "my_tasks.html", {"user": user, "tasks": tasks, "office": None})


def _titles(request: Request, tasks: list[MyTask]) -> dict[str, str]:
    """Each decision's title as launched (its id when the record has none)."""
    ledger, found = store(request).ledger, {}
    for decision_id in {task.decision_id for task in tasks}:
        launched = ledger.latest(decision_id, "launched")
        found[decision_id] = str(launched["data"]["spec"].get("title", decision_id)) if launched else decision_id
    return found
