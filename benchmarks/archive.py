"""Archive PDF build time, pages and peak RSS: juece against WeasyPrint and a bare ReportLab canvas.

Run from the repository root:
    .venv/bin/python benchmarks/archive.py [--sizes 2000,20000,100000] [--skip-weasyprint] [--quick] [--repeat 3]
    .venv/bin/python benchmarks/archive.py --format ofd --sizes 100000   # the OFD edition beside the PDF

Each size's synthetic record (archive_records.py) is pickled once; each renderer runs in a fresh
subprocess: juece (`build_archive`: layout, PDF/A, signature with a throwaway body key), WeasyPrint
and a bare canvas (the lower bound; archive_peers.py). Timed: the render alone. Memory: the render's
peak (high-water mark reset once the record is loaded), the record's RSS and the whole process's peak
("rss_mb"). Renders stop after --timeout s or above --max-rss-gb; above 20,000 comments WeasyPrint
runs only if its scaled last time fits --weasyprint-budget. Pages counted with pypdf; each PDF must
yield the first comment and the chain head as text. Ratios: other/juece seconds at the largest size
both ran. The last line printed is one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import pickle
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import archive_ofd
from archive_report import print_table, summary

ROOT = Path(__file__).resolve().parent.parent
RENDERERS = ("juece", "canvas", "weasyprint")
WEASYPRINT_ALWAYS = 20000  # WeasyPrint runs up to this size; above it only within --weasyprint-budget
SIZES, QUICK_SIZES = (2000, 20000, 100000), (200, 2000)


# ---------------------------------------------------------------- child: one render in a fresh process
def _status(key: str, pid: str = "self") -> float:
    """A /proc/<pid>/status figure in MB (VmRSS, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) / 1024
    raise KeyError(key)


def _renderer(name: str) -> Any:
    if name == archive_ofd.NAME:
        return archive_ofd.renderer()
    if name == "juece":
        from juece.adapters.reporting.archive import build_archive
        return build_archive
    import archive_peers
    if name == "weasyprint":
        import weasyprint  # noqa: F401 (imported before the clock starts, as juece's modules are)
        return archive_peers.render_weasyprint
    import reportlab.pdfgen.canvas  # noqa: F401
    return archive_peers.render_canvas


def run_child(name: str, record_file: str, out_path: str) -> None:
    render = _renderer(name)  # imports before the record, so that they count as the process's base
    base_mb = _status("VmRSS")
    t0 = time.perf_counter()
    with open(record_file, "rb") as stream:
        record = pickle.load(stream)
    load_s, loaded_mb, load_peak_mb = time.perf_counter() - t0, _status("VmRSS"), _status("VmHWM")
    Path("/proc/self/clear_refs").write_text("5")  # reset the high-water mark: the render's peak from here
    t1 = time.perf_counter()
    render(record, out_path)
    seconds = time.perf_counter() - t1
    build_peak_mb = _status("VmHWM")
    print(json.dumps({"renderer": name, "seconds": seconds, "load_s": load_s, "base_mb": base_mb,
                      "loaded_mb": loaded_mb, "build_peak_mb": build_peak_mb,
                      "build_rss_mb": build_peak_mb - loaded_mb, "rss_mb": max(load_peak_mb, build_peak_mb)}))


# ---------------------------------------------------------------- parent: inputs, runs, checks
def write_record(n: int, folder: Path) -> tuple[Path, dict[str, Any]]:
    from archive_records import make_record

    rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    t0 = time.perf_counter()
    record = make_record(n)
    gen_s = time.perf_counter() - t0
    path = folder / f"record-{n}.pickle"
    with path.open("wb") as stream:
        pickle.dump(record, stream, protocol=pickle.HIGHEST_PROTOCOL)
    first = next(e["data"] for e in record["entries"] if e["kind"] == "comment_received")
    facts = {"gen_s": gen_s, "gen_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - rss0,
             "entries": len(record["entries"]), "pickle_mb": path.stat().st_size / 2**20,
             "chain_head": record["chain_head"], "first": (first["receipt"], first["text"])}
    return path, facts


