"""The production shape, natively: CeleryExecutor with Redis, PostgreSQL for Airflow's metadata and
juece's records, archives in an S3-compatible store on loopback, and two Celery workers each with
a JUECE_HOME of its own. A whole decision runs to its archive with tasks on both workers."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from juece.adapters.store import catalogue
from juece.adapters.store.ledger import Ledger
from juece.demo.celery_stack import SHARED, WORKERS, CeleryStack
from juece.demo.run import Beside, Outcome, run_scenario
from juece.demo.scenario import load_scenario
from juece.demo.stack import SYSTEM_USER
from juece.domain.record.entries import all_of
from juece.domain.record.ledger import verify_chain
from juece.services import archives
from juece.services.decisions import verify
from tests.conftest import REPO, in_ci

pytestmark = [pytest.mark.integration, pytest.mark.postgres]


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[CeleryStack]:
    home = tmp_path_factory.mktemp("celery")
    stack = CeleryStack(home=home, archive_dir=home / "archives")
    saved = dict(os.environ)
    os.environ.update({k: v for k, v in stack.env().items() if k.startswith(SHARED)})
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)


@pytest.fixture(scope="module")
def outcome(stack: CeleryStack) -> Outcome:
    return run_scenario(stack, load_scenario(REPO / "templates/scenarios/urban-planning.yaml"), timeout=900)


def test_the_decision_completes_and_its_chain_verifies(outcome: Outcome) -> None:
    assert outcome.state == "success", outcome.problems
    entries = Ledger().entries(outcome.decision_id)
    assert verify_chain(entries, outcome.decision_id).intact
    assert not all_of(entries, "step_refused")


def test_tasks_ran_on_both_workers_each_with_a_home_of_its_own(stack: CeleryStack, outcome: Outcome) -> None:
    dag_id = f"decision__{outcome.decision_id}"
    runs = stack.client.json(SYSTEM_USER, "GET", f"/dags/{dag_id}/dagRuns")["dag_runs"]
    hosts = {ti["hostname"].rsplit(":", 1)[-1] for run in runs
             for ti in stack.client.task_instances(SYSTEM_USER, dag_id, run["dag_run_id"]) if ti.get("hostname")}
    assert set(WORKERS) <= hosts, hosts
    homes = {stack.process_env(name)["JUECE_HOME"] for name in WORKERS}
    assert len(homes) == 2 and not any(Path(home).joinpath("records.db").exists() for home in homes)


def test_the_archive_is_in_the_object_store_and_verifies(outcome: Outcome, tmp_path: Path) -> None:
    ledger = Ledger()
    rows = [row for row in catalogue.issues(engine=ledger.engine) if row.decision_id == outcome.decision_id]
    assert {row.edition for row in rows} == {"full", "public"}
    assert all(archives.where(row).startswith("s3://") for row in rows)
    full = next(row for row in rows if row.edition == "full")
    pdf = tmp_path / "archive.pdf"
    pdf.write_bytes(archives.open_issue(full))
    report = verify(pdf, ledger)
    assert report.ok, report.problems
    built = all_of(ledger.entries(outcome.decision_id), "archive_built")[-1]["data"]
    assert built["sha256"] == full.sha256


def completed_with_nothing_lost(result: Outcome) -> None:
    """The decision completed, its archive verifies, its chain is intact with no entry missing or doubled."""
    assert result.state == "success", result.problems
    assert result.verified, result.problems
    entries = Ledger().entries(result.decision_id)
    assert verify_chain(entries, result.decision_id).intact
    seqs = [entry["seq"] for entry in entries]
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_a_worker_and_the_scheduler_crashing_mid_run_lose_nothing(stack: CeleryStack) -> None:
    """While a step runs on worker-a, worker-a and then the scheduler are killed (SIGKILL) and
    started again: the step is retried, the decision completes, nothing is lost or doubled."""
    crashed: list[str] = []

    def crash(dag_id: str, run_id: str) -> None:
        deadline = time.monotonic() + 900
        while time.monotonic() < deadline and not crashed:
            for ti in stack.client.task_instances(SYSTEM_USER, dag_id, run_id):
                if ti["state"] == "running" and str(ti.get("hostname") or "").endswith(":worker-a"):
                    crashed.append(ti["task_id"])
                    stack.crash_and_restart("worker-a")
                    stack.crash_and_restart("scheduler")
                    return
            time.sleep(0.3)

    scenario = load_scenario(REPO / "tests/integration/data/ferry-timetable-scenario.yaml")
    result = run_scenario(stack, scenario, beside=Beside(crash), timeout=1500)
    assert crashed, "no step was seen running on worker-a"
    completed_with_nothing_lost(result)


def restart_postgresql() -> float:
    """Restart the machine's PostgreSQL cluster (Debian's pg_ctlcluster), the seconds it took."""
    tool = shutil.which("pg_ctlcluster")
    versions = sorted(p.name for p in Path("/etc/postgresql").glob("*")) if tool else []
    if not versions:
        message = "PostgreSQL cannot be restarted here (Debian's pg_ctlcluster and a cluster are needed)"
        pytest.fail(message) if in_ci() else pytest.skip(message)
    started = time.monotonic()
    subprocess.run([tool, "--skip-systemctl-redirect", versions[-1], "main", "restart"],
                   check=True, capture_output=True, timeout=120)
    return time.monotonic() - started


def variant(folder: Path, scenario: str, decision_id: str) -> Path:
    """A copy of a test scenario whose decision has another id (each test its own decision)."""
    data = REPO / "tests/integration/data"
    text = (data / scenario).read_text(encoding="utf-8")
    spec_name = re.search(r"^spec: (.+)$", text, re.MULTILINE).group(1).strip()  # type: ignore[union-attr]
    spec = re.sub(r"^id: .*$", f"id: {decision_id}", (data / spec_name).read_text(encoding="utf-8"),
                  count=1, flags=re.MULTILINE)
    (folder / spec_name).write_text(spec, encoding="utf-8")
    (folder / scenario).write_text(text, encoding="utf-8")
    return folder / scenario


def test_postgresql_restarted_mid_run_loses_nothing(stack: CeleryStack, tmp_path: Path) -> None:
    """While a step runs, PostgreSQL (Airflow's metadata and juece's records) is restarted; any
    process that dies of it is started again, as its supervisor would. The decision completes,
    its chain verifies, no entry is lost or doubled."""
    restarts: list[tuple[str, float]] = []
    revived: list[str] = []

    def restart(dag_id: str, run_id: str) -> None:
        deadline = time.monotonic() + 1500
        while time.monotonic() < deadline:
            if not restarts:
                running = [ti["task_id"] for ti in stack.client.task_instances(SYSTEM_USER, dag_id, run_id)
                           if ti["state"] == "running"]
                if running:
                    restarts.append((running[0], restart_postgresql()))
            else:
                revived.extend(stack.revive())
                if stack.client.run_state(SYSTEM_USER, dag_id, run_id) in ("success", "failed"):
                    return
            time.sleep(0.5)

    scenario = load_scenario(variant(tmp_path, "ferry-timetable-scenario.yaml", "test-ferry-timetable-pg"))
    result = run_scenario(stack, scenario, beside=Beside(restart), timeout=1500)
    print(f"PostgreSQL restarted during {restarts}; started again afterwards: {revived or 'none'}")
    assert restarts, "no step was seen running"
    completed_with_nothing_lost(result)
