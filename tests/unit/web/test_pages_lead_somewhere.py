"""Pages that lead somewhere: the archive search browses with nothing typed and names its values in
words; the portal's list and the announcements link to each other; a published decision's page
points to the adopted text; `juece portal` answers its bare address; an office refusal keeps the
office's header; the office page leads to the Airflow task, the public page and the report."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient
from starlette.applications import Starlette
from starlette.routing import Mount

from juece.adapters.store.ledger import Ledger
from juece.domain.participation.dispositions import adoption_report
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.web import archives as web_archives
from juece.web.app import create_app, public_server
from juece.web.refusals import include
from tests.unit.adapters.store.test_personal import noticed
from tests.unit.services.archives.search_docs import fill
from tests.unit.web.office_session import SESSION, office_with_a_comment
from tests.unit.web.test_announcements import launch

RUN_ID = "manual__2026-12-05T08:00:00+00:00"


def test_the_bare_address_of_juece_portal_leads_to_the_portal(juece_home: Path) -> None:
    client = TestClient(public_server(), follow_redirects=False)
    for path in ("/", "/juece", "/juece/"):
        answer = client.get(path)
        assert answer.status_code == 302 and answer.headers["location"] == "/juece/public/", path
    assert "征求意见的决策事项" in client.get("/", follow_redirects=True).text


def test_the_portal_list_and_the_announcements_link_to_each_other(juece_home: Path) -> None:
    client = TestClient(public_server())
    portal = client.get("/juece/public/").text
    assert re.search(r'href="[^"]*/juece/public/announcements/"', portal)
    assert 'href="/juece/public/"' in client.get("/juece/public/announcements/").text


def test_a_published_decisions_page_points_to_the_adopted_text_and_back(juece_home: Path) -> None:
    ledger = Ledger()
    decision = noticed(ledger)
    client = TestClient(create_app(office=False))
    assert "announcement" not in client.get(f"/public/decisions/{decision}").text  # nothing published yet
    launch(ledger)  # the same decision, decided and published
    page = client.get(f"/public/decisions/{decision}").text
    assert "本决策已于" in page and f"/public/decisions/{decision}/announcement" in page
    assert f'href="/public/decisions/{decision}"' in client.get(f"/public/decisions/{decision}/announcement").text
    assert f"/public/decisions/{decision}/announcement" in client.get("/public/").text


@pytest.fixture
def office(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[TestClient, str]:
    """The sponsor office signed in, the portal mounted at /juece as under Airflow's API server."""
    ledger, decision = office_with_a_comment(monkeypatch)
    ledger.append(decision, Act(Stage.LAUNCH, "workflow_started", "system", {"run_id": RUN_ID, "dag_id": decision}))
    airflow = Starlette(routes=[Mount("/juece", app=create_app())])
    return TestClient(airflow, cookies=SESSION), decision


def test_an_office_refusal_page_carries_the_office_header(office: tuple[TestClient, str]) -> None:
    client, decision = office
    refused = [client.post(f"/juece/office/decisions/{decision}/dispositions", data={"ref": "x"}),  # no CSRF token
               TestClient(client.app).get(f"/juece/office/decisions/{decision}/comments")]  # not signed in
    for answer in refused:
        assert answer.status_code in (401, 403)
        assert "承办单位工作台" in answer.text and "决策公众参与平台" not in answer.text


def test_the_office_page_leads_to_the_airflow_task_the_public_page_and_the_report(
        office: tuple[TestClient, str]) -> None:
    client, decision = office
    page = client.get(f"/juece/office/decisions/{decision}/comments").text
    task = (f'href="/dags/{decision}/runs/{quote(RUN_ID, safe="")}/tasks/public_participation.dispose_comments'
            f'/required_actions?map_index=-1"')
    assert task in page and f"/juece/public/decisions/{decision}\"" in page
    assert "adoption-report" not in page and "请到 Airflow 任务中提交" not in page  # a comment still open
    ledger = Ledger()
    receipt = ledger.latest(decision, "comment_received")["data"]["receipt"]
    disposed = {"ref": receipt, "disposition": "adopted", "reason": ""}
    ledger.append(decision, Act(Stage.PUBLIC_PARTICIPATION, "comment_disposed", "sponsor_office", disposed))
    assert "请到 Airflow 任务中提交" in client.get(f"/juece/office/decisions/{decision}/comments").text
    ledger.append(decision, adoption_report([receipt], {receipt: disposed}, Stage.PUBLIC_PARTICIPATION, "R-B4",
                                            "sponsor_office"))
    page = client.get(f"/juece/office/decisions/{decision}/comments").text
    assert "请到 Airflow 任务中提交" not in page and f"/juece/public/decisions/{decision}/adoption-report" in page


@pytest.fixture
def reader(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> TestClient:
    async def who(_request) -> tuple[str, str]:  # type: ignore[no-untyped-def]
        return "member_1", "VIEWER"

    monkeypatch.setattr(web_archives, "airflow_identity", who)
    fill(Ledger().engine)
    app = FastAPI()
    include(app, web_archives.router)
    return TestClient(app)


def test_an_empty_archive_search_lists_every_decision_newest_first_in_words(reader: TestClient) -> None:
    page = reader.get("/archives").text
    titles = re.findall(r"<strong>([^<]+)</strong>", page)
    assert titles == ["乡村小学撤并规划", "城镇供水价格调整方案", "县城区道路拓宽工程", "林地保护利用规划"]
    assert "重要规划 <span class=\"en\" lang=\"en\">important plan</span>" in page and "不予通过 <span class=\"en\" lang=\"en\">reject</span>" in page
    assert "未决 <span class=\"en\" lang=\"en\">undecided</span>" in page and "· important_plan ·" not in page
    paged = reader.get("/archives", params={"per_page": 3}).text
    assert paged.count('class="card result"') == 3 and 'rel="next"' in paged


def test_the_archive_search_offers_categories_outcomes_and_stages_in_words(reader: TestClient) -> None:
    page = reader.get("/archives", params={"stage": "expert_review=not_applicable"}).text
    assert '<option value="public_policy">公共政策 public policy</option>' in page
    assert '<option value="postpone">暂缓 postpone</option>' in page
    assert '<select id="stage" name="stage">' in page
    assert '<option value="expert_review=not_applicable" selected>专家论证：不适用 Expert review: not applicable' in page
    assert re.findall(r"<strong>([^<]+)</strong>", page) == ["城镇供水价格调整方案"]
