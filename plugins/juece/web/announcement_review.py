"""The sponsor office reviews and publishes the announcement on its own page (R-G1,
`/juece/office/decisions/<id>/announcement`): the generated text, the office's wording and the
document number, checked by the review task's own rules, then sent to the waiting task through
Airflow's REST API with the signed-in person's own token, as Airflow's form would send it."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from juece.adapters.airflow_client import AirflowUnavailable
from juece.domain.notices.texts import deadline
from juece.domain.record.errors import RuleViolation
from juece.services.announcement_review import REVIEW_TASK, ReviewState, review_answer, review_state
from juece.web.auth import request_token
from juece.web.common import problem, store, templates, wants_json
from juece.web.hitl_answer import airflow_of, answered, send, unavailable
from juece.web.office import SponsorOffice
from juece.web.office_links import run_url
from juece.web.security import csrf_refusal, csrf_token

PATH = "/office/decisions/{decision_id}/announcement"
router = APIRouter()


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
        status = await run_in_threadpool(send, airflow_of(request), token, state.dag_id, [REVIEW_TASK], body)
    except AirflowUnavailable:
        return unavailable(request)
    done = str(request.url_for("office_decision", decision_id=decision_id))
    return answered(request, decision_id, status, "R-G1", ("公告审核", "the announcement's review"), done)


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
