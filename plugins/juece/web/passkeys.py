"""Experts sign in the browser (R-C1): an expert of the library registers a passkey once
(`/juece/experts/passkeys`), then signs a submitted opinion on its seat's page
(`/juece/experts/decisions/<id>/seats/<seat>/sign`): the authenticator signs the opinion's
digest, the assertion is checked here as the signature task will check it, and sent to that
task with the expert's own Airflow token. No private key is ever on the server.

The pages post plain forms (the CSP allows no script to fetch): passkey.js fills a hidden field
with what the authenticator gave, base64url, and submits the form with its CSRF token."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.store.experts import ExpertLibrary
from juece.adapters.store.ledger import utc_now
from juece.adapters.store.passkeys import PasskeyStore
from juece.adapters.store.personal import client_secret
from juece.domain.expert_review.panel_record import reserve_names, seat_state
from juece.domain.expert_review.seat_answers import Seat
from juece.domain.record.entries import all_of
from juece.domain.record.errors import RecordError, RuleViolation
from juece.services import passkeys as service
from juece.services.record import open_record
from juece.web.auth import request_token
from juece.web.common import problem, store, templates, wants_json
from juece.web.experts import Expert
from juece.web.hitl_answer import airflow_of, answered, send, unavailable
from juece.web.refusals import refuse
from juece.web.security import csrf_refusal, csrf_token

SCRIPT = Path(__file__).parent / "static" / "passkey.js"
SIGN_PATH = "/experts/decisions/{decision_id}/seats/{seat}/sign"
router = APIRouter()


def party(request: Request) -> service.Party:
    """The relying party is the site the page was served from: its host and origin."""
    return service.Party(request.url.hostname or "localhost", f"{request.url.scheme}://{request.url.netloc}")


def passkeys_of(request: Request) -> PasskeyStore:
    return PasskeyStore(store(request).ledger.engine)


async def _form(request: Request) -> Any:
    try:
        return await request.form(max_files=0, max_fields=8, max_part_size=32 * 1024)
    except HTTPException:
        raise refuse(request, 400, None, "表单内容无法读取（字段过多或过大），未办理",
                     "the form could not be read (too many or too large fields): nothing was done") from None


@router.get("/public/static/passkey.js", name="passkey_script", include_in_schema=False)
def passkey_script() -> Response:
    return FileResponse(SCRIPT, media_type="text/javascript", headers={"cache-control": "public, max-age=3600"})


@router.get("/experts/passkeys", response_class=HTMLResponse, name="expert_passkeys")
async def expert_passkeys(request: Request, user: Expert, registered: str = "") -> Response:
    name = await run_in_threadpool(_library_name, request, user)
    return await run_in_threadpool(_passkeys_page, request, user, name, registered == "1", None)


@router.post("/experts/passkeys", name="expert_passkeys_register")
async def expert_passkeys_register(request: Request, user: Expert) -> Response:
    name = await run_in_threadpool(_library_name, request, user)
    form = await _form(request)
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    issued = str(form.get("issued", ""))
    if not issued.isdigit() or not 0 <= time.time() - int(issued) <= service.CHALLENGE_SECONDS:
        error = RuleViolation("R-C1", "登记页面已过期，请重新登记", "the page has expired: register again", field="webauthn")
        return await run_in_threadpool(_passkeys_page, request, user, name, False, error)
    challenge = service.registration_challenge(client_secret(store(request).ledger.engine), user, int(issued))
    try:
        passkey = await run_in_threadpool(service.register, passkeys_of(request), party(request), user,
                                          str(form.get("credential", "")), challenge, utc_now())
    except RuleViolation as error:
        return await run_in_threadpool(_passkeys_page, request, user, name, False, error)
    if wants_json(request):
        return JSONResponse({"registered": passkey.credential_id, "user": user}, status_code=201)
    return RedirectResponse(str(request.url_for("expert_passkeys")) + "?registered=1", status_code=303)


def _library_name(request: Request, user: str) -> str:
    """The expert's name in the library; anyone not in it (or removed from it) is refused (R-C4)."""
    found = ExpertLibrary(store(request).ledger.engine).get(user)
    if found is None or found.removed:
        raise refuse(request, 403, "R-C4", "只有专家库中的专家可以登记签名用的通行密钥",
                     "only an expert of the library may register a passkey for signing")
    return found.name


