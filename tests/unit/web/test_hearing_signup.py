"""Public sign-up on the hearing page (公开报名, R-B6): the form while sign-up is open; each sign-up
checked whole, recorded with a receipt, its name and contact kept beside the ledger and never shown;
refusals in both languages with the rule, 4xx, nothing stored; a closed sign-up said so; too fast a
429; once the seats are filled, the page lists who was chosen and how."""

from __future__ import annotations

import copy
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from juece.adapters.store.ledger import Ledger
from juece.adapters.store.signup_table import signups
from juece.domain.participation import seats
from juece.domain.participation.hearing import announce
from juece.domain.record.acts import Act
from juece.domain.record.clock import format_time
from juece.domain.stages import Stage
from juece.spec import DecisionSpec, load_spec
from juece.web.app import create_app

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
NAME, CONTACT = "李秀英", "13812345678"
FORM = {"name": NAME, "contact": CONTACT, "side": "居民", "statement": "家住城区，每月水费约六十元。"}
JSON = {"accept": "application/json"}


def signup_spec(decision_id: str | None = None) -> DecisionSpec:
    data = copy.deepcopy(load_spec(TEMPLATES / "price-hearing.yaml").model_dump(mode="json"))
    data["id"] = decision_id or data["id"]
    data["stages"]["public_participation"]["hearing"]["public_signup"] = {
        "closes_at": "2027-02-28T18:00:00+08:00", "seats": 2, "method": "lottery"}
    return DecisionSpec.model_validate(data)


def announced(ledger: Ledger, closes_in: timedelta = timedelta(days=1), decision_id: str | None = None) -> str:
    """The decision launched and its hearing announced, sign-up closing ``closes_in`` from now."""
    spec = signup_spec(decision_id)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    (act,) = announce(spec, ledger.entries(spec.id), datetime(2026, 12, 1, tzinfo=UTC))
    act.data["signup"]["effective_closes_at"] = format_time(datetime.now(UTC) + closes_in)
    ledger.append(spec.id, act)
    return spec.id


def kinds(ledger: Ledger, decision: str) -> list[str]:
    return [entry["kind"] for entry in ledger.entries(decision)]


@pytest.fixture
def client(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "600")
    monkeypatch.setenv("JUECE_RATE_LIMIT_BURST", "100")
    return TestClient(create_app(office=False))


def url(decision: str) -> str:
    return f"/public/decisions/{decision}/hearing/signups"


def test_the_open_hearing_page_has_the_form_and_a_signup_gets_a_receipt_in_the_record(client: TestClient) -> None:
    ledger = Ledger()
    decision = announced(ledger)
    page = client.get(f"/public/decisions/{decision}/hearing")
    assert page.status_code == 200 and 'id="signup"' in page.text and 'name="contact"' in page.text
    assert "公开报名席位 2 个" in page.text and 'lang="en"' in page.text
    answer = client.post(url(decision), data=FORM)
    assert answer.status_code == 201 and "H-000001" in answer.text
    entry = ledger.latest(decision, "hearing_signup_received")
    assert entry is not None and entry["hash"] in answer.text and entry["data"]["receipt"] == "H-000001"
    assert NAME not in str(entry["data"]) and CONTACT not in str(entry["data"])  # kept beside the ledger (R-H6)
    with ledger.engine.connect() as conn:
        row = conn.execute(select(signups)).one()
    assert (row.name, row.contact, row.side, row.ledger_hash) == (NAME, CONTACT, "居民", entry["hash"])
    assert CONTACT not in client.get(f"/public/decisions/{decision}/hearing").text


def test_the_same_name_and_contact_again_get_their_first_receipt(client: TestClient) -> None:
    ledger = Ledger()
    decision = announced(ledger)
    first = client.post(url(decision), json=FORM).json()
    again = client.post(url(decision), json={**FORM, "statement": "再次报名"}, headers=JSON)
    assert again.status_code == 200 and again.json()["receipt"] == first["receipt"] and again.json()["duplicate"]
    assert kinds(ledger, decision).count("hearing_signup_received") == 1


