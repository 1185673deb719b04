"""A decision whose sponsor office is a group (``group:sponsor-office``): each member sees it on the
desk and opens the office's pages, anyone else neither; pages name the group by its display name."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.domain import steps
from juece.domain.record.acts import Act
from juece.domain.stages import Stage
from juece.services.desk import visible_decisions
from juece.spec import load_spec_text
from juece.web.app import create_app
from tests.unit.adapters.store.test_personal import START
from tests.unit.web.test_desk import text_of

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
PEOPLE = """
groups:
  sponsor-office: {name: 承办科室, name_en: sponsor office, members: [clerk_qian, clerk_chu]}
people:
  - {user: clerk_qian, name: 钱进}
  - {user: clerk_chu, name: 褚云}
"""


@pytest.fixture
def office(juece_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Starlette, Ledger, str]:
    """The urban plan, sponsored by the group, its notice out; signed in by the cookie's user."""
    async def identity(request):  # type: ignore[no-untyped-def]
        user = request.cookies.get("_token")
        return (user, "User") if user else None

    async def user_of(request):  # type: ignore[no-untyped-def]
        return request.cookies.get("_token")

    monkeypatch.setattr("juece.web.desk.airflow_identity", identity)
    monkeypatch.setattr("juece.web.office.airflow_user", user_of)
    people = tmp_path / "people.yaml"
    people.write_text(PEOPLE, encoding="utf-8")
    monkeypatch.setenv("JUECE_PEOPLE_FILE", str(people))
    text = (TEMPLATES / "urban-planning.yaml").read_text(encoding="utf-8")
    spec = load_spec_text(text.replace("sponsor_office: sponsor_office", "sponsor_office: group:sponsor-office"), "u")
    ledger = Ledger()
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "clerk_qian", {"spec": spec.model_dump(mode="json")}))
    ledger.append_many(spec.id, steps.publish_notice(spec, ledger.entries(spec.id), START))
    return Starlette(routes=[Mount("/juece", app=create_app())]), ledger, spec.id


def as_(app: Starlette, user: str) -> TestClient:
    return TestClient(app, cookies={"_token": user})


def test_each_member_sees_the_decision_on_the_desk_and_no_one_else(office) -> None:
    app, ledger, decision = office
    for member in ("clerk_qian", "clerk_chu"):
        assert visible_decisions(ledger, member) == {decision: "sponsor_office"}
        rows = as_(app, member).get("/juece/office/", params={"format": "json"}).json()["decisions"]
        assert [(row["decision_id"], row["relation"]) for row in rows] == [(decision, "sponsor_office")]
    for stranger in ("sponsor_office", "someone_else"):
        assert visible_decisions(ledger, stranger) == {}
        assert as_(app, stranger).get("/juece/office/", params={"format": "json"}).json()["decisions"] == []


def test_the_desk_names_the_group_by_its_display_name(office) -> None:
    app, _ledger, decision = office
    words = text_of(as_(app, "clerk_chu").get("/juece/office/").text)
    assert "承办科室 sponsor office" in words and "group:" not in words


def test_only_a_member_opens_the_office_pages_of_the_decision(office) -> None:
    app, _ledger, decision = office
    assert as_(app, "clerk_qian").get(f"/juece/office/decisions/{decision}/comments").status_code == 200
    refused = as_(app, "someone_else").get(f"/juece/office/decisions/{decision}/comments")
    assert refused.status_code == 403 and "只有承办单位" in refused.text
