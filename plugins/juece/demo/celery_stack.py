"""The production shape as local processes: Airflow's CeleryExecutor with Redis as broker,
PostgreSQL for Airflow's metadata and juece's records, an S3-compatible object store on loopback
for the archives, and api-server, scheduler, dag-processor, triggerer and two Celery workers
each with a JUECE_HOME of its own, so that nothing is shared but the databases and the store.

`make stack` runs a decision on it; tests/integration/test_celery_stack.py drives one and checks
that tasks ran on both workers. PostgreSQL and Redis are the machine's own (loopback); each
stack makes its own databases, a Redis key prefix of its own and a bucket, and drops them after.
"""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

from juece import config
from juece.adapters.airflow_client import AirflowClient
from juece.demo.stack import Stack, _reap, free_port, stop_group

PG_ADMIN = "postgresql+psycopg2://postgres@127.0.0.1:5432/postgres"
REDIS = "redis://127.0.0.1:6379/0"
BUCKET = "juece-archives"
SERVICES = ("api-server", "scheduler", "dag-processor", "triggerer")
WORKERS = ("worker-a", "worker-b")
# what a process beside the stack (the demo, a test) shares with it: settings, store credentials
SHARED = ("JUECE_", "FSSPEC_", "AWS_", "AIRFLOW__CORE__FERNET_KEY")


def worker_hostname() -> str:
    """Airflow's `hostname_callable` on this stack: the machine and the process's name, so a task
    instance says which worker ran it."""
    return f"{socket.getfqdn()}:{config.worker_name()}"


