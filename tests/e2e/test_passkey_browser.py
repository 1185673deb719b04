"""An expert registers a passkey and signs their opinion in real headless Chromium (R-C1), with
Chromium's virtual authenticator (CDP `WebAuthn.addVirtualAuthenticator`: CTAP2, internal, resident
keys, user verified) standing in for the fingerprint reader; then the archive issued from the record
proves the signature from its attached record alone (`juece verify`).

The juece app is served by uvicorn on loopback with a real records DB (SQLite), without Airflow:
who is signed in is a cookie naming the person (``juece.web.experts.airflow_user``), and Airflow's
REST API is a stand-in that runs the signature task's domain handler on the answer the page sends,
as the task does (the real task's answer path is exercised by tests/integration). The browser opens
http://localhost:<port>: WebAuthn needs a secure context and a relying party id that is a domain
name, and localhost is both (127.0.0.1 is not a valid relying party id)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # the `browser` fixture then skips, or fails in CI, saying why
    expect = None

from juece.adapters.store.ledger import Ledger
from juece.adapters.store.passkeys import PasskeyStore
from juece.domain.expert_review.panel_record import holder, reserve_names, seat_state
from juece.domain.expert_review.seat_answers import Seat, seat_opinion, seat_signature
from juece.domain.record.answers import Answer
from juece.domain.record.errors import RuleViolation
from tests.e2e.conftest import serving, shot
from tests.e2e.test_accessibility import blocking

pytestmark = pytest.mark.e2e

SEAT = "seat_1"
OPINION = {"no_conflict": True, "necessity": "城区人口增长，确有必要编制。", "feasibility": "用地条件可行。",
           "soundness": "指标测算科学合理。", "opinion": "同意草案，建议加强公共服务设施配建。"}


def opinion_to_sign(decision: str, seat: str = SEAT) -> str:
    """The seat's expert submits an opinion (as their seat's task records it): its digest now waits
    for their signature. The expert's user name."""
    ledger = Ledger()
    expert = holder(ledger.entries(decision), seat)
    acts = seat_opinion(ledger.entries(decision), Seat(decision, seat, expert, reserve_names(2), 5),
                        Answer(expert, ["支持 Support"], dict(OPINION))).acts
    ledger.append_many(decision, acts)
    return str(expert)


class SignatureTask:
    """Airflow's REST API as the signing page uses it: the seat's signature task waits; an answer is
    handled as the task's `execute_complete` handles it (the domain's check, the act appended, the
    passkey's counter kept), a refusal answered as Airflow would after recording it."""

    def __init__(self, decision: str) -> None:
        self.decision, self.answers = decision, 0

    def waiting_hitl(self, token: str, dag_id: str, task_id: str) -> list[dict[str, Any]]:
        state = "awaiting_input" if seat_state(Ledger().entries(self.decision), SEAT).status == "submitted" else "success"
        return [{"task_instance": {"dag_run_id": "manual__1", "map_index": -1, "state": state}}]

    def answer_with(self, token: str, dag_id: str, run_id: str, task_id: str, map_index: int,
                    body: dict[str, Any]) -> httpx.Response:
        self.answers += 1
        ledger = Ledger()
        state = seat_state(ledger.entries(self.decision), SEAT)
        seat = Seat(self.decision, SEAT, str(state.expert), reserve_names(2), 5)
        answer = Answer(token, body["chosen_options"], body["params_input"])
        try:
            acts = seat_signature(seat, state.digest or "", None, answer, PasskeyStore().of_user(token)).acts
        except RuleViolation:
            return httpx.Response(200, json={})  # the task records the refusal and asks again
        ledger.append_many(self.decision, acts)
        PasskeyStore().signed_with(acts[0].data, "2027-03-01T08:00:00Z")
        return httpx.Response(200, json={})


@dataclass
class Site:
    url: str
    decision: str
    expert: str
    airflow: SignatureTask


@pytest.fixture(scope="module")
def site(browser: Any, body_keys_source: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    from starlette.applications import Starlette
    from starlette.routing import Mount

    from juece.web.app import create_app
    from tests.integration.test_portal import launch_urban

    home = tmp_path_factory.mktemp("passkeys")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"JUECE_HOME": home / "juece", "JUECE_ARCHIVE_DIR": home / "archives",
                            "JUECE_KEYS_DIR": body_keys_source}.items():
            patch.setenv(name, str(value))
        for name in ("JUECE_RECORDS_URL", "JUECE_ARCHIVE_STORE", "JUECE_KEY_ENCRYPTION_KEY"):
            patch.delenv(name, raising=False)

        async def user(request: Any) -> str | None:  # the person a cookie names (a session, as Airflow's)
            return request.cookies.get("_token") or None

        patch.setattr("juece.web.experts.airflow_user", user)
        launch_urban()
        decision = "yanshou-2027-urban-001"
        expert = opinion_to_sign(decision)
        app = create_app()
        app.state.airflow = SignatureTask(decision)
        with serving(Starlette(routes=[Mount("/juece", app=app)])) as port:
            yield Site(f"http://localhost:{port}/juece", decision, expert, app.state.airflow)


