"""Production sign-in on the production stack: juece's FAB auth manager (FAB, with human tasks
answered by user name) signing people in against a real OpenLDAP directory (Debian's slapd on
loopback), on the Celery/PostgreSQL/Redis stack. A whole decision is answered by people who signed
in with their directory passwords; each answer is recorded under the person's user name, never
FAB's account number; a person whose group may answer tasks, but who is not assigned this one, is
refused by Airflow; the archive verifies."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.demo.answers import Situation, answer_for
from juece.demo.celery_stack import SHARED, CeleryStack
from juece.demo.run import Beside, Outcome, run_scenario
from juece.demo.scenario import load_scenario
from juece.demo.stack import REPO, ROLE_USERS, SYSTEM_USER
from juece.domain.record.ledger import verify_chain
from juece.web.fab_auth import CLASS_PATH
from tests.integration.ldap_directory import GROUPS, PEOPLE, READER_DN, SLAPD, Directory
from tests.integration.test_celery_stack import variant

pytestmark = [pytest.mark.integration, pytest.mark.postgres,
              pytest.mark.skipif(not SLAPD.exists(), reason="slapd is not installed (`make deps` installs it)")]
REVIEW = "legality_review.review"
OTHER_REVIEWER = "legality_reviewer_2"  # in a group mapped to Airflow's User role, not assigned the review


def directory_group(user: str) -> str:
    """The LDAP group (deploy/webserver_config.py GROUP_ROLES) each demo person is a member of."""
    if user.startswith(("sponsor_office", "office_clerk")):
        return "sponsor-offices"
    if user.startswith("expert_"):
        return "experts"
    return "archivists" if user == "archivist" else "members"


@dataclass
class FabCeleryStack(CeleryStack):
    """The Celery stack, its people signing in from `directory` through FAB; juece's own system
    account kept in FAB's database (as test_ldap_auth.py shows it may be)."""

    directory: Directory | None = None

    def env(self) -> dict[str, str]:
        env = super().env()
        for key in [k for k in env if k.startswith("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER")]:
            del env[key]
        assert self.directory is not None
        secret = self.home / "ldap-bind-password"
        if not secret.exists():
            secret.write_text(self.directory.reader_password + "\n", encoding="utf-8")
            secret.chmod(0o600)
        env.update({"AIRFLOW__CORE__AUTH_MANAGER": CLASS_PATH,
                    "AIRFLOW__FAB__CONFIG_FILE": str(REPO / "deploy" / "webserver_config.py"),
                    "AIRFLOW_LDAP_SERVER": self.directory.url, "AIRFLOW_LDAP_BIND_DN": READER_DN,
                    "AIRFLOW_LDAP_BIND_PASSWORD_FILE": str(secret), "AIRFLOW_LDAP_USER_BASE": PEOPLE,
                    "AIRFLOW_LDAP_USER_FILTER": "(objectClass=inetOrgPerson)", "AIRFLOW_LDAP_GROUP_BASE": GROUPS,
                    "JUECE_ARCHIVISTS": "archivist"})
        return env

    def migrated(self) -> None:
        password = self.prepare()[SYSTEM_USER]
        subprocess.run([self._bin("airflow"), "users", "create", "--username", SYSTEM_USER, "--role", "Admin",
                        "--firstname", "juece", "--lastname", "system", "--email", "juece@example.org",
                        "--password", password], env=self.env(), capture_output=True, check=True, timeout=300)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FabCeleryStack]:
    home = tmp_path_factory.mktemp("fab")
    people = [user for users in ROLE_USERS.values() for user in users]
    stack = FabCeleryStack(home=home / "airflow", archive_dir=home / "archives")
    passwords = stack.prepare()
    stack.directory = Directory(home / "slapd", persons={u: (u, "Demo", (directory_group(u),)) for u in people},
                                passwords={u: passwords[u] for u in people})
    saved = dict(os.environ)
    os.environ.update({k: v for k, v in stack.env().items() if k.startswith(SHARED)})
    try:
        stack.directory.start()
        stack.start()
        yield stack
    finally:
        stack.stop()
        stack.directory.stop()
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def outcome(stack: FabCeleryStack, tmp_path_factory: pytest.TempPathFactory) -> tuple[Outcome, dict[str, int]]:
    tried: dict[str, int] = {}
    scenario = load_scenario(variant(tmp_path_factory.mktemp("scenario"), "ferry-timetable-scenario.yaml",
                                     "test-ferry-timetable-fab"))

    def others_then_the_reviewer(dag_id: str, run_id: str) -> None:
        """While the review waits: another reviewer, then the archivist, try to answer it; then
        the reviewer the spec names answers it, all signed in from the directory."""
        client = stack.client
        assert client is not None
        deadline = time.monotonic() + 900
        while {t["task_id"]: t["state"] for t in client.task_instances(SYSTEM_USER, dag_id, run_id)}.get(
                REVIEW) != "awaiting_input":
            assert time.monotonic() < deadline, f"{REVIEW} never waited for input"
            time.sleep(0.5)
        time.sleep(2)
        chosen, params = answer_for(scenario, REVIEW, 0, Situation([])) or ([], {})
        for user in (OTHER_REVIEWER, "archivist"):
            tried[user] = client.answer(user, dag_id, run_id, REVIEW, chosen, params).status_code
        tried["legality_reviewer"] = client.answer("legality_reviewer", dag_id, run_id, REVIEW, chosen,
                                                   params).status_code

    result = run_scenario(stack, scenario, beside=Beside(others_then_the_reviewer, frozenset({REVIEW})),
                          timeout=1200)
    return result, tried


def test_a_whole_decision_is_answered_by_people_signed_in_from_the_directory(outcome: tuple) -> None:
    result, _ = outcome
    assert result.state == "success", result.problems
    assert result.verified, result.problems
    assert verify_chain(Ledger().entries(result.decision_id), result.decision_id).intact


def test_each_answer_is_recorded_under_the_persons_user_name(outcome: tuple) -> None:
    result, _ = outcome
    entries = Ledger().entries(result.decision_id)
    actors = {entry["actor"] for entry in entries}
    assert not [actor for actor in actors if str(actor).isdigit()], actors  # never FAB's account number
    by_kind = {entry["kind"]: entry["actor"] for entry in entries}
    assert by_kind["legality_reviewed"] == "legality_reviewer"
    assert by_kind["head_decision"] == "county_head"
    assert {e["actor"] for e in entries if e["kind"] == "member_view"} == {"member_1", "member_2", "member_3"}


def test_only_the_assigned_person_may_answer_under_fab(outcome: tuple) -> None:
    _, tried = outcome
    assert tried == {OTHER_REVIEWER: 403, "archivist": 403, "legality_reviewer": 200}


def test_people_sign_in_with_their_directory_passwords_only(stack: FabCeleryStack) -> None:
    assert stack.client is not None and stack.directory is not None
    assert stack.client.login("member_1", "not-the-password") is None
    assert stack.client.login("member_1", stack.directory.passwords["member_1"]) is not None


def test_the_stack_runs_the_juece_auth_manager(stack: FabCeleryStack) -> None:
    assert stack.process_env("api-server")["AIRFLOW__CORE__AUTH_MANAGER"] == CLASS_PATH
    assert Path(stack.process_env("api-server")["AIRFLOW__FAB__CONFIG_FILE"]).is_file()
