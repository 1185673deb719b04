"""The expert's own pages: their seats, and another expert's opinion refused until the panel
closes (R-C6). The user is the Airflow user of the request, stood in for here."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.demo.library import seed_library
from juece.domain.expert_review.panel_record import holder, reserve_names
from juece.domain.expert_review.seat_answers import Seat, seat_opinion
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer
from juece.domain.stages import Stage
from juece.services import decisions as services
from juece.web import experts
from juece.web.refusals import include

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"
OPINION = {"no_conflict": True, "necessity": "必要。", "feasibility": "可行。", "soundness": "合理。", "opinion": "同意。"}


@pytest.fixture
def decision(juece_home: Path) -> str:
    seed_library()
    return services.launch(URBAN, actor="sponsor_office", ledger=Ledger()).spec.id


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch):
    def client(user: str | None) -> TestClient:
        async def who(_request) -> str | None:
            return user

        monkeypatch.setattr(experts, "airflow_user", who)
        app = FastAPI()
        include(app, experts.router)
        return TestClient(app)

    return client


def submit(decision: str, seat: str) -> str:
    ledger = Ledger()
    expert = holder(ledger.entries(decision), seat)
    acts = seat_opinion(ledger.entries(decision), Seat(decision, seat, expert, reserve_names(2), 5),
                        Answer(expert, ["支持 Support"], dict(OPINION))).acts
    ledger.append_many(decision, acts)
    return expert


def test_an_expert_sees_their_own_seat_and_opinion(decision: str, as_user) -> None:
    author = submit(decision, "seat_1")
    client = as_user(author)
    seats = client.get("/experts/seats", params={"format": "json"}).json()["seats"]
    assert [(s["decision"], s["seat"], s["status"]) for s in seats] == [(decision, "seat_1", "submitted")]
    assert seats[0]["digest"] and "seat_1" in client.get("/experts/seats").text
    own = client.get(f"/experts/decisions/{decision}/seats/seat_1")
    assert own.status_code == 200 and own.json()["opinion"]["opinion"] == "同意。"


def test_another_experts_opinion_is_refused_until_the_panel_closes_r_c6(decision: str, as_user) -> None:
    submit(decision, "seat_1")
    other = holder(Ledger().entries(decision), "seat_2")
    refused = as_user(other).get(f"/experts/decisions/{decision}/seats/seat_1", params={"format": "json"})
    assert refused.status_code == 403 and refused.json()["rule"] == "R-C6"
    Ledger().append(decision, Act(Stage.EXPERT_REVIEW, "panel_closed", "juece", {}))
    assert as_user(other).get(f"/experts/decisions/{decision}/seats/seat_1").status_code == 200


def test_without_a_login_the_pages_ask_for_one(decision: str, as_user) -> None:
    assert as_user(None).get("/experts/seats", params={"format": "json"}).status_code == 401
