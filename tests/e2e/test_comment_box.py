"""The comment box in real headless Chromium against `juece portal` served on loopback: it counts
as the server counts (a line break is one character), says how many characters remain, and never
cuts a pasted text: over the limit the citizen is told before submitting and nothing is sent."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.participation.comments import MAX_COMMENT_CHARS
from tests.e2e.conftest import serving, shot
from tests.integration.test_portal import DECISION, launch_urban, publish

pytestmark = pytest.mark.e2e


@pytest.fixture
def portal_url(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """`juece portal`'s app (writer in a thread) on a free loopback port, stopped afterwards."""
    from juece.web.app import public_server

    monkeypatch.setenv("JUECE_PORTAL_WRITER", "thread")
    launch_urban()
    publish(Ledger())
    with serving(public_server()) as port:
        yield f"http://127.0.0.1:{port}/juece/public/decisions/{DECISION}"


def comments() -> int:
    return sum(e["kind"] == "comment_received" for e in Ledger().entries(DECISION))


def test_a_pasted_text_over_the_limit_is_not_cut_and_not_sent(portal_url: str, new_page: Any) -> None:
    page = new_page()
    page.goto(portal_url)
    box, count = page.locator("#text"), page.locator("#count")
    page.fill("#text", "意" * (MAX_COMMENT_CHARS + 1))  # as a paste: one insertion of the whole text
    assert len(box.input_value()) == MAX_COMMENT_CHARS + 1  # nothing cut
    assert "超出1字" in count.inner_text() and "1 characters over the limit" in count.inner_text()
    page.click("button[type=submit]")
    shot(page, "comment-box-over-the-limit")
    assert page.url == portal_url and comments() == 0  # the browser did not send it
    assert page.evaluate("document.getElementById('text').validationMessage").startswith("超出1字")


def test_the_count_is_the_servers_a_line_break_is_one_character(portal_url: str, new_page: Any) -> None:
    page = new_page()
    page.goto(portal_url)
    text = "第一行\n" + "字" * (MAX_COMMENT_CHARS - 4)  # 3 + 1 line break + 4996 = the limit exactly
    page.fill("#text", text)
    assert "还可输入0字" in page.locator("#count").inner_text()
    page.click("button[type=submit]")
    page.wait_for_load_state()
    assert comments() == 1  # the server took it: it counted the browser's CRLF as one character
