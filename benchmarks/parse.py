"""DAG parse time and peak RSS: juece's generator versus the same DAG shapes from dag-factory.

Run from the repository root:
    .venv/bin/python benchmarks/parse.py [--n 100 1000] [--repeat 3] [--df-params]
    .venv/bin/python benchmarks/parse.py --n 10000      # a province: benchmarks/province.py

For each N it records N launches of templates/urban-planning.yaml (ids bench-00001, ...), builds one
juece DAG to learn its shape (task ids, task groups, upstream lists, trigger rules, retries) and
writes one equivalent dag-factory YAML config per decision: HITLOperator (subject, options,
assigned users) for people's tasks, PythonOperator / BranchPythonOperator / EmptyOperator for the
steps, same DAG arguments and texts. The HITL form fields (JSON-schema Params) are left out unless
--df-params: they double dag-factory's YAML and its time, which would flatter juece.
Each side is parsed by ``DagBag(dag_folder=<file>)`` in a fresh subprocess, interleaved,
``--repeat`` times; medians are reported. Both sides must bag the same DAG ids with the same task
ids, groups, upstream lists, trigger rules and retries. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from dagfactory_peer import ROOT, TEMPLATE, decision_id, rule, write_dagfactory

JUECE_DAG_FILE = ROOT / "dags" / "decisions.py"
GOAL = 0.5
DEFAULT_IMPORT_TIMEOUT_S = 30.0  # Airflow's [core] dagbag_import_timeout default
DAGFACTORY_MAX_N = 1000  # above it: a province (benchmarks/province.py), the peer measured at this N
# ---------------------------------------------------------------- child: one timed DagBag parse
def run_child(side: str, dag_file: str, expected: int) -> None:
    t0 = time.perf_counter()
    import airflow  # noqa: F401

    t1 = time.perf_counter()
    from airflow.dag_processing.dagbag import DagBag

    t2 = time.perf_counter()
    bag = DagBag(dag_folder=dag_file)
    t3 = time.perf_counter()
    serialized = serialize(bag)  # what the dag-processor does next with every DAG of the file
    t4 = time.perf_counter()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    assert not bag.import_errors, f"{side}: import errors: {bag.import_errors}"
    assert len(bag.dags) == expected, f"{side}: bagged {len(bag.dags)} DAGs, expected {expected}"
    print(json.dumps({
        "side": side, "parse_s": t3 - t2, "serialize_s": t4 - t3, "import_airflow_s": t1 - t0,
        "rss_mb": rss_mb, "dags": len(bag.dags), "tasks": sum(len(d.tasks) for d in bag.dags.values()),
        "serialized_kb": serialized / 1024, "shape": fingerprint(bag.dags.values()),
    }))


def serialize(bag: Any) -> int:
    """Serialize every bagged DAG as the dag-processor does before it stores them (Airflow's
    ``DagSerialization.to_dict``, which validates each against Airflow's JSON schema); the bytes."""
    from airflow.serialization.serialized_objects import DagSerialization

    return sum(len(json.dumps(DagSerialization.to_dict(dag), default=str)) for dag in bag.dags.values())


def run_worker_child(dag_file: str, dag_id: str, task_id: str) -> None:
    """A worker's parse for one task: Airflow's task runner sets the parsing context to the task's
    DAG and task, and the DAG file builds that DAG only."""
    os.environ["_AIRFLOW_PARSING_CONTEXT_DAG_ID"] = dag_id
    os.environ["_AIRFLOW_PARSING_CONTEXT_TASK_ID"] = task_id
    t0 = time.perf_counter()
    import airflow  # noqa: F401

    t1 = time.perf_counter()
    # the task runner imports the DagBag module itself, whatever the DAG file: reported apart
    from airflow.dag_processing.dagbag import DagBag

    t2 = time.perf_counter()
    bag = DagBag(dag_folder=dag_file)
    t3 = time.perf_counter()
    assert not bag.import_errors and list(bag.dags) == [dag_id], f"worker bagged {list(bag.dags)}"
    print(json.dumps({"worker_s": t3 - t2, "dagbag_import_s": t2 - t1, "import_airflow_s": t1 - t0,
                      "tasks": len(bag.dags[dag_id].tasks)}))


def task_shape(dag: Any) -> list[list[Any]]:
    return sorted(
        [t.task_id, sorted(t.upstream_task_ids), t.task_group.group_id if t.task_group else None,
         rule(t), t.retries]
        for t in dag.tasks
    )


def fingerprint(dags: Any) -> str:
    """Hash of every DAG id with its tasks, groups, upstream lists, trigger rules and retries."""
    shapes = sorted([dag.dag_id, task_shape(dag)] for dag in dags)
    return hashlib.sha256(json.dumps(shapes).encode()).hexdigest()[:16]


# ---------------------------------------------------------------- parent: inputs
def write_specs(juece_home: Path, n: int) -> None:
    """Record N `launched` entries in the home's records DB, as `juece launch` does (the DAG file
    builds every decision from them; the panel draw is left out: it does not change the DAG)."""
    from juece.adapters.store.db import get_engine
    from juece.adapters.store.ledger import Ledger
    from juece.domain.record.acts import Act
    from juece.domain.record.ledger import sha256_text
    from juece.spec.loader import load_spec_text

    juece_home.mkdir(parents=True)
    ledger = Ledger(get_engine(f"sqlite:///{juece_home / 'records.db'}"))
    text = TEMPLATE.read_text(encoding="utf-8")
    for i in range(1, n + 1):
        did = decision_id(i)
        spec_text = re.sub(r"^id: .*$", f"id: {did}", text, count=1, flags=re.MULTILINE)
        spec = load_spec_text(spec_text, did)
        ledger.append(did, Act("launch", "launched", "sponsor_office", {
            "spec": spec.model_dump(mode="json"), "spec_sha256": sha256_text(spec_text), "spec_text": spec_text}))


def prepare(base: Path, n: int, with_params: bool) -> tuple[Path, Path]:
    """Write the N specs and the N dag-factory YAML files; return (juece home, dag-factory file)."""
    juece_home = base / "juece_home"
    write_specs(juece_home, n)
    return juece_home, write_dagfactory(base, n, with_params)


def child_env(base: Path, juece_home: Path) -> dict[str, str]:
    env = dict(os.environ)
    path = [str(ROOT / "plugins"), *filter(None, [env.get("PYTHONPATH")])]
    env.update(
        AIRFLOW_HOME=str(base / "airflow_home"), AIRFLOW__CORE__LOAD_EXAMPLES="False",
        AIRFLOW__CORE__DAGBAG_IMPORT_TIMEOUT="0", AIRFLOW__DAG_FACTORY__ENABLE_TELEMETRY="False",
        SCARF_NO_ANALYTICS="True", JUECE_HOME=str(juece_home), PYTHONPATH=os.pathsep.join(path),
    )
    return env


def measure(side: str, dag_file: Path, n: int, env: dict[str, str]) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", side, str(dag_file), str(n)]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"{side} child failed (exit {proc.returncode}):\n{proc.stderr[-4000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def bench(n: int, repeat: int, with_params: bool) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="juece-parse-bench-") as tmp:
        base = Path(tmp)
        os.environ.update(child_env(base, base / "juece_home"))
        if str(ROOT / "plugins") not in sys.path:
            sys.path.insert(0, str(ROOT / "plugins"))
        juece_home, df_file = prepare(base, n, with_params)
        env = child_env(base, juece_home)
        files = {"juece": JUECE_DAG_FILE, "dagfactory": df_file}
        runs: dict[str, list[dict[str, Any]]] = {side: [] for side in files}
        for _ in range(repeat):
            for side, path in files.items():
                runs[side].append(measure(side, path, n, env))
    shapes = {side: [run["shape"] for run in runs[side]] for side in runs}
    assert len({s for v in shapes.values() for s in v}) == 1, f"DAG shapes differ: {shapes}"

    def med(side: str, key: str) -> float:
        return statistics.median(run[key] for run in runs[side])

    out = {"n": n, "tasks_per_dag": runs["juece"][0]["tasks"] // n}
    for side in files:
        out[f"{side}_s"] = med(side, "parse_s")
        out[f"{side}_processor_s"] = statistics.median(run["parse_s"] + run["serialize_s"] for run in runs[side])
        out[f"{side}_rss_mb"] = med(side, "rss_mb")
        out[f"{side}_import_airflow_s"] = med(side, "import_airflow_s")
        out[f"{side}_runs_s"] = [round(run["parse_s"], 3) for run in runs[side]]
    out["ratio"] = out["juece_s"] / out["dagfactory_s"]
    out["processor_ratio"] = out["juece_processor_s"] / out["dagfactory_processor_s"]
    out["rss_ratio"] = out["juece_rss_mb"] / out["dagfactory_rss_mb"]
    return out


def print_table(results: list[dict[str, Any]]) -> None:
    head = f"{'N':>6} {'tasks':>5} {'juece s':>8} {'MB':>6} {'dag-factory s':>13} {'MB':>6} {'ratio':>6}  goal"
    print(head)
    print("-" * len(head))
    for r in results:
        verdict = "met" if r["ratio"] <= GOAL else "NOT met"
        print(f"{r['n']:>6} {r['tasks_per_dag']:>5} {r['juece_s']:>8.2f} {r['juece_rss_mb']:>6.0f} "
              f"{r['dagfactory_s']:>13.2f} {r['dagfactory_rss_mb']:>6.0f} {r['ratio']:>6.2f}  "
              f"<= {GOAL} {verdict}")
    for r in results:
        print(f"N={r['n']}: runs juece {r['juece_runs_s']}, dag-factory {r['dagfactory_runs_s']}; "
              f"`import airflow` {r['juece_import_airflow_s']:.2f} s (not in parse time)")
        slow = [s for s in ("juece", "dagfactory") if r[f"{s}_s"] > DEFAULT_IMPORT_TIMEOUT_S]
        if slow:
            print(f"  warning: {', '.join(slow)} exceed the default dagbag_import_timeout (30 s)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, nargs="+", default=[100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--df-params", action="store_true",
                        help="also write the HITL form fields (Params) into the dag-factory YAML")
    parser.add_argument("--child", nargs=3, metavar=("SIDE", "DAG_FILE", "EXPECTED"),
                        help=argparse.SUPPRESS)
    parser.add_argument("--worker", nargs=3, metavar=("DAG_FILE", "DAG_ID", "TASK_ID"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        side, dag_file, expected = args.child
        run_child(side, dag_file, int(expected))
        return
    if args.worker:
        run_worker_child(*args.worker)
        return
    if any(n > DAGFACTORY_MAX_N for n in args.n):  # a province: most decisions closed
        from province import bench_province, print_province

        result = bench_province(max(args.n), args.repeat, args.df_params)
        print_province(result)
        print(json.dumps(result))
        return
    results = [bench(n, args.repeat, args.df_params) for n in args.n]
    print_table(results)
    last = results[-1]
    summary = {"n": last["n"], "juece_s": round(last["juece_s"], 3),
               "dagfactory_s": round(last["dagfactory_s"], 3), "ratio": round(last["ratio"], 3),
               "juece_rss_mb": round(last["juece_rss_mb"], 1),
               "dagfactory_rss_mb": round(last["dagfactory_rss_mb"], 1), "goal": GOAL,
               "goal_met": last["ratio"] <= GOAL, "df_params": args.df_params}
    for r in results[:-1]:
        summary.update({f"n{r['n']}_juece_s": round(r["juece_s"], 3),
                        f"n{r['n']}_dagfactory_s": round(r["dagfactory_s"], 3),
                        f"n{r['n']}_ratio": round(r["ratio"], 3),
                        f"n{r['n']}_juece_rss_mb": round(r["juece_rss_mb"], 1)})
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
