"""Start and stop a real `airflow standalone` in a folder of its own, with a user per role."""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from juece.adapters.airflow_client import AirflowClient

REPO = Path(__file__).resolve().parents[3]
SYSTEM_USER = "juece"

# Every role the decision procedure needs, as Airflow users (SimpleAuthManager roles); and the
# other members of the demo directory's groups (templates/libraries/people.yaml), who may sign in
# and act for a spec that names the group (group:sponsor-office, group:legality-office).
ROLE_USERS: dict[str, list[str]] = {
    "sponsor office 承办单位": ["sponsor_office"],
    "sponsor office clerks 承办科室成员": ["office_clerk_1", "office_clerk_2"],
    "experts 专家": [f"expert_{n:02d}" for n in range(1, 51)],
    "risk assessor 风险评估": ["risk_assessor"],
    "legality reviewer 合法性审查": ["legality_reviewer"],
    "legality office reviewers 合法性审查科室成员": ["legality_reviewer_2"],
    "legal adviser 法律顾问": ["legal_adviser"],
    "meeting members 会议组成人员": [f"member_{n}" for n in range(1, 5)],
    "head of government 行政首长": ["county_head"],
    "secretary 会议秘书": ["secretary"],
    "archivist 档案管理员": ["archivist"],
    "evaluator 后评估单位": ["evaluator"],
    "hearing participants 听证参加人": [f"hearing_{n:02d}" for n in range(1, 16)],
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Stack:
    """One Airflow home (SQLite metadata DB, LocalExecutor) and its standalone process group."""

    home: Path
    port: int = field(default_factory=free_port)
    # The worker's and triggerer's log servers get ports of their own too: with the defaults
    # (8793, 8794) a second Airflow on the machine makes them fail to start.
    log_ports: tuple[int, int] = field(default_factory=lambda: (free_port(), free_port()))
    clock_scale: float = 86400.0
    archive_dir: Path | None = None
    assumed_calendar: bool = True  # a year the official schedule is not known for: assumed, and labelled so
    base_path: str = ""  # Airflow served under a path (`/airflow`): its `[api] base_url` carries it
    process: subprocess.Popen[bytes] | None = None
    client: AirflowClient | None = None

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.base_path.rstrip('/')}"

    @property
    def passwords_file(self) -> Path:
        return self.home / "passwords.json"

    def env(self) -> dict[str, str]:
        users = [f"{SYSTEM_USER}:admin"] + [f"{u}:user" for us in ROLE_USERS.values() for u in us if u != "archivist"]
        users.append("archivist:viewer")
        env = dict(os.environ)
        env.update({
            "AIRFLOW_HOME": str(self.home),
            "AIRFLOW__CORE__DAGS_FOLDER": str(REPO / "dags"),
            "AIRFLOW__CORE__PLUGINS_FOLDER": str(REPO / "plugins"),
            "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
            "AIRFLOW__CORE__PARALLELISM": "4",
            "AIRFLOW__CORE__EXECUTOR": "LocalExecutor",
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS": ",".join(users),
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE": str(self.passwords_file),
            "AIRFLOW__API__PORT": str(self.port),
            "AIRFLOW__API__HOST": "127.0.0.1",
            "AIRFLOW__API__BASE_URL": self.url,
            "AIRFLOW__CORE__EXECUTION_API_SERVER_URL": f"{self.url}/execution/",
            "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(self.log_ports[0]),
            "AIRFLOW__LOGGING__TRIGGER_LOG_SERVER_PORT": str(self.log_ports[1]),
            # The worker notices a parked HITL task's exit within 1 s instead of 5 s; an answer
            # that arrives before the scheduler has seen that exit makes it fail the task.
            "AIRFLOW__WORKERS__MIN_HEARTBEAT_INTERVAL": "1",
            # Response deadlines (HITL timeouts) are swept every 3 s, not 15: an accelerated clock
            # makes an expert's reminder and deadline ten seconds apart.
            "AIRFLOW__SCHEDULER__TRIGGER_TIMEOUT_CHECK_INTERVAL": "3",
            "AIRFLOW__DAG_PROCESSOR__MIN_FILE_PROCESS_INTERVAL": "5",
            "AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT": "120",
            "AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL": "5",
            "AIRFLOW__SCHEDULER__MIN_FILE_PROCESS_INTERVAL": "5",
            "JUECE_HOME": str(self.home / "juece"),
            "JUECE_AIRFLOW_URL": self.url,
            "JUECE_AIRFLOW_USER": SYSTEM_USER,
            "JUECE_AIRFLOW_PASSWORDS_FILE": str(self.passwords_file),
            "JUECE_CLOCK_SCALE": str(self.clock_scale),
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}",
        })
        if self.archive_dir:
            env["JUECE_ARCHIVE_DIR"] = str(self.archive_dir)
        # The catalogued archive store belongs with this stack's records DB: a demo run starts a
        # new record, and its version 1 must not meet the stored files of an earlier run.
        env.setdefault("JUECE_ARCHIVE_STORE", (self.home / "archive-store").resolve().as_uri())
        # the demo users' names and (fictional) addresses: notices and pages name people
        env.setdefault("JUECE_PEOPLE_FILE", str(REPO / "templates" / "libraries" / "people.yaml"))
        env.setdefault("JUECE_LAUNCHERS", "group:sponsor-office")  # the offices launch; experts, members, archivists do not
        return env

    def prepare(self) -> dict[str, str]:
        self.home.mkdir(parents=True, exist_ok=True)
        names = [SYSTEM_USER] + [u for us in ROLE_USERS.values() for u in us]
        known: dict[str, str] = (json.loads(self.passwords_file.read_text(encoding="utf-8"))
                                 if self.passwords_file.exists() else {})
        if missing := [name for name in names if name not in known]:  # a home from before a user was added
            known |= {name: secrets.token_urlsafe(12) for name in missing}
            self.passwords_file.write_text(json.dumps(known, indent=2), encoding="utf-8")
            self.passwords_file.chmod(0o600)
        return known

    def start(self, timeout: float = 240.0) -> AirflowClient:
        passwords = self.prepare()
        from juece.demo.library import seed_library

        seed_library()
        if self.assumed_calendar:
            from juece.demo.calendar import seed_assumed_calendar

            if years := seed_assumed_calendar():
                print(f"working days in {', '.join(map(str, years))}: no official schedule known yet, an ASSUMED "
                      "one is loaded (statutory holidays only; labelled as assumed in the record and archive)")
        log = (self.home / "standalone.log").open("ab")
        airflow = str(Path(sys.executable).with_name("airflow"))
        self.process = subprocess.Popen([airflow, "standalone"], env=self.env(), stdout=log,
                                        stderr=subprocess.STDOUT, start_new_session=True)
        client = AirflowClient(base_url=self.url, passwords=passwords)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"airflow standalone exited early; see {self.home / 'standalone.log'}")
            if client.healthy():
                self.client = client
                return client
            time.sleep(1.0)
        self.stop()
        raise RuntimeError(f"airflow standalone did not answer within {timeout:.0f} s; the end of its log:\n"
                           + log_tail(self.home / "standalone.log"))

    def stop(self) -> None:
        stop_group(self.process)


