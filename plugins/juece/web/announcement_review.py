"""The sponsor office reviews and publishes the announcement on its own page (R-G1,
`/juece/office/decisions/<id>/announcement`): the generated text, the office's wording and the
document number, checked by the review task's own rules, then sent to the waiting task through
Airflow's REST API with the signed-in person's own token, as Airflow's form would send it."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from juece import config
from juece.adapters.airflow_client import AirflowClient, AirflowUnavailable
from juece.domain.notices.texts import deadline
from juece.domain.record.errors import RuleViolation
from juece.services.announcement_review import REVIEW_TASK, ReviewState, review_answer, review_state
from juece.web.auth import request_token
from juece.web.common import problem, store, templates, wants_json
from juece.web.office import SponsorOffice
from juece.web.office_links import airflow_root, run_url
from juece.web.security import csrf_refusal, csrf_token

PATH = "/office/decisions/{decision_id}/announcement"
WAITING_STATES = ("awaiting_input", "deferred")
router = APIRouter()


def airflow_of(request: Request) -> AirflowClient:
    """The client of Airflow's REST API: the app's own (tests give one), else Airflow at the
    configured address, else at the address this request came to."""
    given = getattr(request.app.state, "airflow", None)
    if given is not None:
        return given
    own = f"{request.url.scheme}://{request.url.netloc}{airflow_root(request)}"
    return AirflowClient(base_url=(config.airflow_url() or own).rstrip("/"))


@router.get(PATH, response_class=HTMLResponse, name="office_announcement")
async def announcement_review(request: Request, decision_id: str, user: SponsorOffice) -> Response:
    state = review_state(store(request).ledger, decision_id, datetime.now(UTC))
    return page(request, state, user)


@router.post(PATH, name="office_announcement_publish")
async def announcement_publish(request: Request, decision_id: str, user: SponsorOffice) -> Response:
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    form = await request.form()
    number, text = str(form.get("document_number", "")), str(form.get("text", ""))
    state = review_state(store(request).ledger, decision_id, datetime.now(UTC))
    if not state.waiting:
        return page(request, state, user, status=409)
    try:
        body = review_answer(number, text, state.generated)
    except RuleViolation as error:  # refused here as the task would refuse it: nothing is sent
        return page(request, state, user, status=422, error=error, values={"document_number": number, "text": text})
    token = request_token(request) or ""
    try:
        status = await run_in_threadpool(send, airflow_of(request), token, state, body)
    except AirflowUnavailable:
        return problem(request, 503, None, "暂时无法连接 Airflow，公告未发布；请稍后再提交",
                       "Airflow cannot be reached just now: nothing was published; submit again later",
                       headers={"Retry-After": "30"})
    return answered(request, decision_id, status)


def send(client: AirflowClient, token: str, state: ReviewState, body: dict[str, Any]) -> int:
    """Airflow's status for the answer sent to the waiting review task (404 when none waits;
    403 when the person may not read or answer it)."""
    details = client.waiting_hitl(token, state.dag_id, REVIEW_TASK)
    if details is None:
        return 403
    waiting = [d["task_instance"] for d in details if d["task_instance"].get("state") in WAITING_STATES]
    if not waiting:
        return 404
    task = waiting[0]
    response = client.answer_with(token, state.dag_id, str(task["dag_run_id"]), REVIEW_TASK,
                                  int(task.get("map_index", -1)), body)
    if response.status_code >= 500:
        raise AirflowUnavailable(f"answering the review: HTTP {response.status_code}")
    return response.status_code


def answered(request: Request, decision_id: str, status: int) -> Response:
    """The page after Airflow answered: the record on success, else why not, in both languages."""
    if status < 300:
        if wants_json(request):
            return JSONResponse({"answered": True, "decision_id": decision_id})
        return RedirectResponse(str(request.url_for("office_decision", decision_id=decision_id)), status_code=303)
    if status in (401, 403):
        return problem(request, 403, None, "这项待办不是分配给您的，Airflow 未接受您的办理",
                       "this task is not assigned to you: Airflow did not take your answer")
    if status in (404, 409):
        return problem(request, 409, "R-G1", "公告审核已办理或尚未等待审核，本次提交未发送；请打开决策记录查看",
                       "the announcement's review was already answered or is not waiting: nothing was sent; "
                       "see the decision's record")
    return problem(request, 422, "R-G1", f"Airflow 未接受本次办理（HTTP {status}），公告未发布",
                   f"Airflow did not take the answer (HTTP {status}): nothing was published")


def page(request: Request, state: ReviewState, user: str, status: int = 200,
         error: RuleViolation | None = None, values: dict[str, str] | None = None) -> Response:
    if wants_json(request) and error is not None:
        return problem(request, status, error.rule, error.zh, error.en, field=error.field)
    due = deadline(state.deadline) if state.deadline else None
    filled = values or {"document_number": "", "text": state.generated}
    context = {"user": user, "state": state, "office": state.decision_id, "decision_id": state.decision_id,
               "due": due, "error": error, "review_task": REVIEW_TASK, "values": filled, "csrf": csrf_token(request),
               "run_url": run_url(request, store(request).ledger, state.decision_id)}
    return templates.TemplateResponse(request, "announcement_review.html", context, status_code=status)
