"""An expert signs their opinion with a passkey in real Chromium against a real `airflow
standalone` (R-C1): the urban-planning scenario runs through the REST API as the demo runs it,
except the signature of seat 1, left to its expert in the browser. They register a passkey on
juece's page (Chromium's virtual authenticator: CTAP2, internal, resident keys, user verified),
open their seat's signing page and sign; the page sends the assertion to the waiting HITL task with
their own Airflow token, the task's handler checks and records it, the run completes and the
archive it issues verifies (`juece verify`), the passkey's signature among the expert signatures.

The browser opens http://localhost:<port> (a secure context whose host is a valid relying party
id; 127.0.0.1 is not one). Screenshots: test-artifacts/e2e/."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI, saying why
    expect = None

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.passkeys import PasskeyStore
from juece.demo.responder import SETTLE_SECONDS
from juece.demo.stack import Stack
from juece.domain.expert_review.panel_record import holder
from juece.domain.record.entries import latest
from tests.conftest import TEMPLATES
from tests.e2e.conftest import TIMEOUT_MS, shot
from tests.e2e.test_passkey_browser import with_authenticator
from tests.e2e.test_portal_browser import poll, stack  # noqa: F401 (the module's real Airflow)

pytestmark = pytest.mark.e2e

DECISION, SIGN = "yanshou-2027-urban-001", "expert_review.sign_seat_1"


def waits(airflow: Stack, who: str, running: Any) -> bool:
    if running.done():  # the run ended (or failed) before the signature waited: say why
        raise AssertionError(f"the run ended before {SIGN} waited: {running.result()}")
    try:
        details = airflow.client.call(who, "GET", f"/dags/decision__{DECISION}/dagRuns/~/hitlDetails",
                                      params={"task_id": SIGN, "response_received": "false"})
    except AirflowUnavailable:  # a loaded machine: asked again at the next poll
        return False
    return details.status_code == 200 and any(
        d["task_instance"]["state"] == "awaiting_input" for d in details.json()["hitl_details"])


def test_an_expert_signs_with_a_passkey_in_airflow_and_the_archive_verifies(
        stack: Stack, new_page: Callable[..., Any]) -> None:  # noqa: F811
    from juece.demo.run import Beside, run_scenario
    from juece.demo.scenario import load_scenario

    scenario = load_scenario(TEMPLATES / "scenarios" / "urban-planning.yaml")
    site = re.sub(r"//127\.0\.0\.1:", "//localhost:", stack.url)
    with ThreadPoolExecutor(max_workers=1) as pool:
        running = pool.submit(run_scenario, stack, scenario, print, 900.0,
                              Beside(lambda _dag, _run: None, frozenset({SIGN})))
        expert = poll(lambda: holder(Ledger().entries(DECISION), "seat_1"), 300, "the panel to be drawn")
        page = new_page()
        page.context.add_cookies([{"name": "_token", "value": stack.client.token(expert), "url": site}])
        with_authenticator(page)
        page.goto(f"{site}/juece/experts/passkeys")
        page.locator("#register-passkey").click()
        expect(page.locator("#registered")).to_contain_text("已登记")
        shot(page, "passkey-airflow-1-registered")
        poll(lambda: waits(stack, expert, running), 600, "the signature of seat 1 to wait for its expert")
        time.sleep(SETTLE_SECONDS)  # the upstream race: no answer in the first moment of waiting
        page.goto(f"{site}/juece/experts/seats")
        page.locator(f"#sign-{DECISION}-seat_1").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("签署论证意见")
        page.locator("#sign-passkey").click()
        page.wait_for_url(re.compile(r"/sign\?sent=1$"), timeout=2 * TIMEOUT_MS)
        shot(page, "passkey-airflow-2-sent")
        outcome = running.result(timeout=900)
    assert outcome.state == "success", outcome.problems
    assert outcome.problems == []  # the archive verified, every expert signature with it
    signed = [e for e in Ledger().entries(DECISION) if e["kind"] == "opinion_signed" and e["actor"] == expert]
    assert len(signed) == 1 and signed[0]["data"]["method"] == "passkey"
    assert signed[0]["data"]["passkey"]["origin"] == site
    assert latest(Ledger().entries(DECISION), "archive_built") is not None
    assert [row["event"] for row in PasskeyStore().log(expert)] == ["registered", "signed"]
    assert page.dialogs == []
