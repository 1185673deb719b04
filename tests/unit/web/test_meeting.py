"""The collective deliberation on juece's own pages (R-F2..R-F5): the secretary convenes (attendance
ticked by name, the quorum shown), each member states a view on their own page, the head decides with
the majority shown. Each page is its person's alone; a bad answer is refused at its field under its
rule before anything reaches Airflow; a good one is sent to the waiting task with the person's own
token, in the shape the task's handler records; nothing waiting is a 409."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.deliberation.meeting_answers import convene, head_decision, member_view
from juece.domain.notices.links import task_link
from juece.domain.participation.review_answers import SUBMIT_OPTIONS
from juece.domain.record.acts import Act
from juece.domain.record.answers import Answer, TaskContext
from juece.domain.record.kinds import Kind
from juece.domain.stages import Stage
from juece.services.record import open_record
from juece.web.app import create_app
from tests.unit.adapters.store.test_personal import noticed
from tests.unit.web.form_html import form_values
from tests.unit.web.test_announcement_review import FakeAirflow

PEOPLE = Path(__file__).resolve().parents[3] / "templates" / "libraries" / "people.yaml"
USERS = ("secretary", "member_1", "member_2", "member_3", "member_4", "county_head", "sponsor_office")
MEMBERS = ("member_1", "member_2", "member_3", "member_4", "county_head")  # in the spec's order
PATCH = "PATCH"


@pytest.fixture
def site(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Any, str]:
    """The urban plan with its meeting's materials issued: the convening waits for the secretary."""
    async def session_user(request):  # type: ignore[no-untyped-def]
        token = request.cookies.get("_token", "")
        return token.removesuffix("-token") if token.removesuffix("-token") in USERS else None

    monkeypatch.setattr("juece.web.hitl_answer.airflow_user", session_user)
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(PEOPLE))
    decision = meeting_at(Ledger(), noticed(Ledger()), "convening")
    api = create_app()
    api.state.airflow = FakeAirflow()
    return Starlette(routes=[Mount("/juece", app=api)]), api, decision


def as_(app: Starlette, who: str) -> TestClient:
    return TestClient(app, cookies={"_token": f"{who}-token"}, follow_redirects=False)


def url(decision: str, tail: str = "") -> str:
    return f"/juece/tasks/decisions/{decision}/meeting{tail}"


def sent(api: Any) -> list[Any]:
    return [call for call in api.state.airflow.calls if call[0] == PATCH]


