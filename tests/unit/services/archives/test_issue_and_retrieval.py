"""Issuing both editions, stored once and catalogued; retrieval by role, every one logged (R-H6)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from juece.adapters.store import catalogue, retrievals
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.search import search
from juece.cli.main import main
from juece.domain.archive.search_query import Query
from juece.domain.record.acts import Act
from juece.domain.record.errors import RecordError, RuleViolation
from juece.services import archives
from juece.web import archives as web
from tests.conftest import SignIn
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS

PHRASE = "占地约八万平方米"  # from the draft


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Iterator[list[archives.Issued]]:
    """One decision issued for real (both editions built and signed), shared by the module."""
    home = tmp_path_factory.mktemp("issued")
    with pytest.MonkeyPatch.context() as patch:
        for name, value in {"JUECE_HOME": str(home / "juece"), "JUECE_ARCHIVE_DIR": str(home / "archives"),
                            "JUECE_KEYS_DIR": str(home / "keys")}.items():
            patch.setenv(name, value)
        patch.delenv("JUECE_RECORDS_URL", raising=False)
        patch.delenv("JUECE_ARCHIVE_STORE", raising=False)
        try:
            from juece.adapters.reporting.body_keys import ensure_body_key

            ensure_body_key(EVENTS[0][3]["spec"]["decision_body"])
        except ImportError:
            pass
        Ledger().append_many(DECISION, [Act(*event) for event in EVENTS])
        yield archives.issue(DECISION, ledger=Ledger())


def test_both_editions_are_stored_by_version_and_catalogued(issued: list[archives.Issued]) -> None:
    assert [(i.issue.edition, i.issue.version) for i in issued] == [("full", 1), ("public", 1)]
    for one in issued:
        assert (one.issue.store, one.issue.key) == ("default", f"{DECISION}/v1/{one.issue.edition}.pdf")
        stored = (Path(os.environ["JUECE_ARCHIVE_DIR"]) / one.issue.key).read_bytes()
        assert stored.startswith(b"%PDF") and hashlib.sha256(stored).hexdigest() == one.issue.sha256
    assert catalogue.latest(DECISION, "public").sha256 == issued[1].issue.sha256
    assert issued[0].issue.sha256 != issued[1].issue.sha256


def test_each_edition_issued_is_in_the_ledger(issued: list[archives.Issued]) -> None:
    recorded = [e["data"] for e in Ledger().entries(DECISION) if e["kind"] == "archive_issued"]
    assert [(d["edition"], d["archive_no"], d["sha256"]) for d in recorded] == \
           [(i.issue.edition, i.issue.archive_no, i.issue.sha256) for i in issued]


def test_the_archive_is_found_by_a_phrase_from_its_draft(issued: list[archives.Issued]) -> None:
    hit = search(Query(PHRASE)).hits[0]
    assert (hit.archive_no, f"<mark>{PHRASE}</mark>" in hit.snippet) == (issued[0].issue.archive_no, True)
    assert archives.reindex(Ledger()) == 1 and search(Query(PHRASE)).total == 1


def test_archivist_gets_the_full_edition_and_it_is_logged(issued: list[archives.Issued]) -> None:
    number = issued[0].issue.archive_no
    got = archives.retrieve(number, "full", "archivist", "cli", Ledger())
    assert got.content.startswith(b"%PDF") and got.issue.edition == "full"
    assert retrievals.logged(number)[-1] | {"at": None, "id": None} == {
        "id": None, "who": "archivist", "at": None, "archive_no": number, "decision_id": DECISION, "version": 1,
        "edition": "full", "channel": "cli", "granted": True, "reason": None}
    event = Ledger().latest(DECISION, "archive_retrieved")
    assert (event["actor"], event["stage"], event["data"]["edition"]) == ("archivist", "archive", "full")


def test_anyone_else_is_refused_the_full_edition_and_the_attempt_logged(issued: list[archives.Issued]) -> None:
    number = issued[0].issue.archive_no
    with pytest.raises(RuleViolation, match="archivists only") as refusal:
        archives.retrieve(number, "full", "sponsor_office", "api", Ledger())
    assert refusal.value.rule == "R-H6" and "档案管理员" in refusal.value.zh
    assert retrievals.logged(number)[-1]["granted"] is False
    assert archives.retrieve(number, "public", "sponsor_office", "api", Ledger()).issue.edition == "public"


def test_unknown_or_malformed_archive_numbers_are_refused_plainly(issued: list[archives.Issued]) -> None:
    with pytest.raises(RecordError, match="no archive numbered"):
        archives.retrieve("J001-1999-Y-0001", "public", "archivist", "cli", Ledger())
    with pytest.raises(RecordError, match="looks like"):
        archives.retrieve("../etc", "public", "archivist", "cli", Ledger())


def test_cli_search_and_get(issued: list[archives.Issued], tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            airflow_login: SignIn) -> None:
    number = issued[0].issue.archive_no
    assert main(["search", PHRASE, "--year", str(issued[0].issue.archive_year)]) == 0
    assert number in capsys.readouterr().out
    airflow_login.sign_in("member_1")
    assert main(["archives", "get", number, "--edition", "full"]) == 2
    assert "R-H6" in capsys.readouterr().err
    out = tmp_path / "a.pdf"
    airflow_login.sign_in("archivist")
    assert main(["archives", "get", number, "--edition", "full", "-o", str(out)]) == 0
    assert hashlib.sha256(out.read_bytes()).hexdigest() == issued[0].issue.sha256
    assert retrievals.logged(number)[-1]["who"] == "archivist"
    assert main(["search", "--category", "roads"]) == 2
    assert "Traceback" not in capsys.readouterr().err


@pytest.fixture
def as_user(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    def client(user: str | None) -> TestClient:
        async def who(_request) -> tuple[str, str] | None:  # type: ignore[no-untyped-def]
            return None if user is None else (user, "VIEWER")

        monkeypatch.setattr(web, "airflow_identity", who)
        app = FastAPI()
        web.archive_routes(app)
        return TestClient(app)

    return client


def test_the_cli_retrieves_as_the_user_it_authenticates_as_not_as_one_it_is_told(
        issued: list[archives.Issued], tmp_path: Path, capsys: pytest.CaptureFixture[str], airflow_login: SignIn) -> None:
    number, out = issued[0].issue.archive_no, tmp_path / "b.pdf"
    before = len(retrievals.logged(number))
    assert main(["archives", "get", number, "--edition", "full", "-o", str(out)]) == 2  # no credentials
    assert "[R-H5]" in capsys.readouterr().err
    airflow_login.sign_in("member_1")
    assert main(["archives", "get", number, "--edition", "full", "--user", "archivist", "-o", str(out)]) == 2
    assert "--user" in capsys.readouterr().err and not out.exists()
    assert len(retrievals.logged(number)) == before  # nothing retrieved, nothing logged as anyone


def test_web_search_api_page_and_downloads_by_role(issued: list[archives.Issued], as_user) -> None:  # type: ignore[no-untyped-def]
    number = issued[0].issue.archive_no
    assert as_user(None).get("/api/archives", params={"q": PHRASE}).status_code == 401
    public = as_user("member_1")
    found = public.get("/api/archives", params={"q": PHRASE}).json()
    assert (found["total"], found["results"][0]["archive_no"]) == (1, number)
    assert found["results"][0]["links"]["public"].endswith(f"/api/archives/{number}/public.pdf")
    page = public.get("/archives", params={"q": PHRASE}).text
    assert f"<mark>{PHRASE}</mark>" in page and "public.pdf" in page and "full.pdf" not in page
    refused = public.get(f"/api/archives/{number}/full.pdf", headers={"accept": "application/json"})
    assert refused.status_code == 403 and refused.json()["rule"] == "R-H6" and "档案管理员" in refused.json()["zh"]
    assert public.get(f"/api/archives/{number}/public.pdf").content.startswith(b"%PDF")
    assert "full.pdf" in as_user("archivist").get("/archives", params={"q": PHRASE}).text
    assert public.get("/api/archives", params={"year": "abc"}).status_code == 400


def test_the_public_searches_and_downloads_public_editions_without_an_account(issued: list[archives.Issued]) -> None:
    from juece.web.app import create_app

    number, public = issued[1].issue.archive_no, TestClient(create_app(office=False))
    page = public.get("/public/archives", params={"q": PHRASE})
    assert page.status_code == 200 and f"<mark>{PHRASE}</mark>" in page.text
    assert f"/public/archives/{number}/public.pdf" in page.text and "full.pdf" not in page.text
    before = len(Ledger().entries(DECISION))
    pdf = public.get(f"/public/archives/{number}/public.pdf")
    assert pdf.status_code == 200 and pdf.content == issued[1].content  # the public edition, never the full
    assert pdf.headers["x-archive-sha256"] == issued[1].issue.sha256
    assert len(Ledger().entries(DECISION)) == before  # a stranger's download does not grow the record
    assert public.get(f"/public/archives/{number}/full.pdf").status_code == 404  # no such route in public
    assert public.get("/public/archives/YS-2000-Y-9999/public.pdf").status_code == 404
    malformed = public.get("/public/archives/not-a-number/public.pdf", headers={"accept": "application/json"})
    assert malformed.status_code == 400 and malformed.json()["field"] == "archive_no"
    assert public.get("/public/archives", params={"year": "abc"}).status_code == 400


def test_public_downloads_are_limited_per_address(issued: list[archives.Issued], monkeypatch: pytest.MonkeyPatch) -> None:
    from juece.web.app import create_app
    from juece.web.limits import RateLimiter

    app = create_app(office=False)
    app.state.downloads = RateLimiter(rate=60, burst=2)
    public, number = TestClient(app), issued[1].issue.archive_no
    answers = [public.get(f"/public/archives/{number}/public.pdf").status_code for _ in range(3)]
    assert answers == [200, 200, 429]


def test_a_reissue_is_a_new_version_and_files_are_never_overwritten(juece_home: Path,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archives, "build_edition", lambda d, entries, edition, *_rest, **_named:
                        f"%PDF-stand-in {edition} {len(entries)}".encode())
    ledger = Ledger()
    ledger.append_many(DECISION, [Act(*event) for event in EVENTS])
    first = archives.issue(DECISION, key="run/archive/-1/", ledger=Ledger())
    assert archives.issue(DECISION, key="run/archive/-1/", ledger=Ledger())[0].issue == first[0].issue  # a retried task
    second = archives.issue(DECISION, ledger=Ledger())
    assert [i.issue.version for i in second] == [2, 2]
    assert Path(archives.where(first[0].issue).removeprefix("file://")).read_bytes() == first[0].content
    from juece.adapters.object_store import write_once

    with pytest.raises(RecordError, match="never overwritten"):
        write_once(archives.where(first[0].issue), b"%PDF-other")
