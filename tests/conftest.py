"""Shared test set-up: every test gets its own juece home and records DB unless it says otherwise."""

from __future__ import annotations

import os
import shutil
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.airflow_login import AirflowLogin

REPO = Path(__file__).resolve().parents[1]
TEMPLATES = REPO / "templates"
ARTIFACTS = REPO / "test-artifacts"
PG_ADMIN_URL = os.environ.get("JUECE_TEST_PG_URL", "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres")
BODY = "延寿县人民政府"  # the decision body of the templates and of the synthetic record


@pytest.fixture
def juece_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "juece"
    monkeypatch.setenv("JUECE_HOME", str(home))
    monkeypatch.delenv("JUECE_RECORDS_URL", raising=False)
    monkeypatch.setenv("JUECE_ARCHIVE_DIR", str(tmp_path / "archives"))
    return home


@pytest.fixture(scope="session")
def body_keys_source(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A keys folder holding a signing key and certificate for BODY, made once per session (in
    files: no key encryption key, which would put it into the records DB)."""
    from juece.adapters.reporting.body_keys import init_body_key

    folder = tmp_path_factory.mktemp("body-keys")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JUECE_KEYS_DIR", str(folder))
        patch.delenv("JUECE_KEY_ENCRYPTION_KEY", raising=False)
        patch.delenv("AIRFLOW__CORE__FERNET_KEY", raising=False)
        init_body_key(BODY)
    return folder


@pytest.fixture
def body_keys(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body_keys_source: Path) -> Path:
    """JUECE_KEYS_DIR pointed at this test's copy of the session's body keys (archives get signed)."""
    folder = tmp_path / "keys"
    shutil.copytree(body_keys_source, folder)
    monkeypatch.setenv("JUECE_KEYS_DIR", str(folder))
    return folder


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def throwaway_postgres() -> Iterator[str]:
    """The URL of a PostgreSQL database made for one test and dropped after it; skipped locally
    (never in CI) when no server answers."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.exc import OperationalError

    from juece.adapters.store.db import get_engine

    name = f"juece_test_{uuid.uuid4().hex[:10]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        if in_ci():
            raise
        pytest.skip(f"PostgreSQL not reachable at {PG_ADMIN_URL}: {exc.orig}")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    get_engine(url).dispose()
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from throwaway_postgres()


@pytest.fixture(autouse=True)
def _calendar_from_no_earlier_test() -> Iterator[None]:
    """Schedules loaded from one test's records DB are never counted with in another's."""
    from juece.domain.record import workdays

    workdays.provide(None)
    yield
    workdays.provide(None)


@pytest.fixture(scope="session")
def airflow_login_server() -> Iterator[AirflowLogin]:
    with AirflowLogin() as server:
        yield server


class SignIn:
    """Who the `juece` command authenticates as, against the stand-in of Airflow's login."""

    def __init__(self, server: AirflowLogin, monkeypatch: pytest.MonkeyPatch) -> None:
        self.server, self.monkeypatch = server, monkeypatch

    def sign_in(self, user: str, role: str = "user") -> str:
        """JUECE_USER and JUECE_PASSWORD of a user Airflow knows (with this role); returns the password."""
        password = self.server.add(user)
        self.server.roles[user] = role
        self.monkeypatch.setenv("JUECE_USER", user)
        self.monkeypatch.setenv("JUECE_PASSWORD", password)
        self.monkeypatch.delenv("JUECE_TOKEN", raising=False)
        return password

    def sign_out(self) -> None:
        for name in ("JUECE_USER", "JUECE_PASSWORD", "JUECE_TOKEN"):
            self.monkeypatch.delenv(name, raising=False)


@pytest.fixture
def airflow_login(airflow_login_server: AirflowLogin, monkeypatch: pytest.MonkeyPatch) -> SignIn:
    """JUECE_AIRFLOW_URL at a stand-in of Airflow's login API on 127.0.0.1 (tests/airflow_login.py),
    signed out; ``.sign_in(user)`` gives the command a known user's credentials."""
    monkeypatch.setenv("JUECE_AIRFLOW_URL", airflow_login_server.url)
    signed = SignIn(airflow_login_server, monkeypatch)
    signed.sign_out()
    return signed


def server_zone(monkeypatch: pytest.MonkeyPatch, zone: str) -> Iterator[None]:
    """The machine's local zone set to ``zone`` (a TZ value) while a fixture built on it lasts."""
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def server_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A server whose local zone is UTC, eight hours behind China."""
    yield from server_zone(monkeypatch, "UTC")
