"""Headless Chromium (Debian's /usr/bin/chromium, never a downloaded browser) for the e2e tests,
pages that leave a screenshot behind when their test fails, and the screenshot folder."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ARTIFACTS, in_ci

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = ARTIFACTS / "e2e"
TIMEOUT_MS = 30_000  # generous: a loaded 2-core machine also runs Airflow's scheduler, triggerer, workers


def unavailable(reason: str) -> None:
    """No browser: a CI run must not pass silently, a local run skips."""
    message = f"{reason}; the e2e tests need Debian's chromium (apt-get install chromium)"
    if in_ci():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")  # Playwright's sync API keeps an event loop running while open
def browser() -> Iterator[Any]:
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        unavailable("Playwright for Python is not installed")
    if not CHROMIUM.exists():
        unavailable(f"{CHROMIUM} is missing")
    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="session")
def shots() -> Path:
    """test-artifacts/e2e/, emptied of the screenshots of an earlier run."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for old in SHOTS.glob("*.png"):
        old.unlink()
    return SHOTS


def shot(page: Any, name: str) -> Path:
    """A full-page screenshot kept as a test artefact."""
    path = SHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo) -> Iterator[pytest.TestReport]:
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def new_page(browser: Any, shots: Path, request: pytest.FixtureRequest) -> Iterator[Callable[..., Any]]:
    """Pages in fresh browser contexts (each its own cookies: a citizen, an office); every
    dialog is recorded on ``page.dialogs`` and dismissed; a failed test screenshots them all."""
    contexts: list[Any] = []

    def make(**options: Any) -> Any:
        context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(2 * TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        page.dialogs = []

        def on_dialog(dialog: Any) -> None:
            page.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        return page

    yield make
    failed = getattr(request.node, "report_call", None)
    if failed is not None and failed.failed:
        name = re.sub(r"\W+", "-", request.node.name)
        for n, context in enumerate(contexts):
            for m, page in enumerate(context.pages):
                with contextlib.suppress(Exception):  # a screenshot must not hide the failure itself
                    page.screenshot(path=str(shots / f"FAILED-{name}-{n}{m}.png"), full_page=True)
    for context in contexts:
        context.close()


@contextlib.contextmanager
def serving(app: Any) -> Iterator[int]:
    """``app`` served by uvicorn in a thread on a free loopback port (the port), stopped afterwards."""
    import threading
    import time

    import uvicorn

    from juece.demo.stack import free_port

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.1)
    try:
        yield port
    finally:
        server.should_exit = True
        thread.join(timeout=10)
