"""What the public reads without an account besides the draft and its comment form: a decision's
hearing as it was announced (R-B6), a comment looked up by its receipt (R-B4, R-B5: its handling
once the adoption report is published), and the public editions of archived decisions, searched and
downloaded (R-H6: no personal data in them)."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool

from juece.adapters.store.search import search
from juece.domain.archive.number import parse_archive_number
from juece.domain.participation.dispositions import DISPOSITION_LABELS
from juece.domain.participation.signup import (
    MAX_CONTACT_CHARS,
    MAX_NAME_CHARS,
    MAX_STATEMENT_CHARS,
    SignupClosed,
    open_signup,
)
from juece.domain.record.entries import Entry
from juece.domain.record.errors import RecordError
from juece.domain.record.kinds import Kind
from juece.services import archives
from juece.web.archive_words import choices
from juece.web.archives import pdf_answer, query_of
from juece.web.common import problem, store, templates
from juece.web.hearing_signup import selection
from juece.web.intake import client_of
from juece.web.limits import RateLimiter
from juece.web.portal import adoption_reports, decision_or_404

RECEIPT = re.compile(r"C-\d{6,9}")
router = APIRouter()


@router.get("/public/decisions/{decision_id}/hearing", response_class=HTMLResponse, name="hearing_page")
def hearing_page(request: Request, decision_id: str) -> Response:
    """The hearing as the office announced it: time, place, how participants were chosen, the sides
    and the participants (name and side, as the rules publish them), the materials' last day; then
    when the materials went out and whether it was held."""
    view = decision_or_404(request, decision_id)  # a decision that does not exist: 404
    ledger = store(request).ledger
    announced = ledger.latest(decision_id, "hearing_announced")
    if announced is None:
        return problem(request, 404, "R-B6", "本决策尚未公告听证会", "no hearing has been announced for this decision")
    drawn = ledger.latest(decision_id, Kind.HEARING_SEATS_DRAWN)
    context = {"d": view, "h": announced["data"], "announced_at": announced["at"],
               "materials": ledger.latest(decision_id, "hearing_materials_issued"),
               "held": ledger.latest(decision_id, "hearing_held"), "drawn": drawn,
               "seats": selection(request, decision_id, drawn), "signup_open": _signup_open(announced, drawn),
               "limits": {"name": MAX_NAME_CHARS, "contact": MAX_CONTACT_CHARS, "statement": MAX_STATEMENT_CHARS}}
    return templates.TemplateResponse(request, "hearing.html", context)


def _signup_open(announced: Entry, drawn: Entry | None) -> bool:
    try:
        open_signup(announced, drawn, datetime.now(UTC))
    except SignupClosed:
        return False
    return True


@router.get("/public/decisions/{decision_id}/receipt", response_class=HTMLResponse, name="receipt_lookup")
def receipt_lookup(request: Request, decision_id: str, number: str = "") -> Response:
    """A comment by its receipt number: received; once the adoption report is published, how it was
    handled and why. Nothing of a comment is shown before the report publishes it."""
    view = decision_or_404(request, decision_id)
    receipt = number.strip().upper()[:20]
    if not RECEIPT.fullmatch(receipt):
        return problem(request, 400, None, "回执号格式应为 C- 加六位数字，例如 C-000012",
                       "a receipt number is C- and six digits, such as C-000012", field="number")
    found = adoption_reports(request).lookup(decision_id, view.report_hash if view.report else None, receipt)
    if found is None:
        return problem(request, 404, None, f"本决策没有回执号为 {receipt} 的意见",
                       f"this decision has no comment with receipt {receipt}", field="number")
    return templates.TemplateResponse(request, "receipt_status.html", {
        "d": view, "c": found, "labels": DISPOSITION_LABELS, "reported": view.report is not None})


@router.get("/public/archives", response_class=HTMLResponse, name="public_archives")
async def public_archives(request: Request) -> Response:
    """The public editions of archived decisions, searched as archivists search them (the index
    holds public text only), without an account."""
    context: dict[str, Any] = choices() | {"params": request.query_params, "results": None, "error": None,
                                           "public": True, "user": None, "archivist": False, "refused": []}
    try:
        context["results"] = await run_in_threadpool(search, query_of(request.query_params))
    except RecordError as error:
        context["error"] = str(error)
    return templates.TemplateResponse(request, "archives.html", context, status_code=400 if context["error"] else 200)


@router.get("/public/archives/{archive_no}/public.pdf", name="public_archive_file")
async def public_archive_file(request: Request, archive_no: str) -> Response:
    """The newest public edition's PDF, checked against its catalogued hash; at most the portal's
    rate a minute for each address."""
    allowed, wait = _downloads(request).allow(client_of(request.scope, request.app.state))
    if not allowed:
        seconds = str(max(1, round(wait)))
        return problem(request, 429, None, f"下载过于频繁，请{seconds}秒后再试",
                       f"too many downloads from your address: try again in {seconds} s", {"Retry-After": seconds})
    try:
        parse_archive_number(archive_no)
    except RecordError as error:
        zh, _, en = str(error).partition(" / ")
        return problem(request, 400, None, zh, en or zh, field="archive_no")
    try:
        issued = await run_in_threadpool(archives.public_copy, archive_no, store(request).ledger)
    except RecordError as error:
        zh, _, en = str(error).partition(" / ")
        return problem(request, 404, None, zh, en or zh)
    return pdf_answer(issued)


def _downloads(request: Request) -> RateLimiter:
    state = request.app.state
    if getattr(state, "downloads", None) is None:
        state.downloads = RateLimiter()
    limiter: RateLimiter = state.downloads
    return limiter
