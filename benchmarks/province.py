"""A province's scale for the DAG file (run through ``benchmarks/parse.py --n 10000``).

N launched decisions, 90 % of them closed and archived. Measured, each in a fresh process, sides
interleaved, medians of ``--repeat`` runs:
- processor: what the dag-processor does with ``dags/decisions.py`` — the file's import (the
  DAGs built: the open decisions and the evaluations asked for) and the serialization of every
  DAG it bagged (Airflow's ``DagSerialization.to_dict``, schema validation included);
- worker: a worker's parse for one task of an open decision (the parsing context names the DAG
  and task, the file builds that DAG only): the DagBag's load of the file, after ``import
  airflow`` and the DagBag module that Airflow's task runner imports for any DAG file (reported
  apart); the first run of each measurement builds the DAG, later runs find it kept;
- the peer: dag-factory 1.1.0 with the same DAG shapes at N = 1,000 (10,000 would take it most
  of an hour), every DAG in its files, parsed and serialized the same way.
The last line printed is one JSON object.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import parse as common
from dagfactory_peer import write_dagfactory

CLOSED_SHARE = 0.9
EVERY_ASKED = 100  # every 100th closed decision has a complaint evaluation asked for since
PROCESSOR_GOAL_S, WORKER_GOAL_S = 10.0, 0.1
WORKER_TASK = "legality_review.review"


def write_province(juece_home: Path, n: int, closed: int) -> int:
    """N launched decisions; the first ``closed`` closed and archived a month ago (their run
    scheduled the evaluation, whose planned run opened and concluded it), every ``EVERY_ASKED``th
    of those with a complaint evaluation asked for since. Returns how many DAGs the DAG file
    builds: the open decisions and the evaluations asked for."""
    from juece.adapters.store import ledger as ledger_module
    from juece.domain.record.acts import Act

    common.write_specs(juece_home, n)
    ledger, month_ago = ledger_module.Ledger(), datetime.now(UTC) - timedelta(days=30)
    stamp = month_ago.strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    written_at, ledger_module.utc_now = ledger_module.utc_now, lambda: stamp
    try:
        for i in range(1, closed + 1):
            did = common.decision_id(i)
            plan = {"applies": True, "due_at": stamp, "effective_due_at": stamp, "evaluator": "evaluator"}
            acts = [Act("post_evaluation", "evaluation_scheduled", "juece", plan),
                    Act("post_evaluation", "evaluation_requested", "juece", {"number": 1, "trigger": "schedule"}),
                    Act("post_evaluation", "evaluation_opened", "juece", {"number": 1, "run_id": f"scheduled__{stamp}"}),
                    Act("post_evaluation", "evaluation_concluded", "evaluator", {"number": 1, "outcome": "continue"})]
            if i % EVERY_ASKED == 0:
                acts.append(Act("post_evaluation", "evaluation_requested", "juece", {"number": 2, "trigger": "complaint"}))
            ledger.append_many(did, acts)
    finally:
        ledger_module.utc_now = written_at
    return n - closed + closed // EVERY_ASKED


def measure_worker(env: dict[str, str], dag_id: str) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(common.__file__).resolve()), "--worker", str(common.JUECE_DAG_FILE),
           dag_id, WORKER_TASK]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"worker child failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench_province(n: int, repeat: int, with_params: bool) -> dict[str, Any]:
    closed = round(n * CLOSED_SHARE)
    df_n = min(n, common.DAGFACTORY_MAX_N)
    with tempfile.TemporaryDirectory(prefix="juece-province-bench-") as tmp:
        base = Path(tmp)
        os.environ.update(common.child_env(base, base / "juece_home"))
        if str(common.ROOT / "plugins") not in sys.path:
            sys.path.insert(0, str(common.ROOT / "plugins"))
        expected = write_province(base / "juece_home", n, closed)
        df_file = write_dagfactory(base, df_n, with_params)
        env = common.child_env(base, base / "juece_home")
        runs: dict[str, list[dict[str, Any]]] = {"juece": [], "dagfactory": [], "worker": []}
        for _ in range(repeat):
            runs["juece"].append(common.measure("juece", common.JUECE_DAG_FILE, expected, env))
            runs["dagfactory"].append(common.measure("dagfactory", df_file, df_n, env))
            runs["worker"].append(measure_worker(env, f"decision__{common.decision_id(n)}"))
    return summarise(n, closed, expected, df_n, runs)


def summarise(n: int, closed: int, dags: int, df_n: int, runs: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    def med(side: str, *keys: str) -> float:
        return statistics.median(sum(run[key] for key in keys) for run in runs[side])

    processor, df_processor = med("juece", "parse_s", "serialize_s"), med("dagfactory", "parse_s", "serialize_s")
    return {
        "n": n, "processor_s": round(processor, 3), "worker_s": round(med("worker", "worker_s"), 3),
        "ratio_vs_dagfactory": round(processor / df_processor, 3),
        "closed": closed, "dags_built": dags, "parse_s": round(med("juece", "parse_s"), 3),
        "serialize_s": round(med("juece", "serialize_s"), 3), "rss_mb": round(med("juece", "rss_mb"), 1),
        "serialized_mb": round(med("juece", "serialized_kb") / 1024, 1),
        "dagfactory_n": df_n, "dagfactory_processor_s": round(df_processor, 3),
        "dagfactory_parse_s": round(med("dagfactory", "parse_s"), 3),
        "import_airflow_s": round(med("worker", "import_airflow_s"), 3),
        "dagbag_import_s": round(med("worker", "dagbag_import_s"), 3),
        "runs_worker_s": [round(r["worker_s"], 3) for r in runs["worker"]],
        "runs_processor_s": [round(r["parse_s"] + r["serialize_s"], 3) for r in runs["juece"]],
        "goal_processor_s": PROCESSOR_GOAL_S, "goal_worker_s": WORKER_GOAL_S,
        "goals_met": processor < PROCESSOR_GOAL_S and med("worker", "worker_s") < WORKER_GOAL_S,
    }


def print_province(result: dict[str, Any]) -> None:
    r = result
    print(f"N = {r['n']:,} launched ({r['closed']:,} closed and archived): the file builds {r['dags_built']:,} DAGs")
    print(f"  dag-processor: {r['processor_s']:.2f} s (parse {r['parse_s']:.2f} s + serialize {r['serialize_s']:.2f} s, "
          f"{r['serialized_mb']} MB serialized, peak RSS {r['rss_mb']:.0f} MB); goal < {PROCESSOR_GOAL_S:.0f} s")
    print(f"  worker, one task: {r['worker_s']:.3f} s for the DAG file beyond `import airflow` "
          f"({r['import_airflow_s']:.2f} s) and the task runner's DagBag import ({r['dagbag_import_s']:.2f} s, "
          f"Airflow's, the same for any DAG file); goal < {WORKER_GOAL_S} s")
    print(f"  dag-factory 1.1.0 at N = {r['dagfactory_n']:,}: {r['dagfactory_processor_s']:.2f} s "
          f"(parse {r['dagfactory_parse_s']:.2f} s); ratio {r['ratio_vs_dagfactory']:.3f}")
