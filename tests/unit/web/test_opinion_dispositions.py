"""The sponsor office disposes of the expert opinions on juece's own page (R-C6): only the office
opens it; each signed opinion is a row naming its expert and seat, its conclusion in words; a row
without a disposition or its reasons is refused at its field under R-C6 before anything reaches
Airflow; several rows are filled at once without losing what was typed; a good answer is sent to
the waiting task with the office's own token, in the shape the task's handler records."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.demo.library import seed_library
from juece.domain.notices.links import task_link
from juece.domain.participation.review_answers import opinion_dispositions
from juece.domain.record.answers import Answer, TaskContext
from juece.services import decisions as services
from juece.services.record import open_record
from juece.web.app import create_app
from tests.unit.web.form_html import form_values
from tests.unit.web.opinion_panel import opinions_given
from tests.unit.web.test_announcement_review import FakeAirflow

URBAN = Path(__file__).resolve().parents[3] / "templates" / "urban-planning.yaml"
TOKENS = {"office-token": "sponsor_office", "stranger-token": "someone_else"}
REASONS = {"1": "人口预测方法已采用。", "2": "一期规模缩减三成。", "3": "路网密度已按上位规划核定。"}


@pytest.fixture
def site(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Any, str, dict[str, str]]:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return TOKENS.get(request.cookies.get("_token", ""))

    monkeypatch.setattr("juece.web.office.airflow_user", session_user)
    seed_library()
    ledger = Ledger()
    decision = services.launch(URBAN, actor="sponsor_office", ledger=ledger).spec.id
    experts = opinions_given(ledger, decision)
    api = create_app()
    api.state.airflow = FakeAirflow()
    return Starlette(routes=[Mount("/juece", app=api)]), api, decision, experts


def as_(app: Starlette, token: str) -> TestClient:
    return TestClient(app, cookies={"_token": token}, follow_redirects=False)


def url(decision: str) -> str:
    return f"/juece/office/decisions/{decision}/opinions"


def filled(browser: TestClient, decision: str, **cells: str) -> dict[str, Any]:
    values = form_values(browser.get(url(decision)).text, "opinions-form")
    base = {"opinions.1.disposition": "adopted", "opinions.2.disposition": "partly_adopted",
            "opinions.3.disposition": "not_adopted", **{f"opinions.{n}.reason": text for n, text in REASONS.items()}}
    return {**values, **base, **cells}


def patches(api: Any) -> list[Any]:
    return [call for call in api.state.airflow.calls if call[0] == "PATCH"]


def visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_only_the_sponsor_office_opens_the_page(site) -> None:
    app, _api, decision, experts = site
    page = as_(app, "office-token").get(url(decision))
    assert page.status_code == 200 and 'id="opinions-form"' in page.text
    assert as_(app, "stranger-token").get(url(decision)).status_code == 403
    assert TestClient(app).get(url(decision)).status_code == 401
    assert as_(app, "office-token").get(url("no-such-decision")).status_code == 404


def test_each_opinion_is_a_row_with_its_expert_by_name_and_seat_and_its_conclusion_in_words(site) -> None:
    app, _api, decision, experts = site
    record = open_record(decision, Ledger())
    pool = {p["user"]: p["name"] for p in next(e for e in record.entries if e["kind"] == "panel_drawn")["data"]["pool"]}
    text = visible(as_(app, "office-token").get(url(decision)).text)
    for expert in experts.values():
        assert pool[expert] in text and expert not in text  # by name, never by account
    assert "第2席" in text and "附条件支持" in text and "一期规模缩减三成。" in text and "反对" in text
    assert "路网密度不足，不宜实施。" in text and "必填（R-C6）" in text
    shown = text.replace("sponsor_office", "")  # the signed-in account, named by the directory when it has a name
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", shown)  # no code shown as a word


@pytest.mark.parametrize(("cells", "field"), [
    ({"opinions.2.reason": ""}, "opinions.2.reason"),
    ({"opinions.1.reason": "   "}, "opinions.1.reason"),
    ({"opinions.3.disposition": ""}, "opinions.3.disposition"),
    ({"opinions.1.disposition": "ignored"}, "opinions.1.disposition"),
])
def test_a_row_without_its_disposition_or_reasons_is_refused_at_its_field_r_c6(site, cells, field) -> None:
    app, api, decision, _experts = site
    browser = as_(app, "office-token")
    answer = browser.post(url(decision), data=filled(browser, decision, **cells), headers={"accept": "application/json"})
    assert answer.status_code == 422 and (answer.json()["rule"], answer.json()["field"]) == ("R-C6", field)
    assert answer.json()["zh"] and answer.json()["en"] and not re.search(r"[a-z]+_[a-z]+", answer.json()["zh"])
    page = browser.post(url(decision), data=filled(browser, decision, **cells))
    row = field.split(".")[1]
    assert page.status_code == 422 and "[R-C6]" in page.text and f'id="error-{row}"' in page.text
    kept = [text for n, text in REASONS.items() if n != row]
    assert all(text in page.text for text in kept) and patches(api) == []  # what was typed kept, nothing sent


def test_good_dispositions_are_sent_with_the_offices_token_as_the_handler_records_them(site) -> None:
    app, api, decision, experts = site
    browser = as_(app, "office-token")
    answer = browser.post(url(decision), data=filled(browser, decision))
    assert answer.status_code == 303 and answer.headers["location"].endswith(url(decision) + "?sent=1")
    sent = browser.get(answer.headers["location"])
    assert 'id="sent"' in sent.text and 'id="opinions-form"' not in sent.text  # no second answer invited
    patch, = patches(api)
    assert patch[1] == "office-token" and patch[4] == "expert_review.dispose_opinions"
    record = open_record(decision, Ledger())
    outcome = opinion_dispositions(TaskContext(record.spec, record.entries),
                                   Answer("sponsor_office", patch[6]["chosen_options"], patch[6]["params_input"]))
    *disposed, report = outcome.acts
    assert [(a.data["ref"], a.data["disposition"], a.data["reason"]) for a in disposed] == [
        (experts["seat_1"], "adopted", REASONS["1"]), (experts["seat_2"], "partly_adopted", REASONS["2"]),
        (experts["seat_3"], "not_adopted", REASONS["3"])]
    assert report.data["total"] == 3


def test_bulk_fills_the_ticked_rows_and_keeps_what_was_typed_sending_nothing(site) -> None:
    app, api, decision, _experts = site
    browser = as_(app, "office-token")
    form = {**form_values(browser.get(url(decision)).text, "opinions-form"), "opinions.2.reason": "逐条核对。",
            "opinions.1.selected": "yes", "opinions.3.selected": "yes", "bulk.disposition": "not_adopted",
            "bulk.reason": "与上位规划不符。", "action": "bulk"}
    page = browser.post(url(decision), data=form)
    assert page.status_code == 200 and 'id="applied"' in page.text and patches(api) == []
    values = form_values(page.text, "opinions-form")
    assert [values[f"opinions.{n}.disposition"] for n in (1, 2, 3)] == ["not_adopted", "", "not_adopted"]
    assert [values[f"opinions.{n}.reason"] for n in (1, 2, 3)] == ["与上位规划不符。", "逐条核对。", "与上位规划不符。"]


def test_bulk_by_conclusion_fills_every_opinion_of_it(site) -> None:
    app, api, decision, _experts = site
    browser = as_(app, "office-token")
    form = {**form_values(browser.get(url(decision)).text, "opinions-form"), "bulk.scope": "conclusion:oppose",
            "bulk.disposition": "partly_adopted", "bulk.reason": "部分吸收。", "action": "bulk"}
    values = form_values(browser.post(url(decision), data=form).text, "opinions-form")
    assert [values[f"opinions.{n}.disposition"] for n in (1, 2, 3)] == ["", "", "partly_adopted"]


@pytest.mark.parametrize(("cells", "rule", "field"), [
    ({"bulk.reason": ""}, "R-C6", "bulk.reason"),
    ({"bulk.disposition": ""}, "R-C6", "bulk.disposition"),
    ({"opinions.1.selected": ""}, None, "bulk.scope"),
])
def test_a_bulk_fill_is_refused_at_its_field_and_keeps_the_rows(site, cells, rule, field) -> None:
    app, api, decision, _experts = site
    browser = as_(app, "office-token")
    form = {**filled(browser, decision), "opinions.1.selected": "yes", "bulk.disposition": "adopted",
            "bulk.reason": "采纳。", "action": "bulk", **cells}
    answer = browser.post(url(decision), data=form, headers={"accept": "application/json"})
    assert answer.status_code == 422 and (answer.json()["rule"], answer.json()["field"]) == (rule, field)
    page = browser.post(url(decision), data=form)
    assert page.status_code == 422 and 'id="error-bulk"' in page.text and REASONS["2"] in page.text


def test_before_the_panel_closes_the_opinions_stay_sealed_and_nothing_waits(juece_home: Path,
                                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    async def session_user(request):  # type: ignore[no-untyped-def]
        return "sponsor_office"

    monkeypatch.setattr("juece.web.office.airflow_user", session_user)
    seed_library()
    decision = services.launch(URBAN, actor="sponsor_office", ledger=Ledger()).spec.id
    opinions_given(Ledger(), decision, close=False)
    api = create_app()
    api.state.airflow = FakeAirflow()
    browser = as_(Starlette(routes=[Mount("/juece", app=api)]), "office-token")
    page = browser.get(url(decision))
    assert page.status_code == 200 and 'id="not-waiting"' in page.text and "R-C6" in page.text
    assert "路网密度不足" not in page.text and 'id="opinions-form"' not in page.text
    late = browser.post(url(decision), data={"action": "submit"}, headers={"authorization": "Bearer office-token"})
    assert late.status_code == 409 and patches(api) == []


def test_once_the_report_is_recorded_the_page_shows_the_dispositions_and_takes_no_other(site) -> None:
    app, api, decision, experts = site
    browser = as_(app, "office-token")
    form = filled(browser, decision)
    browser.post(url(decision), data=form)
    record = open_record(decision, Ledger())
    body = patches(api)[0][6]
    acts = opinion_dispositions(TaskContext(record.spec, record.entries),
                                Answer("sponsor_office", body["chosen_options"], body["params_input"])).acts
    Ledger().append_many(decision, acts)
    page = browser.get(url(decision))
    assert 'id="done"' in page.text and "部分采纳" in page.text and REASONS["3"] in page.text
    assert 'id="opinions-form"' not in page.text
    assert browser.post(url(decision), data=form).status_code == 409 and len(patches(api)) == 1


def test_the_form_read_is_bounded(site) -> None:
    app, api, decision, _experts = site
    browser = as_(app, "office-token")
    many = {**filled(browser, decision), **{f"x{n}": "1" for n in range(300)}}
    assert browser.post(url(decision), data=many).status_code == 400
    huge = filled(browser, decision, **{"opinions.1.reason": "理" * 10_000})  # one field past its part size
    assert browser.post(url(decision), data=huge).status_code == 400 and patches(api) == []
    long = filled(browser, decision, **{"opinions.1.reason": "理" * 5_000})
    assert browser.post(url(decision), data=long).status_code == 303
    reason = patches(api)[0][6]["params_input"]["dispositions"][0]["reason"]
    assert len(reason) == 4_000 and len(patches(api)) == 1


@pytest.mark.parametrize(("status", "wanted"), [(403, 403), (409, 409), (400, 422)])
def test_airflows_refusals_are_pages_in_both_languages(site, status: int, wanted: int) -> None:
    app, api, decision, _experts = site
    api.state.airflow = FakeAirflow(status=status)
    browser = as_(app, "office-token")
    answer = browser.post(url(decision), data=filled(browser, decision), headers={"accept": "application/json"})
    assert answer.status_code == wanted and answer.json()["zh"] and answer.json()["en"]


def test_a_forged_post_is_refused_and_the_notice_and_the_record_link_to_the_page(site, monkeypatch) -> None:
    app, api, decision, _experts = site
    browser = as_(app, "office-token")
    assert browser.post(url(decision), data={**filled(browser, decision), "csrf_token": "x"}).status_code == 403
    assert patches(api) == []
    assert task_link("https://gov.example.org/", f"decision__{decision}", "run", "expert_review.dispose_opinions") \
        == f"https://gov.example.org/juece/office/decisions/{decision}/opinions"

    async def identity(request):  # type: ignore[no-untyped-def]
        return ("sponsor_office", "User")

    monkeypatch.setattr("juece.web.desk.airflow_identity", identity)
    record = browser.get(f"/juece/office/decisions/{decision}")
    assert record.status_code == 200 and f'href="http://testserver{url(decision)}"' in record.text


def test_the_rows_follow_the_seats_not_the_order_of_signing(juece_home: Path) -> None:
    from juece.services.opinion_dispositions import dispositions_state
    from tests.unit.web.opinion_panel import ANSWERS

    seed_library()
    decision = services.launch(URBAN, actor="sponsor_office", ledger=Ledger()).spec.id
    opinions_given(Ledger(), decision, {seat: ANSWERS[seat] for seat in ("seat_3", "seat_1")})
    state = dispositions_state(Ledger(), decision)[0]
    assert [(row.number, row.seat) for row in state.rows] == [(1, "seat_1"), (2, "seat_3")]
