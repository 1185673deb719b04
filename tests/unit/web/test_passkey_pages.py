"""Experts sign in the browser (R-C1): an expert of the library registers a passkey on their own
page (checked by the `webauthn` package, kept and logged in the records DB), then signs their
submitted opinion on its seat's page; the assertion is checked as the signature task checks it
and sent with the expert's own token; a tampered opinion or another's credential is refused with
R-C1 and nothing is sent; the signature act the task records verifies from the record alone."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.adapters.store.passkeys import PasskeyStore
from juece.demo.library import seed_library
from juece.domain.expert_review.opinion_check import signature_problems
from juece.domain.expert_review.panel_record import reserve_names, seat_state
from juece.domain.expert_review.passkey import challenge_of
from juece.domain.expert_review.seat_answers import Seat, seat_signature
from juece.domain.record.answers import Answer
from juece.services import decisions as services
from juece.web.app import create_app
from tests.unit.domain.expert_review.soft_authenticator import SoftAuthenticator
from tests.unit.web.test_announcement_review import FakeAirflow
from tests.unit.web.test_expert_pages import URBAN, submit

ORIGIN = "http://testserver"


@pytest.fixture
def site(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Any, str, str]:
    """The urban plan launched with its panel drawn; seat 1's expert has submitted an opinion."""
    async def session_user(request):  # type: ignore[no-untyped-def]
        token = request.cookies.get("_token", "")
        return token.removeprefix("session-of-") or None

    monkeypatch.setattr("juece.web.experts.airflow_user", session_user)
    seed_library()
    decision = services.launch(URBAN, actor="sponsor_office", ledger=Ledger()).spec.id
    author = submit(decision, "seat_1")
    api = create_app()
    api.state.airflow = FakeAirflow()
    return Starlette(routes=[Mount("/juece", app=api)]), api, decision, author


def as_(app: Starlette, user: str) -> TestClient:
    return TestClient(app, cookies={"_token": f"session-of-{user}"}, follow_redirects=False)


def form_of(html: str, form_id: str) -> dict[str, Any]:
    form = re.search(rf'<form[^>]*id="{form_id}"[^>]*>', html)
    assert form, html
    options = re.search(r"data-options='([^']*)'", form.group(0))
    fields = dict(re.findall(r'<input type="hidden" name="([^"]+)" value="([^"]*)"', html))
    unescaped = options.group(1).replace("&#34;", '"').replace("&quot;", '"').replace("&#39;", "'") if options else "{}"
    return {"options": json.loads(unescaped), "fields": fields}


def register(browser: TestClient, authenticator: SoftAuthenticator) -> Any:
    page = form_of(browser.get("/juece/experts/passkeys").text, "passkey-form")
    credential = authenticator.registration(page["options"]["challenge"], ORIGIN)
    return browser.post("/juece/experts/passkeys", data={**page["fields"], "credential": json.dumps(credential)})


def sign_url(decision: str) -> str:
    return f"/juece/experts/decisions/{decision}/seats/seat_1/sign"


def test_only_an_expert_of_the_library_registers_and_the_registration_is_logged(site) -> None:
    app, _api, _decision, author = site
    assert TestClient(app).get("/juece/experts/passkeys").status_code == 401
    refused = as_(app, "sponsor_office").get("/juece/experts/passkeys")
    assert refused.status_code == 403 and "R-C4" in refused.text
    mine = SoftAuthenticator(author, "testserver", ORIGIN)
    done = register(as_(app, author), mine)
    assert done.status_code == 303 and done.headers["location"].endswith("/experts/passkeys?registered=1")
    (kept,) = PasskeyStore().of_user(author)
    assert kept.credential_id == mine.credential_id and kept.algorithm == -7 and kept.rp_id == "testserver"
    assert kept.public_key == mine.passkey().public_key and kept.origin == ORIGIN
    (logged,) = PasskeyStore().log(author)
    assert logged["event"] == "registered" and logged["sha256"] == kept.registration
    again = register(as_(app, author), mine)  # the same credential twice: refused, nothing changes
    assert again.status_code == 422 and len(PasskeyStore().of_user(author)) == 1


def test_a_registration_for_another_site_or_a_stale_page_is_refused(site) -> None:
    app, _api, _decision, author = site
    browser = as_(app, author)
    page = form_of(browser.get("/juece/experts/passkeys").text, "passkey-form")
    elsewhere = SoftAuthenticator(author, "evil.example", "http://evil.example")
    credential = elsewhere.registration(page["options"]["challenge"])
    refused = browser.post("/juece/experts/passkeys", data={**page["fields"], "credential": json.dumps(credential)})
    assert refused.status_code == 422 and "R-C1" in refused.text
    stale = {**page["fields"], "issued": "1000", "credential": "{}"}
    assert browser.post("/juece/experts/passkeys", data=stale).status_code == 422
    no_csrf = {k: v for k, v in page["fields"].items() if k != "csrf_token"}
    assert browser.post("/juece/experts/passkeys", data=no_csrf).status_code == 403
    assert PasskeyStore().of_user(author) == []


