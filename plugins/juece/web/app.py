"""The juece FastAPI app: public portal pages and the comment API (no account needed, R-B3)."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from juece.domain.comments import MAX_COMMENT_CHARS, clean_text
from juece.domain.dispositions import DISPOSITION_LABELS
from juece.domain.errors import RecordError, RuleViolation
from juece.office import compile_comments
from juece.web.common import committer, problem, store, templates, wants_json
from juece.web.limits import RateLimiter
from juece.web.office import office_routes
from juece.web.views import DecisionView, decision_view, published_decisions

MAX_BODY_BYTES = 64 * 1024
REPORT_PAGE = 200


def create_app(office: bool = True) -> FastAPI:
    """The portal; ``office=False`` gives the public part alone, for a public-facing process
    of its own (`juece portal`), apart from Airflow's API server."""
    app = FastAPI(title="juece 决策", docs_url="/api/docs", openapi_url="/api/openapi.json")
    app.state.limiter = RateLimiter()
    app.state.store = None
    _public_routes(app)
    if office:
        office_routes(app)
    return app


def public_server() -> FastAPI:
    """`juece portal`: the public part alone, at the same addresses as under Airflow."""
    outer = FastAPI(docs_url=None, redoc_url=None, openapi_url=None)
    outer.mount("/juece", create_app(office=False))
    return outer


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
        frame = compile_comments(store(request).ledger, decision_id)
        pages = max(1, -(-len(frame) // REPORT_PAGE))
        page = min(max(page, 1), pages)
        rows = frame.iloc[(page - 1) * REPORT_PAGE: page * REPORT_PAGE].to_dict("records")
        return templates.TemplateResponse(request, "adoption.html", {
            "d": view, "rows": rows, "page": page, "pages": pages, "labels": DISPOSITION_LABELS})

    @app.post("/public/decisions/{decision_id}/comments")
    async def submit_comment(request: Request, decision_id: str) -> Response:
        client = request.client.host if request.client else "unknown"
        allowed, wait = request.app.state.limiter.allow(client)
        if not allowed:
            seconds = max(1, round(wait))
            return problem(request, 429, None, f"提交过于频繁，请{seconds}秒后再试",
                           f"too many comments from your address: try again in {seconds} s",
                           headers={"Retry-After": str(seconds)})
        body = await request.body()
        if len(body) > MAX_BODY_BYTES:
            return _too_long(request)
        form = _parse(request, body)
        if form is None:
            return problem(request, 400, None, "无法读取提交的内容", "the request body is not a form or JSON object")
        return await _accept(request, decision_id, form, client)


def _view(request: Request, decision_id: str) -> DecisionView | Response:
    try:
        return decision_view(store(request).ledger, decision_id)
    except RecordError:
        return problem(request, 404, None, "没有这项决策", f"no decision {decision_id}")


def _parse(request: Request, body: bytes) -> dict[str, Any] | None:
    try:
        if "application/json" in request.headers.get("content-type", ""):
            data = json.loads(body.decode("utf-8"))
            return data if isinstance(data, dict) else None
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        return {name: values[-1] for name, values in fields.items()}
    except (UnicodeDecodeError, ValueError):
        return None


def _too_long(request: Request) -> Response:
    return problem(request, 413, "R-B3", f"意见不得超过{MAX_COMMENT_CHARS}字，未保存，请删减后重新提交",
                   f"a comment may have at most {MAX_COMMENT_CHARS} characters: nothing was stored, "
                   "please shorten it and submit again")


async def _accept(request: Request, decision_id: str, form: dict[str, Any], client: str) -> Response:
    text = str(form.get("text") or "")
    if len(clean_text(text).strip()) > MAX_COMMENT_CHARS:
        return _too_long(request)
    try:
        paragraph = int(form["paragraph"]) if str(form.get("paragraph") or "").strip() else None
    except (TypeError, ValueError):
        return problem(request, 422, None, "段落编号应为数字", "paragraph must be a number")
    try:
        submission = store(request).prepare(  # cheap once the notice is cached: no thread hop
            decision_id, text, datetime.now(UTC), paragraph=paragraph, name=_opt(form, "name"),
            contact=_opt(form, "contact"), channel="portal", client=client)
        receipt = await committer(request).submit(submission)
    except RuleViolation as violation:
        return problem(request, 422, violation.rule, violation.zh, violation.en)
    except RecordError:
        return problem(request, 404, None, "没有这项决策", f"no decision {decision_id}")
    status = 200 if receipt.duplicate else 201
    if wants_json(request):
        return JSONResponse(receipt.as_dict(), status_code=status)
    return templates.TemplateResponse(request, "receipt.html", {"r": receipt, "decision_id": decision_id},
                                      status_code=status)


def _opt(form: dict[str, Any], name: str) -> str | None:
    value = form.get(name)
    return str(value) if value not in (None, "") else None


app = create_app()