def _passkeys_page(request: Request, user: str, name: str, registered: bool, error: RuleViolation | None) -> Response:
    if error is not None and wants_json(request):
        return problem(request, 422, error.rule, error.zh, error.en, field=error.field)
    known = passkeys_of(request).of_user(user)
    issued = int(time.time())
    challenge = service.registration_challenge(client_secret(store(request).ledger.engine), user, issued)
    context = {"user": user, "name": name, "passkeys": known, "registered": registered, "error": error,
               "issued": issued, "csrf": csrf_token(request),
               "options": service.creation_options(party(request), user, name, challenge, known)}
    return templates.TemplateResponse(request, "passkeys.html", context, status_code=422 if error else 200)


@router.get(SIGN_PATH, response_class=HTMLResponse, name="seat_sign")
async def seat_sign(request: Request, decision_id: str, seat: str, user: Expert, sent: str = "") -> Response:
    found = await run_in_threadpool(_seat, request, decision_id, seat, user)
    return await run_in_threadpool(_sign_page, request, found, sent == "1", None)


@router.post(SIGN_PATH, name="seat_sign_submit")
async def seat_sign_submit(request: Request, decision_id: str, seat: str, user: Expert) -> Response:
    found = await run_in_threadpool(_seat, request, decision_id, seat, user)
    form = await _form(request)
    if (refused := await csrf_refusal(request)) is not None:
        return refused
    if found["state"].status != "submitted":
        return problem(request, 409, "R-C1", "本席位没有待签名的意见", "this seat has no opinion waiting for a signature")
    try:
        body = service.sign_answer(found["seat"], found["state"].digest or "", found["passkeys"],
                                   str(form.get("assertion", "")))
    except RuleViolation as error:  # refused here as the task would refuse it: nothing is sent
        return await run_in_threadpool(_sign_page, request, found, False, error)
    try:
        status = await run_in_threadpool(send, airflow_of(request), request_token(request) or "",
                                         found["dag_id"], [f"expert_review.sign_{seat}"], body)
    except AirflowUnavailable:
        return unavailable(request)
    done = str(request.url_for("seat_sign", decision_id=decision_id, seat=seat)) + "?sent=1"
    return answered(request, decision_id, status, "R-C1", ("意见签名", "the opinion's signature"), done)


def _seat(request: Request, decision_id: str, seat: str, user: str) -> dict[str, Any]:
    """The seat, its opinion and the expert's passkeys: a decision or seat not found 404, anyone
    but the seat's expert 403 (R-C1: only the author signs)."""
    try:
        record = open_record(decision_id, store(request).ledger)
    except RecordError:
        raise refuse(request, 404, None, "没有这项决策", "no such decision") from None
    state = seat_state(record.entries, seat)
    if state.expert is None:
        raise refuse(request, 404, None, "没有这个席位", f"no seat {seat} in decision {decision_id}")
    if state.expert != user:
        raise refuse(request, 403, "R-C1", "只能由意见作者本人签名", "only the seat's own expert may sign its opinion")
    review = record.spec.stages.expert_review
    reserves = reserve_names(review.reserve_seats)
    opinion = next((e["data"] for e in reversed(all_of(record.entries, "opinion_submitted"))
                    if e["data"].get("seat") == seat and e["data"].get("expert") == user), None)
    return {"decision_id": decision_id, "title": record.spec.title, "dag_id": record.spec.dag_id, "state": state,
            "seat": Seat(decision_id, seat, user, reserves, review.quorum), "opinion": opinion,
            "passkeys": passkeys_of(request).of_user(user)}


def _sign_page(request: Request, found: dict[str, Any], sent: bool, error: RuleViolation | None) -> Response:
    if error is not None and wants_json(request):
        return problem(request, 422, error.rule, error.zh, error.en, field=error.field)
    state = found["state"]
    options = service.request_options(party(request), state.digest, found["passkeys"]) if state.digest else None
    context = {**found, "user": found["seat"].expert, "sent": sent, "error": error, "csrf": csrf_token(request),
               "options": options}
    return templates.TemplateResponse(request, "seat_sign.html", context, status_code=422 if error else 200)
