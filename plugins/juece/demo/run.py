"""`make demo`: one whole decision on the embedded default, from launch to a verified archive."""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from juece.adapters.airflow_client import AirflowClient
from juece.adapters.store.ledger import Ledger
from juece.demo.celery_stack import SHARED as CELERY_SHARED
from juece.demo.celery_stack import CeleryStack
from juece.demo.responder import Responder
from juece.demo.scenario import Scenario, load_scenario
from juece.demo.stack import REPO, SYSTEM_USER, Stack
from juece.domain.record.entries import all_of
from juece.domain.stages import ORDER, stage_label
from juece.services import decisions as services


@dataclass
class Outcome:
    decision_id: str
    state: str
    pdf: Path
    archived_head: str
    ledger_head: str
    verified: bool
    problems: list[str]
    refusals: list[str]
    stages: list[str]
    seconds: float


def submit_comments(client: AirflowClient, scenario: Scenario, decision_id: str, receipts: list[str],
                    say=print) -> None:
    """Citizens comment through the portal served by Airflow's API server (no account)."""
    for comment in scenario.comments:
        receipt = client.comment(decision_id, comment.text, comment.paragraph)
        receipts.append(receipt["receipt"])
        say(f"  public comment {receipt['receipt']} via the portal ({receipt['ledger_hash'][:12]}…)")


@dataclass(frozen=True)
class Beside:
    """Someone acting in the run next to the scenario's people (a test trying what others may
    not do): ``act(dag_id, run_id)`` runs in a thread of its own, and the tasks in ``takes`` are
    theirs to answer, not the scenario's."""

    act: Callable[[str, str], None]
    takes: frozenset[str] = frozenset()


def run_scenario(stack: Stack, scenario: Scenario, say=print, timeout: float = 540.0,
                 beside: Beside | None = None) -> Outcome:
    """Launch the scenario's decision on a started stack, answer every task, verify the archive."""
    started = time.monotonic()
    client = stack.client
    ledger = Ledger()
    launched = services.launch(scenario.spec_path, actor="sponsor_office", ledger=ledger)
    say(f"launched {launched.spec.id} (ledger entry {launched.entry['hash'][:12]}…)")
    run_id = services.trigger(launched.spec)
    say(f"triggered {launched.spec.dag_id} run {run_id}")
    receipts: list[str] = []
    responder = Responder(client, scenario, launched.spec.dag_id, run_id, SYSTEM_USER, ledger,
                          receipts=lambda: receipts, say=say,
                          on_notice=lambda: submit_comments(client, scenario, launched.spec.id, receipts, say),
                          left_to_others=set(beside.takes) if beside else set())
    with ThreadPoolExecutor(max_workers=1) as other:
        acting = other.submit(beside.act, launched.spec.dag_id, run_id) if beside else None
        state = responder.run(timeout=timeout)
        if acting:
            acting.result()
    failures: list[str] = []
    if state != "success":
        failures = failed_tasks(client, launched.spec.dag_id, run_id)
        say(f"run {run_id} {state}; failed tasks: {'; '.join(failures) or '-'} (logs in {stack.home / 'logs'})")
    return _outcome(launched.spec.id, state, started, failures, ledger=ledger)


def _fetch_issued(decision_id: str, sha256: str, out: Path, ledger: Ledger) -> None:
    """The issued archive with this digest, from the object store it was catalogued in."""
    from juece.adapters.store import catalogue
    from juece.services.archives import open_issue

    for row in catalogue.issues(decision_id, engine=ledger.engine):
        if row.sha256 == sha256:
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(open_issue(row))
            return


RULE_IN_LOG = re.compile(r"\[(R-[A-H]\d+)\] ([^\n\"]{0,300})")


def failed_tasks(client: AirflowClient, dag_id: str, run_id: str) -> list[str]:
    """Each failed task with the rule its log names (a refusal cites one), or that it names none."""
    found = []
    for ti in client.task_instances(SYSTEM_USER, dag_id, run_id):
        if ti["state"] != "failed":
            continue
        path = f"/dags/{dag_id}/dagRuns/{run_id}/taskInstances/{ti['task_id']}/logs/{ti.get('try_number') or 1}"
        try:
            log = client.call(SYSTEM_USER, "GET", path).text
        except Exception:  # noqa: BLE001 - the summary says what it could not read
            log = ""
        cited = RULE_IN_LOG.search(log)
        found.append(f"{ti['task_id']} [{cited.group(1)}] {cited.group(2).strip()}" if cited
                     else f"{ti['task_id']} (no rule cited; see its log)")
    return found


