"""Public sign-up for a hearing on its public page (公开报名, R-B6): no account; a form post (or
JSON) bounded like a comment's, limited per client like comments, recorded with a receipt the
person keeps; the name and contact kept beside the ledger and never shown (R-H6). The hearing page
(web/public_pages.py) shows the form while sign-up is open and, once the seats are filled, who
was chosen and how."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from juece.adapters.store.rate_window import TooFast
from juece.adapters.store.signups import SignupReceipt, SignupStore
from juece.domain.participation.signup import SignupClosed
from juece.domain.record.entries import Entry
from juece.domain.record.errors import RecordError, RuleViolation
from juece.web.common import problem, store, templates, wants_json
from juece.web.intake import (
    FORM_TYPE,
    JSON_TYPE,
    Refusal,
    client_of,
    media_type,
    parse_form,
    read_body,
)
from juece.web.limits import RateLimiter

MAX_SIGNUP_BYTES = 16 * 1024
router = APIRouter()


@router.post("/public/decisions/{decision_id}/hearing/signups", name="hearing_signup")
async def hearing_signup(request: Request, decision_id: str) -> Response:
    """One sign-up: checked whole before anything is written, then its receipt (201; 200 when the
    same name and contact signed up before: their first receipt)."""
    client = client_of(request.scope, request.app.state)
    allowed, wait = signup_limiter(request).allow(client)
    if not allowed:
        return _too_fast(request, wait)
    form = await _form(request)
    if isinstance(form, Refusal):
        return problem(request, form.status, "R-B6", form.zh, form.en, headers=form.headers)
    try:
        receipt = await run_in_threadpool(signup_store(request).submit, decision_id, form, datetime.now(UTC), client)
    except SignupClosed as closed:
        return problem(request, closed.status, closed.rule, closed.zh, closed.en)
    except RuleViolation as refused:
        return problem(request, 422, refused.rule, refused.zh, refused.en, field=refused.field)
    except TooFast as limited:
        return _too_fast(request, limited.retry_after)
    except RecordError:
        return problem(request, 404, None, "没有这项决策", f"no decision {decision_id}")
    return _receipt(request, decision_id, receipt)


async def _form(request: Request) -> dict[str, Any] | Refusal:
    """The body as a form or a JSON object, never read past MAX_SIGNUP_BYTES."""
    body = await read_body(request.receive, request.headers.get("content-length"), MAX_SIGNUP_BYTES)
    if body is None:
        return Refusal(400, None, "提交未完成", "the request ended before its body")
    if isinstance(body, Refusal):
        if body.status != 413:
            return body
        return Refusal(413, None, f"报名内容过长（超过{MAX_SIGNUP_BYTES // 1024} KB），报名未保存",
                       f"the sign-up is longer than {MAX_SIGNUP_BYTES // 1024} KB: nothing was stored",
                       {"Connection": "close"})
    kind = media_type(request.headers.get("content-type", ""))
    if kind not in (FORM_TYPE, JSON_TYPE):
        return Refusal(415, None, "请以表单或 JSON 提交报名，不接受文件上传",
                       "send the sign-up as a form or as JSON: other types and file uploads are not taken")
    parsed = parse_form(kind, body)
    if parsed is None:
        return Refusal(400, None, "无法读取提交的内容（应为表单或 JSON 对象，UTF-8 编码）",
                       "the request body is not a form or a JSON object in UTF-8")
    return parsed


def _too_fast(request: Request, wait: float) -> Response:
    seconds = str(max(1, round(wait)))
    return problem(request, 429, "R-B6", f"报名提交过于频繁，请{seconds}秒后再试",
                   f"too many sign-ups from your address: try again in {seconds} s", {"Retry-After": seconds})


def _receipt(request: Request, decision_id: str, receipt: SignupReceipt) -> Response:
    status = 200 if receipt.duplicate else 201
    if wants_json(request):
        return JSONResponse(receipt.as_dict(), status_code=status)
    return templates.TemplateResponse(request, "signup_receipt.html", {"r": receipt, "decision_id": decision_id},
                                      status_code=status)


def selection(request: Request, decision_id: str, drawn: Entry | None) -> list[dict[str, str]]:
    """The public seats as the hearing page lists them: receipt, name and side (never a contact)."""
    if drawn is None:
        return []
    chosen = [seat for seat in drawn["data"].get("selected", []) if isinstance(seat, dict)]
    names = signup_store(request).names(decision_id, [str(seat.get("receipt")) for seat in chosen])
    return [{"receipt": str(seat.get("receipt")), "name": names.get(str(seat.get("receipt")), ""),
             "side": str(seat.get("side", ""))} for seat in chosen]


def signup_store(request: Request) -> SignupStore:
    state = request.app.state
    if getattr(state, "signups", None) is None:
        state.signups = SignupStore(store(request).ledger)
    found: SignupStore = state.signups
    return found


def signup_limiter(request: Request) -> RateLimiter:
    state = request.app.state
    if getattr(state, "signup_limiter", None) is None:
        state.signup_limiter = RateLimiter()
    limiter: RateLimiter = state.signup_limiter
    return limiter
