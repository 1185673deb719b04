"""The risk assessor fills the risk register on juece's own page (R-D1..R-D4,
`/juece/tasks/decisions/<id>/risk`): a table of points (dimension, description, likelihood and
impact 1-5 with the matrix level shown as they are chosen, measure, mitigation accepted), the
departments heard and the response plan; checked by the assessment task's own handler, refusals
shown at their cells, then sent to the waiting task with the person's own Airflow token. Only the
assessor the spec names (or a member of the group it names) may open it."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.notify.groups import holds_role
from juece.domain.record.errors import RuleViolation
from juece.services.risk_register import (
    COLUMNS,
    MAX_POINTS,
    RegisterState,
    dimension_choices,
    register_answer,
)
from juece.services.risk_register import register_state as state_of
from juece.web.auth import request_token
from juece.web.common import problem, templates
from juece.web.hitl_answer import airflow_of, answered, send, signed_in_with, unavailable
from juece.web.refusals import refuse
from juece.web.security import csrf_refusal, csrf_token

PATH = "/tasks/decisions/{decision_id}/risk"
TEXT_CAP, PLAN_CAP = 2_000, 20_000
router = APIRouter()


async def assessor(request: Request, decision_id: str) -> tuple[str, RegisterState, Any, Any]:
    """The signed-in assessor and the register: nobody signed in 401, a decision not found 404,
    anyone but the assessor (or a member of the assessor's group) 403."""
    user, state, spec, entries = await signed_in_with(request, decision_id, state_of)
    if not holds_role(state.assessor, user):
        raise refuse(request, 403, "R-D1", "只有本决策指定的风险评估人可以填写风险评估",
                     "only the risk assessor this decision names may fill in its risk assessment")
    return user, state, spec, entries


Assessor = Annotated[tuple[str, RegisterState, Any, Any], Depends(assessor)]


@router.get(PATH, response_class=HTMLResponse, name="risk_register")
async def risk_register(request: Request, who: Assessor, sent: str = "") -> Response:
    """The register; just after it was sent (``sent``), a notice that it is being recorded instead of
    the form, until the record shows the round."""
    return page(request, who[0], who[1], sent=sent == "1")


@router.post(PATH, name="risk_register_submit")
async def risk_register_submit(request: Request, decision_id: str, who: Assessor) -> Response:
    user, state, spec, entries = who
    form = await _bounded_form(request)
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    if not state.waiting:
        return page(request, user, state, status=409)
    if form.get("action") == "more":  # more empty rows, what was typed kept; nothing checked or sent
        return page(request, user, state, values=_values(form), more=3)
    points, departments, plan = read_register(form)
    try:
        body = register_answer(spec, entries, user, points, departments, plan)
    except RuleViolation as error:  # refused here as the task would refuse it: nothing is sent
        return page(request, user, state, 422, error, _values(form))
    try:
        status = await run_in_threadpool(send, airflow_of(request), request_token(request) or "", state.dag_id,
                                         state.task_ids, body)
    except AirflowUnavailable:
        return unavailable(request)
    done = str(request.url_for("risk_register", decision_id=decision_id)) + "?sent=1"
    return answered(request, decision_id, status, "R-D2", ("风险评估", "the risk assessment"), done)


async def _bounded_form(request: Request) -> Any:
    try:
        return await request.form(max_files=0, max_fields=MAX_POINTS * len(COLUMNS) + 8, max_part_size=64 * 1024)
    except HTTPException:
        raise refuse(request, 400, None, "表单内容无法读取（字段过多或过大），未办理",
                     "the form could not be read (too many or too large fields): nothing was done") from None


def read_register(form: Any) -> tuple[list[dict[str, Any]], list[str], str]:
    """The points typed (rows left empty skipped), the departments (one a line) and the plan, each
    within its cap; scores that are not whole numbers are passed on for the handler to refuse."""
    points = []
    for number in range(1, MAX_POINTS + 1):
        cells = {name: str(form.get(f"risk_points.{number}.{name}", ""))[:TEXT_CAP].strip() for name in COLUMNS}
        if not any(cells[name] for name in ("description", "measure", "likelihood", "impact")):
            continue
        points.append({"dimension": cells["dimension"], "description": cells["description"],
                       "likelihood": _score(cells["likelihood"]), "impact": _score(cells["impact"]),
                       "measure": cells["measure"], "mitigation_accepted": cells["accepted"] == "yes"})
    lines = str(form.get("departments_heard", ""))[:TEXT_CAP].splitlines()
    return points, [line.strip() for line in lines if line.strip()], str(form.get("response_plan", ""))[:PLAN_CAP]


def _score(text: str) -> int | str:
    return int(text) if text.isascii() and text.isdigit() and len(text) < 3 else text


def _values(form: Any) -> dict[str, str]:
    return {str(key): str(value)[:PLAN_CAP] for key, value in form.items() if isinstance(value, str)}


def page(request: Request, user: str, state: RegisterState, status: int = 200,
         error: RuleViolation | None = None, values: dict[str, str] | None = None, more: int = 0,
         sent: bool = False) -> Response:
    if error is not None and "application/json" in request.headers.get("accept", ""):
        return problem(request, status, error.rule, error.zh, error.en, field=error.field)
    used = max((int(key.split(".")[1]) for key, value in (values or {}).items()
                if key.startswith("risk_points.") and key.split(".")[1].isdigit() and value
                and not key.endswith((".dimension", ".accepted"))), default=0)
    rows = min(MAX_POINTS, max(3, used + 1) + more)
    context = {"user": user, "state": state, "error": error, "values": values or {}, "rows": rows, "sent": sent,
               "dimensions": dimension_choices(), "csrf": csrf_token(request), "office": None}
    return templates.TemplateResponse(request, "risk_register.html", context, status_code=status)
