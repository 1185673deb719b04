"""Public comment intake over HTTP, the raw store limit, and a 100,000-comment compile + CSV
disposition round trip. From the repository root:
    .venv/bin/python benchmarks/intake.py [--serve airflow portal] [--workers 1 2] [--repeat N] [--profile DIR]
                                          [--limits]

In a throwaway home (JUECE_HOME, AIRFLOW_HOME, SQLite records DB), each run starts ``airflow api-server
--workers N`` (juece plugin under /juece) or ``juece portal`` (the public portal alone, same addresses);
--repeat interleaves them. Keep-alive asyncio-stream clients on loopback POST unique Chinese comments,
in-flight answers are awaited, then the record is checked. Last line: one JSON object, headed by the
fastest run whose record is intact ("served_by"), every run under "runs". The rate limit is off
unless --limits: then each client comes through a trusted proxy on loopback with an address of
its own (X-Forwarded-For), under a limit too high to refuse any, so the token bucket and the
shared per-client window in the records DB (adapters/store/rate_window.py) are both on the path.
"""

from __future__ import annotations

import argparse
import asyncio
import io
import json
import os
import subprocess
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import uvloop  # installed with uvicorn[standard], which both servers use
import yaml
from loopback import BIN, RawHTTP, server_cpu, start_server, stop_server

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "urban-planning.yaml"
PEER_REQ_S, PEER_P99_MS, PEER_RAW = 2393, 26, 8151  # PERF-ANCHORS: minimal FastAPI + SQLite FULL
GOAL_REQ_S, GOAL_P99_MS = 2000, 50
TEXT = "第{n}号意见：建议东部新区增设社区养老服务用房，优化公交线路，并保留老城区的绿地。"


def setup_home(home: Path) -> None:
    """The throwaway home, in this process's environment and so in the servers'."""
    os.environ.pop("JUECE_RECORDS_URL", None)  # the embedded SQLite default
    os.environ.update({"JUECE_HOME": str(home / "juece"), "AIRFLOW_HOME": str(home / "airflow"),
           "AIRFLOW__CORE__PLUGINS_FOLDER": str(ROOT / "plugins"),
           "AIRFLOW__CORE__DAGS_FOLDER": str(ROOT / "dags"), "AIRFLOW__CORE__LOAD_EXAMPLES": "False",
           "JUECE_RATE_LIMIT_PER_MINUTE": "0"})


def open_decision(home: Path, decision_id: str) -> str:
    """Launch a copy of the template under ``decision_id`` and publish its comment notice."""
    from juece.adapters.store.ledger import Ledger
    from juece.demo.calendar import seed_assumed_calendar
    from juece.demo.library import seed_library
    from juece.domain.steps import publish_notice
    from juece.services.decisions import launch

    if not (home / "library-seeded").exists():  # the expert panel is drawn from the library at launch
        seed_library()
        (home / "library-seeded").touch()
    seed_assumed_calendar()  # a period ending in a year whose official schedule is not out yet (R-E3)
    spec = yaml.safe_load(TEMPLATE.read_text(encoding="utf-8"))
    spec["id"] = decision_id
    path = home / f"{decision_id}.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    launched = launch(path, actor="sponsor_office")
    for act in publish_notice(launched.spec, [], datetime.now(UTC)):
        Ledger().append(decision_id, act)
    return decision_id


async def load(base: str, decision_id: str, args: argparse.Namespace) -> dict[str, Any]:
    path, (host, port) = f"/juece/public/decisions/{decision_id}/comments", base[7:].split(":")
    latencies: list[float] = []
    receipts: list[tuple[str, str]] = []
    statuses: Counter[str] = Counter()
    issued = 0

    async def user(c: int, deadline: float) -> None:
        nonlocal issued
        http = RawHTTP(host, int(port))
        forwarded = f"X-Forwarded-For: 10.0.{c // 256}.{c % 256}\r\n" if args.limits else ""
        while time.perf_counter() < deadline and issued < args.max_requests:
            issued += 1
            payload = {"text": TEXT.format(n=issued) + f"（{c}）", "paragraph": issued % 5 + 1}
            t0 = time.perf_counter()
            try:
                status, body = await asyncio.wait_for(http.post(path, payload, forwarded), 60)
            except (TimeoutError, OSError, EOFError, ValueError, IndexError) as exc:
                statuses[type(exc).__name__] += 1  # the record check then shows what became of it
                await http.aclose()
                http = RawHTTP(host, int(port))
                continue
            statuses[str(status)] += 1
            if status == 201:
                latencies.append(time.perf_counter() - t0)
                receipts.append((body["receipt"], body["ledger_hash"]))
        await http.aclose()

    start = time.perf_counter()
    await asyncio.gather(*(user(c, start + args.seconds) for c in range(args.clients)))
    elapsed = time.perf_counter() - start  # every in-flight response has been awaited
    return {"latencies": latencies, "receipts": receipts, "statuses": dict(statuses), "elapsed": elapsed}


