"""Taking a public comment (R-B3): the checks every answer shares, and a lean ASGI path for it.

``POST …/public/decisions/{id}/comments`` from a client that wants JSON is answered by
:class:`CommentIntake`, a plain ASGI middleware in front of the FastAPI app (so it works both in
`juece portal` and mounted under Airflow) without FastAPI's request machinery. A form post that
wants the HTML receipt goes on to the FastAPI route; both read the body with :func:`read_body`
(never past its limit) and call :func:`accept`, which checks every field before the comment
joins a group commit: whatever a client sends gets a 4xx with a reason in both languages."""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from urllib.parse import parse_qs

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from juece.adapters.store.comments import Receipt
from juece.adapters.store.rate_window import TooFast
from juece.domain.participation.comments import MAX_COMMENT_CHARS, clean_text
from juece.domain.record.errors import RecordError, RuleViolation
from juece.web.common import committer_of, store_of
from juece.web.limits import RateLimiter, client_address, proxies_from_environment

MAX_BODY_BYTES = 64 * 1024
MAX_FORM_FIELDS = 20
COMMENTS_PATH = re.compile(r"/public/decisions/([^/]+)/comments")
JSON_TYPE, FORM_TYPE = "application/json", "application/x-www-form-urlencoded"
PARAGRAPH = re.compile(r"[1-9][0-9]{0,8}")  # a paragraph number as the form sends it: ASCII digits only
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Refusal:
    """A comment not taken: status, rule id, Chinese and English, extra headers, the field refused."""

    status: int
    rule: str | None
    zh: str
    en: str
    headers: dict[str, str] | None = None
    field: str | None = None

    def as_dict(self) -> dict[str, Any]:
        found = {"status": self.status, "rule": self.rule, "zh": self.zh, "en": self.en}
        return {**found, "field": self.field} if self.field else found


def too_fast(limiter: RateLimiter, client: str) -> Refusal | None:
    """The per-client 429 with Retry-After, or None when the client may go on."""
    allowed, wait = limiter.allow(client)
    return None if allowed else slow_down(wait)


def slow_down(wait: float) -> Refusal:
    """429 with Retry-After; the body is not read, so the connection is closed after the answer."""
    seconds = max(1, round(wait))
    return Refusal(429, None, f"提交过于频繁，请{seconds}秒后再试",
                   f"too many comments from your address: try again in {seconds} s",
                   {"Retry-After": str(seconds), "Connection": "close"})


def not_confirmed() -> Refusal:
    """503: the writer failed before it answered. The comment may or may not be in the record (a
    writer that dies just after its commit leaves it stored), so the citizen is told to send the
    same comment again: a stored one gets its first receipt, none is ever recorded twice."""
    return Refusal(503, None, "暂时未能确认您的意见是否已保存。请稍后原样再次提交：已保存的意见会得到原回执，不会重复记录",
                   "we could not confirm that your comment was stored. Please send the same comment again in a "
                   "moment: if it was stored you get its first receipt, and it is never recorded twice",
                   {"Retry-After": "5"})


def too_long() -> Refusal:
    """413: the rest of an over-long body is not read, and the connection is closed after the answer."""
    return Refusal(413, None, f"意见不得超过{MAX_COMMENT_CHARS}字，未保存，请删减后重新提交",
                   f"a comment may have at most {MAX_COMMENT_CHARS} characters: nothing was stored, "
                   "please shorten it and submit again", {"Connection": "close"})


def unreadable() -> Refusal:
    return Refusal(400, None, "无法读取提交的内容（应为表单或 JSON 对象，UTF-8 编码）",
                   "the request body is not a form or a JSON object in UTF-8")


def wrong_type() -> Refusal:
    return Refusal(415, None, "请以表单（application/x-www-form-urlencoded）或 JSON 提交意见，不接受文件上传",
                   "send the comment as a form (application/x-www-form-urlencoded) or as JSON "
                   "(application/json): other types and file uploads (multipart) are not taken")


def media_type(content_type: str) -> str:
    return content_type.split(";", 1)[0].strip().lower()


def _no_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


STRICT_JSON = json.JSONDecoder(parse_constant=_no_constant)  # made once: NaN and Infinity refused


def parse_form(content_type: str, body: bytes) -> dict[str, Any] | None:
    """A JSON object or an urlencoded form; None when the body is neither (bad UTF-8, NaN or
    Infinity, nesting too deep, too many form fields, another media type)."""
    return _parsed(media_type(content_type), body)


