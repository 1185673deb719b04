"""The legality reviewer's review on juece's own page (R-E1, R-E3, R-E4): only the reviewer opens
it; the legal due date in China time; the findings with the provisions relied on as rows; a bad row
or answer refused at its field under its rule before anything reaches Airflow; a good review sent to
the waiting task with the reviewer's own token, in the shape the task's handler records; before the
adviser's opinion and after a review the page says why it does not ask."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain import steps
from juece.domain.deliberation.meeting_answers import legality_review
from juece.domain.legality.review import legality_submission
from juece.domain.notices.links import task_link
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.stages import Stage
from juece.services.record import open_record
from juece.spec import load_spec_text
from juece.web.app import create_app
from tests.conftest import TEMPLATES
from tests.unit.adapters.store.test_personal import START, noticed
from tests.unit.web.form_html import form_values
from tests.unit.web.test_announcement_review import FakeAirflow

TOKENS = {"reviewer-token": "legality_reviewer", "office-token": "sponsor_office"}
SUBMITTED = datetime(2026, 9, 25, 2, 0, tzinfo=UTC)  # a year the official calendar knows


def submitted(ledger: Ledger, advised: bool = True) -> str:
    """The urban plan with its legality submission out and, when ``advised``, the legal adviser's
    opinion."""
    return under_review(ledger, noticed(ledger), advised)


def under_review(ledger: Ledger, decision: str, advised: bool = True) -> str:
    """A launched decision's legality submission and, when ``advised``, the adviser's opinion: the
    review waits for the reviewer."""
    record = open_record(decision, ledger)
    ledger.append_many(decision, legality_submission(record.spec, record.entries, SUBMITTED))
    if advised:
        ledger.append(decision, Act(Stage.LEGALITY_REVIEW, "adviser_opinion", "legal_adviser",
                                    {"conclusion": "lawful", "opinion": "合法。", "rule": "R-E4"}))
    return decision


@pytest.fixture
def site(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Any, str]:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return TOKENS.get(request.cookies.get("_token", ""))

    monkeypatch.setattr("juece.web.hitl_answer.airflow_user", session_user)
    decision = submitted(Ledger())
    api = create_app()
    api.state.airflow = FakeAirflow()
    return Starlette(routes=[Mount("/juece", app=api)]), api, decision


def as_(app: Starlette, token: str) -> TestClient:
    return TestClient(app, cookies={"_token": token}, follow_redirects=False)


def url(decision: str) -> str:
    return f"/juece/tasks/decisions/{decision}/legality"


def filled(browser: TestClient, decision: str, **cells: str) -> dict[str, Any]:
    values = form_values(browser.get(url(decision)).text, "legality-form")
    base = {"authority": "县政府有权批准城区控制性详细规划。", "procedure": "已履行公众参与、专家论证和风险评估程序。",
            "content": "内容不违反上位法。", "outcome": "lawful",
            "authority_provisions.1.law": "中华人民共和国城乡规划法", "authority_provisions.1.article": "第二十条",
            "authority_provisions.2.law": "重大行政决策程序暂行条例", "authority_provisions.2.article": "第三条"}
    return {**values, **base, **cells}


def patches(api: Any) -> list[Any]:
    return [call for call in api.state.airflow.calls if call[0] == "PATCH"]


def test_only_the_named_reviewer_opens_the_review_with_its_due_date_in_china_time(site) -> None:
    app, _api, decision = site
    page = as_(app, "reviewer-token").get(url(decision))
    assert page.status_code == 200 and 'id="legality-form"' in page.text
    assert 'name="authority_provisions.1.law"' in page.text and 'name="content_provisions.3.article"' in page.text
    due = Ledger().latest(decision, "submission_prepared")["data"]["review_due"]  # R-E3: 7 working days
    assert f"{due} 24:00（北京时间）" in page.text and f"24:00 China time (UTC+8) on {due}" in page.text
    shown = re.sub(r"<[^>]+>", "", page.text)  # what a person reads: the conclusions in words, no codes
    assert "修改后合法" in shown and "lawful with revisions" in shown and "lawful_with" not in shown
    assert as_(app, "office-token").get(url(decision)).status_code == 403
    assert TestClient(app).get(url(decision)).status_code == 401
    assert as_(app, "reviewer-token").get(url("no-such-decision")).status_code == 404


@pytest.mark.parametrize(("cells", "field", "rule"), [
    ({"authority_provisions.2.article": ""}, "authority_provisions.2.article", "R-E4"),
    ({"authority_provisions.2.law": ""}, "authority_provisions.2.law", "R-E4"),
    ({"procedure_provisions.3.law": "城乡规划法"}, "procedure_provisions.3.article", "R-E4"),  # the row as on the page
    ({"content_provisions.1.article": "第" * 61, "content_provisions.1.law": "城乡规划法"},
     "content_provisions.1.article", "R-E4"),
    ({"authority": " "}, "authority", "R-E4"),
    ({"procedure": ""}, "procedure", "R-E4"),
    ({"content": ""}, "content", "R-E4"),
    ({"outcome": ""}, "outcome", "R-E4"),
    ({"outcome": "approved"}, "outcome", "R-E4"),
    ({"outcome": "lawful_with_revisions"}, "revisions", "R-E4"),
    ({"outcome": "unlawful", "exploratory_override": "yes"}, "legal_risk", "R-E1"),
    ({"exploratory_override": "yes", "legal_risk": "改革试点"}, "exploratory_override", "R-E1"),
])
def test_a_bad_review_is_refused_at_its_field_and_nothing_is_sent(site, cells, field, rule) -> None:
    app, api, decision = site
    browser = as_(app, "reviewer-token")
    answer = browser.post(url(decision), data=filled(browser, decision, **cells), headers={"accept": "application/json"})
    assert answer.status_code == 422 and (answer.json()["rule"], answer.json()["field"]) == (rule, field)
    assert answer.json()["zh"] and answer.json()["en"] and "_" not in answer.json()["zh"]
    assert patches(api) == []
    page = browser.post(url(decision), data=filled(browser, decision, **cells))
    assert page.status_code == 422 and f"[{rule}]" in page.text and 'value="第二十条"' in page.text  # typed, kept
    assert f'id="error-{field.replace(".", "-")}"' in page.text  # shown at its field


def test_a_good_review_is_sent_with_the_reviewers_token_as_the_handler_records_it(site) -> None:
    app, api, decision = site
    browser = as_(app, "reviewer-token")
    form = filled(browser, decision, **{"procedure_provisions.2.law": "《中华人民共和国城乡规划法》",
                                        "procedure_provisions.2.article": "第二十六条"})
    answer = browser.post(url(decision), data=form)
    assert answer.status_code == 303 and answer.headers["location"].endswith(url(decision) + "?sent=1")
    sent = browser.get(answer.headers["location"])
    assert 'id="sent"' in sent.text and 'id="legality-form"' not in sent.text  # no second answer invited
    patch, = patches(api)
    assert patch[1] == "reviewer-token" and patch[4] == "legality_review.review"
    body = patch[6]
    assert body["chosen_options"] == ["合法 Lawful"]
    record = open_record(decision, Ledger())
    act, = legality_review(TaskContext(record.spec, record.entries),
                           Answer("legality_reviewer", body["chosen_options"], body["params_input"])).acts
    assert act.data["authority_provisions"] == [{"law": "中华人民共和国城乡规划法", "article": "第二十条"},
                                                {"law": "重大行政决策程序暂行条例", "article": "第三条"}]
    assert act.data["procedure_provisions"] == [{"law": "中华人民共和国城乡规划法", "article": "第二十六条"}]
    assert act.data["outcome"] == "lawful" and "content_provisions" not in act.data


def test_once_recorded_the_page_shows_the_review_in_words_and_refuses_a_late_post(site) -> None:
    app, api, decision = site
    browser = as_(app, "reviewer-token")
    form = filled(browser, decision)  # the page as it was while the review waited
    record = open_record(decision, Ledger())
    params = {"authority": "有权。", "procedure": "完备。", "content": "合法。",
              "authority_provisions": [{"law": "中华人民共和国城乡规划法", "article": "第二十条"}]}
    Ledger().append_many(decision, legality_review(TaskContext(record.spec, record.entries),
                                                   Answer("legality_reviewer", ["合法 Lawful"], params)).acts)
    page = browser.get(url(decision))
    assert page.status_code == 200 and 'id="done"' in page.text and 'id="legality-form"' not in page.text
    assert "《中华人民共和国城乡规划法》第二十条" in page.text and "合法" in page.text
    refused = browser.post(url(decision), data=form)
    assert refused.status_code == 409 and patches(api) == []


def test_before_the_advisers_opinion_the_page_does_not_ask(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return "legality_reviewer"

    monkeypatch.setattr("juece.web.hitl_answer.airflow_user", session_user)
    decision = submitted(Ledger(), advised=False)
    app = Starlette(routes=[Mount("/juece", app=create_app())])
    page = TestClient(app).get(url(decision))
    assert page.status_code == 200 and 'id="not-waiting"' in page.text and "R-E4" in page.text
    assert 'id="legality-form"' not in page.text


@pytest.mark.parametrize(("status", "wanted"), [(403, 403), (409, 409), (400, 422)])
def test_airflows_refusals_are_pages_in_both_languages(site, status: int, wanted: int) -> None:
    app, api, decision = site
    api.state.airflow = FakeAirflow(status=status)
    browser = as_(app, "reviewer-token")
    answer = browser.post(url(decision), data=filled(browser, decision), headers={"accept": "application/json"})
    assert answer.status_code == wanted and answer.json()["zh"] and answer.json()["en"]


def test_more_rows_keep_what_was_typed_and_send_nothing(site) -> None:
    app, api, decision = site
    browser = as_(app, "reviewer-token")
    page = browser.post(url(decision), data={**filled(browser, decision), "action": "more"})
    assert page.status_code == 200 and 'name="authority_provisions.6.law"' in page.text
    assert "重大行政决策程序暂行条例" in page.text and patches(api) == []


def test_a_forged_post_is_refused_and_the_notice_links_to_the_page(site) -> None:
    app, api, decision = site
    browser = as_(app, "reviewer-token")
    assert browser.post(url(decision), data={**filled(browser, decision), "csrf_token": "x"}).status_code == 403
    assert patches(api) == []
    for task in ("legality_review.review", "legality_review.rereview_4"):
        assert task_link("https://gov.example.org/airflow/", f"decision__{decision}", "run", task) == \
            f"https://gov.example.org/airflow/juece/tasks/decisions/{decision}/legality"


def test_a_member_of_the_reviewers_group_opens_the_review_and_nobody_else(
        juece_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return request.cookies.get("_token")

    monkeypatch.setattr("juece.web.hitl_answer.airflow_user", session_user)
    people = tmp_path / "people.yaml"
    people.write_text("groups:\n  legality-office: {name: 法制科, name_en: legality office, members: [lr_a, lr_b]}\n",
                      encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(people))
    text = (TEMPLATES / "urban-planning.yaml").read_text(encoding="utf-8")
    spec = load_spec_text(text.replace("reviewer: legality_reviewer", "reviewer: group:legality-office"), "u")
    ledger = Ledger()
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    ledger.append_many(spec.id, steps.publish_notice(spec, ledger.entries(spec.id), START))
    under_review(ledger, spec.id)
    app = Starlette(routes=[Mount("/juece", app=create_app())])
    assert as_(app, "lr_b").get(url(spec.id)).status_code == 200
    assert as_(app, "legality_reviewer").get(url(spec.id)).status_code == 403
