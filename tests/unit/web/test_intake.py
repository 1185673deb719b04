"""The lean comment path's pieces, without a server: routing, checks, wire format, text rules."""

from __future__ import annotations

import asyncio
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from juece.adapters.store.comments import Receipt, Submission
from juece.adapters.store.commit_process import (
    frame,
    outcome_in,
    outcome_out,
    submission_in,
    submission_out,
    unframe,
)
from juece.domain.participation.comments import clean_text, cluster_key
from juece.domain.record.acts import Act
from juece.web.intake import (
    MAX_BODY_BYTES,
    Refusal,
    _comment_post,
    _wants_json,
    parse_form,
    read_body,
    too_fast,
)
from juece.web.limits import RateLimiter


def scope(path: str, method: str = "POST", root: str = "") -> dict:
    return {"type": "http", "method": method, "path": path, "root_path": root, "headers": []}


def test_the_comment_post_is_recognised_alone_and_under_a_prefix() -> None:
    assert _comment_post(scope("/public/decisions/d-1/comments")) == "d-1"
    assert _comment_post(scope("/juece/public/decisions/d-1/comments", root="/juece")) == "d-1"
    assert _comment_post(scope("/public/decisions/d-1/comments", method="GET")) is None
    assert _comment_post(scope("/public/decisions/d-1/comments/x")) is None
    assert _comment_post(scope("/public/decisions/d-1")) is None


def test_json_is_wanted_by_content_type_accept_or_format() -> None:
    assert _wants_json({b"content-type": b"application/json"}, b"")
    assert _wants_json({b"accept": b"application/json, */*"}, b"")
    assert _wants_json({}, b"format=json")
    assert not _wants_json({b"content-type": b"application/x-www-form-urlencoded"}, b"x=1")


def test_a_body_is_a_json_object_or_a_form_and_nothing_else() -> None:
    assert parse_form("application/json", '{"text": "意见"}'.encode()) == {"text": "意见"}
    assert parse_form("application/x-www-form-urlencoded", b"text=%E6%84%8F&paragraph=") == {
        "text": "意", "paragraph": ""}
    assert parse_form("application/json", b"[1]") is None
    assert parse_form("application/json", b"\xff") is None


def test_too_many_comments_get_a_429_with_retry_after() -> None:
    limiter = RateLimiter(rate=60, burst=1)
    assert too_fast(limiter, "a") is None
    refusal = too_fast(limiter, "a")
    assert refusal is not None and refusal.status == 429 and refusal.headers == {"Retry-After": "1", "Connection": "close"}
    assert too_fast(limiter, "b") is None


def read(messages: list[dict], content_length: str | None = None) -> bytes | Refusal | None:
    async def receive() -> dict:
        return messages.pop(0)

    with ThreadPoolExecutor(max_workers=1) as thread:  # a loop of its own, whatever runs in this thread
        return thread.submit(asyncio.run, read_body(receive, content_length)).result()


@pytest.mark.parametrize("sizes", [[10], [MAX_BODY_BYTES - 10, 10], [MAX_BODY_BYTES, 10], [1024] * 1000])
def test_a_body_is_read_up_to_its_limit_and_not_a_byte_further(sizes: list[int]) -> None:
    messages = [{"type": "http.request", "body": b"x" * n, "more_body": i < len(sizes) - 1}
                for i, n in enumerate(sizes)]
    body = read(messages)
    if sum(sizes) <= MAX_BODY_BYTES:
        assert body == b"x" * sum(sizes) and not messages
    else:  # refused as soon as it is over: the rest is never asked for, the connection closes after
        assert isinstance(body, Refusal) and body.status == 413 and body.headers == {"Connection": "close"}
        assert sum(sizes) - sum(len(m["body"]) for m in messages) <= MAX_BODY_BYTES + max(sizes)


def test_a_declared_length_over_the_limit_is_refused_before_a_byte_is_read() -> None:
    messages = [{"type": "http.request", "body": b"x", "more_body": True}]
    refused = read(messages, str(200 * 1024 * 1024))
    assert isinstance(refused, Refusal) and refused.status == 413 and len(messages) == 1
    assert isinstance(read(messages, "12abc"), Refusal) and len(messages) == 1


def test_the_cluster_key_keeps_exactly_letters_and_numbers() -> None:
    """str.isalnum stands for Unicode categories L* and N* on every code point."""
    differ = [c for c in range(sys.maxunicode + 1)
              if chr(c).isalnum() != (unicodedata.category(chr(c))[0] in "LN")]
    assert differ == []
    assert cluster_key("反对撤并！！") == cluster_key("反对 撤并") == cluster_key("ＦＡＮ反对撤并"[3:])


def test_cleaning_strips_control_characters_and_lone_surrogates_only() -> None:
    assert clean_text("a\x07b\ud800c\u3000d") == "abc\u3000d"
    assert clean_text("普通文本 plain") == "普通文本 plain"