def shown(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def record(decision: str, handler: Any, user: str, chosen: list[str], params: dict[str, Any],
           subject: str | None = None, ledger: Ledger | None = None) -> None:
    ledger = ledger or Ledger()
    entries = open_record(decision, ledger)
    outcome = handler(TaskContext(entries.spec, entries.entries, subject), Answer(user, chosen, params))
    ledger.append_many(decision, outcome.acts)


def convened(decision: str, ledger: Ledger | None = None) -> None:
    record(decision, convene, "secretary", list(SUBMIT_OPTIONS), {"attendees": list(MEMBERS)}, ledger=ledger)


def viewed(decision: str, *views: str, ledger: Ledger | None = None) -> None:
    for member, view in zip(MEMBERS, views, strict=False):
        remarks = "理由如下。" if view == "disagree" else ""
        label = {"agree": "同意 Agree", "disagree": "不同意 Disagree", "abstain": "弃权 Abstain"}[view]
        record(decision, member_view, member, [label], {"remarks": remarks}, member, ledger)


def meeting_at(ledger: Ledger, decision: str, phase: str) -> str:
    """A launched decision's meeting: its materials issued (``convening``: the secretary's turn),
    convened with every member (``speaking``: nobody has spoken), every member's view given
    (``deciding``: the head's turn, the majority agreeing)."""
    ledger.append(decision, Act(Stage.COLLECTIVE_DELIBERATION, Kind.MATERIALS_ISSUED, "secretary",
                                {"rule": "R-F1", "members": list(MEMBERS)}))
    if phase in ("speaking", "deciding"):
        convened(decision, ledger)
    if phase == "deciding":
        viewed(decision, "agree", "agree", "disagree", "agree", ledger=ledger)
    return decision


def convening(browser: TestClient, decision: str, **fields: str) -> dict[str, Any]:
    values = form_values(browser.get(url(decision)).text, "convene-form")
    return {**values, **{f"attend.{n}": "yes" for n in range(1, 6)}, **fields}


def test_each_page_is_its_persons_alone(site) -> None:
    app, _api, decision = site
    page = as_(app, "secretary").get(url(decision))
    assert page.status_code == 200 and 'id="convene-form"' in page.text and 'data-needed="3"' in page.text
    text = shown(page.text)
    assert "王海" in text and "行政首长" in text and "head of government" in text and "member_1" not in text
    assert as_(app, "member_1").get(url(decision)).status_code == 403
    assert TestClient(app).get(url(decision)).status_code == 401
    assert as_(app, "secretary").get(url("no-such-decision")).status_code == 404
    assert as_(app, "member_1").get(url(decision, "/views/member_1")).status_code == 200
    assert as_(app, "member_2").get(url(decision, "/views/member_1")).status_code == 403
    assert as_(app, "county_head").get(url(decision, "/views/county_head")).status_code == 404  # decides instead
    assert as_(app, "member_1").get(url(decision, "/views/stranger")).status_code == 404
    assert as_(app, "county_head").get(url(decision, "/decision")).status_code == 200
    assert as_(app, "secretary").get(url(decision, "/decision")).status_code == 403


@pytest.mark.parametrize(("fields", "field", "rule"), [
    ({"attend.2": "", "attend.3": "", "attend.4": ""}, "attendees", "R-F2"),  # 2 of 5: no quorum
    ({"attend.5": ""}, "attendees", "R-F2"),  # the head absent
    ({"attend.1": "", "view.1": "agree"}, "views_in_room", "R-F3"),  # a view for someone absent
    ({"view.3": "disagree", "remarks.3": ""}, "views_in_room", "R-F3"),  # dissent without its reasons
    ({"view.2": "maybe"}, "views_in_room", "R-F3"),  # no such view
    ({"view.5": "agree"}, "views_in_room", "R-F2"),  # the head's view forged into the room
])
def test_a_bad_convening_is_refused_at_its_field_and_nothing_is_sent(site, fields, field, rule) -> None:
    app, api, decision = site
    browser = as_(app, "secretary")
    answer = browser.post(url(decision), data=convening(browser, decision, **fields),
                          headers={"accept": "application/json"})
    assert answer.status_code == 422 and (answer.json()["rule"], answer.json()["field"]) == (rule, field)
    assert answer.json()["zh"] and answer.json()["en"] and sent(api) == []
    page = browser.post(url(decision), data=convening(browser, decision, **fields))
    assert page.status_code == 422 and f'id="error-{field}"' in page.text and f"[{rule}]" in page.text


def test_a_good_convening_is_sent_with_the_secretarys_token_as_the_handler_records_it(site) -> None:
    app, api, decision = site
    browser = as_(app, "secretary")
    answer = browser.post(url(decision), data=convening(browser, decision, **{
        "attend.4": "", "view.3": "disagree", "remarks.3": "规模偏大。"}))
    assert answer.status_code == 303 and answer.headers["location"].endswith(url(decision) + "?sent=1")
    assert 'id="sent"' in browser.get(answer.headers["location"]).text
    (patch,) = sent(api)
    assert patch[1] == "secretary-token" and patch[4] == "collective_deliberation.convene"
    assert patch[6]["params_input"] == {"attendees": ["member_1", "member_2", "member_3", "county_head"],
                                        "views_in_room": [{"member": "member_3", "view": "disagree",
                                                           "remarks": "规模偏大。"}]}
    record(decision, convene, "secretary", patch[6]["chosen_options"], patch[6]["params_input"])
    page = browser.get(url(decision))
    assert 'id="done"' in page.text and "缺席" in page.text and "规模偏大。" in page.text
    assert browser.post(url(decision), data={"csrf_token": form_values(page.text).get("csrf_token", "")}) \
        .status_code in (403, 409)


def test_a_members_view_is_theirs_refused_at_its_field_then_sent_as_theirs(site) -> None:
    app, api, decision = site
    browser = as_(app, "member_1")
    before = browser.get(url(decision, "/views/member_1"))
    assert 'id="not-waiting"' in before.text and 'id="view-form"' not in before.text
    convened(decision)
    values = form_values(browser.get(url(decision, "/views/member_1")).text, "view-form")
    for form, field, rule in (({"view": "disagree", "remarks": ""}, "remarks", "R-F3"),
                              ({"view": "", "remarks": "x"}, "view", "R-F3"),
                              ({"view": "maybe"}, "view", "R-F3")):
        answer = browser.post(url(decision, "/views/member_1"), data={**values, **form},
                              headers={"accept": "application/json"})
        assert answer.status_code == 422 and (answer.json()["rule"], answer.json()["field"]) == (rule, field)
    assert sent(api) == []
    answer = browser.post(url(decision, "/views/member_1"), data={**values, "view": "disagree", "remarks": "再议。"})
    assert answer.status_code == 303
    (patch,) = sent(api)
    assert patch[1] == "member_1-token" and patch[4] == "collective_deliberation.view__member_1"
    assert patch[6] == {"chosen_options": ["不同意 Disagree"], "params_input": {"remarks": "再议。"}}


def test_the_head_decides_last_with_the_majority_shown_and_a_reason_to_depart_from_it(site) -> None:
    app, api, decision = site
    browser = as_(app, "county_head")
    convened(decision)
    viewed(decision, "agree", "agree")
    waiting = browser.get(url(decision, "/decision"))
    assert 'id="not-waiting"' in waiting.text and 'id="decision-form"' not in waiting.text  # R-F2: speaks last
    assert browser.post(url(decision, "/decision"), data={"outcome": "approve"},
                        headers={"authorization": "Bearer x"}).status_code == 409
    for member, view in (("member_3", "disagree"), ("member_4", "agree")):
        label = "不同意 Disagree" if view == "disagree" else "同意 Agree"
        record(decision, member_view, member, [label], {"remarks": "偏大。"}, member)
    page = browser.get(url(decision, "/decision"))
    assert 'data-majority="approve"' in page.text and "通过" in shown(page.text.split('id="majority"')[1])[:80]
    assert "偏大。" in page.text and "李红" in shown(page.text)
    values = form_values(page.text, "decision-form")
    for form, field, rule in (({"outcome": "postpone", "reason": ""}, "reason", "R-F4"),
                              ({"outcome": "", "reason": "x"}, "outcome", "R-F5")):
        answer = browser.post(url(decision, "/decision"), data={**values, **form},
                              headers={"accept": "application/json"})
        assert answer.status_code == 422 and (answer.json()["rule"], answer.json()["field"]) == (rule, field)
    refused = browser.post(url(decision, "/decision"), data={**values, "outcome": "postpone", "reason": ""},
                           headers={"accept": "application/json"}).json()
    assert "暂缓" in refused["zh"] and "通过" in refused["zh"] and "(Postpone)" in refused["en"]  # words, not codes
    refused = browser.post(url(decision, "/decision"), data={**values, "outcome": "postpone", "reason": ""})
    assert 'id="error-reason"' in refused.text and 'aria-required="true"' in refused.text and sent(api) == []
    answer = browser.post(url(decision, "/decision"), data={**values, "outcome": "postpone", "reason": "待补充论证。"})
    assert answer.status_code == 303
    (patch,) = sent(api)
    assert patch[1] == "county_head-token" and patch[4] == "collective_deliberation.head_decision"
    record(decision, head_decision, "county_head", patch[6]["chosen_options"], patch[6]["params_input"])
    done = browser.get(url(decision, "/decision"))
    assert 'id="done"' in done.text and "暂缓" in done.text and "待补充论证。" in done.text


@pytest.mark.parametrize(("status", "wanted"), [(403, 403), (409, 409), (400, 422)])
def test_airflows_refusals_are_pages_in_both_languages(site, status: int, wanted: int) -> None:
    app, api, decision = site
    api.state.airflow = FakeAirflow(status=status)
    browser = as_(app, "secretary")
    answer = browser.post(url(decision), data=convening(browser, decision), headers={"accept": "application/json"})
    assert answer.status_code == wanted and answer.json()["zh"] and answer.json()["en"]


def test_a_forged_post_is_refused_and_the_notices_link_to_the_pages(site) -> None:
    app, api, decision = site
    browser = as_(app, "secretary")
    assert browser.post(url(decision), data={**convening(browser, decision), "csrf_token": "x"}).status_code == 403
    assert sent(api) == []
    base, dag = "https://gov.example.org/juece/..", f"decision__{decision}"
    assert task_link(base, dag, "run", "collective_deliberation.convene").endswith(url(decision))
    assert task_link(base, dag, "run", "collective_deliberation.view__member_2").endswith(
        url(decision, "/views/member_2"))
    assert task_link(base, dag, "run", "collective_deliberation.head_decision").endswith(url(decision, "/decision"))
    assert "required_actions" in task_link(base, dag, "run", "collective_deliberation.view__")
