"""The `juece` command run in-process: exit code, what it printed, and never a traceback.

Every command here runs authenticated as the sponsor office, through its own client, against a
stand-in of Airflow's login API on 127.0.0.1 (tests/airflow_login.py), as it would against
Airflow; a test signs in as someone else, or out, with the `signed_in` fixture."""

from __future__ import annotations

import pytest

from juece.cli.main import main
from tests.conftest import SignIn


@pytest.fixture(autouse=True)
def signed_in(airflow_login: SignIn) -> SignIn:
    airflow_login.sign_in("sponsor_office")
    return airflow_login


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]):
    def run(*argv: str) -> tuple[int, str, str]:
        code = main(list(argv))
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out, err

    return run