def check_record(decision_id: str, receipts: list[tuple[str, str]]) -> dict[str, Any]:
    from sqlalchemy import func, select

    from juece.adapters.store.db import comments
    from juece.adapters.store.ledger import Ledger
    from juece.domain.record.ledger import verify_chain

    ledger = Ledger()
    entries = ledger.entries(decision_id)
    report = verify_chain(entries, decision_id)
    hashes = {e["data"]["receipt"]: e["hash"] for e in entries if e["kind"] == "comment_received"}
    chain = Counter(e["data"]["receipt"] for e in entries if e["kind"] == "comment_received")
    given = Counter(r for r, _ in receipts)
    with ledger.engine.connect() as conn:
        rows = conn.execute(select(func.count()).select_from(comments)
                            .where(comments.c.decision_id == decision_id)).scalar_one()
    checks = {"chain_ok": report.intact, "in_chain": sum(chain.values()), "comment_rows": rows,
              "lost": sum(1 for r in given if r not in chain),
              "duplicated": sum(n - 1 for n in chain.values() if n > 1) + sum(n - 1 for n in given.values() if n > 1),
              "extra": sum(1 for r in chain if r not in given),
              "hash_mismatch": sum(1 for r, h in receipts if hashes.get(r) != h)}
    checks["intact"] = bool(checks["chain_ok"] and len(receipts) == checks["in_chain"] == rows and not any(
        checks[k] for k in ("lost", "duplicated", "extra", "hash_mismatch")))
    return checks


def http_run(home: Path, serve: str, workers: int, rep: int, args: argparse.Namespace) -> dict[str, Any]:
    label = f"{serve}-w{workers}"
    decision_id = open_decision(home, f"bench-intake-{label}-{rep}")
    proc, base = start_server(serve, workers, home / f"{label}-{rep}.log")
    try:
        spy = args.profile and subprocess.Popen(  # collapsed stacks of every process and thread, idle included
            [str(BIN / "py-spy"), "record", "--pid", str(proc.pid), "--subprocesses", "--idle", "--format", "raw",
             "--duration", str(int(args.seconds)), "-o", str(Path(args.profile, f"intake-{label}-{rep}.txt"))])
        cpu0, own0, load0 = server_cpu(proc.pid), time.process_time(), os.getloadavg()[0]
        result = uvloop.run(load(base, decision_id, args))
        server_s, client_s = server_cpu(proc.pid) - cpu0, time.process_time() - own0
        if spy:
            spy.wait()
    finally:
        stop_server(proc)
    lat = np.array(result["latencies"]) * 1000 if result["latencies"] else np.array([np.nan])
    accepted = len(result["receipts"])
    return {"served_by": label, "comments_per_s": round(accepted / result["elapsed"], 1),
            "p50_ms": round(float(np.percentile(lat, 50)), 1), "p99_ms": round(float(np.percentile(lat, 99)), 1),
            "accepted": accepted, "statuses": result["statuses"], "elapsed_s": round(result["elapsed"], 2),
            "server_cpu_ms_per_comment": round(server_s * 1000 / max(accepted, 1), 2),
            "client_cpu_s": round(client_s, 1), "load_avg": f"{load0:.1f}-{os.getloadavg()[0]:.1f}",
            **check_record(decision_id, result["receipts"])}


def raw_limits(home: Path, seconds: float, batch: int = 50) -> list[float]:
    """Comments/s through ``CommentStore.submit`` (a transaction each), then ``prepare`` + ``submit_many``."""
    from juece.adapters.store.comments import CommentStore

    store, rates, n = CommentStore(), [], 0
    for size in (1, batch):
        decision_id, start, first = open_decision(home, f"bench-intake-raw-{size}"), time.perf_counter(), n
        while time.perf_counter() - start < seconds:
            if size == 1:
                store.submit(decision_id, TEXT.format(n=n), datetime.now(UTC), paragraph=n % 5 + 1, client="raw")
            else:
                store.submit_many(decision_id, [store.prepare(decision_id, TEXT.format(n=n + i), datetime.now(UTC),
                                                              paragraph=i % 5 + 1, client="raw") for i in range(size)])
            n += size
        rates.append((n - first) / (time.perf_counter() - start))
        if (rows := check_record(decision_id, [])["in_chain"]) != n - first:
            raise RuntimeError(f"raw, {size} a transaction: {n - first} submitted, {rows} in the chain")
    return rates


