"""The office's desk (/juece/office/) and a decision's record in words: who sees which decision,
its stage and open deadlines in words with overdue flags (R-H5), the filters, and refusals that are
4xx pages in both languages, never a traceback."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.spec import load_spec
from juece.web.app import create_app
from tests.unit.adapters.store.test_personal import noticed

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
PEOPLE = {"office": ("sponsor_office", "User"), "head": ("county_head", "User"), "admin": ("root", "Admin"),
          "stranger": ("someone_else", "User"), "other_office": ("works_bureau", "User")}


@pytest.fixture
def desk(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Ledger, str, str]:
    """Two decisions: the urban plan (notice out in March 2026, its comment period long past) of
    the sponsor office, and a construction project launched by another office."""
    async def identity(request):  # type: ignore[no-untyped-def]
        return PEOPLE.get(request.cookies.get("_token", ""))

    monkeypatch.setattr("juece.web.desk.airflow_identity", identity)
    ledger = Ledger()
    urban = noticed(ledger)
    other = load_spec(TEMPLATES / "public-construction.yaml").model_dump(mode="json")
    other["sponsor_office"] = "works_bureau"
    meeting = other["stages"]["collective_deliberation"]
    meeting["members"] = [m if m != meeting["head"] else "city_head" for m in meeting["members"]]
    meeting["head"] = "city_head"  # another body decides it
    ledger.append(other["id"], Act(Stage.LAUNCH, "launched", "works_bureau", {"spec": other}))
    return Starlette(routes=[Mount("/juece", app=create_app())]), ledger, urban, other["id"]


def as_(app: Starlette, who: str) -> TestClient:
    return TestClient(app, cookies={"_token": who})


def text_of(html: str) -> str:
    """What a person reads on the page: the text outside tags."""
    return unescape(re.sub(r"<[^>]+>", " ", re.sub(r"<(script|style)[^>]*>.*?</\1>", "", html, flags=re.S)))


def test_the_sponsor_office_sees_its_decision_its_stage_and_the_overdue_comment_period(desk) -> None:
    app, _ledger, urban, other = desk
    page = as_(app, "office").get("/juece/office/")
    assert page.status_code == 200
    assert f'id="d-{urban}"' in page.text and f'id="d-{other}"' not in page.text
    words = text_of(page.text)
    assert "公众参与 Public participation" in words
    assert "征求意见期限届满" in words and "已逾期" in words and "R-B2" in words
    assert "承办单位 sponsor_office" in words  # the holder by role and name


def test_the_decision_body_sees_the_decisions_it_decides_and_an_administrator_sees_all(desk) -> None:
    app, _ledger, urban, other = desk
    head = as_(app, "head").get("/juece/office/", params={"format": "json"}).json()
    assert [d["decision_id"] for d in head["decisions"]] == [urban]
    assert head["decisions"][0]["relation"] == "decision_body"
    everything = as_(app, "admin").get("/juece/office/", params={"format": "json"}).json()
    assert {d["decision_id"] for d in everything["decisions"]} == {urban, other}
    assert as_(app, "stranger").get("/juece/office/", params={"format": "json"}).json()["decisions"] == []
    assert 'id="empty"' in as_(app, "stranger").get("/juece/office/").text


def test_overdue_decisions_come_first_and_the_filters_narrow_the_list(desk) -> None:
    app, _ledger, urban, other = desk
    admin = as_(app, "admin")

    def ids(**params: str) -> list[str]:
        return [d["decision_id"] for d in admin.get("/juece/office/", params={**params, "format": "json"}).json()["decisions"]]

    assert ids()[0] == urban  # its comment period is past
    assert ids(overdue="1") == [urban]
    assert ids(stage="public_participation") == [urban]
    assert ids(category="major_public_construction") == [other]
    every = admin.get("/juece/office/", params={"format": "json"}).json()["decisions"]
    for year in {d["year"] for d in every}:
        assert ids(year=str(year)) == [d["decision_id"] for d in every if d["year"] == year]
    assert ids(year="1999") == []


@pytest.mark.parametrize("params", [{"year": "20x6"}, {"year": "9" * 5000}, {"category": "<script>"},
                                    {"stage": "nowhere"}])
def test_a_filter_that_is_not_a_choice_is_refused_in_both_languages(desk, params: dict[str, str]) -> None:
    app, *_ = desk
    answer = as_(app, "office").get("/juece/office/", params=params)
    assert answer.status_code == 400
    assert "<script>" not in answer.text
    words = text_of(answer.text)
    assert re.search(r"[\u4e00-\u9fff]", words) and re.search(r"[A-Za-z]{4}", words)


def test_nobody_signed_in_is_asked_to_log_in_under_the_office_header(desk) -> None:
    app, *_ = desk
    for path in ("/juece/office/", "/juece/office/decisions/anything"):
        answer = TestClient(app).get(path)
        assert answer.status_code == 401
        assert "请先登录" in answer.text and "承办单位工作台" in answer.text


def test_the_record_in_words_is_shown_to_whoever_may_follow_the_decision_and_nobody_else(desk) -> None:
    app, _ledger, urban, other = desk
    page = as_(app, "office").get(f"/juece/office/decisions/{urban}")
    assert page.status_code == 200
    words = text_of(page.text)
    assert "第1稿" in words and "北京时间" in words
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", words.replace("sponsor_office", "").replace("county_head", ""))
    assert as_(app, "head").get(f"/juece/office/decisions/{urban}").status_code == 200
    assert as_(app, "office").get(f"/juece/office/decisions/{other}").status_code == 403
    assert as_(app, "office").get("/juece/office/decisions/no-such-decision").status_code == 404


def test_the_record_page_shows_each_revision_of_the_draft_with_what_it_changed(desk) -> None:
    app, ledger, urban, _other = desk
    launched = ledger.latest(urban, "launched")
    text = launched["data"]["spec"]["draft"]["text"]
    first = text.splitlines()[0]
    ledger.append(urban, Act(Stage.RISK_ASSESSMENT, "draft_revised", "sponsor_office",
                             {"version": 2, "text": text.replace(first, "第一条 修改后的第一段。"), "changes": "第一段"}))
    words = text_of(as_(app, "office").get(f"/juece/office/decisions/{urban}").text)
    assert "第2稿" in words and "新增" in words and "修改后的第一段" in words and "删除" in words


def test_people_are_called_by_name_where_the_directory_knows_them(desk, tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    app, _ledger, urban, _other = desk
    people = tmp_path / "people.yaml"
    people.write_text("- {user: sponsor_office, name: 周敏, email: office@example.org}\n", encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(people))
    assert "承办单位 周敏" in text_of(as_(app, "office").get("/juece/office/").text)
    assert "周敏" in text_of(as_(app, "office").get(f"/juece/office/decisions/{urban}").text)
    people.write_text("- {user: [not, a, name]}\n", encoding="utf-8")  # a refused directory names nobody
    page = as_(app, "office").get("/juece/office/")
    assert page.status_code == 200 and "承办单位 sponsor_office" in text_of(page.text)


def test_a_pending_step_links_its_holder_to_the_page_where_it_is_answered(desk) -> None:
    """The comments' dispositions (R-B4) wait on the sponsor office: its desk links to the page;
    the head, who sees the decision but does not hold the step, gets no link."""
    app, ledger, urban, _other = desk
    ledger.append(urban, Act(Stage.PUBLIC_PARTICIPATION, "comments_closed", "juece", {"count": 0, "late": []}))
    page = as_(app, "office").get("/juece/office/")
    link = re.search(rf'<a id="answer-R-B4-{re.escape(urban)}" href="([^"]+)">', page.text)
    assert link and link.group(1).endswith(f"/juece/office/decisions/{urban}/comments")
    assert "去办理" in text_of(page.text) and "Answer it" in text_of(page.text)
    assert f'id="answer-R-B4-{urban}"' not in as_(app, "head").get("/juece/office/").text
