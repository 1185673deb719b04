"""The launch form's people: each person field a choice of the people the deployment knows, named
by name and role, the template's choice preselected, groups offered where an office's role allows
them, the meeting's members as boxes to tick; a value not offered (a forged form) is refused at its
field with its rule (422, never a 500), and the preview names people by name and role."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juece.adapters.auth_users import AuthUser
from juece.web import launch
from tests.unit.web.test_launch import TRIGGERED, app, client, form_of, launched, text_of

__all__ = ["app"]  # the fixture, shared with the launch tests
URL = "/juece/office/new/urban-planning"
DIRECTORY = Path(__file__).resolve().parents[3] / "templates/libraries/people.yaml"


@pytest.fixture(autouse=True)
def directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(DIRECTORY))
    monkeypatch.setattr(launch, "configured_users", lambda: [AuthUser("admin", "admin")])


def select(html: str, name: str) -> str:
    found = re.search(rf'<select id="f-{name}" name="{name}">(.*?)</select>', html, re.S)
    assert found, name
    return found.group(1)


def selected(html: str, name: str) -> list[str]:
    return re.findall(r'<option value="([^"]*)" selected>', select(html, name))


def error_at(html: str, name: str) -> str:
    found = re.search(rf'id="error-{name}-1">([^\n]*)', html)
    assert found, name
    return text_of(found.group(1))


def test_each_person_field_is_a_choice_by_name_and_role_with_the_templates_preselected(app) -> None:
    page = client(app).get(URL).text
    assert selected(page, "reviewer") == ["legality_reviewer"] and selected(page, "head") == ["county_head"]
    assert selected(page, "secretary") == ["secretary"] and selected(page, "assessor") == ["risk_assessor"]
    assert "陈静（合法性审查人、合法性审查科室）/ 陈静, legality reviewer, legality review office" in select(page, "reviewer")
    assert "admin（未登记姓名）/ (no name on file)" in select(page, "head")
    assert '<label for="f-reviewer">合法性审查人 <span lang="en">Legality reviewer</span>' in page
    shown = text_of(page)
    assert "county_head" not in shown and "legality_reviewer" not in shown  # never by id


def test_groups_are_offered_for_an_offices_role_and_never_for_a_personal_one(app) -> None:
    page = client(app).get(URL).text
    assert ">承办科室（3人）/ sponsor office (3 people)<" in select(page, "reviewer")
    assert all("group:" in select(page, name) for name in ("secretary", "assessor", "legal_adviser"))
    assert "group:" not in select(page, "head")
    members = re.search(r'<fieldset id="f-members".*?</fieldset>', page, re.S)
    assert members and "group:" not in members.group(0)


def test_the_members_are_boxes_ticked_as_the_template_says(app) -> None:
    page = client(app).get(URL).text
    members = re.search(r'<fieldset id="f-members".*?</fieldset>', page, re.S)
    assert members and '<legend>会议组成人员 <span lang="en">Meeting members</span></legend>' in members.group(0)
    ticked = re.findall(r'name="members" value="([^"]+)" checked', members.group(0))
    assert ticked == ["member_1", "member_2", "member_3", "member_4", "county_head"]
    assert re.search(r'<label class="choice" for="f-members-\d+"><input type="checkbox" id="f-members-\d+"', page)


def test_members_ticked_one_by_one_are_launched(app) -> None:
    browser = client(app)
    values = {**form_of(browser), "action": "launch"}
    del values["members"]
    ticked = [("members", (None, one)) for one in ("member_1", "member_3", "county_head")]  # one field each
    answer = browser.post(URL, data=values, files=ticked)
    assert answer.status_code == 303, text_of(answer.text)
    [entry] = launched("yanshou-2027-urban-001")
    assert entry["data"]["spec"]["stages"]["collective_deliberation"]["members"] == ["member_1", "member_3",
                                                                                      "county_head"]


@pytest.mark.parametrize(("field", "value", "rule"), [
    ("head", "nobody_here", "R-F2"), ("head", "group:sponsor-office", "R-F2"),
    ("members", "member_1, intruder", "R-F2"), ("members", "group:legality-office", "R-F2"),
    ("reviewer", "someone_else", "R-E1"), ("reviewer", "group:no-such-office", "R-E1"),
    ("assessor", "x" * 300, "R-D1"), ("secretary", "<script>alert(1)</script>", "R-F3"),
])
def test_a_value_not_offered_is_refused_at_its_field(app, field: str, value: str, rule: str) -> None:
    browser = client(app)
    for action in ("preview", "launch"):
        page = browser.post(URL, data={**form_of(browser), field: value, "action": action})
        assert page.status_code == 422
        said = error_at(page.text, field)
        assert said.startswith(f"[{rule}] ") and "所提交的不在其中" in said and "not one of them" in said
        assert value not in text_of(page.text) and "<script>alert" not in page.text  # never echoed
        assert field == "members" or value not in selected(page.text, field)
    assert not launched("yanshou-2027-urban-001") and not TRIGGERED


def test_a_group_may_be_chosen_for_an_offices_role_and_the_preview_names_it(app) -> None:
    browser = client(app)
    page = browser.post(URL, data={**form_of(browser), "reviewer": "group:legality-office", "action": "preview"})
    assert page.status_code == 200, text_of(page.text)
    shown = text_of(page.text)
    assert "审查人 合法性审查科室（2人）" in shown and "reviewer legality review office (2 people)" in shown


def test_the_preview_names_people_by_name_and_role(app) -> None:
    browser = client(app)
    page = browser.post(URL, data={**form_of(browser), "secretary": "admin", "action": "preview"})
    assert page.status_code == 200, text_of(page.text)
    shown = text_of(page.text)
    assert "行政首长 张伟（行政首长、会议组成人员）" in shown and "评估人 韩冰（风险评估人）" in shown
    assert "组成人员 王海（会议组成人员）、李红（会议组成人员）" in shown
    assert "记录 admin（未登记姓名）" in shown  # known to the auth manager alone: by id, said so
    assert "county_head" not in shown and "risk_assessor" not in shown


def test_lint_errors_stay_at_their_fields_beside_a_refused_person(app) -> None:
    browser = client(app)
    page = browser.post(URL, data={**form_of(browser), "comment_period_days": "10", "legal_adviser": "ghost",
                                   "action": "preview"})
    assert page.status_code == 422
    assert error_at(page.text, "comment_period_days").startswith("[R-B2]")
    assert error_at(page.text, "legal_adviser").startswith("[R-E4]")
    assert selected(page.text, "legal_adviser") == [""]  # "choose": the forged value is not offered back