def _parsed(kind: str, body: bytes) -> dict[str, Any] | None:
    try:
        if kind == JSON_TYPE:
            data = STRICT_JSON.decode(body.decode("utf-8"))
            return data if isinstance(data, dict) else None
        if kind == FORM_TYPE:
            fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, errors="strict",
                              max_num_fields=MAX_FORM_FIELDS)
            return {name: values[-1] for name, values in fields.items()}
    except (UnicodeDecodeError, ValueError, RecursionError):
        return None
    return None


def _paragraph(value: Any, from_form: bool) -> Any:
    """The paragraph as given: absent, a JSON value (checked, never coerced, when prepared) or,
    from a form, its digits as a number (anything else stays a string and is refused)."""
    if value is None or (from_form and not value.strip()):
        return None
    if from_form and PARAGRAPH.fullmatch(value):
        return int(value)
    return value


async def accept(state: Any, decision_id: str, content_type: str, body: bytes, client: str) -> Receipt | Refusal:
    """Check, prepare and group-commit one comment: the receipt once it is in the chain."""
    if len(body) > MAX_BODY_BYTES:
        return too_long()
    kind = media_type(content_type)
    if kind not in (JSON_TYPE, FORM_TYPE):
        return wrong_type()
    form = _parsed(kind, body)
    if form is None:
        return unreadable()
    text = form.get("text")
    if isinstance(text, str) and len(text) > MAX_COMMENT_CHARS and len(clean_text(text).strip()) > MAX_COMMENT_CHARS:
        return too_long()  # cleaning only removes characters: a short text needs no second look
    from_form = kind == FORM_TYPE
    try:
        submission = store_of(state).prepare(  # cheap once the notice is cached: no thread hop
            decision_id, "" if text is None else text, datetime.now(UTC),
            paragraph=_paragraph(form.get("paragraph"), from_form), name=_opt(form, "name"),
            contact=_opt(form, "contact"), channel="portal", client=client)
    except RuleViolation as violation:
        return Refusal(422, violation.rule, violation.zh, violation.en, field=violation.field)
    except RecordError:
        return Refusal(404, None, "没有这项决策", f"no decision {decision_id}")
    try:
        return await committer_of(state).submit(submission)
    except TooFast as limited:  # the limit every process shares (adapters/store/rate_window.py)
        return slow_down(limited.retry_after)
    except RecordError:
        return Refusal(404, None, "没有这项决策", f"no decision {decision_id}")
    except Exception as error:  # noqa: BLE001 - the writer has logged it: this submitter alone is told
        log.error("comment on %s not stored: %s", decision_id, str(error).splitlines()[0][:300] if str(error) else
                  type(error).__name__)
        return not_confirmed()


def _opt(form: dict[str, Any], name: str) -> Any:
    value = form.get(name)
    return None if value == "" else value


def client_of(scope: Scope, state: Any) -> str:
    """The client's address: the peer, or behind a trusted proxy (JUECE_TRUSTED_PROXIES, read
    into the app's state when it is made) the address that proxy forwarded."""
    peer = scope["client"][0] if scope.get("client") else "unknown"
    proxies = getattr(state, "trusted_proxies", None)
    if proxies is None:
        proxies = state.trusted_proxies = proxies_from_environment()
    if not proxies:
        return peer
    return client_address(peer, (value for name, value in scope["headers"] if name == b"x-forwarded-for"), proxies)


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
        client = client_of(scope, state)
        outcome = too_fast(state.limiter, client)
        if outcome is None:
            body = await read_body(receive, headers.get(b"content-length"))
            if body is None:
                return  # the client went away before sending its comment
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            outcome = body if isinstance(body, Refusal) else await accept(state, match, content_type, body, client)
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


async def read_body(receive: Receive, content_length: bytes | str | None, limit: int = MAX_BODY_BYTES
                    ) -> bytes | Refusal | None:
    """The body, read up to ``limit`` bytes and no further: a declared or actual length over it is
    a 413 (the rest is never read: the connection closes after the answer); None when the
    client went away."""
    if content_length is not None:
        try:
            declared = int(content_length)
        except ValueError:
            return unreadable()
        if declared > limit:
            return too_long()
    chunks: list[bytes] = []
    kept = 0
    while True:
        message: Message = await receive()
        if message["type"] == "http.disconnect":
            return None
        chunk = message.get("body", b"")
        kept += len(chunk)
        if kept > limit:
            return too_long()
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


async def _send_json(send: Send, status: int, payload: dict[str, Any], extra: dict[str, str] | None = None) -> None:
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    headers += [(name.lower().encode("latin-1"), value.encode("latin-1")) for name, value in (extra or {}).items()]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
