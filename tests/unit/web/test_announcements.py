"""The published announcement on the public portal (R-G1): from the ledger, no account, no personal data."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.publication.announcement import publish
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.spec import load_spec
from juece.web import announcements

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"


@pytest.fixture
def client(juece_home: Path) -> TestClient:
    app = FastAPI()
    app.include_router(announcements.router)
    return TestClient(app)


def launch(ledger: Ledger, outcome: str | None = "approve") -> str:
    spec = load_spec(URBAN)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    if outcome:
        ledger.append(spec.id, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                   {"receipt": "R-0001", "paragraph": 3, "text": "我是李四，手机13900000000"}))
        decided = ledger.append(spec.id, Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head",
                                             {"outcome": outcome, "reason": "理由"}))
        moment = datetime.strptime(decided["at"], "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        ledger.append_many(spec.id, publish(spec, ledger.entries(spec.id), moment + timedelta(days=2)))
    return spec.id


def test_the_announcement_of_a_published_decision_is_public(client: TestClient) -> None:
    decision = launch(Ledger())
    page = client.get(f"/public/decisions/{decision}/announcement")
    assert page.status_code == 200
    assert "延寿县城区控制性详细规划" in page.text and "现予公布" in page.text
    assert "李四" not in page.text and "13900000000" not in page.text  # R-H6
    data = client.get(f"/public/decisions/{decision}/announcement", headers={"accept": "application/json"}).json()
    assert data["announcement"].startswith("延寿县人民政府关于") and data["overdue"] is False
    listed = client.get("/public/announcements/?format=json").json()["announcements"]
    assert [a["id"] for a in listed] == [decision]
    assert decision in client.get("/public/announcements/").text


@pytest.mark.parametrize("outcome", [None, "reject", "postpone"], ids=["undecided", "rejected", "postponed"])
def test_a_decision_not_published_has_no_announcement_r_g1(client: TestClient, outcome: str | None) -> None:
    decision = launch(Ledger(), outcome)
    page = client.get(f"/public/decisions/{decision}/announcement")
    assert page.status_code == 404 and "R-G1" in page.text
    assert client.get(f"/public/decisions/{decision}/announcement?format=json").json()["rule"] == "R-G1"
    assert client.get("/public/announcements/?format=json").json() == {"announcements": []}


def test_an_unknown_decision_is_not_found(client: TestClient) -> None:
    assert client.get("/public/decisions/nobody-knows/announcement").status_code == 404