def test_the_expert_signs_the_digest_and_the_task_records_what_verifies_from_the_record(site) -> None:
    app, api, decision, author = site
    mine = SoftAuthenticator(author, "testserver", ORIGIN)
    browser = as_(app, author)
    register(browser, mine)
    page = browser.get(sign_url(decision))
    digest = seat_state(Ledger().entries(decision), "seat_1").digest
    assert page.status_code == 200 and digest in page.text
    signing = form_of(page.text, "sign-form")
    assert signing["options"]["challenge"] == challenge_of(digest)
    assert signing["options"]["allowCredentials"] == [{"type": "public-key", "id": mine.credential_id}]
    assertion = mine.assertion(signing["options"]["challenge"])
    sent = browser.post(sign_url(decision), data={**signing["fields"], "assertion": json.dumps(assertion)})
    assert sent.status_code == 303 and sent.headers["location"].endswith("/sign?sent=1")
    (_get, patch) = api.state.airflow.calls
    assert patch[0] == "PATCH" and patch[1] == f"session-of-{author}" and patch[4] == "expert_review.sign_seat_1"
    body = patch[6]
    # the task's own handler, as Airflow gives it the answer
    seat = Seat(decision, "seat_1", author, reserve_names(2), 5)
    acts = seat_signature(seat, digest, None, Answer(author, body["chosen_options"], body["params_input"]),
                          PasskeyStore().of_user(author)).acts
    Ledger().append_many(decision, acts)
    assert signature_problems(Ledger().entries(decision)) == []
    assert seat_state(Ledger().entries(decision), "seat_1").status == "signed"


def test_a_tampered_opinion_or_another_experts_credential_is_refused_and_nothing_is_sent(site) -> None:
    app, api, decision, author = site
    mine, other = SoftAuthenticator(author, "testserver", ORIGIN), SoftAuthenticator("expert_99", "testserver", ORIGIN)
    browser = as_(app, author)
    register(browser, mine)
    signing = form_of(browser.get(sign_url(decision)).text, "sign-form")
    tampered = mine.assertion(challenge_of("ab" * 32))
    refused = browser.post(sign_url(decision), data={**signing["fields"], "assertion": json.dumps(tampered)})
    assert refused.status_code == 422 and "R-C1" in refused.text and 'id="refused"' in refused.text
    foreign = other.assertion(signing["options"]["challenge"])
    refused = browser.post(sign_url(decision), data={**signing["fields"], "assertion": json.dumps(foreign)},
                           headers={"accept": "application/json"})
    assert refused.status_code == 422 and refused.json()["rule"] == "R-C1" and refused.json()["zh"]
    junk = browser.post(sign_url(decision), data={**signing["fields"], "assertion": "not json"})
    assert junk.status_code == 422 and "R-C1" in junk.text
    assert api.state.airflow.calls == []
    stranger = as_(app, "expert_02" if author != "expert_02" else "expert_03").get(sign_url(decision))
    assert stranger.status_code == 403 and "R-C1" in stranger.text
    assert as_(app, author).get(f"/juece/experts/decisions/{decision}/seats/seat_99/sign").status_code == 404
    assert as_(app, author).get("/juece/experts/decisions/nope/seats/seat_1/sign").status_code == 404


def test_the_seats_page_links_each_opinion_to_its_signing_page(site) -> None:
    app, _api, decision, author = site
    seats = as_(app, author).get("/juece/experts/seats")
    assert f'/juece/experts/decisions/{decision}/seats/seat_1/sign"' in seats.text
    assert as_(app, author).get("/juece/public/static/passkey.js").status_code == 200


@pytest.mark.parametrize("credential", [
    "", "null", "[]", "{}", '{"id": 1}', '{"id": "AA", "rawId": "AA", "type": "public-key", "response": "x"}',
    '{"id": "AA", "rawId": "AA", "type": "public-key", "response": {"clientDataJSON": "!!", "attestationObject": "AA"}}',
    '{"id": "AA", "rawId": "AA", "type": "public-key", "response": {"clientDataJSON": "e30", "attestationObject": "oA"}}',
    "x" * 20_000,
], ids=["empty", "null", "list", "object", "bad-id", "bad-response", "bad-base64", "bad-cbor", "too-long"])
def test_a_hostile_registration_is_refused_with_r_c1_and_nothing_is_kept(site, credential: str) -> None:
    app, _api, _decision, author = site
    browser = as_(app, author)
    page = form_of(browser.get("/juece/experts/passkeys").text, "passkey-form")
    refused = browser.post("/juece/experts/passkeys", data={**page["fields"], "credential": credential},
                           headers={"accept": "application/json"})
    assert refused.status_code == 422 and refused.json()["rule"] == "R-C1" and refused.json()["zh"]
    assert PasskeyStore().of_user(author) == []


@pytest.mark.parametrize("assertion", ["", "[]", '{"credential_id": ["x"]}', '{"credential_id": {"a": 1}}',
                                       '{"credential_id": "AA", "signature": 5}', "y" * 20_000],
                         ids=["empty", "list", "list-id", "object-id", "number", "too-long"])
def test_a_hostile_assertion_is_refused_with_r_c1_and_nothing_is_sent(site, assertion: str) -> None:
    app, api, decision, author = site
    browser = as_(app, author)
    register(browser, SoftAuthenticator(author, "testserver", ORIGIN))
    signing = form_of(browser.get(sign_url(decision)).text, "sign-form")
    refused = browser.post(sign_url(decision), data={**signing["fields"], "assertion": assertion},
                           headers={"accept": "application/json"})
    assert refused.status_code == 422 and refused.json()["rule"] == "R-C1"
    assert api.state.airflow.calls == []
