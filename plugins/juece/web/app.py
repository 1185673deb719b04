"""The juece FastAPI app: public portal pages and the comment API (no account needed, R-B3)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from fastapi import FastAPI, Request
from fastapi.responses import (
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.types import ASGIApp, Receive, Scope, Send

from juece.adapters.store.adoption import AdoptionReports
from juece.domain.participation.comments import MAX_COMMENT_CHARS
from juece.domain.participation.dispositions import DISPOSITION_LABELS
from juece.domain.record.errors import RecordError
from juece.web.announcements import announcement_routes
from juece.web.archives import archive_routes
from juece.web.bounds import BodyLimit
from juece.web.common import problem, store, templates, wants_json
from juece.web.experts import expert_routes
from juece.web.intake import CommentIntake, Refusal, accept, client_of, read_body, too_fast
from juece.web.limits import RateLimiter, proxies_from_environment
from juece.web.office import office_routes
from juece.web.security import SecurityHeaders, asset_routes, public_schema_only
from juece.web.views import DecisionView, decision_view, published_decisions

REPORT_PAGE = 200


def create_app(office: bool = True) -> FastAPI:
    """The portal; ``office=False`` gives the public part alone, for a public-facing process
    of its own (`juece portal`), apart from Airflow's API server."""
    # no Swagger or ReDoc pages: they load scripts from a CDN; the schema lists public routes only
    app = FastAPI(title="juece 决策", docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.limiter = RateLimiter()
    app.state.trusted_proxies = proxies_from_environment()  # a bad JUECE_TRUSTED_PROXIES fails here, at start
    app.state.store = None
    app.add_middleware(CommentIntake)  # the JSON comment POST, without FastAPI's request machinery
    app.add_middleware(BodyLimit)  # around the routes: none reads a body past its limit
    app.add_middleware(SecurityHeaders)  # around everything: every answer carries the headers
    _public_routes(app)
    asset_routes(app)
    announcement_routes(app)
    if office:
        office_routes(app)
        expert_routes(app)
        archive_routes(app)
    public_schema_only(app)
    return app


def public_server() -> ASGIApp:
    """`juece portal`: the public part alone, at the same addresses as under Airflow; the JSON
    comment POST is answered before the FastAPI app is entered at all, and comments are committed
    by a writer process of its own (``JUECE_PORTAL_WRITER=thread``: a thread, as under Airflow)."""
    public = create_app(office=False)
    public.state.writer_process = os.environ.get("JUECE_PORTAL_WRITER", "process") != "thread"
    return Prefixed("/juece", SecurityHeaders(CommentIntake(public, state=public.state)))


class Prefixed:
    """An app served under a path prefix, as Starlette's Mount does, without a router around it."""

    def __init__(self, prefix: str, app: ASGIApp) -> None:
        self.prefix, self.app = prefix, app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            path = scope["path"]
            if scope["type"] == "http" and path in ("/", self.prefix, self.prefix + "/"):  # the bare address leads to the portal's list
                root = scope.get("root_path", "") + self.prefix
                await RedirectResponse(f"{root}/public/", status_code=302)(scope, receive, send)
                return
            if not path.startswith(self.prefix + "/"):
                await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
                return
            scope = {**scope, "root_path": scope.get("root_path", "") + self.prefix}
        await self.app(scope, receive, send)


def _public_routes(app: FastAPI) -> None:
    @app.get("/public/", response_class=HTMLResponse)
    def decision_list(request: Request) -> Response:
        now = datetime.now(UTC)
        views = published_decisions(store(request).ledger)
        return templates.TemplateResponse(request, "list.html", {"decisions": views, "now": now})

    @app.get("/public/decisions/{decision_id}", response_class=HTMLResponse)
    def decision_page(request: Request, decision_id: str) -> Response:
        view = _view(request, decision_id)
        if isinstance(view, Response):
            return view
        if view.notice is None:
            return problem(request, 404, "R-B1", "该决策尚未公开征求意见", "this decision is not open for comment yet")
        return templates.TemplateResponse(request, "decision.html",
                                          {"d": view, "open": view.is_open(datetime.now(UTC)),
                                           "max_chars": MAX_COMMENT_CHARS})

    @app.get("/public/decisions/{decision_id}/adoption-report", response_class=HTMLResponse)
    def adoption_report(request: Request, decision_id: str, page: int = 1) -> Response:
        """R-B5: how every comment was handled, published; no personal data (R-H6)."""
        view = _view(request, decision_id)
        if isinstance(view, Response):
            return view
        if view.report is None:
            return problem(request, 404, "R-B5", "意见采纳情况尚未发布", "the adoption report is not published yet")
        found = _reports(request).page(decision_id, view.report_hash, page, REPORT_PAGE)  # a table, not the ledger
        return templates.TemplateResponse(request, "adoption.html", {
            "d": view, "rows": found.rows, "page": found.page, "pages": found.pages, "labels": DISPOSITION_LABELS})

    @app.post("/public/decisions/{decision_id}/comments")
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


def _reports(request: Request) -> AdoptionReports:
    state = request.app.state
    if getattr(state, "reports", None) is None:
        state.reports = AdoptionReports(store(request).ledger)
    return state.reports


def _view(request: Request, decision_id: str) -> DecisionView | Response:
    try:
        return decision_view(store(request).ledger, decision_id)
    except RecordError:
        return problem(request, 404, None, "没有这项决策", f"no decision {decision_id}")


app = create_app()