def with_authenticator(page: Any) -> Any:
    """Chromium's virtual authenticator for this page: a platform passkey that verifies its user."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable", {"enableUI": False})
    cdp.send("WebAuthn.addVirtualAuthenticator", {"options": {
        "protocol": "ctap2", "transport": "internal", "hasResidentKey": True, "hasUserVerification": True,
        "isUserVerified": True, "automaticPresenceSimulation": True}})
    return cdp


def test_an_expert_registers_a_passkey_and_signs_the_opinion_which_the_archive_proves(
        site: Site, new_page: Callable[..., Any], tmp_path: Path) -> None:
    page = new_page()
    page.context.add_cookies([{"name": "_token", "value": site.expert, "url": site.url}])
    with_authenticator(page)
    page.goto(f"{site.url}/experts/seats")
    page.locator("#passkeys-link").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("签名用通行密钥")
    assert not blocking(page), blocking(page)
    page.locator("#register-passkey").focus()  # the keyboard alone: the button is reached and pressed
    page.keyboard.press("Enter")
    expect(page.locator("#registered")).to_contain_text("已登记")
    expect(page.locator("#passkeys")).to_contain_text(re.sub(r"/juece$", "", site.url))
    shot(page, "passkey-1-registered")
    (registered,) = PasskeyStore().of_user(site.expert)
    assert PasskeyStore().log(site.expert)[0]["event"] == "registered"

    page.goto(f"{site.url}/experts/seats")
    page.locator(f"#sign-{site.decision}-{SEAT}").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("签署论证意见")
    digest = seat_state(Ledger().entries(site.decision), SEAT).digest
    expect(page.locator("#digest")).to_have_text(str(digest))
    assert not blocking(page), blocking(page)
    page.locator("#sign-passkey").focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/sign\?sent=1$"))  # Airflow took it (the stand-in records at once)
    page.reload()
    expect(page.locator("#done")).to_contain_text("已签名")
    shot(page, "passkey-2-signed")
    assert page.dialogs == []

    signed = [e for e in Ledger().entries(site.decision) if e["kind"] == "opinion_signed"]
    assert len(signed) == 1 and signed[0]["actor"] == site.expert
    data = signed[0]["data"]
    assert data["method"] == "passkey" and data["digest"] == digest
    assert data["passkey"]["credential_id"] == registered.credential_id and data["passkey"]["rp_id"] == "localhost"
    assert PasskeyStore().of_user(site.expert)[0].sign_count >= 1  # the virtual authenticator counts
    with ThreadPoolExecutor(max_workers=1) as pool:  # the PDF's signing runs an event loop of its own
        pool.submit(archive_proves_the_signature, site.decision, tmp_path).result()


def archive_proves_the_signature(decision: str, tmp_path: Path) -> None:
    """Both editions issued as the record stands; `juece verify` on each, from the file alone."""
    from juece.adapters.reporting.verify import verify_archive
    from juece.services import archives

    for one in archives.issue(decision, ledger=Ledger()):
        path = tmp_path / f"{one.issue.edition}.pdf"
        path.write_bytes(one.content)
        report = verify_archive(path)
        assert report.ok, (one.issue.edition, report.problems)
        assert report.signatures == 1


def test_a_signature_by_a_passkey_not_registered_to_the_expert_is_refused_with_r_c1(
        site: Site, new_page: Callable[..., Any]) -> None:
    """Another expert's seat: their opinion waits, but the passkey this browser holds was never
    registered to them (a fresh authenticator registers for its own user only)."""
    other = opinion_to_sign(site.decision, "seat_2")
    page = new_page()
    page.context.add_cookies([{"name": "_token", "value": other, "url": site.url}])
    with_authenticator(page)
    page.goto(f"{site.url}/experts/decisions/{site.decision}/seats/seat_2/sign")
    expect(page.locator("#no-passkey")).to_contain_text("还没有登记通行密钥")
    # forged: the first expert's registered credential offered on this seat
    mine = PasskeyStore().of_user(site.expert)[0]
    answer = httpx.post(f"{site.url}/experts/decisions/{site.decision}/seats/seat_2/sign",
                        headers={"authorization": "Bearer x", "accept": "application/json"},
                        cookies={"_token": other},
                        data={"assertion": json.dumps({"credential_id": mine.credential_id, "authenticator_data": "AA",
                                                       "client_data_json": "AA", "signature": "AA"})})
    assert answer.status_code == 422 and answer.json()["rule"] == "R-C1"
    assert seat_state(Ledger().entries(site.decision), "seat_2").status == "submitted"