@dataclass
class CeleryStack(Stack):
    """Several Airflow processes, one PostgreSQL, one Redis, one S3 (moto) on loopback."""

    pg_admin: str = PG_ADMIN
    redis_url: str = REDIS
    s3_port: int = field(default_factory=free_port)
    token: str = field(default_factory=lambda: uuid.uuid4().hex[:10])
    processes: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)

    @property
    def databases(self) -> dict[str, str]:
        return {"metadata": f"juece_stack_meta_{self.token}", "records": f"juece_stack_records_{self.token}"}

    def db_url(self, which: str) -> str:
        return self.pg_admin.rsplit("/", 1)[0] + "/" + self.databases[which]

    @property
    def s3_endpoint(self) -> str:
        return f"http://127.0.0.1:{self.s3_port}"

    def env(self) -> dict[str, str]:
        env = super().env()
        env.update({
            "AIRFLOW__CORE__EXECUTOR": "CeleryExecutor",
            "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": self.db_url("metadata"),
            "AIRFLOW__CELERY__BROKER_URL": self.redis_url,
            "AIRFLOW__CELERY__RESULT_BACKEND": "db+" + self.db_url("metadata"),
            "AIRFLOW__CELERY__WORKER_CONCURRENCY": "2",
            # a worker's calls to the execution API wait longer than the default 5 s: on a small
            # machine seven Airflow processes share the cores
            "AIRFLOW__WORKERS__EXECUTION_API_TIMEOUT": "60",
            # a task whose worker died is noticed within half a minute, not five, and retried
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT": "30",
            "AIRFLOW__SCHEDULER__TASK_INSTANCE_HEARTBEAT_TIMEOUT_DETECTION_INTERVAL": "5",
            "AIRFLOW__CELERY_BROKER_TRANSPORT_OPTIONS__GLOBAL_KEYPREFIX": f"juece-{self.token}:",
            "AIRFLOW__CORE__HOSTNAME_CALLABLE": "juece.demo.celery_stack.worker_hostname",
            "AIRFLOW__API_AUTH__JWT_SECRET": self._secret("jwt"),
            "AIRFLOW__CORE__FERNET_KEY": self._secret("fernet"),
            "JUECE_RECORDS_URL": self.db_url("records"),
            "JUECE_ARCHIVE_STORE": f"s3://{BUCKET}/{self.token}",
            "FSSPEC_S3_ENDPOINT_URL": self.s3_endpoint,
            "AWS_ACCESS_KEY_ID": "juece-stack", "AWS_SECRET_ACCESS_KEY": "juece-stack",
            "AWS_DEFAULT_REGION": "us-east-1",
        })
        return env

    def _secret(self, name: str) -> str:
        path = self.home / f"{name}.secret"
        if not path.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            from cryptography.fernet import Fernet

            path.write_text(Fernet.generate_key().decode() if name == "fernet" else secrets.token_urlsafe(32))
            path.chmod(0o600)
        return path.read_text()

    def process_env(self, name: str) -> dict[str, str]:
        """A process's environment: its own JUECE_HOME, archive folder and log-server port."""
        env = self.env()
        own = self.home / name
        env.update({"JUECE_HOME": str(own / "juece"), "JUECE_ARCHIVE_DIR": str(own / "archives"),
                    "JUECE_WORKER_NAME": name,
                    "AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT": str(free_port())})
        env.pop("JUECE_KEYS_DIR", None)  # the bodies' keys come from the records DB
        return env

    def start(self, timeout: float = 300.0) -> AirflowClient:
        passwords = self.prepare()
        self._create_databases()
        self._spawn("s3", [self._bin("moto_server"), "-H", "127.0.0.1", "-p", str(self.s3_port)], self.env())
        self._wait(lambda: _answers(self.s3_endpoint), 60, "the S3 store")
        self._make_bucket()
        self._seed()
        migrate = subprocess.run([self._bin("airflow"), "db", "migrate"], env=self.env(), capture_output=True,
                                 timeout=600, check=False)
        if migrate.returncode:
            self.stop()
            raise RuntimeError(f"airflow db migrate failed: {migrate.stderr.decode(errors='replace')[-2000:]}")
        self.migrated()
        for name in SERVICES:
            self._spawn(name, [self._bin("airflow"), name], self.process_env(name))
        for name in WORKERS:
            self._spawn(name, [self._bin("airflow"), "celery", "worker", "--celery-hostname", f"{name}@%h",
                               "--concurrency", "2"], self.process_env(name))
        client = AirflowClient(base_url=self.url, passwords=passwords)
        self._wait(client.healthy, timeout, "the API server")
        self.client = client
        return client

    def migrated(self) -> None:
        """What a variant of the stack does once Airflow's metadata DB is made (FAB's own accounts)."""

    def stop(self) -> None:
        for name, process in reversed(list(self.processes.items())):
            stop_group(process)  # its workers too, should the process itself have exited already
            self.processes.pop(name)
        self._drop_databases()
        self._forget_broker_keys()

    def crash_and_restart(self, name: str, pause: float = 3.0) -> None:
        """Kill one of the stack's processes at once (SIGKILL to its group, as a machine that
        dies would), then start it again as it was started."""
        process = self.processes[name]
        group = os.getpgid(process.pid)
        os.killpg(group, signal.SIGKILL)
        process.wait(timeout=30)
        _reap(group)
        time.sleep(pause)
        self._respawn(name)

    def revive(self) -> list[str]:
        """Start again every process that has exited, as a supervisor (systemd, Kubernetes) would
        after a fault; the names of those started."""
        exited = [name for name, process in self.processes.items() if process.poll() is not None]
        for name in exited:
            _reap(self.processes[name].pid)
            self._respawn(name)
        return exited

    def _respawn(self, name: str) -> None:
        argv = [str(word) for word in self.processes[name].args]  # type: ignore[union-attr]
        self._spawn(name, argv, self.process_env(name) if name in (*SERVICES, *WORKERS) else self.env())

    def _bin(self, name: str) -> str:
        return str(Path(sys.executable).with_name(name))

    def _spawn(self, name: str, argv: list[str], env: dict[str, str]) -> None:
        log = (self.home / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(argv, env=env, stdout=log, stderr=subprocess.STDOUT,
                                                start_new_session=True)

    def _wait(self, ready: object, timeout: float, what: str) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            exited = [n for n, p in self.processes.items() if p.poll() is not None]
            if exited:
                self.stop()
                raise RuntimeError(f"{', '.join(exited)} exited early; see {self.home}/<name>.log")
            if ready():  # type: ignore[operator]
                return
            time.sleep(1.0)
        self.stop()
        raise RuntimeError(f"{what} did not answer within {timeout:.0f} s")

    def _seed(self) -> None:
        """The demo library, the decision bodies' keys (encrypted with the stack's Fernet key) and,
        for an unknown year, the assumed calendar, into the stack's records DB (this process
        points at it while seeding): no worker reads a key from its own disk."""
        saved = dict(os.environ)
        os.environ.update({k: v for k, v in self.env().items() if k.startswith(SHARED)})
        try:
            from juece.demo.calendar import seed_assumed_calendar
            from juece.demo.library import seed_library

            seed_library()
            _body_keys_into_the_records()
            if self.assumed_calendar:
                seed_assumed_calendar()
        finally:
            os.environ.clear()
            os.environ.update(saved)

    def _make_bucket(self) -> None:
        import boto3

        boto3.client("s3", endpoint_url=self.s3_endpoint, aws_access_key_id="juece-stack",
                     aws_secret_access_key="juece-stack", region_name="us-east-1").create_bucket(Bucket=BUCKET)

    def _create_databases(self) -> None:
        from sqlalchemy import create_engine, text

        admin = create_engine(self.pg_admin, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in self.databases.values():
                conn.execute(text(f'CREATE DATABASE "{name}"'))
        admin.dispose()

    def _drop_databases(self) -> None:
        from sqlalchemy import create_engine, text

        from juece.adapters.store.db import get_engine

        for which in self.databases:
            get_engine(self.db_url(which)).dispose()
        admin = create_engine(self.pg_admin, isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            for name in self.databases.values():
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()

    def _forget_broker_keys(self) -> None:
        import redis

        broker = redis.Redis.from_url(self.redis_url)
        for key in broker.scan_iter(match=f"juece-{self.token}:*"):
            broker.delete(key)
        broker.close()


def _body_keys_into_the_records() -> None:
    """The templates' decision bodies' keys, where this process keeps them in files, registered
    in the records DB too (encrypted), which is where the workers read them."""
    from juece.adapters.reporting.body_keys import body_files, import_body_key
    from juece.adapters.store.body_keys import stored_body_key
    from juece.demo.library import template_bodies

    for body in template_bodies():
        if stored_body_key(body) is None:
            key_file, cert_file = body_files(body)
            import_body_key(body, key_file.read_bytes(), cert_file.read_bytes())


def _answers(url: str) -> bool:
    import httpx

    try:
        return httpx.get(url, timeout=2).status_code < 500
    except httpx.HTTPError:
        return False
