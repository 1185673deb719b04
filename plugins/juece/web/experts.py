"""The expert's own pages: their seats, deadlines and digests to sign, and their own opinion.
Another expert's opinion is refused until the panel closes (R-C6)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from juece.domain.expert_review.panel_record import seat_state
from juece.domain.record.entries import all_of, latest
from juece.web.auth import airflow_user
from juece.web.common import problem, store, templates, wants_json
from juece.web.refusals import refuse


def my_seats(entries_of: Any, decisions: list[str], user: str) -> list[dict[str, Any]]:
    """Every seat ``user`` holds or held, newest decision first, with where it stands."""
    found = []
    for decision in decisions:
        entries = entries_of(decision)
        drawn = latest(entries, "panel_drawn")
        if drawn is None:
            continue
        names = [s["seat"] for s in drawn["data"]["seats"]]
        names += [e["data"]["seat"] for e in all_of(entries, "expert_replaced")]
        for name in names:
            state = seat_state(entries, name)
            if state.expert != user:
                continue
            due = next((e["data"]["due_at"] for e in all_of(entries, "opinion_requested")
                        if e["data"]["seat"] == name and e["data"]["expert"] == user), None)
            found.append({"decision": decision, "seat": name, "status": state.status, "digest": state.digest,
                          "due_at": due, "closed": latest(entries, "panel_closed") is not None})
    return found


async def expert(request: Request) -> str:
    """The dependency of the expert's pages: the Airflow user asking (whose seats are shown);
    nobody signed in is refused (401)."""
    user = await airflow_user(request)
    if user is None:
        raise refuse(request, 401, None, "请先登录 Airflow 再打开本页", "log in to Airflow first")
    return user


Expert = Annotated[str, Depends(expert)]
router = APIRouter()


@router.get("/experts/seats", response_class=HTMLResponse)
async def expert_seats(request: Request, user: Expert) -> Response:
    ledger = store(request).ledger
    seats = my_seats(ledger.entries, sorted(ledger.decisions(), reverse=True), user)
    if wants_json(request):
        return JSONResponse({"user": user, "seats": seats})
    return templates.TemplateResponse(request, "experts.html", {"user": user, "seats": seats})


@router.get("/experts/decisions/{decision_id}/seats/{seat}")
async def expert_opinion(request: Request, decision_id: str, seat: str, user: Expert) -> Response:
    entries = store(request).ledger.entries(decision_id)
    state = seat_state(entries, seat)
    if state.expert is None:
        return problem(request, 404, None, "没有这个席位", f"no seat {seat} in decision {decision_id}")
    if state.expert != user and latest(entries, "panel_closed") is None:
        return problem(request, 403, "R-C6", "专家论证结束前，不得查阅其他专家的意见",
                       "before the panel closes, only the seat's own expert may read its opinion")
    opinion = next((e["data"] for e in reversed(all_of(entries, "opinion_submitted"))
                    if e["data"].get("seat") == seat and e["data"].get("expert") == state.expert), None)
    return JSONResponse({"decision": decision_id, "seat": seat, "expert": state.expert,
                         "status": state.status, "opinion": opinion})
