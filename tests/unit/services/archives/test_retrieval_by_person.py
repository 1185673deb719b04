"""Retrieval as the person who retrieves: the authenticated user, recorded only when the file is
handed over, refusals listed to archivists, the role Airflow gave in the trace, every version."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi import FastAPI
from fastapi.testclient import TestClient

from juece.adapters.store import catalogue
from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.domain.record.acts import Act
from juece.services import archives
from juece.web import archives as web
from tests.conftest import SignIn
from tests.unit.adapters.reporting.reporting_records import DECISION, EVENTS


@pytest.fixture
def number(juece_home: Path, monkeypatch: pytest.MonkeyPatch, airflow_login: SignIn) -> str:
    """A decision issued twice (versions 1 and 2), with stand-in PDFs of each edition."""
    monkeypatch.delenv("JUECE_ARCHIVE_STORE", raising=False)
    monkeypatch.delenv("JUECE_ARCHIVISTS", raising=False)
    monkeypatch.setattr(archives, "build_edition", lambda d, entries, edition, *_rest, **_named:
                        f"%PDF-stand-in {edition} {len(entries)}".encode())
    Ledger().append_many(DECISION, [Act(*event) for event in EVENTS])
    archives.issue(DECISION, ledger=Ledger())
    return archives.issue(DECISION, ledger=Ledger())[0].issue.archive_no


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    def run(*argv: str) -> tuple[int, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out + err

    return run


def retrieved() -> list[dict]:  # type: ignore[type-arg]
    return [e for e in Ledger().entries(DECISION) if e["kind"] == "archive_retrieved"]


def test_a_retrieval_refused_for_an_existing_output_file_is_not_recorded_but_listed_as_refused(
        number: str, tmp_path: Path, airflow_login: SignIn, run) -> None:  # type: ignore[no-untyped-def]
    airflow_login.sign_in("member_1")
    out = tmp_path / "mine.pdf"
    out.write_bytes(b"my own notes")
    code, said = run("archives", "get", number, "-o", str(out))
    assert code == 1 and "--force" in said and out.read_bytes() == b"my own notes"
    assert run("archives", "get", number, "--edition", "full", "-o", str(tmp_path / "f.pdf"))[0] == 2
    assert retrieved() == []
    assert run("archives", "refused")[0] == 2  # the log of refusals is the archivists'
    airflow_login.sign_in("archivist")
    code, said = run("archives", "refused", number)
    assert code == 0 and said.count("member_1") == 2 and "北京时间" in said
    assert "输出文件已存在" in said and "output file exists" in said and "archivists only (R-H6)" in said


def test_every_issued_version_is_listed_and_any_one_retrieved(number: str, tmp_path: Path, airflow_login: SignIn,
                                                              run) -> None:  # type: ignore[no-untyped-def]
    code, said = run("archives", "list", number)
    assert code == 0 and "第1版 v1" in said and "第2版 v2" in said and "公开版 public edition" in said
    airflow_login.sign_in("member_1")
    out = tmp_path / "v1.pdf"
    assert run("archives", "get", number, "--version", "1", "-o", str(out))[0] == 0
    first = catalogue.by_number(number, "public", version=1)
    assert out.read_bytes() == archives.open_issue(first) and retrieved()[-1]["data"]["version"] == 1
    assert run("archives", "get", number, "--version", "7", "-o", str(tmp_path / "v7.pdf"))[0] == 1


def test_the_trace_shows_the_role_airflow_gave_and_never_guesses_archivist(
        number: str, tmp_path: Path, airflow_login: SignIn, run) -> None:  # type: ignore[no-untyped-def]
    airflow_login.sign_in("member_1", role="VIEWER")
    assert run("archives", "get", number, "-o", str(tmp_path / "a.pdf"))[0] == 0
    airflow_login.sign_in("archivist", role="OP")
    assert run("archives", "get", number, "--edition", "full", "-o", str(tmp_path / "b.pdf"))[0] == 0
    code, said = run("trace", DECISION, "--json")
    rows = [row for row in json.loads(said)["acts"] if row["kind"] == "archive_retrieved"]
    assert [(r["actor"], r["role"]) for r in rows] == [("member_1", "reader"), ("archivist", "archivist")]
    assert "VIEWER" in rows[0]["role_label"] and "档案管理员" not in rows[0]["role_label"]
    assert "OP" in rows[1]["role_label"]


def test_juece_archive_writes_the_public_edition_and_the_full_one_only_for_an_archivist(
        number: str, tmp_path: Path, airflow_login: SignIn, run) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "out.pdf"
    assert run("archive", DECISION, "-o", str(out))[0] == 0
    assert out.read_bytes().startswith(b"%PDF-stand-in public")
    airflow_login.sign_in("member_1")
    code, said = run("archive", DECISION, "--edition", "full", "-o", str(tmp_path / "full.pdf"))
    assert code == 2 and "R-H6" in said and not (tmp_path / "full.pdf").exists()
    airflow_login.sign_in("archivist")
    assert run("archive", DECISION, "--edition", "full", "-o", str(tmp_path / "full.pdf"))[0] == 0
    assert (tmp_path / "full.pdf").read_bytes().startswith(b"%PDF-stand-in full")


def client_as(monkeypatch: pytest.MonkeyPatch, user: str, role: str = "VIEWER") -> TestClient:
    async def who(_request) -> tuple[str, str]:  # type: ignore[no-untyped-def]
        return user, role

    monkeypatch.setattr(web, "airflow_identity", who)
    app = FastAPI()
    web.archive_routes(app)
    return TestClient(app)


def test_the_archive_page_lists_every_version_and_archivists_see_the_refusals(
        number: str, monkeypatch: pytest.MonkeyPatch) -> None:
    reader = client_as(monkeypatch, "member_1")
    json_please = {"accept": "application/json"}
    assert reader.get(f"/api/archives/{number}/v1/full.pdf", headers=json_please).status_code == 403
    page = reader.get(f"/archives/{number}").text
    assert f"/api/archives/{number}/v1/public.pdf" in page and f"/api/archives/{number}/v2/public.pdf" in page
    assert "full.pdf" not in page and "Refused retrievals" not in page
    first = reader.get(f"/api/archives/{number}/v1/public.pdf")
    assert first.content == archives.open_issue(catalogue.by_number(number, "public", version=1))
    data = retrieved()[-1]["data"]
    assert (data["version"], data["role"], data["auth_role"]) == (1, "reader", "VIEWER")
    archivist = client_as(monkeypatch, "archivist", "ADMIN")
    for page in (archivist.get(f"/archives/{number}").text, archivist.get("/archives").text):
        assert "Refused retrievals" in page and "member_1" in page and "archivists only (R-H6)" in page
    assert f"/api/archives/{number}/v2/full.pdf" in archivist.get(f"/archives/{number}").text
    assert reader.get("/archives/J001-1999-Y-0001", headers=json_please).status_code == 404
    links = reader.get("/api/archives", params={"q": "医院"}).json()["results"][0]["links"]
    assert links["versions"].endswith(f"/archives/{number}")
