"""The browser's own risks: every answer carries a CSP without inline script or style and with no
framing, nosniff and a referrer policy (HSTS over TLS only); the pages load nothing from another
site; the public OpenAPI lists no office route; an office POST from a browser session needs the
page's CSRF token."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from juece.adapters.store.ledger import Ledger
from juece.web.app import create_app, public_server
from juece.web.security import CSRF_FIELD
from tests.unit.web.office_session import SESSION, office_with_a_comment

TEMPLATES = Path(__file__).resolve().parents[3] / "plugins" / "juece" / "web" / "templates"


def test_every_answer_carries_the_security_headers_and_hsts_only_over_tls(juece_home: Path) -> None:
    app = create_app()
    for answer in (TestClient(app).get("/public/"), TestClient(app).get("/public/decisions/nothing"),
                   TestClient(app).get("/public/static/juece.css")):
        csp = answer.headers["content-security-policy"]
        assert "default-src 'none'" in csp and "frame-ancestors 'none'" in csp and "style-src 'self'" in csp
        assert "unsafe-inline" not in csp and "script-src 'self';" in csp  # scripts only from the app's files
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["referrer-policy"] == "same-origin"
        assert "strict-transport-security" not in answer.headers
    over_tls = TestClient(app, base_url="https://portal.example").get("/public/")
    assert over_tls.headers["strict-transport-security"].startswith("max-age=")


def test_the_public_portal_process_carries_them_too(juece_home: Path) -> None:
    answer = TestClient(public_server()).get("/juece/public/")
    assert answer.status_code == 200 and "frame-ancestors 'none'" in answer.headers["content-security-policy"]


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.html")))
def test_no_template_has_inline_script_or_style_or_a_foreign_asset(template: str) -> None:
    text = (TEMPLATES / template).read_text(encoding="utf-8")
    inline_script = re.search(r"<script(?![^>]*\ssrc=)", text, re.IGNORECASE)  # a <script> without src=
    assert not inline_script and not re.search(r"<style|\sstyle=|\son[a-z]+=", text, re.IGNORECASE)
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", text, re.IGNORECASE)


def test_the_stylesheet_is_served_by_the_app_and_linked_from_every_page(juece_home: Path) -> None:
    client = TestClient(create_app())
    page = client.get("/public/")
    assert '<link rel="stylesheet" href="/public/static/juece.css">' in page.text
    under_juece = TestClient(public_server()).get("/juece/public/")
    assert '<link rel="stylesheet" href="/juece/public/static/juece.css">' in under_juece.text
    css = client.get("/public/static/juece.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css") and ".card" in css.text


def test_the_openapi_schema_lists_public_routes_only_and_no_cdn_docs_page(juece_home: Path) -> None:
    client = TestClient(create_app(office=True))
    paths = client.get("/api/openapi.json").json()["paths"]
    assert paths and all(path.startswith("/public/") for path in paths), sorted(paths)
    assert "/public/decisions/{decision_id}/comments" in paths
    assert client.get("/api/docs").status_code == 404 and client.get("/redoc").status_code == 404


@pytest.fixture
def office(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[TestClient, str]:
    """The sponsor office signed in to Airflow's UI: its session cookie is what identifies it."""
    _, decision = office_with_a_comment(monkeypatch)
    return TestClient(create_app(), cookies=SESSION), decision


def test_an_office_post_without_the_pages_token_is_refused_and_nothing_recorded(office) -> None:
    client, decision = office
    forged = client.post(f"/office/decisions/{decision}/dispositions",
                         data={"ref": "C-000001", "disposition": "adopted", "reason": ""})
    assert forged.status_code == 403
    wrong = client.post(f"/office/decisions/{decision}/comments.csv", data={CSRF_FIELD: "0" * 40},
                        files={"file": ("c.csv", b"receipt,disposition,reason\nC-000001,adopted,\n", "text/csv")})
    assert wrong.status_code == 403
    assert Ledger().latest(decision, "comment_disposed") is None


def test_an_office_post_with_the_token_of_its_page_is_recorded(office) -> None:
    client, decision = office
    page = client.get(f"/office/decisions/{decision}/comments")
    token = re.search(rf'name="{CSRF_FIELD}" value="([0-9a-f]+)"', page.text).group(1)
    done = client.post(f"/office/decisions/{decision}/dispositions",
                       data={CSRF_FIELD: token, "ref": "C-000001", "disposition": "adopted", "reason": ""},
                       follow_redirects=False)
    assert done.status_code == 303
    assert Ledger().latest(decision, "comment_disposed")["actor"] == "sponsor_office"


def test_a_refusal_page_leads_back_by_a_plain_link_not_a_script(juece_home: Path) -> None:
    """The CSP runs no inline script, so "Back" is a link: to the page the form was on, when it is ours."""
    client = TestClient(create_app())
    page = client.get("/public/decisions/nothing", headers={"referer": "http://testserver/public/"})
    assert page.status_code == 404 and 'href="http://testserver/public/">返回 <span lang="en">Back</span>' in page.text
    foreign = client.get("/public/decisions/nothing", headers={"referer": "https://evil.example/"})
    assert "evil.example" not in foreign.text and "javascript:" not in foreign.text
