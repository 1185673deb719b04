"""Taking a public comment (R-B3): the checks every answer shares, and a lean ASGI path for it.

``POST …/public/decisions/{id}/comments`` from a client that wants JSON is answered by
:class:`CommentIntake`, a plain ASGI middleware in front of the FastAPI app (so it works both in
`juece portal` and mounted under Airflow) without FastAPI's request machinery. A form post that
wants the HTML receipt goes on to the FastAPI route; both call :func:`accept`."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from juece.domain.comments import MAX_COMMENT_CHARS, clean_text
from juece.domain.errors import RecordError, RuleViolation
from juece.store.comments import Receipt
from juece.web.common import committer_of, store_of
from juece.web.limits import RateLimiter

MAX_BODY_BYTES = 64 * 1024
COMMENTS_PATH = re.compile(r"/public/decisions/([^/]+)/comments")


@dataclass(frozen=True)
class Refusal:
    """A comment not taken: status, rule id, Chinese and English, extra headers."""

    status: int
    rule: str | None
    zh: str
    en: str
    headers: dict[str, str] | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"status": self.status, "rule": self.rule, "zh": self.zh, "en": self.en}


def too_fast(limiter: RateLimiter, client: str) -> Refusal | None:
    """The per-client 429 with Retry-After, or None when the client may go on."""
    allowed, wait = limiter.allow(client)
    if allowed:
        return None
    seconds = max(1, round(wait))
    return Refusal(429, None, f"提交过于频繁，请{seconds}秒后再试",
                   f"too many comments from your address: try again in {seconds} s", {"Retry-After": str(seconds)})


def too_long() -> Refusal:
    return Refusal(413, "R-B3", f"意见不得超过{MAX_COMMENT_CHARS}字，未保存，请删减后重新提交",
                   f"a comment may have at most {MAX_COMMENT_CHARS} characters: nothing was stored, "
                   "please shorten it and submit again")


def parse_form(content_type: str, body: bytes) -> dict[str, Any] | None:
    """A JSON object or an urlencoded form; None when the body is neither."""
    try:
        if "application/json" in content_type:
            data = json.loads(body.decode("utf-8"))
            return data if isinstance(data, dict) else None
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True)
        return {name: values[-1] for name, values in fields.items()}
    except (UnicodeDecodeError, ValueError):
        return None


async def accept(state: Any, decision_id: str, content_type: str, body: bytes, client: str) -> Receipt | Refusal:
    """Check, prepare and group-commit one comment: the receipt once it is in the chain."""
    if len(body) > MAX_BODY_BYTES:
        return too_long()
    form = parse_form(content_type, body)
    if form is None:
        return Refusal(400, None, "无法读取提交的内容", "the request body is not a form or JSON object")
    text = str(form.get("text") or "")
    if len(text) > MAX_COMMENT_CHARS and len(clean_text(text).strip()) > MAX_COMMENT_CHARS:
        return too_long()  # cleaning only removes characters: a short text needs no second look
    try:
        paragraph = int(form["paragraph"]) if str(form.get("paragraph") or "").strip() else None
    except (TypeError, ValueError):
        return Refusal(422, None, "段落编号应为数字", "paragraph must be a number")
    try:
        submission = store_of(state).prepare(  # cheap once the notice is cached: no thread hop
            decision_id, text, datetime.now(UTC), paragraph=paragraph, name=_opt(form, "name"),
            contact=_opt(form, "contact"), channel="portal", client=client)
        return await committer_of(state).submit(submission)
    except RuleViolation as violation:
        return Refusal(422, violation.rule, violation.zh, violation.en)
    except RecordError:
        return Refusal(404, None, "没有这项决策", f"no decision {decision_id}")


def _opt(form: dict[str, Any], name: str) -> str | None:
    value = form.get(name)
    return str(value) if value not in (None, "") else None


class CommentIntake:
    """ASGI middleware: the JSON comment POST answered here, everything else passed on. Inside a
    Starlette app it uses that app's state; in front of one, give it ``state``."""

    def __init__(self, app: ASGIApp, state: Any = None) -> None:
        self.app, self.state = app, state

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        match = _comment_post(scope)
        headers = dict(scope["headers"]) if match else {}
        if match is None or not _wants_json(headers, scope.get("query_string", b"")):
            await self.app(scope, receive, send)
            return
        state = self.state if self.state is not None else scope["app"].state
        client = scope["client"][0] if scope.get("client") else "unknown"
        outcome = too_fast(state.limiter, client)
        if outcome is None:
            body = await _body(receive)
            if body is None:
                return  # the client went away before sending its comment
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            outcome = await accept(state, match, content_type, body, client)
        if isinstance(outcome, Receipt):
            await _send_json(send, 200 if outcome.duplicate else 201, outcome.as_dict())
        else:
            await _send_json(send, outcome.status, outcome.as_dict(), outcome.headers)


def _comment_post(scope: Scope) -> str | None:
    """The decision id when the request is a comment POST, else None."""
    if scope["type"] != "http" or scope["method"] != "POST":
        return None
    path, root = scope["path"], scope.get("root_path", "")
    if root and path.startswith(root + "/"):
        path = path[len(root):]
    match = COMMENTS_PATH.fullmatch(path)
    return match.group(1) if match else None


def _wants_json(headers: dict[bytes, bytes], query: bytes) -> bool:
    return (b"application/json" in headers.get(b"content-type", b"")
            or b"application/json" in headers.get(b"accept", b"")
            or (bool(query) and parse_qs(query.decode("latin-1")).get("format", [""])[-1] == "json"))


async def _body(receive: Receive) -> bytes | None:
    """The body, kept only until it is over the limit; None when the client went away."""
    chunks, kept = [], 0
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            return None
        if kept <= MAX_BODY_BYTES:
            chunk = message.get("body", b"")
            chunks.append(chunk)
            kept += len(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _send_json(send: Send, status: int, payload: dict[str, Any], extra: dict[str, str] | None = None) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
