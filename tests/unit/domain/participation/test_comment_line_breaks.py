"""A line break counts as one character on the server as in the browser's text box, although the
form sends it as CRLF: a comment the box accepted at the limit is not refused for its line breaks."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from juece.domain import steps
from juece.domain.participation.comments import MAX_COMMENT_CHARS, clean_text, receive_comment

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


def test_crlf_and_a_lone_cr_are_one_line_break_each() -> None:
    assert clean_text("第一段\r\n第二段\r第三段\n第四段") == "第一段\n第二段\n第三段\n第四段"


def test_a_comment_at_the_limit_as_the_text_box_counts_it_is_accepted_with_crlf_line_breaks(chain, spec) -> None:
    chain.extend(steps.publish_notice(spec, chain.entries, START))
    lines = ["意" * 99] * 50  # 50 lines of 99 characters, 49 line breaks and one more: 5,000 in the box
    sent = "\r\n".join(lines) + "见"  # the form sends CRLF: 5,049 code points on the wire
    assert len(sent.replace("\r\n", "\n")) == MAX_COMMENT_CHARS < len(sent)
    act = receive_comment(chain.entries, sent, START + timedelta(days=1), channel="portal")
    assert len(act.data["text"]) == MAX_COMMENT_CHARS and "\r" not in act.data["text"]