@pytest.mark.parametrize(("body", "field"), [
    ({**FORM, "name": ""}, "name"), ({**FORM, "contact": "  "}, "contact"), ({**FORM, "side": "开发商"}, "side"),
    ({**FORM, "name": "名" * 51}, "name"), ({**FORM, "statement": "长" * 1001}, "statement"),
    ({**FORM, "contact": 13812345678}, "contact"), ({**FORM, "side": ["居民"]}, "side"),
])
def test_a_field_refused_is_named_with_the_rule_in_both_languages_and_nothing_is_stored(
        client: TestClient, body: dict[str, Any], field: str) -> None:
    ledger = Ledger()
    decision = announced(ledger)
    answer = client.post(url(decision), json=body)
    assert answer.status_code == 422, answer.text
    assert (answer.json()["rule"], answer.json()["field"]) == ("R-B6", field)
    assert answer.json()["zh"] and answer.json()["en"]
    assert "hearing_signup_received" not in kinds(ledger, decision)


@pytest.mark.parametrize(("content", "kind", "status"), [
    ("name=" + "x" * 17_000, "application/x-www-form-urlencoded", 413),
    ('{"name": NaN}', "application/json", 400), ("[1, 2]", "application/json", 400),
    (b"name=\xff\xfe", "application/x-www-form-urlencoded", 400),
    ("--b\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nx\r\n--b--", "multipart/form-data; boundary=b", 415),
])
def test_a_body_out_of_bounds_is_a_4xx_and_nothing_is_stored(client: TestClient, content: Any, kind: str,
                                                              status: int) -> None:
    ledger = Ledger()
    decision = announced(ledger)
    answer = client.post(url(decision), content=content, headers={"content-type": kind, **JSON})
    assert answer.status_code == status and answer.json()["zh"] and answer.json()["en"]
    assert "hearing_signup_received" not in kinds(ledger, decision)


def test_after_the_deadline_signup_is_closed_with_a_clear_message(client: TestClient) -> None:
    ledger = Ledger()
    decision = announced(ledger, closes_in=-timedelta(seconds=1))
    answer = client.post(url(decision), data=FORM, headers=JSON)
    assert answer.status_code == 409 and answer.json()["rule"] == "R-B6"
    assert "截止" in answer.json()["zh"] and "closed" in answer.json()["en"]
    page = client.get(f"/public/decisions/{decision}/hearing").text
    assert 'id="signup"' not in page and 'id="signup-closed"' in page
    assert "hearing_signup_received" not in kinds(ledger, decision)


def test_no_hearing_or_no_decision_is_a_404(client: TestClient) -> None:
    ledger = Ledger()
    spec = load_spec(TEMPLATES / "urban-planning.yaml")
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    answer = client.post(url(spec.id), data=FORM, headers=JSON)
    assert answer.status_code == 404 and answer.json()["rule"] == "R-B6"
    assert client.post(url("no-such-decision"), data=FORM).status_code == 404


def test_signing_up_too_fast_is_a_429_with_retry_after(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "1")
    monkeypatch.setenv("JUECE_RATE_LIMIT_BURST", "1")
    client = TestClient(create_app(office=False))
    decision = announced(Ledger())
    assert client.post(url(decision), data=FORM).status_code == 201
    answer = client.post(url(decision), data={**FORM, "contact": "13900000000"}, headers=JSON)
    assert answer.status_code == 429 and int(answer.headers["retry-after"]) >= 1 and answer.json()["rule"] == "R-B6"


def test_once_the_seats_are_filled_the_page_lists_who_was_chosen_and_how(client: TestClient) -> None:
    ledger = Ledger()
    decision = announced(ledger, closes_in=timedelta(seconds=30))
    for n in range(4):
        assert client.post(url(decision), data={**FORM, "name": f"市民{n}", "contact": f"1390000000{n}"}).status_code == 201
    record = ledger.entries(decision)
    ledger.append_many(decision, seats.draw_seats(signup_spec(), record, datetime.now(UTC) + timedelta(minutes=1)))
    drawn = ledger.latest(decision, "hearing_seats_drawn")
    assert drawn is not None
    page = client.get(f"/public/decisions/{decision}/hearing").text
    chosen = [seat["receipt"] for seat in drawn["data"]["selected"]]
    assert len(chosen) == 2 and all(receipt in page for receipt in chosen)
    names = {f"H-00000{n + 1}": f"市民{n}" for n in range(4)}
    assert [names[r] for r in chosen if names[r] in page] == [names[r] for r in chosen]
    assert not any(names[r] in page for r in names if r not in chosen)  # only the chosen are named
    assert "1390000000" not in page and drawn["data"]["seed"] in page and 'id="signup"' not in page
    closed = client.post(url(decision), data={**FORM, "contact": "13700000000"}, headers=JSON)
    assert closed.status_code == 409
