"""No request body is read past its route's limit: a declared length over it is answered 413
before a byte is read, and a body that grows past it (chunked, or a false Content-Length) is
cut off there and answered 413, the connection closed. The comment POST reads its own body with
the same rule (intake.read_body); every other route passes through :class:`BodyLimit`."""

from __future__ import annotations

import re
from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from juece.services.docx_import import MAX_DOCX_BYTES
from juece.web.common import wants_json
from juece.web.intake import _comment_post
from juece.web.office import MAX_CSV_BYTES

DEFAULT_BODY_BYTES = 1024 * 1024
CSV_UPLOAD = re.compile(r"/office/decisions/[^/]+/comments\.csv")
LAUNCH_FORM = re.compile(r"/office/new/[^/]+")  # its fields, and a .docx to import the draft from
MULTIPART_SLACK = 64 * 1024  # a multipart upload's boundaries and part headers around the file


def body_limit(path: str) -> int:
    """The most a route reads of a request body, in bytes (``path`` without the root path)."""
    if CSV_UPLOAD.fullmatch(path):
        return MAX_CSV_BYTES + MULTIPART_SLACK
    if LAUNCH_FORM.fullmatch(path):
        return MAX_DOCX_BYTES + DEFAULT_BODY_BYTES + MULTIPART_SLACK
    return DEFAULT_BODY_BYTES


class BodyLimit:
    """ASGI middleware: every request body bounded by :func:`body_limit`."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or _comment_post(scope):  # the comment POST bounds its own body
            await self.app(scope, receive, send)
            return
        path, root = scope["path"], scope.get("root_path", "")
        limit = body_limit(path[len(root):] if root and path.startswith(root + "/") else path)
        declared = next((value for name, value in scope["headers"] if name == b"content-length"), None)
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(scope, receive, send, limit, 413 if declared.isdigit() else 400)
            return
        received, tripped, started = 0, False, False

        async def capped() -> Message:
            nonlocal received, tripped
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:  # the app is told the client went away; it is answered here
                    tripped = True
                    return {"type": "http.disconnect"}
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if tripped and not started:
                return  # the app's answer to a body it never got whole: ours goes instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, capped, watched)
        except Exception:
            if not tripped:
                raise  # the app's own failure, not a body cut short
        if tripped and not started:
            await _refuse(scope, receive, send, limit, 413)


async def _refuse(scope: Scope, receive: Receive, send: Send, limit: int, status: int) -> None:
    if status == 413:
        zh, en = (f"提交的内容过大（上限{limit // 1024} KB），未读取，未保存",
                  f"the request body is over {limit // 1024} KB: it was not read and nothing was stored")
    else:
        zh, en = "请求的 Content-Length 无效", "the request's Content-Length is not a number"
    headers = {"Connection": "close"}
    response: Response
    if wants_json(Request(scope, receive)):
        response = JSONResponse({"status": status, "rule": None, "zh": zh, "en": en}, status, headers)
    else:  # a page of its own: this answer comes before the app's router and templates
        response = HTMLResponse(f'<!doctype html><html lang="zh"><meta charset="utf-8"><title>{status}</title>'
                                f"<h1>{escape(zh)}</h1><p lang=\"en\">{escape(en)}</p></html>", status, headers)
    await response(scope, receive, send)
