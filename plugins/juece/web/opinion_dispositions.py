"""The sponsor office disposes of the expert opinions on its own page (R-C6,
`/juece/office/decisions/<id>/opinions`): one row per signed opinion (the expert by name and
seat, the conclusion and conditions in words, the text), a disposition and its reasons each; one
disposition and reason put into several rows at once (the ticked ones, or every opinion of a
conclusion), what was typed kept. Checked row by row and by the task's own handler, refusals shown
at their field, then sent to the waiting task with the person's own Airflow token. Only the
sponsor office (or a member of its group) may open it."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from juece.adapters.airflow_client import AirflowUnavailable
from juece.domain.record.errors import RecordError, RuleViolation
from juece.services.opinion_dispositions import (
    TASK,
    DispositionsState,
    apply_bulk,
    choices,
    dispositions_answer,
    dispositions_state,
    needs_reason,
)
from juece.web.auth import request_token
from juece.web.common import problem, store, templates
from juece.web.hitl_answer import airflow_of, answered, send, unavailable
from juece.web.office import SponsorOffice
from juece.web.refusals import refuse
from juece.web.security import csrf_refusal, csrf_token

PATH = "/office/decisions/{decision_id}/opinions"
MAX_OPINIONS, REASON_CAP = 60, 4_000
router = APIRouter()


def _state(request: Request, decision_id: str) -> tuple[DispositionsState, Any, Any]:
    try:
        return dispositions_state(store(request).ledger, decision_id)
    except RecordError:
        raise refuse(request, 404, None, "没有这项决策", "no such decision") from None


@router.get(PATH, response_class=HTMLResponse, name="office_opinions")
async def office_opinions(request: Request, decision_id: str, user: SponsorOffice, sent: str = "") -> Response:
    """The opinions and their dispositions; just after they were sent (``sent``), a notice that they
    are being recorded instead of the form, until the record shows the adoption report."""
    state, _spec, _entries = await run_in_threadpool(_state, request, decision_id)
    return page(request, user, state, sent=sent == "1")


@router.post(PATH, name="office_opinions_submit")
async def office_opinions_submit(request: Request, decision_id: str, user: SponsorOffice) -> Response:
    form = await _bounded_form(request)
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    state, spec, entries = await run_in_threadpool(_state, request, decision_id)
    if not state.waiting:
        return page(request, user, state, status=409)
    values = read_values(form, len(state.rows))
    if form.get("action") == "bulk":  # filled in, what was typed kept; nothing checked further or sent
        try:
            values, count = apply_bulk(values, state.rows)
        except RuleViolation as error:
            return page(request, user, state, 422, error, values)
        return page(request, user, state, values=values, applied=count)
    given = {row.number: (values.get(f"opinions.{row.number}.disposition", ""),
                          values.get(f"opinions.{row.number}.reason", "")) for row in state.rows}
    try:
        body = dispositions_answer(spec, entries, user, state.rows, given)
    except RuleViolation as error:  # refused here as the task would refuse it: nothing is sent
        return page(request, user, state, 422, error, values)
    try:
        status = await run_in_threadpool(send, airflow_of(request), request_token(request) or "", state.dag_id,
                                         [TASK], body)
    except AirflowUnavailable:
        return unavailable(request)
    done = str(request.url_for("office_opinions", decision_id=decision_id)) + "?sent=1"
    return answered(request, decision_id, status, "R-C6", ("专家意见采纳处理", "the opinions' dispositions"), done)


async def _bounded_form(request: Request) -> Any:
    try:
        return await request.form(max_files=0, max_fields=MAX_OPINIONS * 3 + 8, max_part_size=64 * 1024)
    except HTTPException:
        raise refuse(request, 400, None, "表单内容无法读取（字段过多或过大），未办理",
                     "the form could not be read (too many or too large fields): nothing was done") from None


def read_values(form: Any, rows: int) -> dict[str, str]:
    """What was typed for the ``rows`` opinions and the bulk fields, each within its cap; any other
    field is left out."""
    names = ["bulk.disposition", "bulk.reason", "bulk.scope"]
    for number in range(1, min(rows, MAX_OPINIONS) + 1):
        names += [f"opinions.{number}.{name}" for name in ("disposition", "reason", "selected")]
    found = {name: form.get(name) for name in names}
    return {name: value[:REASON_CAP].strip() for name, value in found.items() if isinstance(value, str)}


def _recorded_values(state: DispositionsState) -> dict[str, str]:
    """The dispositions already recorded, as the form shows them."""
    values = {}
    for row in state.rows:
        if row.recorded:
            values[f"opinions.{row.number}.disposition"] = str(row.recorded.get("disposition", ""))
            values[f"opinions.{row.number}.reason"] = str(row.recorded.get("reason", ""))
    return values


def page(request: Request, user: str, state: DispositionsState, status: int = 200,
         error: RuleViolation | None = None, values: dict[str, str] | None = None, applied: int = 0,
         sent: bool = False) -> Response:
    if error is not None and "application/json" in request.headers.get("accept", ""):
        return problem(request, status, error.rule, error.zh, error.en, field=error.field)
    context = {"user": user, "state": state, "error": error, "values": _recorded_values(state) | (values or {}),
               "applied": applied, "sent": sent, "choices": choices(),
               "labels": {code: (zh, en) for code, zh, en in choices()}, "needs_reason": needs_reason(),
               "csrf": csrf_token(request), "office": state.decision_id, "decision_id": state.decision_id}
    return templates.TemplateResponse(request, "opinion_dispositions.html", context, status_code=status)
