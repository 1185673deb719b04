"""The sponsor office reviews and publishes the announcement on juece's own page (R-G1): the
generated text, the office's wording and the document number with its format, the deadline in
China time; a bad answer is refused at its field before anything reaches Airflow; a good one is
sent to the waiting task with the person's own Airflow token; Airflow's refusals and absence are
pages in both languages, never a 500."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.airflow_client import AirflowUnavailable
from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.web.app import create_app
from tests.unit.adapters.store.test_personal import noticed

TASK = "publication.review_announcement"
RUN = "manual__2027-03-01T02:00:00+00:00"
NUMBER = "延政发〔2027〕9号"


class FakeAirflow:
    """Airflow's REST API as the page uses it: the review task waiting in one run; every call kept."""

    def __init__(self, status: int = 200, waiting: bool = True, down: bool = False) -> None:
        self.status, self.waiting, self.down = status, waiting, down
        self.calls: list[tuple[str, ...] | tuple[Any, ...]] = []

    def waiting_hitl(self, token: str, dag_id: str, task_id: str) -> list[dict[str, Any]] | None:
        self.calls.append(("GET", token, dag_id, task_id))
        if self.down:
            raise AirflowUnavailable("Airflow API is not reachable")
        ti = {"dag_run_id": RUN, "map_index": -1, "state": "awaiting_input" if self.waiting else "success"}
        return [{"task_instance": ti}]

    def answer_with(self, token: str, dag_id: str, run_id: str, task_id: str, map_index: int,
                    body: dict[str, Any]) -> httpx.Response:
        self.calls.append(("PATCH", token, dag_id, run_id, task_id, map_index, body))
        return httpx.Response(self.status, json={})


@pytest.fixture
def office(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Any, str, Ledger]:
    """The urban plan, approved by the head: its announcement waits for the sponsor office."""
    async def session_user(request):  # type: ignore[no-untyped-def]
        return {"office-token": "sponsor_office", "stranger-token": "someone_else"}.get(request.cookies.get("_token", ""))

    monkeypatch.setattr("juece.web.office.airflow_user", session_user)
    ledger = Ledger()
    decision = noticed(ledger)
    with monkeypatch.context() as then:  # decided on Monday 2 March 2026, 10:00 in Beijing
        then.setattr("juece.adapters.store.ledger.utc_now", lambda: "2026-03-02T02:00:00.000000Z")
        ledger.append(decision, Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head",
                                    {"outcome": "approve", "reason": ""}))
    api = create_app()
    api.state.airflow = FakeAirflow()
    return Starlette(routes=[Mount("/juece", app=api)]), api, decision, ledger


def as_(app: Starlette, token: str) -> TestClient:
    return TestClient(app, cookies={"_token": token}, follow_redirects=False)


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", html))


def post(app: Starlette, decision: str, number: str = NUMBER, text: str | None = None) -> httpx.Response:
    browser = as_(app, "office-token")
    page = browser.get(f"/juece/office/decisions/{decision}/announcement")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    generated = unescape(re.search(r'<textarea id="f-text"[^>]*>(.*?)</textarea>', page.text, re.S).group(1))
    form = {"csrf_token": csrf.group(1) if csrf else "", "document_number": number,
            "text": generated if text is None else text}
    return browser.post(f"/juece/office/decisions/{decision}/announcement", data=form)


def test_the_office_reads_the_generated_text_the_number_format_and_the_deadline(office) -> None:
    app, _api, decision, _ledger = office
    page = as_(app, "office-token").get(f"/juece/office/decisions/{decision}/announcement")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "审定并发布决定公告" in words and "Review and publish the announcement" in words
    assert '<textarea id="f-text" name="text"' in page.text and 'for="f-document_number"' in page.text
    assert "机关代字〔年份〕序号号" in words and "延政发〔2027〕9号" in words
    assert "公布期限" in words and "2026-03-30 24:00（北京时间）" in words and "24:00 China time" in words
    assert "已逾期" in words and "overdue" in words
    assert 'id="publish"' in page.text and "发布" in words and "Publish" in words


def test_another_user_is_refused_and_an_unknown_decision_is_not_found(office) -> None:
    app, _api, decision, _ledger = office
    refused = as_(app, "stranger-token").get(f"/juece/office/decisions/{decision}/announcement")
    assert refused.status_code == 403 and "只有承办单位" in refused.text and "sponsor office" in refused.text
    missing = as_(app, "office-token").get("/juece/office/decisions/no-such-decision/announcement")
    assert missing.status_code == 404 and "没有这项决策" in missing.text


def test_before_the_decision_the_page_says_the_review_is_not_waiting_yet(juece_home, monkeypatch) -> None:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return "sponsor_office"

    monkeypatch.setattr("juece.web.office.airflow_user", session_user)
    decision = noticed(Ledger())
    app = Starlette(routes=[Mount("/juece", app=create_app())])
    page = as_(app, "office-token").get(f"/juece/office/decisions/{decision}/announcement")
    assert page.status_code == 200 and 'id="not-waiting"' in page.text and 'id="publish"' not in page.text
    assert "尚未到公告审核环节" in page.text and "not waiting for review yet" in page.text


