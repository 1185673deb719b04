"""The legality reviewer gives the review on juece's own page (R-E1, R-E3, R-E4,
`/juece/tasks/decisions/<id>/legality`): the findings on authority, procedure and content, each with
the provisions relied on as rows (law or regulation, article), the conclusion and the legal due date;
checked by the review task's own handler, refusals shown at their field, then sent to the waiting
task with the person's own Airflow token. Only the reviewer the spec names (or a member of the group
it names) may open it."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.notify.groups import holds_role
from juece.domain.legality.findings import FINDINGS, MAX_PROVISIONS, provisions_key
from juece.domain.record.errors import RuleViolation
from juece.services.legality_review import (
    OUTCOMES,
    ReviewState,
    findings_in_words,
    outcome_choices,
    review_answer,
    review_state,
)
from juece.web.auth import request_token
from juece.web.common import problem, templates
from juece.web.hitl_answer import airflow_of, answered, send, signed_in_with, unavailable
from juece.web.refusals import refuse
from juece.web.security import csrf_refusal, csrf_token

PATH = "/tasks/decisions/{decision_id}/legality"
TEXT_CAP, ROW_CAP = 20_000, 400
ROW = re.compile(r"^(\w+_provisions)\.(\d+)\.(law|article)$")
router = APIRouter()


async def reviewer(request: Request, decision_id: str) -> tuple[str, ReviewState, Any, Any]:
    """The signed-in reviewer and the review: nobody signed in 401, a decision not found 404,
    anyone but the reviewer (or a member of the reviewer's group) 403."""
    user, state, spec, entries = await signed_in_with(
        request, decision_id, lambda ledger, decision: review_state(ledger, decision, datetime.now(UTC)))
    if not holds_role(state.reviewer, user):
        raise refuse(request, 403, "R-E4", "只有本决策指定的合法性审查人可以作出审查意见",
                     "only the legality reviewer this decision names may give its review")
    return user, state, spec, entries


Reviewer = Annotated[tuple[str, ReviewState, Any, Any], Depends(reviewer)]


@router.get(PATH, response_class=HTMLResponse, name="legality_review")
async def legality_page(request: Request, who: Reviewer, sent: str = "") -> Response:
    """The review; just after it was sent (``sent``), a notice that it is being recorded instead of
    the form, until the record shows it."""
    return page(request, who[0], who[1], sent=sent == "1")


@router.post(PATH, name="legality_review_submit")
async def legality_submit(request: Request, decision_id: str, who: Reviewer) -> Response:
    user, state, spec, entries = who
    form = await _bounded_form(request)
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    if not state.waiting:
        return page(request, user, state, status=409)
    values = _values(form)
    if form.get("action") == "more":  # more empty rows, what was typed kept; nothing checked or sent
        return page(request, user, state, values=values, more=3)
    outcome, params, kept = read_review(form)
    try:
        if outcome not in OUTCOMES:
            raise RuleViolation("R-E4", "请选择审查结论：合法、修改后合法或不合法",
                                "choose the conclusion: lawful, lawful with revisions or unlawful", field="outcome")
        body = review_answer(spec, entries, user, outcome, params)
    except RuleViolation as error:  # refused here as the task would refuse it: nothing is sent
        return page(request, user, state, 422, _on_page(error, kept), values)
    try:
        status = await run_in_threadpool(send, airflow_of(request), request_token(request) or "", state.dag_id,
                                         state.task_ids, body)
    except AirflowUnavailable:
        return unavailable(request)
    done = str(request.url_for("legality_review", decision_id=decision_id)) + "?sent=1"
    return answered(request, decision_id, status, "R-E4", ("合法性审查", "the legality review"), done)


async def _bounded_form(request: Request) -> Any:
    try:
        return await request.form(max_files=0, max_fields=len(FINDINGS) * MAX_PROVISIONS * 2 + 16,
                                  max_part_size=64 * 1024)
    except HTTPException:
        raise refuse(request, 400, None, "表单内容无法读取（字段过多或过大），未办理",
                     "the form could not be read (too many or too large fields): nothing was done") from None


def read_review(form: Any) -> tuple[str, dict[str, Any], dict[str, list[int]]]:
    """The conclusion, the task's params (each text within its cap; provision rows left empty
    skipped) and, per finding, the page's row of each provision kept."""
    text = {name: str(form.get(name, ""))[:TEXT_CAP] for name in (*FINDINGS, "revisions", "legal_risk")}
    params: dict[str, Any] = {**text, "exploratory_override": form.get("exploratory_override") == "yes"}
    kept: dict[str, list[int]] = {}
    for name in FINDINGS:
        key, rows = provisions_key(name), []
        for number in range(1, MAX_PROVISIONS + 1):
            cells = {cell: str(form.get(f"{key}.{number}.{cell}", ""))[:ROW_CAP] for cell in ("law", "article")}
            if any(value.strip() for value in cells.values()):
                rows.append((number, cells))
        params[key] = [cells for _number, cells in rows]
        kept[key] = [number for number, _cells in rows]
    return str(form.get("outcome", "")), params, kept


def _on_page(error: RuleViolation, kept: dict[str, list[int]]) -> RuleViolation:
    """The refusal naming the page's row (the handler counts only the rows given)."""
    match = ROW.match(error.field or "")
    if match is None or match[1] not in kept or int(match[2]) > len(kept[match[1]]):
        return error
    error.field = f"{match[1]}.{kept[match[1]][int(match[2]) - 1]}.{match[3]}"
    return error


def _values(form: Any) -> dict[str, str]:
    return {str(key): str(value)[:TEXT_CAP] for key, value in form.items() if isinstance(value, str)}


def _rows(values: dict[str, str], more: int) -> dict[str, int]:
    rows = {}
    for name in FINDINGS:
        key = provisions_key(name)
        used = max((int(match[2]) for field, value in values.items()
                    if (match := ROW.match(field)) and match[1] == key and value.strip()), default=0)
        rows[key] = min(MAX_PROVISIONS, max(3, used + 1) + more)
    return rows


def page(request: Request, user: str, state: ReviewState, status: int = 200,
         error: RuleViolation | None = None, values: dict[str, str] | None = None, more: int = 0,
         sent: bool = False) -> Response:
    if error is not None and "application/json" in request.headers.get("accept", ""):
        return problem(request, status, error.rule, error.zh, error.en, field=error.field)
    context = {"user": user, "state": state, "error": error, "values": values or {}, "sent": sent,
               "rows": _rows(values or {}, more), "findings": FINDINGS, "outcomes": outcome_choices(),
               "last": findings_in_words(state.last) if state.last else [], "csrf": csrf_token(request),
               "office": None}
    return templates.TemplateResponse(request, "legality_review.html", context, status_code=status)
