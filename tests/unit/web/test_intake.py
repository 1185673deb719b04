"""The lean comment path's pieces, without a server: routing, checks, wire format, text rules."""

from __future__ import annotations

import asyncio
import sys
import unicodedata
from concurrent.futures import ThreadPoolExecutor

import pytest

from juece.domain.acts import Act
from juece.domain.comments import clean_text, cluster_key
from juece.store.comments import Receipt, Submission
from juece.store.commit_process import (
    frame,
    outcome_in,
    outcome_out,
    submission_in,
    submission_out,
    unframe,
)
from juece.web.intake import MAX_BODY_BYTES, _body, _comment_post, _wants_json, parse_form, too_fast
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
    assert refusal is not None and refusal.status == 429 and refusal.headers == {"Retry-After": "1"}
    assert too_fast(limiter, "b") is None


@pytest.mark.parametrize("sizes", [[10], [MAX_BODY_BYTES, 10], [3 * MAX_BODY_BYTES, MAX_BODY_BYTES]])
def test_a_body_is_read_whole_and_kept_only_until_it_is_over_the_limit(sizes: list[int]) -> None:
    messages = [{"type": "http.request", "body": b"x" * n, "more_body": i < len(sizes) - 1}
                for i, n in enumerate(sizes)]

    async def receive() -> dict:
        return messages.pop(0)

    with ThreadPoolExecutor(max_workers=1) as thread:  # a loop of its own, whatever runs in this thread
        body = thread.submit(asyncio.run, _body(receive)).result()
    assert body is not None and not messages
    assert (len(body) > MAX_BODY_BYTES) == (sum(sizes) > MAX_BODY_BYTES)


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