def test_a_bad_document_number_is_shown_at_its_field_and_nothing_is_sent(office) -> None:
    app, api, decision, _ledger = office
    refused = post(app, decision, number="延政发[2027]9号")
    assert refused.status_code == 422
    assert 'id="error-document_number"' in refused.text and "R-G1" in refused.text
    assert "发文字号格式" in refused.text and "document number must read like" in refused.text
    assert 'value="延政发[2027]9号"' in refused.text  # what was typed is kept
    assert api.state.airflow.calls == []


def test_an_emptied_wording_is_shown_at_its_field_and_nothing_is_sent(office) -> None:
    app, api, decision, _ledger = office
    refused = post(app, decision, text="  \r\n ")
    assert refused.status_code == 422 and 'id="error-text"' in refused.text and "R-G1" in refused.text
    assert api.state.airflow.calls == []


def test_a_good_answer_is_sent_with_the_persons_own_token_and_leads_to_the_record(office) -> None:
    app, api, decision, _ledger = office
    done = post(app, decision, text="经审定的公告文字。\r\n第二段。")
    assert done.status_code == 303 and done.headers["location"].endswith(f"/juece/office/decisions/{decision}")
    body = {"chosen_options": ["发布 Publish"], "params_input": {"document_number": NUMBER, "text": "经审定的公告文字。\n第二段。"}}
    assert api.state.airflow.calls == [("GET", "office-token", f"decision__{decision}", TASK),
                                       ("PATCH", "office-token", f"decision__{decision}", RUN, TASK, -1, body)]


def test_the_generated_text_kept_as_it_is_is_sent_empty_to_be_published_as_generated(office) -> None:
    app, api, decision, _ledger = office
    assert post(app, decision).status_code == 303
    assert api.state.airflow.calls[-1][-1]["params_input"] == {"document_number": NUMBER, "text": ""}


@pytest.mark.parametrize(("fake", "status", "zh", "en"), [
    (FakeAirflow(status=403), 403, "不是分配给您的", "not assigned to you"),
    (FakeAirflow(status=409), 409, "已办理或尚未等待办理", "already answered or is not waiting"),
    (FakeAirflow(waiting=False), 409, "已办理或尚未等待办理", "already answered or is not waiting"),
    (FakeAirflow(down=True), 503, "暂时无法连接 Airflow", "Airflow cannot be reached"),
])
def test_airflows_refusals_and_absence_are_pages_in_both_languages(office, fake, status, zh, en) -> None:
    app, api, decision, _ledger = office
    api.state.airflow = fake
    answered = post(app, decision)
    assert answered.status_code == status and zh in answered.text and en in answered.text


def test_once_reviewed_the_page_says_so_with_the_number_and_a_second_answer_sends_nothing(office) -> None:
    app, api, decision, ledger = office
    ledger.append(decision, Act(Stage.PUBLICATION, "announcement_reviewed", "sponsor_office",
                                {"document_number": NUMBER, "text": "…", "edited": False}))
    page = as_(app, "office-token").get(f"/juece/office/decisions/{decision}/announcement")
    assert page.status_code == 200 and NUMBER in page.text and 'id="publish"' not in page.text
    again = as_(app, "office-token").post(f"/juece/office/decisions/{decision}/announcement",
                                          data={"document_number": NUMBER, "text": "x"},
                                          headers={"authorization": "Bearer office-token"})
    assert again.status_code == 409 and api.state.airflow.calls == []


def test_the_desk_and_the_record_lead_to_the_page_while_the_review_is_open(office, monkeypatch) -> None:
    app, _api, decision, _ledger = office

    async def identity(request):  # type: ignore[no-untyped-def]
        return "sponsor_office", "User"

    monkeypatch.setattr("juece.web.desk.airflow_identity", identity)
    link = f'/juece/office/decisions/{decision}/announcement"'
    assert link in as_(app, "office-token").get("/juece/office/").text
    assert link in as_(app, "office-token").get(f"/juece/office/decisions/{decision}").text


def test_a_decision_not_approved_has_no_announcement_to_review(juece_home, monkeypatch) -> None:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return "sponsor_office"

    monkeypatch.setattr("juece.web.office.airflow_user", session_user)
    ledger = Ledger()
    decision = noticed(ledger)
    ledger.append(decision, Act(Stage.COLLECTIVE_DELIBERATION, "head_decision", "county_head",
                                {"outcome": "reject", "reason": "时机尚不成熟。"}))
    app = Starlette(routes=[Mount("/juece", app=create_app())])
    page = as_(app, "office-token").get(f"/juece/office/decisions/{decision}/announcement")
    assert page.status_code == 200 and 'id="not-waiting"' in page.text and 'id="publish"' not in page.text
    assert "未获批准" in page.text and "was not approved" in page.text
