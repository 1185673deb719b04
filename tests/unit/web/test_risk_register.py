"""The risk assessor's register on juece's own page (R-D1..R-D4): only the assessor opens it; the
points are a table with the matrix's level; a bad point is refused at its cell under its rule
before anything reaches Airflow; a good register is sent to the waiting task with the assessor's
own token, in the shape the task's handler records; after an uncontrollable round the page waits
for the sponsor's revision."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.notices.links import task_link
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.risk.register import risk_assessment
from juece.services.record import open_record
from juece.web.app import create_app
from tests.unit.adapters.store.test_personal import noticed
from tests.unit.web.form_html import form_values
from tests.unit.web.test_announcement_review import FakeAirflow

TOKENS = {"assessor-token": "risk_assessor", "office-token": "sponsor_office"}


@pytest.fixture
def site(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Any, str]:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return TOKENS.get(request.cookies.get("_token", ""))

    monkeypatch.setattr("juece.web.hitl_answer.airflow_user", session_user)
    decision = noticed(Ledger())
    api = create_app()
    api.state.airflow = FakeAirflow()
    return Starlette(routes=[Mount("/juece", app=api)]), api, decision


def as_(app: Starlette, token: str) -> TestClient:
    return TestClient(app, cookies={"_token": token}, follow_redirects=False)


def url(decision: str) -> str:
    return f"/juece/tasks/decisions/{decision}/risk"


def filled(browser: TestClient, decision: str, **cells: str) -> dict[str, Any]:
    values = form_values(browser.get(url(decision)).text, "risk-form")
    base = {"risk_points.1.description": "征地补偿引发群体上访", "risk_points.1.likelihood": "2",
            "risk_points.1.impact": "3", "risk_points.1.measure": "提前公示补偿标准",
            "departments_heard": "县信访局\n县公安局", "response_plan": "设立咨询窗口，专人答复。"}
    return {**values, **base, **cells}


def test_only_the_named_assessor_opens_the_register(site) -> None:
    app, _api, decision = site
    page = as_(app, "assessor-token").get(url(decision))
    assert page.status_code == 200 and 'id="register"' in page.text and "data-matrix" in page.text
    assert "社会稳定" in page.text and "social stability" in page.text and "social_stability\">" not in page.text
    assert as_(app, "office-token").get(url(decision)).status_code == 403
    assert TestClient(app).get(url(decision)).status_code == 401
    assert as_(app, "assessor-token").get(url("no-such-decision")).status_code == 404


@pytest.mark.parametrize(("cells", "field", "rule"), [
    ({"risk_points.1.likelihood": "6"}, "risk_points.1.likelihood", "R-D3"),
    ({"risk_points.1.impact": ""}, "risk_points.1.impact", "R-D3"),
    ({"risk_points.1.measure": ""}, "risk_points.1.measure", "R-D2"),
    ({"risk_points.1.description": ""}, "risk_points.1.description", "R-D2"),
    ({"risk_points.1.dimension": "weather"}, "risk_points.1.dimension", "R-D1"),
    ({"departments_heard": ""}, "departments_heard", "R-D2"),
    ({"response_plan": ""}, "response_plan", "R-D2"),
])
def test_a_bad_register_is_refused_at_its_field_and_nothing_is_sent(site, cells, field, rule) -> None:
    app, api, decision = site
    browser = as_(app, "assessor-token")
    answer = browser.post(url(decision), data=filled(browser, decision, **cells), headers={"accept": "application/json"})
    assert answer.status_code == 422 and (answer.json()["rule"], answer.json()["field"]) == (rule, field)
    assert answer.json()["zh"] and answer.json()["en"] and "_" not in answer.json()["zh"]
    assert [call for call in api.state.airflow.calls if call[0] == "PATCH"] == []
    page = browser.post(url(decision), data=filled(browser, decision, **cells))
    kept = "征地补偿引发群体上访" if "risk_points.1.description" not in cells else "提前公示补偿标准"
    assert page.status_code == 422 and f"[{rule}]" in page.text and kept in page.text  # what was typed is kept
    if field.startswith("risk_points."):  # the refused control itself says so to a screen reader
        control = re.search(rf'<(?:input|select) name="{re.escape(field)}"[^>]*>', page.text)
        assert control and 'aria-invalid="true"' in control.group(0) and 'aria-describedby="refused"' in control.group(0)
        assert page.text.count('aria-invalid="true"') == 1


def test_a_good_register_is_sent_with_the_assessors_token_as_the_handler_records_it(site) -> None:
    app, api, decision = site
    browser = as_(app, "assessor-token")
    form = filled(browser, decision, **{"risk_points.2.dimension": "public_safety", "risk_points.2.description": "施工扬尘",
                                        "risk_points.2.likelihood": "5", "risk_points.2.impact": "5",
                                        "risk_points.2.measure": "围挡喷淋", "risk_points.2.accepted": "yes"})
    answer = browser.post(url(decision), data=form)
    assert answer.status_code == 303 and answer.headers["location"].endswith(url(decision) + "?sent=1")
    sent = browser.get(answer.headers["location"])
    assert 'id="sent"' in sent.text and 'id="risk-form"' not in sent.text  # no second answer invited
    patch = [call for call in api.state.airflow.calls if call[0] == "PATCH"]
    assert len(patch) == 1 and patch[0][1] == "assessor-token" and patch[0][4] == "risk_assessment.assess"
    body = patch[0][6]
    record = open_record(decision, Ledger())
    outcome = risk_assessment(TaskContext(record.spec, record.entries),
                              Answer("risk_assessor", body["chosen_options"], body["params_input"]))
    points = outcome.acts[0].data["points"]
    assert [(p["likelihood"], p["impact"], p["level"], p["mitigation_accepted"]) for p in points] == [
        (2, 3, "medium", False), (5, 5, "high", True)]


def test_after_an_uncontrollable_round_the_page_waits_for_the_revision(site) -> None:
    app, api, decision = site
    browser = as_(app, "assessor-token")
    form = filled(browser, decision)  # the page as it was while the first round waited
    record = open_record(decision, Ledger())
    params = {"risk_points": [{"dimension": "ecology", "description": "污水", "likelihood": 5, "impact": 5,
                               "measure": "监测", "mitigation_accepted": False}],
              "departments_heard": ["县生态环境局"], "response_plan": "预案"}
    acts = risk_assessment(TaskContext(record.spec, record.entries), Answer("risk_assessor", ["提交 Submit"], params)).acts
    Ledger().append_many(decision, acts)
    page = as_(app, "assessor-token").get(url(decision))
    assert page.status_code == 200 and 'id="not-waiting"' in page.text and "R-D4" in page.text
    assert 'id="risk-form"' not in page.text and "污水" in page.text
    refused = browser.post(url(decision), data=form)  # sent late, from the page as it was
    assert refused.status_code == 409 and not [c for c in api.state.airflow.calls if c[0] == "PATCH"]


@pytest.mark.parametrize(("status", "wanted"), [(403, 403), (409, 409), (400, 422)])
def test_airflows_refusals_are_pages_in_both_languages(site, status: int, wanted: int) -> None:
    app, api, decision = site
    api.state.airflow = FakeAirflow(status=status)
    browser = as_(app, "assessor-token")
    answer = browser.post(url(decision), data=filled(browser, decision), headers={"accept": "application/json"})
    assert answer.status_code == wanted and answer.json()["zh"] and answer.json()["en"]


def test_more_rows_keep_what_was_typed_and_send_nothing(site) -> None:
    app, api, decision = site
    browser = as_(app, "assessor-token")
    page = browser.post(url(decision), data={**filled(browser, decision), "action": "more"})
    assert page.status_code == 200 and 'name="risk_points.5.description"' in page.text
    assert "征地补偿引发群体上访" in page.text and not [c for c in api.state.airflow.calls if c[0] == "PATCH"]


def test_a_forged_post_is_refused_and_the_notice_links_to_the_page(site) -> None:
    app, api, decision = site
    browser = as_(app, "assessor-token")
    assert browser.post(url(decision), data={**filled(browser, decision), "csrf_token": "x"}).status_code == 403
    assert task_link("https://gov.example.org/juece/..", f"decision__{decision}", "run", "risk_assessment.reassess_2") \
        .endswith(f"/juece/tasks/decisions/{decision}/risk")
    assert isinstance(httpx.Response(200), httpx.Response)