def child_env(home: Path) -> dict[str, str]:
    env = dict(os.environ)
    path = [str(ROOT / "plugins"), str(ROOT / "benchmarks"), *filter(None, [env.get("PYTHONPATH")])]
    env.update(PYTHONPATH=os.pathsep.join(path), JUECE_HOME=str(home / "juece_home"),
               JUECE_KEYS_DIR=str(home / "keys"))
    return env


def make_body_key(env: dict[str, str]) -> str:
    """A throwaway signing key for the synthetic record's decision body, made by the juece CLI."""
    from archive_records import SPEC

    cmd = [str(Path(sys.executable).with_name("juece")), "body-key", "init", SPEC["decision_body"]]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    return "signed" if proc.returncode == 0 else f"unsigned? body-key init failed: {proc.stderr[-300:]}"


def _watch(proc: subprocess.Popen[str], timeout: float, max_mb: float) -> str | None:
    """Wait for the child; stop it and say why if it runs too long or grows too big."""
    deadline = time.monotonic() + timeout
    while proc.poll() is None:
        try:
            rss = _status("VmRSS", str(proc.pid))
        except (OSError, KeyError):  # it has just ended
            rss = 0.0
        reason = (f"skipped (timeout {timeout:.0f} s)" if time.monotonic() > deadline
                  else f"skipped (over {max_mb / 1024:g} GB)" if rss > max_mb else None)
        if reason:
            proc.kill()
            proc.wait()
            return reason
        time.sleep(0.25)
    return None


