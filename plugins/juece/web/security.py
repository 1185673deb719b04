"""What every juece page and answer carries against the browser's own risks, and the office's
protection against forged requests.

Headers (`SecurityHeaders`, outermost on the app): a Content-Security-Policy that allows nothing
but the app's own stylesheet and forms posting back to the app (no script, no inline style, no
asset from another site), and no framing (`frame-ancestors 'none'`, `X-Frame-Options`);
`nosniff`; no referrer sent to other sites; HSTS when the request came over TLS.

CSRF (`csrf_refusal`): an office POST authenticated by Airflow's session cookie must carry a
token that only a page of this app could have put in its form: HMAC-SHA256 of that cookie under
the records DB's secret (double submit, signed). A request with a bearer token is not sent by a
browser on its own and needs none."""

from __future__ import annotations

import hashlib
import hmac
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import FileResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from juece.adapters.store.personal import client_secret
from juece.web.auth import COOKIE
from juece.web.common import problem, store

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
       "frame-ancestors 'none'; base-uri 'none'")
HEADERS = [(b"content-security-policy", CSP.encode()), (b"x-content-type-options", b"nosniff"),
           (b"referrer-policy", b"same-origin"), (b"x-frame-options", b"DENY")]
HSTS = (b"strict-transport-security", b"max-age=31536000; includeSubDomains")
CSRF_FIELD, CSRF_HEADER = "csrf_token", "x-csrf-token"
STYLESHEET = Path(__file__).parent / "static" / "juece.css"
COMMENT_SCRIPT = Path(__file__).parent / "static" / "comment.js"
RISK_SCRIPT = Path(__file__).parent / "static" / "risk.js"
MEETING_SCRIPT = Path(__file__).parent / "static" / "meeting.js"


class SecurityHeaders:
    """Adds the headers to every HTTP response of the app it wraps (HSTS only over TLS)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        extra = HEADERS + ([HSTS] if scope.get("scheme") == "https" else [])

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = {**message, "headers": [*message.get("headers", []),
                                                  *(h for h in extra if h[0] not in present)]}
            await send(message)

        await self.app(scope, receive, with_headers)


def csrf_token(request: Request) -> str:
    """The token a page of this app puts in its forms for the session that asked for it."""
    secret = client_secret(store(request).ledger.engine)
    session = request.cookies.get(COOKIE, "")
    return hmac.new(secret, f"juece-csrf:{session}".encode(), hashlib.sha256).hexdigest()[:40]


async def csrf_refusal(request: Request) -> Response | None:
    """None when the POST may go on; else the 403 that refuses it (nothing is recorded)."""
    if request.headers.get("authorization", "").lower().startswith("bearer "):
        return None
    given = request.headers.get(CSRF_HEADER, "")
    kind = request.headers.get("content-type", "")
    if not given and kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        given = str((await request.form()).get(CSRF_FIELD, ""))
    if given and hmac.compare_digest(given, csrf_token(request)):
        return None
    return problem(request, 403, None, "请求未带本页的校验码（可能来自其他网站），未办理；请重新打开本页再提交",
                   "the request lacks this page's check token (it may come from another site): nothing was "
                   "done; open the page again and resubmit")


router = APIRouter()  # the app's own stylesheet and script, which the CSP allows


@router.get("/public/static/juece.css", name="stylesheet", include_in_schema=False)
def stylesheet() -> Response:
    return FileResponse(STYLESHEET, media_type="text/css", headers={"cache-control": "public, max-age=3600"})


@router.get("/public/static/comment.js", name="comment_script", include_in_schema=False)
def comment_script() -> Response:
    return FileResponse(COMMENT_SCRIPT, media_type="text/javascript",
                        headers={"cache-control": "public, max-age=3600"})


@router.get("/public/static/risk.js", name="risk_script", include_in_schema=False)
def risk_script() -> Response:
    return FileResponse(RISK_SCRIPT, media_type="text/javascript", headers={"cache-control": "public, max-age=3600"})


@router.get("/public/static/meeting.js", name="meeting_script", include_in_schema=False)
def meeting_script() -> Response:
    return FileResponse(MEETING_SCRIPT, media_type="text/javascript",
                        headers={"cache-control": "public, max-age=3600"})


def public_schema_only(app: FastAPI) -> None:
    """The app's OpenAPI schema lists the public portal's routes only: no office, expert or
    archive route is described to the public."""
    for route in app.routes:
        if getattr(route, "include_in_schema", False) and not getattr(route, "path", "").startswith("/public/"):
            route.include_in_schema = False  # type: ignore[attr-defined]
