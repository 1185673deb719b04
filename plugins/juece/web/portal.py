"""The public portal's decision pages and the comment form's post (no account needed, R-B3);
JSON comment posts are answered before these routes, by web/intake.py."""

from __future__ import annotations

from datetime import UTC, datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from juece.adapters.store.adoption import AdoptionReports
from juece.domain.participation.comments import MAX_COMMENT_CHARS
from juece.domain.participation.dispositions import DISPOSITION_LABELS
from juece.domain.record.errors import RecordError
from juece.web.common import problem, store, templates, wants_json
from juece.web.intake import Refusal, accept, client_of, read_body, too_fast
from juece.web.refusals import refuse
from juece.web.views import DecisionView, decision_view, published_decisions

REPORT_PAGE = 200
router = APIRouter()


@router.get("/public/", response_class=HTMLResponse)
def decision_list(request: Request) -> Response:
    now = datetime.now(UTC)
    views = published_decisions(store(request).ledger)
    return templates.TemplateResponse(request, "list.html", {"decisions": views, "now": now})


@router.get("/public/decisions/{decision_id}", response_class=HTMLResponse)
def decision_page(request: Request, decision_id: str) -> Response:
    view = decision_or_404(request, decision_id)
    if view.notice is None:
        return problem(request, 404, "R-B1", "该决策尚未公开征求意见", "this decision is not open for comment yet")
    return templates.TemplateResponse(request, "decision.html",
                                      {"d": view, "open": view.is_open(datetime.now(UTC)),
                                       "max_chars": MAX_COMMENT_CHARS,
                                       "hearing": store(request).ledger.latest(decision_id, "hearing_announced")})


@router.get("/public/decisions/{decision_id}/adoption-report", response_class=HTMLResponse)
def adoption_report(request: Request, decision_id: str, page: int = 1) -> Response:
    """R-B5: how every comment was handled, published; no personal data (R-H6)."""
    view = decision_or_404(request, decision_id)
    if view.report is None:
        return problem(request, 404, "R-B5", "意见采纳情况尚未发布", "the adoption report is not published yet")
    found = adoption_reports(request).page(decision_id, view.report_hash, page, REPORT_PAGE)  # a table, not the ledger
    return templates.TemplateResponse(request, "adoption.html", {
        "d": view, "rows": found.rows, "page": found.page, "pages": found.pages, "labels": DISPOSITION_LABELS})


@router.post("/public/decisions/{decision_id}/comments")
async def submit_comment(request: Request, decision_id: str) -> Response:
    """The form post and its HTML receipt; JSON clients are answered by CommentIntake first."""
    client = client_of(request.scope, request.app.state)
    outcome = too_fast(request.app.state.limiter, client)
    if outcome is None:
        body = await read_body(request.receive, request.headers.get("content-length"))  # never past its limit
        if body is None:
            return Response(status_code=400)  # the client went away: nobody reads this
        outcome = body if isinstance(body, Refusal) else await accept(
            request.app.state, decision_id, request.headers.get("content-type", ""), body, client)
    if isinstance(outcome, Refusal):
        return problem(request, outcome.status, outcome.rule, outcome.zh, outcome.en, headers=outcome.headers,
                       field=outcome.field)
    status = 200 if outcome.duplicate else 201
    if wants_json(request):
        return JSONResponse(outcome.as_dict(), status_code=status)
    return templates.TemplateResponse(request, "receipt.html", {"r": outcome, "decision_id": decision_id},
                                      status_code=status)


def adoption_reports(request: Request) -> AdoptionReports:
    state = request.app.state
    if getattr(state, "reports", None) is None:
        state.reports = AdoptionReports(store(request).ledger)
    return state.reports


def decision_or_404(request: Request, decision_id: str) -> DecisionView:
    """The decision's read model; a decision that does not exist is refused (404)."""
    try:
        return decision_view(store(request).ledger, decision_id)
    except RecordError:
        raise refuse(request, 404, None, "没有这项决策", f"no decision {decision_id}") from None
