"""Production sign-in: Airflow's FAB auth manager with deploy/webserver_config.py, against a real
OpenLDAP directory (Debian's slapd on loopback). People sign in with their directory password
(`POST /auth/token`); their Airflow role comes from their LDAP groups at every sign-in (sponsor
offices and experts: User; archivists: Viewer; administrators: Admin); a wrong password, or a
person in none of the mapped groups, gets no token. Airflow's REST API and juece's own pages
answer each person as the role says."""

from __future__ import annotations

import secrets
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest

from juece.demo.stack import REPO, SYSTEM_USER, Stack, free_port, stop_group
from juece.web.fab_auth import CLASS_PATH
from tests.integration.ldap_directory import GROUPS, PEOPLE, READER_DN, SLAPD, Directory

pytestmark = [pytest.mark.integration,
              pytest.mark.skipif(not SLAPD.exists(), reason="slapd is not installed (`make deps` installs it)")]
ARCHIVIST_WORDS = "archivist: full and public editions"


@dataclass
class FabServer:
    """`airflow api-server` alone (no scheduler is needed to sign in and to be authorized), FAB
    as its auth manager, in a home of its own with a SQLite metadata DB."""

    home: Path
    directory: Directory
    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def env(self) -> dict[str, str]:
        env = Stack(home=self.home, port=self.port).env()
        for key in [k for k in env if k.startswith("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER")]:
            del env[key]
        env.pop("JUECE_RECORDS_URL", None)
        env.update({
            "AIRFLOW__CORE__AUTH_MANAGER": CLASS_PATH,
            "AIRFLOW__FAB__CONFIG_FILE": str(REPO / "deploy" / "webserver_config.py"),
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{self.home / 'airflow.db'}",
            "AIRFLOW__API_AUTH__JWT_SECRET": "ldap-test-jwt-secret-not-for-production",
            "AIRFLOW__API__WORKERS": "1",
            "AIRFLOW_LDAP_SERVER": self.directory.url,
            "AIRFLOW_LDAP_BIND_DN": READER_DN,
            "AIRFLOW_LDAP_BIND_PASSWORD_FILE": str(self.bind_password_file()),
            "AIRFLOW_LDAP_USER_BASE": PEOPLE,
            "AIRFLOW_LDAP_USER_FILTER": "(objectClass=inetOrgPerson)",
            "AIRFLOW_LDAP_GROUP_BASE": GROUPS,
            "JUECE_ARCHIVISTS": "qian.min",
        })
        return env

    def bind_password_file(self) -> Path:
        secret = self.home / "ldap-bind-password"
        if not secret.exists():
            secret.write_text(self.directory.reader_password + "\n", encoding="utf-8")
            secret.chmod(0o600)
        return secret

    def start(self, timeout: float = 240.0) -> None:
        self.home.mkdir(parents=True, exist_ok=True)
        env, airflow = self.env(), str(Path(sys.executable).with_name("airflow"))
        log = (self.home / "api-server.log").open("ab")
        subprocess.run([airflow, "db", "migrate"], env=env, stdout=log, stderr=subprocess.STDOUT,
                       check=True, timeout=timeout)
        self.process = subprocess.Popen([airflow, "api-server", "-H", "127.0.0.1", "-p", str(self.port)],
                                        env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"airflow api-server exited early; see {self.home / 'api-server.log'}")
            try:
                if httpx.get(f"{self.url}/api/v2/monitor/health", timeout=5).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(1.0)
        raise RuntimeError(f"airflow api-server did not answer within {timeout:.0f} s")

    def stop(self) -> None:
        stop_group(self.process)  # and whatever of its group outlived it (uvicorn workers)

    def add_database_user(self, name: str, password: str) -> None:
        """An account kept in FAB's own database (juece's system account), not in the directory."""
        airflow = str(Path(sys.executable).with_name("airflow"))
        subprocess.run([airflow, "users", "create", "--username", name, "--role", "Admin", "--firstname", name,
                        "--lastname", "system", "--email", f"{name}@example.org", "--password", password],
                       env=self.env(), capture_output=True, check=True, timeout=120)

    def sign_in(self, uid: str, password: str) -> httpx.Response:
        return httpx.post(f"{self.url}/auth/token", json={"username": uid, "password": password}, timeout=60)

    def token(self, uid: str) -> str:
        answer = self.sign_in(uid, self.directory.passwords[uid])
        assert answer.status_code == 201, (uid, answer.status_code, answer.text)
        return str(answer.json()["access_token"])

    def get(self, path: str, token: str | None = None, cookie: bool = False) -> httpx.Response:
        headers = {"Authorization": f"Bearer {token}"} if token and not cookie else {}
        cookies = {"_token": token} if token and cookie else None
        return httpx.get(f"{self.url}{path}", headers=headers, cookies=cookies, timeout=60)

    def trigger(self, token: str, dag_id: str = "no_such_dag") -> httpx.Response:
        return httpx.post(f"{self.url}/api/v2/dags/{dag_id}/dagRuns", json={"logical_date": None},
                          headers={"Authorization": f"Bearer {token}"}, timeout=60)

    def roles(self, uid: str) -> list[str]:
        """The person's roles as FAB holds them, read by an administrator."""
        answer = self.get(f"/auth/fab/v1/users/{uid}", self.token("sun.hao"))
        assert answer.status_code == 200, answer.text
        return sorted(role["name"] for role in answer.json()["roles"])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FabServer]:
    home = tmp_path_factory.mktemp("ldap")
    directory = Directory(home / "slapd")
    fab = FabServer(home / "airflow", directory)
    try:
        directory.start()
        fab.start()
        yield fab
    finally:
        fab.stop()
        directory.stop()


