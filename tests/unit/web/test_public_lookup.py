"""What the public reads without an account: a hearing as it was announced (R-B6) and a comment
looked up by its receipt, its handling shown once the adoption report publishes it (R-B4, R-B5)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.participation.dispositions import adoption_report
from juece.domain.participation.hearing import announce
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.spec import load_spec
from juece.web.app import create_app

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
PP = Stage.PUBLIC_PARTICIPATION


def launched(ledger: Ledger, name: str) -> str:
    spec = load_spec(TEMPLATES / f"{name}.yaml")
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    ledger.append(spec.id, Act(PP, "notice_published", "sponsor_office", {
        "opens_at": "2026-12-01T00:00:00.000000Z", "closes_at": "2026-12-31T16:00:00.000000Z",
        "effective_closes_at": "2026-12-31T16:00:00.000000Z", "period_days": 30, "how_to_comment": "在线提交"}))
    return spec.id


def client() -> TestClient:
    return TestClient(create_app(office=False))


def comment(ledger: Ledger, decision: str, number: int, text: str, late: bool = False) -> None:
    ledger.append(decision, Act(PP, "comment_received", "public", {
        "receipt": f"C-{number:06d}", "paragraph": 1, "text": text, "late": late, "cluster": f"c{number}"}))


def test_the_hearing_is_shown_as_announced_with_its_participants(juece_home: Path) -> None:
    ledger = Ledger()
    decision = launched(ledger, "price-hearing")
    spec = load_spec(TEMPLATES / "price-hearing.yaml")
    ledger.append_many(decision, announce(spec, ledger.entries(decision), datetime(2026, 12, 1, tzinfo=UTC)))
    page = client().get(f"/public/decisions/{decision}/hearing")
    hearing = spec.stages.public_participation.hearing
    assert page.status_code == 200 and hearing is not None
    assert hearing.place in page.text and hearing.selection_method in page.text
    assert "北京时间" in page.text and "2027-03-15 09:00" in page.text.replace("T", " ")
    assert all(p.name in page.text for p in hearing.participants)
    assert not any(p.user in page.text for p in hearing.participants)  # names, never user ids
    assert f"/public/decisions/{decision}/hearing" in client().get(f"/public/decisions/{decision}").text


def test_no_hearing_announced_is_a_404_under_r_b6(juece_home: Path) -> None:
    decision = launched(Ledger(), "urban-planning")
    answer = client().get(f"/public/decisions/{decision}/hearing", headers={"accept": "application/json"})
    assert answer.status_code == 404 and answer.json()["rule"] == "R-B6" and answer.json()["en"]
    assert "/hearing" not in client().get(f"/public/decisions/{decision}").text
    assert client().get("/public/decisions/no-such-decision/hearing").status_code == 404


def test_a_receipt_before_the_report_says_received_and_shows_nothing_of_the_comment(juece_home: Path) -> None:
    ledger = Ledger()
    decision = launched(ledger, "urban-planning")
    comment(ledger, decision, 1, "建议增加停车位（甲）")
    comment(ledger, decision, 2, "建议增加公交线路（乙）")
    page = client().get(f"/public/decisions/{decision}/receipt", params={"number": "c-000002"})
    assert page.status_code == 200 and "已收到，正在研究处理" in page.text and "C-000002" in page.text
    assert "公交线路" not in page.text and "停车位" not in page.text
    assert 'id="receipt-lookup"' in client().get(f"/public/decisions/{decision}").text


@pytest.mark.parametrize(("number", "status"), [("C-000003", 404), ("C-000000", 404), ("abc", 400), ("", 400),
                                                ("C-1", 400), ("C-000001'--", 400), ("Ｃ-000001", 400)])
def test_a_receipt_not_given_is_refused_at_its_field_in_both_languages(juece_home: Path, number: str, status: int) -> None:
    ledger = Ledger()
    decision = launched(ledger, "urban-planning")
    comment(ledger, decision, 1, "建议")
    answer = client().get(f"/public/decisions/{decision}/receipt", params={"number": number},
                          headers={"accept": "application/json"})
    assert answer.status_code == status and answer.json()["field"] == "number"
    assert answer.json()["zh"] and answer.json()["en"]


def test_after_the_report_a_receipt_shows_its_handling_and_a_later_one_says_so(juece_home: Path) -> None:
    ledger = Ledger()
    decision = launched(ledger, "urban-planning")
    comment(ledger, decision, 1, "建议增加停车位")
    comment(ledger, decision, 2, "建议提高养老用房标准")
    disposed = {"C-000001": {"ref": "C-000001", "disposition": "adopted", "reason": ""},
                "C-000002": {"ref": "C-000002", "disposition": "not_adopted", "reason": "标准已高于省定标准"}}
    for data in disposed.values():
        ledger.append(decision, Act(PP, "comment_disposed", "sponsor_office", data))
    ledger.append(decision, adoption_report(list(disposed), disposed, PP, "R-B4", "sponsor_office"))
    comment(ledger, decision, 3, "逾期意见", late=True)
    page = client().get(f"/public/decisions/{decision}/receipt", params={"number": "C-000002"})
    assert page.status_code == 200 and "不予采纳" in page.text and "标准已高于省定标准" in page.text
    later = client().get(f"/public/decisions/{decision}/receipt", params={"number": "C-000003"})
    assert later.status_code == 200 and "未列入该报告" in later.text