def compile_round_trip(home: Path, n: int, batch: int = 1000) -> dict[str, float]:
    from juece.adapters.store.ledger import Ledger
    from juece.domain.participation.comments import comment_act, receipt_number
    from juece.services.office import compile_comments, export_csv, import_csv

    decision_id, ledger = open_decision(home, "bench-intake-compile"), Ledger()
    notice, start = ledger.latest(decision_id, "notice_published"), time.perf_counter()
    for first in range(1, n + 1, batch):
        acts = [comment_act(notice, False, TEXT.format(n=i), datetime.now(UTC), receipt_number(i), i % 5 + 1,
                            "portal") for i in range(first, min(first + batch, n + 1))]
        ledger.append_many(decision_id, acts)
    marks = [time.perf_counter()]
    frame = compile_comments(ledger, decision_id)
    marks.append(time.perf_counter())
    text = export_csv(frame)
    marks.append(time.perf_counter())
    edited = pd.read_csv(io.StringIO(text.lstrip("\ufeff")), dtype=str, keep_default_na=False)
    edited["disposition"], edited["reason"] = "adopted", "已采纳，纳入规划修改稿"
    filled = "\ufeff" + edited.to_csv(index=False)
    marks.append(time.perf_counter())
    recorded = import_csv(ledger, decision_id, filled, actor="sponsor_office")
    marks.append(time.perf_counter())
    parts = dict(zip(("setup_s", "compile_s", "export_s", "fill_s", "import_s"),
                     np.diff([start, *marks]), strict=True))
    if len(frame) != n or recorded != n:
        raise RuntimeError(f"compiled {len(frame)}, disposed {recorded}, expected {n}")
    parts["compile_100k_s"] = marks[-1] - marks[0]  # compile + export + fill + import
    return {k: round(float(v), 2) for k, v in parts.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--serve", nargs="+", choices=["airflow", "portal"], default=["airflow", "portal"])
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="api-server workers (airflow)")
    parser.add_argument("--repeat", type=int, default=1, help="rounds over the configurations, interleaved")
    for name, kind, default in (("clients", int, 50), ("seconds", float, 20.0), ("max-requests", int, 200_000),
                                ("raw-seconds", float, 5.0), ("compile-n", int, 100_000)):
        parser.add_argument(f"--{name}", type=kind, default=default)
    parser.add_argument("--profile", help="folder for py-spy raw profiles of the server processes")
    parser.add_argument("--limits", action="store_true", help="rate limits on (too high to refuse), per-client addresses")
    args = parser.parse_args()
    if args.profile:
        Path(args.profile).mkdir(parents=True, exist_ok=True)
    configs = [(s, w) for s in args.serve for w in args.workers]
    with tempfile.TemporaryDirectory(prefix="juece-intake-") as tmp:
        home = Path(tmp)
        setup_home(home)
        if args.limits:
            os.environ.update({"JUECE_RATE_LIMIT_PER_MINUTE": "1000000", "JUECE_RATE_LIMIT_BURST": "1000000",
                               "JUECE_TRUSTED_PROXIES": "127.0.0.1"})
        subprocess.run([str(BIN / "airflow"), "db", "migrate"], check=True, capture_output=True)
        runs = [http_run(home, s, w, rep, args) for rep in range(args.repeat) for s, w in configs]
        raw, batched = raw_limits(home, args.raw_seconds)
        compiled = compile_round_trip(home, args.compile_n)
    print(f"\n{'served by':<26}" + "".join(f"{r['served_by']:>13}" for r in runs))
    for key in ("comments_per_s", "p50_ms", "p99_ms", "accepted", "in_chain", "comment_rows", "lost",
                "duplicated", "extra", "hash_mismatch", "chain_ok", "elapsed_s", "server_cpu_ms_per_comment",
                "client_cpu_s", "load_avg"):
        print(f"{key:<26}" + "".join(f"{str(r[key]):>13}" for r in runs))
    print(f"{'statuses':<26}" + "   ".join(json.dumps(r["statuses"]) for r in runs))
    print(f"\nraw store (no HTTP, one process): submit {raw:,.0f}/s, submit_many by 50 {batched:,.0f}/s")
    print(f"peer (minimal FastAPI + SQLite FULL, same machine): {PEER_REQ_S:,} req/s, p99 {PEER_P99_MS} ms, "
          f"raw {PEER_RAW:,} rows/s")
    print(f"{args.compile_n:,}-comment round trip: " + ", ".join(f"{k} {v}" for k, v in compiled.items()))
    goals = {label: {"throughput": all(r["comments_per_s"] >= GOAL_REQ_S for r in mine),
                     "p99": all(r["p99_ms"] <= GOAL_P99_MS for r in mine), "record_intact": all(r["intact"] for r in mine)}
             for label in dict.fromkeys(r["served_by"] for r in runs)
             for mine in [[r for r in runs if r["served_by"] == label]]}
    for label, met in goals.items():
        print(f"goals, {label} (every run): " + ", ".join(f"{k} {'met' if v else 'MISSED'}" for k, v in met.items()))
    best = max((r for r in runs if r["intact"]), key=lambda r: r["comments_per_s"], default=runs[0])
    summary = {k: best[k] for k in ("comments_per_s", "p50_ms", "p99_ms", "accepted", "in_chain", "served_by")}
    print(json.dumps({**summary, "raw_limit_per_s": round(raw, 1), "raw_batched_per_s": round(batched, 1),
                      "compile_100k_s": compiled["compile_100k_s"], "record_intact": best["intact"],
                      "goals": goals, "compile": compiled, "runs": runs}, ensure_ascii=False))


if __name__ == "__main__":
    main()
