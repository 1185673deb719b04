"""The machine's overhead between people: from one person's answer to the next person's task
awaiting input, over a whole decision run (issue: goal p50 <= 3 s on the Celery stack).

Run from the repository root (PostgreSQL and Redis on loopback, as for `make stack`):
    .venv/bin/python benchmarks/flow.py [--scenario FILE] [--also-standalone]

The demo decision runs on the native Celery stack (juece.demo.celery_stack); afterwards Airflow's
own HITL records of the run are read (`GET …/dagRuns/{run}/hitlDetails`): for every human task
created after some answer, its hand-off is its `created_at` minus the latest `responded_at` before
it. A hand-off that spans a legal waiting period (the comment period, a hearing notice, scaled by
the demo clock) is counted like any other: it is what a person waits. With --also-standalone the
same decision runs on the embedded default too, and the ratio is reported. The last line printed
is one JSON object with the keys handoff_p50_s, handoff_p95_s, tasks (and standalone_* when run).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from juece.demo.celery_stack import SHARED, CeleryStack  # noqa: E402
from juece.demo.run import run_scenario  # noqa: E402
from juece.demo.scenario import load_scenario  # noqa: E402
from juece.demo.stack import SYSTEM_USER, Stack  # noqa: E402

GOAL_P50_S = 3.0


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00"))


def handoffs(details: list[dict[str, Any]]) -> list[float]:
    """Seconds from the latest answer before each task's creation to that creation."""
    answers = sorted(moment(d["responded_at"]) for d in details if d.get("responded_at"))
    found = []
    for detail in details:
        created = moment(detail["created_at"])
        before = [a for a in answers if a <= created]
        if before:
            found.append((created - before[-1]).total_seconds())
    return found


def hitl_details(stack: Stack, dag_id: str) -> list[dict[str, Any]]:
    client = stack.client
    assert client is not None
    runs = client.json(SYSTEM_USER, "GET", f"/dags/{dag_id}/dagRuns")["dag_runs"]
    details: list[dict[str, Any]] = []
    for run in runs:
        page = client.json(SYSTEM_USER, "GET", f"/dags/{dag_id}/dagRuns/{run['dag_run_id']}/hitlDetails",
                           params={"limit": 1000})
        details += page["hitl_details"]
    return details


def measure(kind: type[Stack], scenario: Path, home: Path, shared: tuple[str, ...]) -> dict[str, float]:
    stack = kind(home=home, archive_dir=home / "archives")
    saved = dict(os.environ)
    os.environ.update({k: v for k, v in stack.env().items() if k.startswith(shared)})
    try:
        stack.start()
        outcome = run_scenario(stack, load_scenario(scenario), say=lambda *_: None, timeout=1200)
        if outcome.state != "success":
            raise SystemExit(f"the decision did not complete on {kind.__name__}: {outcome.problems}")
        gaps = handoffs(hitl_details(stack, f"decision__{outcome.decision_id}"))
    finally:
        stack.stop()
        os.environ.clear()
        os.environ.update(saved)
    cuts = statistics.quantiles(gaps, n=20)
    return {"p50": round(statistics.median(gaps), 2), "p95": round(cuts[18], 2), "tasks": len(gaps),
            "run_s": round(outcome.seconds, 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scenario", type=Path, default=ROOT / "templates/scenarios/urban-planning.yaml")
    parser.add_argument("--also-standalone", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="juece-flow-") as folder:
        celery = measure(CeleryStack, args.scenario, Path(folder) / "celery", SHARED)
        print(f"celery stack: hand-off p50 {celery['p50']} s, p95 {celery['p95']} s over {celery['tasks']} "
              f"human tasks; whole run {celery['run_s']} s (goal p50 <= {GOAL_P50_S} s)")
        result: dict[str, Any] = {"handoff_p50_s": celery["p50"], "handoff_p95_s": celery["p95"],
                                  "tasks": celery["tasks"], "goal_p50_s": GOAL_P50_S}
        if args.also_standalone:
            embedded = measure(Stack, args.scenario, Path(folder) / "standalone", ("JUECE_", "AIRFLOW_HOME"))
            print(f"standalone:   hand-off p50 {embedded['p50']} s, p95 {embedded['p95']} s")
            result |= {"standalone_p50_s": embedded["p50"], "standalone_p95_s": embedded["p95"],
                       "ratio_p50_vs_standalone": round(celery["p50"] / embedded["p50"], 2)}
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
