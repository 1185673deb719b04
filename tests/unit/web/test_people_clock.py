"""What a citizen reads on the portal: a demonstration's accelerated clock said plainly, times in
China time with the zone, and a draft written in articles cited by article (第三条), not 第3段."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.demo.calendar import seed_assumed_calendar
from juece.domain import steps
from juece.domain.participation.dispositions import adoption_report
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.services.record import now
from juece.spec import load_spec
from juece.web.app import create_app

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"


def published(template: str, scale: float = 1.0) -> str:
    """A decision launched (with this clock scale) and its comment notice out."""
    seed_assumed_calendar()
    spec = load_spec(TEMPLATES / template)
    ledger = Ledger()
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office",
                               {"spec": spec.model_dump(mode="json"), "clock_scale": scale}))
    ledger.append_many(spec.id, steps.publish_notice(spec, ledger.entries(spec.id), now()))
    return spec.id


def page(path: str) -> str:
    answer = TestClient(create_app(office=False)).get(path)
    assert answer.status_code == 200, answer.text
    return answer.text


def test_the_decision_page_says_when_the_demo_clock_is_accelerated(juece_home: Path) -> None:
    decision = published("urban-planning.yaml", scale=1440)
    text = page(f"/public/decisions/{decision}")
    assert "时钟已加速 ×1440" in text and "runs 1440 times faster" in text


def test_a_real_time_decision_says_nothing_of_an_accelerated_clock(juece_home: Path) -> None:
    decision = published("urban-planning.yaml")
    assert "时钟已加速" not in page(f"/public/decisions/{decision}")


def test_a_draft_in_articles_is_offered_and_cited_by_article(juece_home: Path) -> None:
    decision = published("price-hearing.yaml")
    text = page(f"/public/decisions/{decision}")
    assert "第三条 / Article 3" in text and "第3段" not in text
    ledger = Ledger()
    ledger.append(decision, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                {"receipt": "R-0001", "paragraph": 3, "text": "建议扩大减免范围。", "cluster": "c1"}))
    disposed = {"R-0001": {"ref": "R-0001", "disposition": "adopted", "reason": "采纳。"}}
    ledger.append(decision, Act(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office", disposed["R-0001"]))
    ledger.append(decision, adoption_report(["R-0001"], disposed, Stage.PUBLIC_PARTICIPATION, "R-B4",
                                            "sponsor_office"))
    report = page(f"/public/decisions/{decision}/adoption-report")
    assert "第三条 Article 3" in report



def test_the_office_page_cites_a_comment_by_article(juece_home: Path, monkeypatch) -> None:
    async def session_user(request):  # Airflow's own token check is covered elsewhere
        return "sponsor_office"

    monkeypatch.setattr("juece.web.office.airflow_user", session_user)
    decision = published("price-hearing.yaml")
    Ledger().append(decision, Act(Stage.PUBLIC_PARTICIPATION, "comment_received", "public",
                                  {"receipt": "R-0001", "paragraph": 2, "text": "第二阶梯也应调整。", "cluster": "c1"}))
    answer = TestClient(create_app()).get(f"/office/decisions/{decision}/comments")
    assert answer.status_code == 200 and "第二条 Article 2" in answer.text
