"""The public adoption report (R-B5): how each comment was handled, whatever the other stages record."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.participation.dispositions import adoption_report
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.spec import load_spec
from juece.web.app import create_app

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"


@pytest.fixture
def client(juece_home: Path) -> TestClient:
    return TestClient(create_app(office=False))


def comments_disposed(ledger: Ledger) -> str:
    """A launched decision with one comment disposed of and the comments' adoption report."""
    spec = load_spec(URBAN)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    ledger.append(spec.id, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                               {"receipt": "R-0001", "paragraph": 2, "text": "建议增加停车位。", "cluster": "c1"}))
    disposed = {"R-0001": {"ref": "R-0001", "disposition": "adopted", "reason": "已在第二条增加。"}}
    ledger.append(spec.id, Act(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office",
                               disposed["R-0001"]))
    ledger.append(spec.id, adoption_report(["R-0001"], disposed, Stage.PUBLIC_PARTICIPATION, "R-B4",
                                           "sponsor_office"))
    return spec.id


def test_the_comments_report_is_public_once_recorded(client: TestClient) -> None:
    decision = comments_disposed(Ledger())
    page = client.get(f"/public/decisions/{decision}/adoption-report")
    assert page.status_code == 200
    assert "R-0001" in page.text and "已在第二条增加。" in page.text


def test_the_comments_report_stays_public_after_the_experts_opinions_are_disposed(client: TestClient) -> None:
    ledger = Ledger()
    decision = comments_disposed(ledger)
    opinion = {"expert_07": {"ref": "expert_07", "disposition": "partly_adopted", "reason": "分两期实施。"}}
    ledger.append(decision, Act(Stage.EXPERT_REVIEW, "opinion_disposed", "sponsor_office", opinion["expert_07"]))
    ledger.append(decision, adoption_report(["expert_07"], opinion, Stage.EXPERT_REVIEW, "R-C6", "sponsor_office"))
    page = client.get(f"/public/decisions/{decision}/adoption-report")
    assert page.status_code == 200, page.text
    assert "共收到意见 1 条：采纳 1 条" in page.text and "已在第二条增加。" in page.text
    assert "分两期实施" not in page.text  # the experts' report is not the comments' report


def test_before_the_comments_are_disposed_the_report_is_not_published(client: TestClient) -> None:
    spec = load_spec(URBAN)
    Ledger().append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    page = client.get(f"/public/decisions/{spec.id}/adoption-report?format=json")
    assert (page.status_code, page.json()["rule"]) == (404, "R-B5")