def test_a_wrong_password_or_an_unknown_name_gets_no_token(server: FabServer) -> None:
    assert server.sign_in("zhao.lei", "not-the-password").status_code == 401
    assert server.sign_in("nobody.here", "whatever").status_code == 401
    assert server.sign_in("zhao.lei", "").status_code in (400, 422)


def test_a_person_in_no_mapped_group_gets_no_token(server: FabServer) -> None:
    assert server.sign_in("li.wei", server.directory.passwords["li.wei"]).status_code == 401


def test_an_archivist_is_a_viewer(server: FabServer) -> None:
    token = server.token("qian.min")
    assert server.roles("qian.min") == ["Viewer"]
    assert server.get("/api/v2/dags", token).status_code == 200
    assert server.trigger(token).status_code == 403
    page = server.get("/juece/archives", token, cookie=True)  # the UI's session cookie
    assert page.status_code == 200 and ARCHIVIST_WORDS in page.text
    assert "qian.min" in page.text


def test_an_office_member_and_an_expert_are_users(server: FabServer) -> None:
    for uid in ("zhao.lei", "zhou.jie"):
        token = server.token(uid)
        assert server.roles(uid) == ["User"]
        assert server.get("/api/v2/dags", token).status_code == 200
        assert server.trigger(token).status_code == 403  # juece's workflow guard: administrators alone (R-H5)
        page = server.get("/juece/archives", token)
        assert page.status_code == 200 and ARCHIVIST_WORDS not in page.text
        assert server.get("/juece/office/", token).status_code == 200


def test_an_administrator_is_an_admin(server: FabServer) -> None:
    token = server.token("sun.hao")
    assert server.roles("sun.hao") == ["Admin"]
    assert server.get("/auth/fab/v1/users", token).status_code == 200
    assert server.trigger(token).status_code == 404  # allowed to trigger: only the DAG is missing
    assert server.get("/juece/office/", token).status_code == 200


def test_juece_pages_refuse_whoever_is_not_signed_in(server: FabServer) -> None:
    assert server.get("/juece/archives").status_code == 401
    assert server.get("/juece/office/").status_code == 401
    assert server.get("/juece/archives", "not-a-token").status_code == 401


def test_roles_follow_the_directory_at_each_sign_in(server: FabServer) -> None:
    password = server.directory.passwords["li.wei"]
    server.directory.join("li.wei", "experts")
    try:
        token = server.token("li.wei")
        assert server.roles("li.wei") == ["User"]
        assert server.get("/api/v2/dags", token).status_code == 200
    finally:
        server.directory.leave("li.wei", "experts")
    assert server.sign_in("li.wei", password).status_code == 401
    assert server.roles("li.wei") == ["Public"]  # the registration role alone: no access


def test_juece_account_signs_in_from_fab_database_beside_ldap(server: FabServer) -> None:
    password = secrets.token_urlsafe(12)
    server.add_database_user(SYSTEM_USER, password)
    answer = server.sign_in(SYSTEM_USER, password)
    assert answer.status_code == 201, answer.text
    assert server.roles(SYSTEM_USER) == ["Admin"]
    assert server.sign_in(SYSTEM_USER, "not-the-password").status_code == 401