def stop_group(process: subprocess.Popen[Any] | None, grace: float = 30.0) -> None:
    """Stop a process started as the leader of its own group: SIGTERM to the group, SIGKILL after
    ``grace`` seconds, then whatever of the group outlived its leader (or outlives a leader that
    had already exited)."""
    if process is None:
        return
    group = process.pid  # started with start_new_session: the leader's pid is the group's id
    if process.poll() is None:
        os.killpg(group, signal.SIGTERM)
        try:
            process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            os.killpg(group, signal.SIGKILL)
            process.wait(timeout=10)
    _reap(group)  # a leader that died first leaves its workers and servers running otherwise


def _reap(group: int) -> None:
    """Kill whatever of the process group outlived its leader (workers, servers)."""
    for _ in range(20):
        try:
            os.killpg(group, 0)
        except ProcessLookupError:
            return
        try:
            os.killpg(group, signal.SIGKILL)
        except ProcessLookupError:
            return
        time.sleep(0.25)


def log_tail(path: Path, lines: int = 40) -> str:
    """The last lines of a log, for an error that must say why a process did not come up."""
    try:
        with path.open("rb") as log:
            log.seek(max(0, log.seek(0, os.SEEK_END) - 64 * 1024))
            text = log.read().decode("utf-8", "replace")
    except OSError as error:
        return f"(no log: {error})"
    return "\n".join(text.splitlines()[-lines:])