def test_submissions_and_receipts_cross_the_wire_unchanged() -> None:
    act = Act("public_participation", "comment_received", "public", {"text": "意见", "paragraph": None, "late": False})
    sub = Submission("d-1", act, "张三", None, "c" * 32)
    buffer = bytearray(frame([[7, submission_out(sub)]]) + frame([1]))
    buffer += frame([2])[:3]  # a frame not yet complete stays in the buffer
    rows = unframe(buffer)
    assert submission_in(rows[0][0][1]) == sub and rows[1] == [1] and len(buffer) == 3
    receipt = Receipt("C-000001", "h" * 64, 5, False, "2027-01-01T00:00:00.000000Z", "k" * 16, True)
    assert outcome_in(*outcome_out(receipt)) == receipt
    assert isinstance(outcome_in(*outcome_out(ValueError("x"))), RuntimeError)


@pytest.mark.parametrize("body", [
    b'{"text": NaN}', b'{"text": "x", "paragraph": Infinity}', b'{"text": -Infinity}',
    b'{"text": "x", "n": ' + b"9" * 5000 + b"}",  # past Python's digit limit for int()
    b'{"text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",  # nested past the recursion limit
    b'{"text": "\xff"}', b'\xef\xbb\xbf{"text": "x"}', b'{"text": "x"', b"[]", b'"text"',
])
def test_malformed_json_is_no_form(body: bytes) -> None:
    assert parse_form("application/json; charset=utf-8", body) is None


def test_a_lone_surrogate_is_read_and_then_cleaned_away() -> None:
    form = parse_form("application/json", b'{"text": "a\\ud800b"}')
    assert form == {"text": "a\ud800b"} and clean_text(form["text"]) == "ab"


def test_forms_with_too_many_fields_or_bad_escapes_and_other_media_types_are_no_form() -> None:
    assert parse_form("application/x-www-form-urlencoded", b"&".join(b"f%d=1" % n for n in range(100))) is None
    assert parse_form("application/x-www-form-urlencoded", b"text=%FF") is None
    assert parse_form("text/plain", b"text=x") is None
    assert parse_form("multipart/form-data; boundary=x", b"--x\r\n") is None
    assert parse_form("Application/X-WWW-Form-Urlencoded; charset=UTF-8", b"text=%E6%84%8F") == {"text": "意"}


def test_behind_a_trusted_proxy_the_client_is_the_right_most_untrusted_hop(monkeypatch) -> None:
    from juece.web.limits import client_address, proxies_from_environment, trusted_proxies

    forwarded = [b"6.6.6.6, 203.0.113.9", b"10.1.2.3"]  # claimed by the client, seen by the edge, inner proxy
    monkeypatch.delenv("JUECE_TRUSTED_PROXIES", raising=False)
    assert client_address("10.0.0.2", forwarded, proxies_from_environment()) == "10.0.0.2"  # none trusted: the peer
    proxies = trusted_proxies("10.0.0.0/8, ::1")
    assert client_address("10.0.0.2", forwarded, proxies) == "203.0.113.9"
    assert client_address("198.51.100.7", forwarded, proxies) == "198.51.100.7"  # an untrusted peer's header: ignored
    assert client_address("::1", [b"2001:db8::5"], proxies) == "2001:db8::5"
    assert client_address("10.0.0.2", [], proxies) == "10.0.0.2"
    assert client_address("10.0.0.2", [b"10.9.9.9"], proxies) == "10.9.9.9"  # only proxies: the first of them
    monkeypatch.setenv("JUECE_TRUSTED_PROXIES", "10.0.0.0/33")
    with pytest.raises(ValueError, match="JUECE_TRUSTED_PROXIES"):
        proxies_from_environment()


def test_no_route_reads_a_body_past_its_limit() -> None:
    """Behind BodyLimit a route that reads its whole body gets no more than its limit of it."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    from juece.web.bounds import DEFAULT_BODY_BYTES, BodyLimit

    async def greedy(request: Request) -> PlainTextResponse:
        return PlainTextResponse(str(len(await request.body())))

    app = BodyLimit(Starlette(routes=[Route("/office/x", greedy, methods=["POST"])]))
    chunk, sent = b"x" * 65536, []

    def run(chunks: int, headers: list) -> tuple[int, int]:
        sent.clear()
        given = iter(range(chunks))

        async def receive() -> dict:
            n = next(given, None)
            if n is None:
                return {"type": "http.disconnect"}
            return {"type": "http.request", "body": chunk, "more_body": n < chunks - 1}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "POST", "path": "/office/x", "root_path": "", "headers": headers,
                 "query_string": b"", "app": None}
        with ThreadPoolExecutor(max_workers=1) as thread:
            thread.submit(asyncio.run, app(scope, receive, send)).result()
        return sent[0]["status"], chunks - sum(1 for _ in given)

    assert run(4, []) == (200, 4)
    status, read = run(3200, [])  # 200 MB, chunked: cut off just past the limit
    assert status == 413 and read * len(chunk) <= DEFAULT_BODY_BYTES + len(chunk)
    assert (b"connection", b"close") in sent[0]["headers"]
    assert run(3200, [(b"content-length", str(3200 * len(chunk)).encode())]) == (413, 0)  # not a byte read