def _outcome(decision_id: str, state: str, started: float, failures: list[str] | None = None, *,
             ledger: Ledger) -> Outcome:
    """What this run recorded; the archive verified only when this record built it (a file left by an
    earlier run is never taken for it)."""
    entries = ledger.entries(decision_id)
    built = all_of(entries, "archive_built")
    pdf = services.archive_dir() / (built[-1]["data"]["file"] if built else f"{decision_id}.pdf")
    if built and not pdf.exists():  # written on a worker's own disk: the catalogued copy is the one
        _fetch_issued(decision_id, built[-1]["data"]["sha256"], pdf, ledger)
    ours = bool(built) and pdf.exists() and hashlib.sha256(pdf.read_bytes()).hexdigest() == built[-1]["data"]["sha256"]
    report = services.verify(pdf, ledger) if ours else None
    problems = report.problems if report else (failures or []) + [
        "本次运行未写出档案 this run wrote no archive" + ("" if not pdf.exists() else
                                                           f" ({pdf} is from an earlier run: not verified)")]
    stages = []
    for stage in ORDER:
        facts = [e for e in entries if e["stage"] == stage.value]
        status = "不适用 not applicable" if any(e["kind"] == "not_applicable" for e in facts) else f"{len(facts)} facts"
        stages.append(f"{stage_label(stage)}: {status if facts else '—'}")
    refusals = [f"[{e['data']['rule'] or 'form'}] {e['data']['task']} ({e['actor']}): {e['data']['en']}"
                for e in all_of(entries, "answer_refused")]
    return Outcome(decision_id, state, pdf, built[-1]["data"]["chain_head"] if built else "",
                   entries[-1]["hash"], bool(report and report.ok), problems, refusals, stages,
                   time.monotonic() - started)


def print_summary(outcome: Outcome) -> None:
    print("\n=== juece demo summary 演示结果 ===")
    print(f"decision 决策        {outcome.decision_id} (run {outcome.state})")
    for line in outcome.stages:
        print(f"  {line}")
    print(f"refused answers 被拒回答 {len(outcome.refusals)} (each asked again):")
    for refusal in outcome.refusals:
        print(f"  {refusal}")
    print(f"archive PDF 档案      {outcome.pdf}")
    print(f"chain head 链头       {outcome.archived_head} (archived)")
    print(f"ledger head          {outcome.ledger_head} (now)")
    print(f"juece verify         {'OK' if outcome.verified else 'FAILED: ' + '; '.join(outcome.problems)}")
    print(f"time                 {outcome.seconds:.0f} s")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="run one decision end to end on airflow standalone")
    parser.add_argument("--scenario", default=str(REPO / "templates/scenarios/urban-planning.yaml"))
    parser.add_argument("--home", default=str(REPO / ".airflow/demo"))
    parser.add_argument("--out", default=str(REPO / "out"))
    parser.add_argument("--stack", choices=("standalone", "celery"), default="standalone",
                        help="standalone: embedded default; celery: CeleryExecutor, PostgreSQL, Redis, S3 on loopback")
    args = parser.parse_args(argv)
    home = Path(args.home)
    shutil.rmtree(home, ignore_errors=True)
    kind = CeleryStack if args.stack == "celery" else Stack
    stack = kind(home=home, archive_dir=Path(args.out).resolve())
    shared = CELERY_SHARED if args.stack == "celery" else ("JUECE_", "AIRFLOW_HOME")
    os.environ.update({k: v for k, v in stack.env().items() if k.startswith(shared)})
    print(f"starting airflow ({args.stack}) on {stack.url} (home {home}) …")
    stack.start()
    try:
        outcome = run_scenario(stack, load_scenario(args.scenario))
    finally:
        stack.stop()
        print(f"airflow ({args.stack}) stopped")
    print_summary(outcome)
    if outcome.state != "success":
        print("\nmake demo: the decision did not complete; nothing was verified (see above)", file=sys.stderr)
        return 1
    print(f"\n$ juece verify {outcome.pdf}")
    verify = subprocess.run([sys.executable, "-m", "juece.cli.main", "verify", str(outcome.pdf)], check=False)
    return verify.returncode


if __name__ == "__main__":
    sys.exit(main())
