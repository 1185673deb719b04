"""The command acts as the Airflow user it authenticates as (R-H5), never as a name it is given:
without valid credentials, or as someone the act is not for, it exits 2 and records nothing."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.cli import auth as cli_auth
from juece.demo.library import seed_library
from tests.conftest import SignIn

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
URBAN = TEMPLATES / "urban-planning.yaml"
DECISION = "yanshou-2027-urban-001"


@pytest.fixture
def library(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("JUECE_CLOCK_SCALE", raising=False)
    seed_library()
    return juece_home


def refused(code: int, err: str, rule: str = "R-H5") -> bool:
    return code == 2 and err.startswith(f"refused [{rule}]") and " / " in err and len(err.strip().splitlines()) == 1


def nothing_recorded() -> bool:
    return Ledger().decisions() == []


def test_the_launch_is_recorded_as_the_user_the_command_authenticated_as(run, library, signed_in: SignIn,
                                                                         tmp_path: Path) -> None:
    spec = tmp_path / "spec.yaml"
    spec.write_text(URBAN.read_text(encoding="utf-8").replace("sponsor_office: sponsor_office",
                                                             "sponsor_office: planning_office"), encoding="utf-8")
    signed_in.sign_in("planning_office")
    code, _, err = run("launch", "--no-trigger", str(spec))
    assert (code, err) == (0, "")
    assert [e["actor"] for e in Ledger().entries(DECISION)] == ["planning_office", "planning_office"]
    assert signed_in.server.calls[-2:] == ["POST /auth/token", "GET /ui/auth/me"]


def test_without_credentials_nothing_is_launched(run, library, signed_in: SignIn) -> None:
    signed_in.sign_out()
    code, out, err = run("launch", "--no-trigger", str(URBAN))
    assert refused(code, err) and "JUECE_USER" in err and "JUECE_PASSWORD" in err and out == ""
    assert nothing_recorded()


def test_a_wrong_password_is_refused_by_airflow_and_nothing_is_launched(run, library, monkeypatch) -> None:
    monkeypatch.setenv("JUECE_PASSWORD", "not-the-password")
    code, _, err = run("launch", "--no-trigger", str(URBAN))
    assert refused(code, err) and "sponsor_office" in err and "Airflow 拒绝" in err
    assert nothing_recorded()


def test_a_self_declared_actor_is_no_longer_honoured(run, library) -> None:
    code, _, err = run("launch", "--no-trigger", "--actor", "county_head", str(URBAN))
    assert refused(code, err) and "--actor" in err and "no longer honoured" in err
    assert nothing_recorded()


def test_only_the_sponsor_office_of_the_spec_launches_it(run, library, signed_in: SignIn) -> None:
    signed_in.sign_in("county_head")
    code, _, err = run("launch", "--no-trigger", str(URBAN))
    assert code == 2 and err.startswith("refused ") and "[R-" not in err  # not theirs to do: no rule broken
    assert "sponsor_office" in err and "county_head" in err
    assert nothing_recorded()


def test_a_token_airflow_issued_is_enough(run, library, signed_in: SignIn, monkeypatch) -> None:
    signed_in.sign_out()
    monkeypatch.setenv("JUECE_TOKEN", signed_in.server.token("sponsor_office"))
    assert run("launch", "--no-trigger", str(URBAN))[0] == 0
    assert Ledger().entries(DECISION)[0]["actor"] == "sponsor_office"


def test_a_token_airflow_did_not_sign_is_refused(run, library, signed_in: SignIn, monkeypatch) -> None:
    signed_in.sign_out()
    header, _, _ = signed_in.server.token("county_head").split(".")
    forged = f"{header}.eyJzdWIiOiJzcG9uc29yX29mZmljZSIsImV4cCI6OTk5OTk5OTk5OX0.c2lnbmF0dXJl"  # sub: sponsor_office
    monkeypatch.setenv("JUECE_TOKEN", forged)
    code, _, err = run("launch", "--no-trigger", str(URBAN))
    assert refused(code, err) and "JUECE_TOKEN" in err
    assert nothing_recorded()


def test_when_airflow_cannot_be_reached_nothing_is_launched(run, library, monkeypatch) -> None:
    from juece.demo.stack import free_port

    monkeypatch.setenv("JUECE_AIRFLOW_URL", f"http://127.0.0.1:{free_port()}")
    code, _, err = run("launch", "--no-trigger", str(URBAN))
    assert refused(code, err) and "not reachable" in err
    assert nothing_recorded()


def test_on_a_terminal_the_password_is_asked_for(run, library, signed_in: SignIn, monkeypatch) -> None:
    password = signed_in.sign_in("sponsor_office")
    monkeypatch.delenv("JUECE_PASSWORD")
    asked: list[str] = []
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr(cli_auth.getpass, "getpass", lambda prompt: asked.append(prompt) or password)
    assert run("launch", "--no-trigger", str(URBAN))[0] == 0
    assert asked == ["sponsor_office 的密码 password: "]


# --- the other commands that record an act ------------------------------------------------------

@pytest.fixture
def launched(run, library) -> str:
    assert run("launch", "--no-trigger", str(URBAN))[0] == 0
    return DECISION


CHANNEL = ("channel", DECISION, "--kind", "poll", "--title", "民意调查", "--date", "2027-01-12", "--summary", "多数赞成")


def test_a_channel_is_recorded_as_the_authenticated_sponsor_office(run, launched: str) -> None:
    assert run(*CHANNEL)[0] == 0
    assert Ledger().latest(launched, "channel_recorded")["actor"] == "sponsor_office"


@pytest.mark.parametrize("argv", [CHANNEL, ("complaint", DECISION, "--summary", "太吵", "--no-trigger"),
                                  ("evaluate", DECISION, "--reason", "复核", "--no-trigger")],
                         ids=["channel", "complaint", "evaluate"])
def test_someone_other_than_the_sponsor_office_records_nothing(run, launched: str, signed_in: SignIn,
                                                               argv: tuple[str, ...]) -> None:
    before = len(Ledger().entries(launched))
    signed_in.sign_in("member_1")
    code, _, err = run(*argv)
    assert code == 2 and "member_1" in err and "sponsor_office" in err
    signed_in.sign_out()
    code, _, err = run(*argv, "--actor", "sponsor_office")
    assert refused(code, err)
    assert len(Ledger().entries(launched)) == before


def test_someone_the_launchers_leave_out_launches_nothing_r_a1(run, library, signed_in: SignIn,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_LAUNCHERS", "planning_office")
    code, _, err = run("launch", "--no-trigger", str(URBAN))  # signed in as the spec's sponsor office
    assert refused(code, err, "R-A1") and "承办单位" in err
    assert nothing_recorded()
