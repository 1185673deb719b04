"""The people and groups a form offers: the directory's people by name and the roles a template
gives them, its groups by display name and size, the auth manager's users it does not name by id
marked as having no name on file, a template's own choices always among them."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.auth_users import AuthUser
from juece.services import launch_form, people_choice

DIRECTORY = Path(__file__).resolve().parents[3] / "templates/libraries/people.yaml"


@pytest.fixture
def directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(DIRECTORY))


AUTH_USERS = (AuthUser("admin", "admin"), AuthUser("county_head", "user"))  # as Airflow's auth manager lists them


def urban(auth_users: tuple[AuthUser, ...] = AUTH_USERS) -> people_choice.Offered:
    return launch_form.offered_for(launch_form.template_data("urban-planning") or {}, auth_users)


def test_people_are_named_with_the_roles_the_template_gives_them(directory: None) -> None:
    offered = urban()
    head = offered.called("county_head")
    assert head.label == "张伟（行政首长、会议组成人员）/ 张伟, head of government, meeting member"
    assert offered.called("legality_reviewer").zh == "陈静（合法性审查人、合法性审查科室）"
    assert offered.called("archivist").label == "郑洁"  # in the directory, no role in this template
    assert [one.value for one in offered.people].count("county_head") == 1  # in both lists, offered once


def test_groups_are_offered_by_display_name_and_size(directory: None) -> None:
    groups = {one.value: one.label for one in urban().groups}
    assert groups["group:sponsor-office"] == "承办科室（3人）/ sponsor office (3 people)"
    assert groups["group:legality-office"] == "合法性审查科室（2人）/ legality review office (2 people)"
    assert urban().has("group:sponsor-office", groups=True) and not urban().has("group:sponsor-office")


def test_a_user_the_auth_manager_knows_but_the_directory_does_not_is_listed_by_id(directory: None) -> None:
    admin = urban().called("admin")
    assert admin.label == "admin（未登记姓名）/ (no name on file)" and admin.english == "admin (no name on file)"


def test_without_a_directory_the_templates_choices_are_still_offered(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUECE_PEOPLE_FILE", raising=False)
    offered = urban(())  # e.g. the FAB auth manager: no users listed
    assert {"county_head", "legality_reviewer", "member_1", "secretary"} <= {one.value for one in offered.people}
    assert offered.called("secretary").zh == "secretary（未登记姓名；会议记录人）" and not offered.groups


def test_a_refused_directory_offers_the_template_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "people.yaml"
    broken.write_text("people: [{user: a, colour: red}]\n", encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(broken))
    assert urban(()).has("county_head") and not urban(()).has("a")

