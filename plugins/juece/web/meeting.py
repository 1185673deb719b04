"""The collective deliberation on juece's own pages (R-F2..R-F5), under
`/juece/tasks/decisions/<id>/meeting`: the secretary convenes (attendance ticked by name, the quorum
shown as boxes are ticked, views stated in the room), each member states a view on a page of their
own (`.../meeting/views/<member>`), the head decides (`.../meeting/decision`) with the members'
views and the majority shown and the reason required on departing from it (R-F4). Each answer is
checked by the task's own handler, refusals shown at their field, then sent to the waiting task with
the person's own Airflow token. Only the person the task is for may open its page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.notify.groups import holds_role
from juece.domain.record.errors import RuleViolation
from juece.services.meeting_pages import (
    CONVENING,
    DECIDING,
    MEETING_WORDS,
    OUTCOME_WORDS,
    VIEW_WORDS,
    MeetingState,
    convene_answer,
    decision_answer,
    meeting_state,
    view_answer,
)
from juece.web.auth import request_token
from juece.web.common import problem, templates
from juece.web.hitl_answer import airflow_of, answered, send, signed_in_with, unavailable
from juece.web.refusals import refuse
from juece.web.security import csrf_refusal, csrf_token

PATH = "/tasks/decisions/{decision_id}/meeting"
VIEW_PATH, DECISION_PATH = PATH + "/views/{member}", PATH + "/decision"
TEXT_CAP, MAX_FIELDS = 5_000, 8
router = APIRouter()
Who = tuple[str, MeetingState, Any, Any]  # the signed-in person, the meeting, the spec, the entries


async def _meeting(request: Request, decision_id: str) -> Who:
    """The signed-in person and the meeting: nobody signed in 401, a decision not found 404."""
    return await signed_in_with(request, decision_id, meeting_state)


async def secretary(request: Request, decision_id: str) -> Who:
    """The meeting's secretary (or a member of the secretary's group); anyone else 403."""
    who = await _meeting(request, decision_id)
    if not holds_role(who[1].secretary, who[0]):
        raise refuse(request, 403, "R-F2", "只有本决策指定的会议秘书可以办理会议召开",
                     "only the meeting secretary this decision names may convene its meeting")
    return who


async def member(request: Request, decision_id: str, member: str) -> Who:
    """The member whose page it is, alone: a member the meeting does not have (or the head, who
    decides on the decision's page) 404, anyone else 403."""
    who = await _meeting(request, decision_id)
    seat = who[1].seat(member)
    if seat is None or seat.head:
        raise refuse(request, 404, "R-F3", "本次会议没有这位组成人员的发表意见事项",
                     "the meeting has no view to state for this member")
    if not holds_role(member, who[0]):
        raise refuse(request, 403, "R-F3", "每位组成人员只能在本人的页面发表本人的意见",
                     "each member states their own view on their own page only")
    return who


async def head(request: Request, decision_id: str) -> Who:
    """The head of government the spec names; anyone else 403."""
    who = await _meeting(request, decision_id)
    if not holds_role(who[1].head, who[0]):
        raise refuse(request, 403, "R-F2", "只有行政首长可以作出决定", "only the head of government decides")
    return who


Secretary = Annotated[Who, Depends(secretary)]
Member = Annotated[Who, Depends(member)]
Head = Annotated[Who, Depends(head)]


@router.get(PATH, response_class=HTMLResponse, name="meeting_convene")
async def meeting_convene(request: Request, who: Secretary, sent: str = "") -> Response:
    return page(request, "meeting_convene.html", who, sent=sent == "1")


@router.post(PATH, name="meeting_convene_submit")
async def meeting_convene_submit(request: Request, decision_id: str, who: Secretary) -> Response:
    state, spec, entries = who[1:]

    def build(form: Any) -> dict[str, Any]:
        attendees, stated = read_convening(form, state)
        return convene_answer(spec, entries, who[0], attendees, stated)

    done = str(request.url_for("meeting_convene", decision_id=decision_id)) + "?sent=1"
    return await _submit(request, "meeting_convene.html", who, state.phase == CONVENING, state.convene_tasks,
                         build, done, ("会议召开", "the convening of the meeting"))


@router.get(VIEW_PATH, response_class=HTMLResponse, name="meeting_view")
async def meeting_view(request: Request, member: str, who: Member, sent: str = "") -> Response:
    return page(request, "meeting_view.html", who, sent=sent == "1", member=member)


@router.post(VIEW_PATH, name="meeting_view_submit")
async def meeting_view_submit(request: Request, decision_id: str, member: str, who: Member) -> Response:
    state, spec, entries = who[1:]

    def build(form: Any) -> dict[str, Any]:
        return view_answer(spec, entries, member, _text(form, "view", 20), _text(form, "remarks", TEXT_CAP))

    done = str(request.url_for("meeting_view", decision_id=decision_id, member=member)) + "?sent=1"
    return await _submit(request, "meeting_view.html", who, state.view_waits(member), state.view_tasks(member),
                         build, done, ("组成人员意见", "the member's view"), member=member)


@router.get(DECISION_PATH, response_class=HTMLResponse, name="meeting_decision")
async def meeting_decision(request: Request, who: Head, sent: str = "") -> Response:
    return page(request, "meeting_decision.html", who, sent=sent == "1")


@router.post(DECISION_PATH, name="meeting_decision_submit")
async def meeting_decision_submit(request: Request, decision_id: str, who: Head) -> Response:
    state, spec, entries = who[1:]

    def build(form: Any) -> dict[str, Any]:
        return decision_answer(spec, entries, who[0], _text(form, "outcome", 20), _text(form, "reason", TEXT_CAP))

    done = str(request.url_for("meeting_decision", decision_id=decision_id)) + "?sent=1"
    return await _submit(request, "meeting_decision.html", who, state.phase == DECIDING, state.head_tasks,
                         build, done, ("行政首长决定", "the head's decision"))


async def _submit(request: Request, template: str, who: Who, waits: bool, tasks: list[str],
                  build: Callable[[Any], dict[str, Any]], done: str, what: tuple[str, str], **extra: Any) -> Response:
    """Read the form (bounded), check its token, refuse when nothing waits (409), check the answer
    with the task's handler (422 at its field: nothing sent), then send it as the person."""
    form = await _bounded_form(request, 3 * len(who[1].seats) + MAX_FIELDS)
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    if not waits:
        return problem(request, 409, "R-F2", f"{what[0]}现在不在等待办理，本次提交未发送；请打开决策记录查看",
                       f"{what[1]} is not waiting for an answer now: nothing was sent; see the decision's record")
    try:
        body = build(form)
    except RuleViolation as error:  # refused here as the task would refuse it: nothing is sent
        return page(request, template, who, 422, error, _values(form), **extra)
    try:
        status = await run_in_threadpool(send, airflow_of(request), request_token(request) or "", who[1].dag_id,
                                         tasks, body)
    except AirflowUnavailable:
        return unavailable(request)
    return answered(request, who[1].decision_id, status, "R-F2", what, done)


async def _bounded_form(request: Request, fields: int) -> Any:
    try:
        return await request.form(max_files=0, max_fields=fields, max_part_size=64 * 1024)
    except HTTPException:
        raise refuse(request, 400, None, "表单内容无法读取（字段过多或过大），未办理",
                     "the form could not be read (too many or too large fields): nothing was done") from None


def read_convening(form: Any, state: MeetingState) -> tuple[list[str], list[dict[str, str]]]:
    """Who attends (boxes ticked, by the member's place in the list) and the views stated in the
    room (a view chosen for a member), each within its cap; the handler judges them."""
    attendees = [seat.user for n, seat in enumerate(state.seats, 1) if form.get(f"attend.{n}") == "yes"]
    stated = [{"member": seat.user, "view": view, "remarks": _text(form, f"remarks.{n}", TEXT_CAP)}
              for n, seat in enumerate(state.seats, 1) if (view := _text(form, f"view.{n}", 20))]
    return attendees, stated


def _text(form: Any, name: str, cap: int) -> str:
    return str(form.get(name, ""))[:cap].strip()


def _values(form: Any) -> dict[str, str]:
    return {str(key): str(value)[:TEXT_CAP] for key, value in form.items() if isinstance(value, str)}


def page(request: Request, template: str, who: Who, status: int = 200, error: RuleViolation | None = None,
         values: dict[str, str] | None = None, sent: bool = False, **extra: Any) -> Response:
    if error is not None and "application/json" in request.headers.get("accept", ""):
        return problem(request, status, error.rule, error.zh, error.en, field=error.field)
    context = {"user": who[0], "state": who[1], "error": error, "values": values or {}, "sent": sent,
               "csrf": csrf_token(request), "office": None, "view_words": VIEW_WORDS,
               "outcome_words": OUTCOME_WORDS, "meeting_words": MEETING_WORDS[who[1].meeting_type], **extra}
    return templates.TemplateResponse(request, template, context, status_code=status)
