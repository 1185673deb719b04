"""A decision launched in the browser (/juece/office/new): the decision types, the form filled from
the type, lint errors at their fields with the rule, the preview of stages and deadlines, the
launch recorded with the signed-in person as actor and sponsor office, and hostile input refused
with a bilingual 4xx page, nothing recorded."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.web.app import create_app
from tests.unit.web.form_html import form_values

PEOPLE = {"office": ("zhang_san", "User"), "other": ("li_si", "User"), "archivist": ("qian_min", "Viewer")}
KEYS = ("comment_period_days", "urgency_reason", "draft_text", "title_en", "legal_basis", "review_working_days",
        "within_working_days", "sponsor_office", "csrf_token", "public_participation", "important_plan")
TRIGGERED: list[str] = []


@pytest.fixture
def app(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> Starlette:
    async def identity(request):  # type: ignore[no-untyped-def]
        return PEOPLE.get(request.cookies.get("_token", ""))

    def trigger(spec: Any) -> str:  # the run starts: its first step records it, as in Airflow
        TRIGGERED.append(spec.id)
        Ledger().append(spec.id, Act(Stage.LAUNCH, "workflow_started", "juece", {"run_id": "manual__run",
                                                                                "dag_id": spec.dag_id}))
        return "manual__run"

    def no_draw(spec: Any) -> Any:
        class Drawn:
            def as_dict(self) -> dict[str, Any]:
                return {"seed": "test", "panel": []}
        return Drawn()

    TRIGGERED.clear()
    monkeypatch.setattr("juece.web.desk.airflow_identity", identity)
    monkeypatch.setattr("juece.services.decisions.trigger", trigger)
    monkeypatch.setattr("juece.services.decisions.draw_for", no_draw)  # no expert library here
    return Starlette(routes=[Mount("/juece", app=create_app())])


def client(app: Starlette, who: str = "office") -> TestClient:
    return TestClient(app, cookies={"_token": who}, follow_redirects=False)


def text_of(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style|textarea)[^>]*>.*?</\1>", "", html, flags=re.S)))


def no_keys(html: str) -> None:
    shown = text_of(html)
    assert not [key for key in KEYS if key in shown], shown


def csrf(html: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def form_of(browser: TestClient, template: str = "urban-planning") -> dict[str, str]:
    page = browser.get(f"/juece/office/new/{template}")
    assert page.status_code == 200
    return form_values(page.text, "launch-form")  # as the browser would send it, the token among them


def launched(decision_id: str) -> list[dict[str, Any]]:
    return [e for e in Ledger().entries(decision_id) if e["kind"] == "launched"]


def test_the_types_are_listed_in_words_and_linked_to_their_forms(app) -> None:
    page = client(app).get("/juece/office/new")
    assert page.status_code == 200
    for name in ("urban-planning", "public-construction", "price-hearing"):
        assert re.search(rf'href="[^"]*/juece/office/new/{name}"', page.text)
    shown = text_of(page.text)
    assert "延寿县城区控制性详细规划" in shown and "听证会 Hearing" in shown and "合法性审查" in shown
    no_keys(page.text)
    assert re.search(r'href="[^"]*/juece/office/new"', client(app).get("/juece/office/").text)  # linked from the desk


def test_the_form_is_filled_from_the_type_and_the_office_is_the_signed_in_user(app) -> None:
    page = client(app).get("/juece/office/new/urban-planning")
    assert page.status_code == 200
    assert 'value="yanshou-2027-urban-001"' in page.text and 'value="legality_reviewer"' in page.text
    assert 'name="sponsor_office"' not in page.text and '<strong id="sponsor">zhang_san</strong>' in page.text
    shown = text_of(page.text)
    assert "第三条 新建住宅小区" in shown  # the numbered preview of the draft
    assert re.search(r"征求意见期至 \d{4}年\d+月\d+日 24:00", shown) and "R-B2" in shown
    no_keys(page.text)


def test_a_preview_shows_the_stages_and_deadlines_and_carries_the_values(app) -> None:
    browser = client(app)
    page = browser.post("/juece/office/new/urban-planning", data={**form_of(browser), "action": "preview"})
    assert page.status_code == 200, text_of(page.text)
    shown = text_of(page.text)
    assert "24:00" in shown and "7 个工作日" in shown and "20 个工作日内公布" in shown
    assert 'value="launch"' in page.text and 'value="yanshou-2027-urban-001"' in page.text
    no_keys(page.text)
    assert not launched("yanshou-2027-urban-001")


def test_the_preview_names_the_people_the_directory_knows(app, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(Path(__file__).resolve().parents[3] / "templates/libraries/people.yaml"))
    browser = client(app)
    shown = text_of(browser.post("/juece/office/new/urban-planning", data={**form_of(browser), "action": "preview"}).text)
    assert "张伟（行政首长、会议组成人员）" in shown and "陈静（合法性审查人、合法性审查科室）" in shown
    assert "head 张伟, head of government, meeting member" in shown
    assert "county_head" not in shown and "legality_reviewer" not in shown  # by name and role, never by id


def test_a_launch_is_recorded_as_the_signed_in_user_with_the_forms_values(app) -> None:
    browser = client(app)
    values = {**form_of(browser), "title": "新的标题", "members": "member_1，member_2, county_head",
              "draft_text": "第一条 甲。\r\n\r\n第二条 乙。", "sponsor_office": "someone_typed", "action": "launch"}
    answer = browser.post("/juece/office/new/urban-planning", data=values)
    assert answer.status_code == 303 and answer.headers["location"].endswith("/juece/office/decisions/yanshou-2027-urban-001")
    [entry] = launched("yanshou-2027-urban-001")
    spec = entry["data"]["spec"]
    assert entry["actor"] == "zhang_san" and spec["sponsor_office"] == "zhang_san"
    assert spec["title"] == "新的标题" and spec["draft"]["text"] == "第一条 甲。\n第二条 乙。"
    assert spec["stages"]["collective_deliberation"]["members"] == ["member_1", "member_2", "county_head"]
    assert TRIGGERED == ["yanshou-2027-urban-001"]
    again = browser.post("/juece/office/new/urban-planning", data=values)
    assert again.status_code == 200 and "未重复启动" in again.text and TRIGGERED == ["yanshou-2027-urban-001"]
    other = browser.post("/juece/office/new/urban-planning", data={**values, "title": "另一个"})
    assert other.status_code == 409 and "R-G5" in other.text and len(launched("yanshou-2027-urban-001")) == 1


def test_a_failed_trigger_leaves_the_launch_recorded_and_says_so(app, monkeypatch: pytest.MonkeyPatch) -> None:
    def down(spec: Any) -> str:
        raise ConnectionError("no Airflow")

    monkeypatch.setattr("juece.services.decisions.trigger", down)
    browser = client(app)
    answer = browser.post("/juece/office/new/public-construction", data={**form_of(browser, "public-construction"),
                                                                         "action": "launch"})
    assert answer.status_code == 200 and "已记录启动" in answer.text and "再次提交同一表单" in answer.text
    assert launched("yanshou-2027-hospital")

    started: list[str] = []
    monkeypatch.setattr("juece.services.decisions.ensure_run", lambda spec: started.append(spec.id) or "manual__run")
    again = browser.post("/juece/office/new/public-construction", data={**form_of(browser, "public-construction"),
                                                                        "action": "launch"}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].endswith("/juece/office/decisions/yanshou-2027-hospital")
    assert started == ["yanshou-2027-hospital"] and len(launched("yanshou-2027-hospital")) == 1


def test_lint_errors_are_shown_at_their_fields_with_the_rule(app) -> None:
    browser = client(app)
    values = {**form_of(browser), "comment_period_days": "10", "head": "nobody_here", "action": "preview"}
    page = browser.post("/juece/office/new/urban-planning", data=values)
    assert page.status_code == 422
    first = re.search(r'id="error-comment_period_days-1">([^\n]*)', page.text)
    assert first and "[R-B2]" in first.group(1) and "紧急理由" in first.group(1)
    assert re.search(r'id="error-head-1">\[R-F2\]', page.text)
    assert 'id="errors"' in page.text and "nobody_here" not in page.text  # a person not offered: never echoed
    no_keys(page.text)
    assert not launched("yanshou-2027-urban-001")
    risk = browser.post("/juece/office/new/urban-planning", data={**values, "assessor": ""})
    assert re.search(r'id="error-assessor-1">\[R-D1\] 须指定风险评估人 <span', risk.text)
    days = browser.post("/juece/office/new/urban-planning", data={**values, "comment_period_days": "十"})
    assert days.status_code == 422 and 'id="error-comment_period_days-1">[R-B2] 征求意见期限（日）须为整数' in days.text


def test_a_post_without_the_check_token_is_refused(app) -> None:
    browser = client(app)
    values = {**form_of(browser), "action": "launch"}
    del values["csrf_token"]
    page = browser.post("/juece/office/new/urban-planning", data=values)
    assert page.status_code == 403 and "校验码" in page.text and "check token" in page.text
    assert not launched("yanshou-2027-urban-001") and not TRIGGERED


def test_a_stranger_is_asked_to_log_in(app) -> None:
    page = client(app, "nobody").get("/juece/office/new")
    assert page.status_code == 401 and "请先登录" in page.text


@pytest.mark.parametrize("name", ["..%2F..%2Fetc%2Fpasswd", "nothing-here", "urban-planning.yaml", "%2Fetc%2Fpasswd",
                                  "libraries%2Fpeople", "URBAN-PLANNING", "a" * 500])
def test_no_template_but_the_types_is_opened(app, name: str) -> None:
    browser = client(app)
    token = csrf(browser.get("/juece/office/new/urban-planning").text)
    for page in (browser.get(f"/juece/office/new/{name}"),
                 browser.post(f"/juece/office/new/{name}", data={"csrf_token": token, "action": "launch"})):
        assert page.status_code == 404 and "没有这种决策类型" in page.text and "no such decision type" in page.text


@pytest.mark.parametrize("change", [
    {"title": "<script>alert(1)</script>", "id": "<b>x</b>"},
    {"draft_text": "x" * 1_048_576},
    {"title": "长" * 2_001},
    {"draft_text": "x" * 100_001},
    {"comment_period_days": "abc"}, {"comment_period_days": "-5"}, {"comment_period_days": "9" * 40},
    {"members": ""}, {"legal_basis": ""}, {"id": "../../etc/passwd"}, {"reviewer": "\x00"},
    {"title": "a: b\n- c\n{d: [e"}, {"action": "drop"}, {"action": None},
])
def test_hostile_input_is_refused_with_a_bilingual_page_and_nothing_recorded(app, change: dict[str, Any]) -> None:
    browser = client(app)
    values = {**form_of(browser), "action": "launch", **change}
    page = browser.post("/juece/office/new/urban-planning", data={k: v for k, v in values.items() if v is not None})
    assert 400 <= page.status_code < 500
    assert re.search(r"[\u4e00-\u9fff]", page.text) and re.search(r"[A-Za-z]{4} [a-z]+", text_of(page.text))
    assert "<script>alert" not in page.text
    assert not launched("yanshou-2027-urban-001") and not TRIGGERED


def test_missing_fields_are_asked_for_not_taken_from_the_type(app) -> None:
    browser = client(app)
    token = csrf(browser.get("/juece/office/new/urban-planning").text)
    page = browser.post("/juece/office/new/urban-planning", data={"csrf_token": token, "action": "preview"})
    assert page.status_code == 422 and 'id="error-title-1"' in page.text
    no_keys(page.text)


def test_bytes_that_are_not_utf8_are_refused(app) -> None:
    browser = client(app)
    values = {**form_of(browser), "action": "launch"}
    body = urlencode({k: v for k, v in values.items() if k != "reviewer"}, doseq=True) + "&reviewer=%ff%fe%00"
    page = browser.post("/juece/office/new/urban-planning", content=body.encode(),
                        headers={"content-type": "application/x-www-form-urlencoded"})
    assert 400 <= page.status_code < 500 and not launched("yanshou-2027-urban-001")


def test_a_viewer_may_not_launch_and_is_told_why_r_a1(app: Starlette) -> None:
    for path in ("/juece/office/new", "/juece/office/new/urban-planning"):
        page = client(app, "archivist").get(path)
        assert page.status_code == 403 and "R-A1" in page.text and "只能查阅" in page.text, path
    posted = client(app, "archivist").post("/juece/office/new/urban-planning", data={"action": "launch"})
    assert posted.status_code == 403 and not TRIGGERED


def test_where_launchers_are_named_only_they_launch_r_a1(app: Starlette, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_LAUNCHERS", "zhang_san")
    assert client(app, "office").get("/juece/office/new").status_code == 200
    refused = client(app, "other").get("/juece/office/new", headers={"accept": "application/json"})
    assert refused.status_code == 403 and refused.json()["rule"] == "R-A1"