def measure(name: str, record_file: Path, out: Path, env: dict[str, str], args: argparse.Namespace,
            timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", name, str(record_file), str(out)]
    with tempfile.TemporaryFile("w+") as stdout, tempfile.TemporaryFile("w+") as stderr:
        proc = subprocess.Popen(cmd, env=env, stdout=stdout, stderr=stderr, text=True)
        stopped = _watch(proc, timeout, args.max_rss_gb * 1024)
        if stopped:
            return {"renderer": name, "skipped": stopped}
        stdout.seek(0)
        stderr.seek(0)
        lines = stdout.read().strip().splitlines()
        if proc.returncode != 0 or not lines:
            return {"renderer": name, "skipped": f"failed (exit {proc.returncode}): {stderr.read()[-600:]}"}
    return json.loads(lines[-1])


def check_pdf(path: Path, facts: dict[str, Any]) -> dict[str, Any]:
    """Pages, and whether the first comment (receipt and text) and the chain head can be extracted."""
    from pypdf import PdfReader

    reader = PdfReader(path)
    receipt, text = facts["first"]
    found = {"receipt": False, "text": False, "chain_head": False}
    for page in reader.pages[:12]:
        extracted = "".join(page.extract_text().split())
        found["receipt"] |= receipt in extracted
        found["text"] |= "".join(text.split())[:24] in extracted
        found["chain_head"] |= facts["chain_head"] in extracted
    return {"pages": len(reader.pages), "mb": path.stat().st_size / 2**20, "text_ok": all(found.values()),
            "found": found}


def weasyprint_budget(n: int, done: list[dict[str, Any]], args: argparse.Namespace) -> tuple[str | None, float]:
    """(why WeasyPrint is not run at n, its timeout): above WEASYPRINT_ALWAYS comments it gets
    --weasyprint-budget seconds, and is skipped if its last time, scaled linearly, would exceed that."""
    if n <= WEASYPRINT_ALWAYS:
        return None, args.timeout
    last = [r for r in done if r["renderer"] == "weasyprint" and "seconds" in r]
    if not last:
        return None, args.weasyprint_budget
    projected = last[-1]["seconds"] * n / last[-1]["comments"]
    if projected > args.weasyprint_budget:
        return f"skipped (timeout: projected {projected:.0f} s > {args.weasyprint_budget:.0f} s)", 0.0
    return None, args.weasyprint_budget


def run_once(name: str, n: int, record_file: Path, facts: dict[str, Any], env: dict[str, str],
             args: argparse.Namespace, done: list[dict[str, Any]]) -> dict[str, Any]:
    out = Path(record_file).with_name(f"{name}-{n}.{'ofd' if name == archive_ofd.NAME else 'pdf'}")
    reason, timeout = weasyprint_budget(n, done, args) if name == "weasyprint" else (None, args.timeout)
    result = {"renderer": name, "skipped": reason} if reason else measure(name, record_file, out, env, args, timeout)
    result["comments"] = n
    if "seconds" in result:
        result.update(archive_ofd.check_ofd(out, facts) if name == archive_ofd.NAME else check_pdf(out, facts))
        if args.keep:
            out.replace(Path(args.keep) / out.name)
    out.unlink(missing_ok=True)
    print(f"  {line(result)}", flush=True)
    return result


def run_size(n: int, base: Path, env: dict[str, str], args: argparse.Namespace,
             done: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every renderer at size n, --repeat rounds interleaved; per renderer the run of median time."""
    record_file, facts = write_record(n, base)
    print(f"N={n}: {facts['entries']} entries generated in {facts['gen_s']:.1f} s "
          f"(+{facts['gen_rss_mb']:.0f} MB in the parent), pickle {facts['pickle_mb']:.0f} MB", flush=True)
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in args.renderers}
    for _ in range(args.repeat):
        for name in args.renderers:
            if not runs[name] or "seconds" in runs[name][-1]:  # a skipped renderer is not tried again
                runs[name].append(run_once(name, n, record_file, facts, env, args, done))
    record_file.unlink()
    return [median_run(runs[name]) for name in args.renderers]


def median_run(runs: list[dict[str, Any]]) -> dict[str, Any]:
    timed = sorted((r for r in runs if "seconds" in r), key=lambda r: r["seconds"])
    if not timed:
        return runs[-1]
    return {**timed[(len(timed) - 1) // 2], "all_s": [round(r["seconds"], 2) for r in runs if "seconds" in r]}


def line(r: dict[str, Any]) -> str:
    if "seconds" not in r:
        return f"{r['renderer']:<10} {r['skipped']}"
    return (f"{r['renderer']:<10} {r['pages']:>6} pages {r['seconds']:>8.2f} s  render {r['build_rss_mb']:>6.0f} MB"
            f"  process peak {r['rss_mb']:>6.0f} MB (record {r['loaded_mb'] - r['base_mb']:.0f} MB)"
            f"  text {'ok' if r['text_ok'] else 'MISSING ' + str(r['found'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=lambda s: [int(x) for x in s.split(",")], default=list(SIZES))
    parser.add_argument("--quick", action="store_true", help=f"sizes {','.join(map(str, QUICK_SIZES))}")
    parser.add_argument("--skip-weasyprint", action="store_true")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per render (default 1800)")
    parser.add_argument("--weasyprint-budget", type=float, default=600.0,
                        help=f"seconds for WeasyPrint above {WEASYPRINT_ALWAYS} comments (default 600)")
    parser.add_argument("--max-rss-gb", type=float, default=8.0, help="stop a render above this RSS")
    parser.add_argument("--repeat", type=int, default=1, help="rounds, renderers interleaved; medians")
    parser.add_argument("--keep", metavar="DIR", help="keep the PDFs in DIR")
    parser.add_argument("--format", choices=("pdf", "ofd"), default="pdf",
                        help="ofd: juece's PDF and OFD editions of each record in the same run (no peers)")
    parser.add_argument("--child", nargs=3, metavar=("RENDERER", "RECORD", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_child(*args.child)
        return
    sys.path[:0] = [str(ROOT / "plugins"), str(ROOT / "benchmarks")]
    sizes = list(QUICK_SIZES) if args.quick else args.sizes
    args.renderers = [r for r in RENDERERS if not (r == "weasyprint" and args.skip_weasyprint)]
    if args.format == "ofd":
        args.renderers = ["juece", archive_ofd.NAME]
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="juece-archive-bench-") as tmp:
        env = child_env(Path(tmp))
        signing = make_body_key(env)
        if args.format == "ofd":
            signing += "; " + archive_ofd.make_sm2_key(env)
        for n in sizes:
            results += run_size(n, Path(tmp), env, args, results)
    if args.format == "ofd":
        print(json.dumps({**archive_ofd.summary(results), "signing": signing}, ensure_ascii=False))
        return
    out = summary(results, signing)
    print_table(results, out)
    print(json.dumps(out, ensure_ascii=False))


if __name__ == "__main__":
    main()
