"""The app's routes under generated input (schemathesis, in-process, derandomized): never a 5xx, and
every refusal juece words itself is in Chinese and English. The published schema (the public
portal's routes, no account) and, for the signed-in routes, the schema of every route, asked as a
sponsor office, the seat's expert, an archivist and an administrator, their Airflow tokens
recognised by a stand-in for Airflow's token check. A records DB of its own, with one launched
decision whose notice is out and whose record as it stands is archived; half the cases name it,
its first seat, its archive and a real decision type."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from types import SimpleNamespace
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI, HTTPException
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juece.adapters.store.ledger import Ledger
from juece.domain.expert_review.panel_record import holder
from juece.services import archives
from juece.web.app import create_app
from tests.integration.test_portal import DECISION, launch_urban, publish

EXAMPLES = 30
STATIC = {"stylesheet", "comment_script", "openapi"}
CJK = re.compile(r"[\u4e00-\u9fff]")
ENGLISH = re.compile(r"[A-Za-z]{3,}")
ROLES = {"juece": "ADMIN", "archivist": "VIEWER"}  # as the demo's SimpleAuthManager users; others USER
# what the signed-in routes read from the query string and their forms, beyond the schema's parameters
QUERY = ["year", "category", "stage", "overdue", "q", "page", "per_page", "from", "to", "sponsor", "outcome",
         "format", "message"]
FORM = ["action", "disposition", "reason", "ref", "cluster", "csrf_token", "comment_period_days", "title",
        "draft_text", "text", "paragraph", "name", "contact"]
WORDS = st.one_of(st.text(max_size=12), st.sampled_from(["", "0", "-1", "2027", "json", "preview", "launch", "edit",
                                                          "import", "adopted", "1", "seat_1", "urban_planning",
                                                          str(2**63), str(10**30)]))
KNOWN = {"decision_id": DECISION, "seat": "seat_1", "template": "urban-planning", "edition": "public"}
NOT_JUECES = ({"detail": "Not Found"}, {"detail": "Method Not Allowed"})  # the router's, for no route at all


async def _resolve(token: str) -> SimpleNamespace:
    """Airflow's token check stood in for: `tok-<user>` is that user's token."""
    if not token.startswith("tok-"):
        raise HTTPException(401, "invalid token")
    user = token.removeprefix("tok-")
    return SimpleNamespace(get_id=lambda: user, get_name=lambda: user, role=ROLES.get(user, "USER"))


@pytest.fixture(scope="module")
def decision(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Ledger]:
    home = tmp_path_factory.mktemp("fuzz")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_HOME", str(home / "juece"))
        patch.delenv("JUECE_RECORDS_URL", raising=False)
        patch.setenv("JUECE_ARCHIVE_DIR", str(home / "archives"))
        patch.setenv("JUECE_CLOCK_SCALE", "1")
        patch.setenv("JUECE_RATE_LIMIT_PER_MINUTE", "100000")
        patch.setenv("JUECE_RATE_LIMIT_BURST", "100000")
        patch.setattr("airflow.api_fastapi.core_api.security.resolve_user_from_token", _resolve)
        patch.setenv("JUECE_ARCHIVE_STORE", (home / "store").as_uri())
        launch_urban()
        publish(Ledger())
        KNOWN["archive_no"] = archives.issue(DECISION, ledger=Ledger())[0].issue.archive_no
        yield Ledger()


def every_route_described(app: FastAPI) -> FastAPI:
    """The app with every route in its schema (the published one lists the public routes only)."""
    for route in app.routes:
        if getattr(route, "name", "") not in STATIC and hasattr(route, "include_in_schema"):
            route.include_in_schema = True  # type: ignore[attr-defined]
    app.openapi_schema = None
    return app


def bilingual(body: bytes, kind: str) -> bool:
    if "json" in kind:
        data = json.loads(body)
        if data in NOT_JUECES:
            return True
        words = " ".join(str(value) for value in data.values()) if isinstance(data, dict) else ""
        return bool(CJK.search(words)) and bool(ENGLISH.search(words))
    text = body.decode("utf-8", errors="replace")
    return bool(CJK.search(text)) and bool(ENGLISH.search(text))


def aim(case: Any, real: bool) -> None:
    """Half the cases ask about the launched decision, its first seat, its archive and a real
    decision type."""
    if not real:
        return
    for name in case.path_parameters or {}:
        if name in KNOWN:
            case.path_parameters[name] = KNOWN[name]


def fuzz(app: FastAPI, headers: dict[str, str]) -> list[str]:
    """Every operation of the app's schema, EXAMPLES generated cases each; what went wrong."""
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app)
    found: list[str] = []
    for result in schema.get_all_operations():
        operation = result.ok()

        @settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy(), real=st.booleans(), as_json=st.booleans(),
               query=st.dictionaries(st.sampled_from(QUERY), WORDS, max_size=3),
               form=st.dictionaries(st.sampled_from(FORM), WORDS, max_size=4))
        def check(case: Any, real: bool, as_json: bool, query: dict[str, str], form: dict[str, str]) -> None:
            aim(case, real)
            undescribed = case.method == "POST" and case.media_type is None  # a form the route reads itself
            extra = {"json" if as_json else "data": form} if undescribed else {}
            response = case.call(headers=headers, params=query, **extra)
            where = f"{case.method} {case.formatted_path} {case.query or ''} {query} {extra} -> {response.status_code}"
            if response.status_code >= 500:
                found.append(f"{where}: {response.content[:300]!r}")
            elif response.status_code >= 400:
                kind = response.headers.get("content-type", [""])
                kind = kind[0] if isinstance(kind, list) else kind
                if not bilingual(response.content, kind):
                    found.append(f"{where} not bilingual: {response.content[:300]!r}")

        check()
    return found


