"""No personal data on a public page (R-H6): the adoption report, the announcement and archive
search snippets pass every text through the one redactor, with the names and contacts the
decision's commenters gave (kept apart in juece_comments) and every written form of a phone,
identity number, e-mail, WeChat or QQ id."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from sqlalchemy import Engine

from juece.adapters.store.db import comments, ensure_tables
from juece.adapters.store.ledger import Ledger
from juece.domain.participation.dispositions import adoption_report
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.spec import load_spec
from juece.web.announcements import router as announcement_pages
from juece.web.app import create_app

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"
NAME, CONTACT = "王小明", "wxid_wangxm88"
SECRETS = (NAME, CONTACT, "139 1234 5678", "5678", "110105491231002", "wang＠mail.example.cn", "87654321")
TEXT = "我是王小明，电话 ＋86 139 1234 5678，老身份证 110105491231002，邮箱 wang＠mail.example.cn，QQ：87654321。建议增加停车位。"


def given_by_commenter(engine: Engine, decision_id: str, receipt: str) -> None:
    """The name and contact the commenter typed into the form, kept beside the ledger."""
    with ensure_tables(engine, comments).begin() as conn:
        conn.execute(comments.insert().values(
            decision_id=decision_id, receipt=receipt, ledger_seq=2, ledger_hash="0" * 64, text_sha256="1" * 64,
            cluster="c1", paragraph=2, channel="portal", client="2" * 32, name=NAME, contact=CONTACT,
            received_at="2027-03-02T01:00:00.000000Z", late=False))


def launched(ledger: Ledger) -> str:
    spec = load_spec(URBAN)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    return spec.id


def test_the_adoption_report_shows_no_name_contact_or_number_of_a_commenter(juece_home: Path) -> None:
    ledger = Ledger()
    decision = launched(ledger)
    ledger.append(decision, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                {"receipt": "R-0001", "paragraph": 2, "text": TEXT, "cluster": "c1"}))
    disposed = {"R-0001": {"ref": "R-0001", "disposition": "adopted",
                           "reason": f"采纳{NAME}的建议，已电话告知（{CONTACT}）。"}}
    ledger.append(decision, Act(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office", disposed["R-0001"]))
    ledger.append(decision, adoption_report(["R-0001"], disposed, Stage.PUBLIC_PARTICIPATION, "R-B4",
                                            "sponsor_office"))
    given_by_commenter(ledger.engine, decision, "R-0001")
    page = TestClient(create_app(office=False)).get(f"/public/decisions/{decision}/adoption-report")
    assert page.status_code == 200, page.text
    assert "建议增加停车位" in page.text and "已电话告知" in page.text
    assert [secret for secret in SECRETS if secret in page.text] == []


@pytest.fixture
def announcements(juece_home: Path) -> TestClient:
    app = FastAPI()
    app.include_router(announcement_pages)
    return TestClient(app)


def test_the_announcement_shows_no_personal_data_and_says_it_was_removed(announcements: TestClient) -> None:
    ledger = Ledger()
    decision = launched(ledger)
    given_by_commenter(ledger.engine, decision, "R-0001")
    ledger.append(decision, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                {"receipt": "R-0001", "paragraph": 2, "text": "支持", "cluster": "c1"}))
    ledger.append(decision, Act(Stage.PUBLIC_PARTICIPATION, "published", "sponsor_office", {
        "announcement": f"现予公布。感谢{NAME}（{CONTACT}，０４５１－５７１２３４５６）提出的意见。",
        "announcement_sha256": "3" * 64, "published_at": "2027-05-01T01:00:00Z"}))
    page = announcements.get(f"/public/decisions/{decision}/announcement")
    data = announcements.get(f"/public/decisions/{decision}/announcement?format=json").json()
    assert page.status_code == 200 and "现予公布" in page.text and "个人信息已删除" in page.text
    for shown in (page.text, data["announcement"]):
        assert [s for s in (NAME, CONTACT, "５７１２３４５６") if s in shown] == []
    assert data["redacted"] is True and data["announcement_sha256"] == "3" * 64