def test_the_published_schema_lists_the_public_routes_and_none_answers_5xx(decision: Ledger) -> None:
    app = create_app()
    paths = app.openapi()["paths"]
    assert paths and all(path.startswith("/public/") for path in paths)
    found = fuzz(app, {})
    assert found == [], "\n".join(found)


class QuietAirflow:
    """Airflow's REST API with nothing waiting for anyone: the pages that ask it (my tasks, the
    risk register, the announcement's review) answer without a 5xx; Airflow down is its own test."""

    def all_waiting_hitl(self, token: str, limit: int = 100) -> list[dict[str, object]]:
        return []

    def waiting_hitl(self, token: str, dag_id: str, task_id: str) -> list[dict[str, object]]:
        return []


@pytest.mark.parametrize("who", ["sponsor_office", "seat_1", "archivist", "juece"])
def test_every_route_signed_in_answers_no_5xx_and_refuses_in_both_languages(decision: Ledger, who: str) -> None:
    user = holder(decision.entries(DECISION), who) if who.startswith("seat_") else who
    assert user
    app = every_route_described(create_app())
    app.state.airflow = QuietAirflow()
    assert any(path.startswith("/office/") for path in app.openapi()["paths"])
    found = fuzz(app, {"Authorization": f"Bearer tok-{user}"})
    assert found == [], "\n".join(found)


def test_the_stand_in_token_check_is_what_the_routes_ask(decision: Ledger) -> None:
    """The fuzzing above reached the signed-in code: a token is recognised, a wrong one refused."""
    from fastapi.testclient import TestClient

    client = TestClient(create_app())
    assert client.get("/office/", headers={"Authorization": "Bearer tok-sponsor_office"}).status_code == 200
    assert client.get("/office/", headers={"Authorization": "Bearer forged"}).status_code == 401


def test_a_parameter_of_the_wrong_type_is_refused_in_both_languages(decision: Ledger) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(create_app())
    refused = client.get(f"/public/decisions/{DECISION}/adoption-report?page=abc", headers={"accept": "application/json"})
    assert refused.status_code == 422
    assert refused.json() | {"zh": "", "en": ""} == {"status": 422, "rule": None, "zh": "", "en": "", "field": "page"}
    assert "page" in refused.json()["zh"] and "page" in refused.json()["en"]
    page = client.get("/api/archives/YS-1/vx/public.pdf", headers={"Authorization": "Bearer tok-archivist"})
    assert page.status_code == 422 and "请求参数有误" in page.text and "invalid request parameter" in page.text


def test_numbers_past_what_the_records_db_holds_are_refused_not_failed(decision: Ledger) -> None:
    """A page or version past the database's integers (found by the fuzzing): 400 and 404, not 500."""
    from fastapi.testclient import TestClient

    client = TestClient(create_app(), raise_server_exceptions=False)
    signed = {"Authorization": "Bearer tok-archivist"}
    page = client.get(f"/api/archives?page={10**30}", headers=signed)
    assert page.status_code == 400 and "至多" in page.json()["zh"] and "at most" in page.json()["en"]
    number = KNOWN["archive_no"]
    for version in (2**31, 2**63, 10**30):
        assert client.get(f"/api/archives/{number}/v{version}/public.pdf", headers=signed).status_code == 404
    assert client.get(f"/api/archives/{number}/v1/public.pdf", headers=signed).status_code == 200
