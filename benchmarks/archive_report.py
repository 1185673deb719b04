"""The archive benchmark's results: the ratios to the peers, the goals, the summary JSON and
the table printed before it (see archive.py)."""

from __future__ import annotations

from typing import Any

GOAL_S, GOAL_RSS_MB, GOAL_VS_WEASYPRINT, GOAL_VS_CANVAS = 60.0, 1024.0, 5.0, 1 / 3


def ratio(results: list[dict[str, Any]], peer: str) -> tuple[float | None, int | None]:
    """peer seconds / juece seconds at the largest size where both were measured."""
    best: tuple[float | None, int | None] = (None, None)
    for n in sorted({r["comments"] for r in results}):
        times = {r["renderer"]: r["seconds"] for r in results if r["comments"] == n and "seconds" in r}
        if "juece" in times and peer in times:
            best = (times[peer] / times["juece"], n)
    return best


def summary(results: list[dict[str, Any]], signing: str) -> dict[str, Any]:
    juece = [r for r in results if r["renderer"] == "juece" and "seconds" in r]
    last = juece[-1] if juece else {"comments": None}
    vs_weasyprint, weasyprint_at = ratio(results, "weasyprint")
    vs_canvas, canvas_at = ratio(results, "canvas")
    out: dict[str, Any] = {
        "comments": last["comments"], "pages": last.get("pages"), "seconds": _round(last.get("seconds")),
        "rss_mb": _round(last.get("rss_mb")), "rss_build_mb": _round(last.get("build_rss_mb")),
        "vs_weasyprint": _round(vs_weasyprint), "ratios_at": weasyprint_at,
        "vs_canvas": _round(vs_canvas), "vs_canvas_at": canvas_at, "signing": signing,
        "text_ok": all(r["text_ok"] for r in results if "seconds" in r),
    }
    out["goals_met"] = {
        "seconds": out["comments"] == 100000 and last["seconds"] <= GOAL_S,
        "rss": out["comments"] == 100000 and last["rss_mb"] <= GOAL_RSS_MB,
        "vs_weasyprint": vs_weasyprint is not None and vs_weasyprint >= GOAL_VS_WEASYPRINT,
        "vs_canvas": vs_canvas is not None and vs_canvas >= GOAL_VS_CANVAS}
    out["runs"] = [{"n": r["comments"], "renderer": r["renderer"], "pages": r.get("pages"),
                    "s": _round(r.get("seconds")), "rss_mb": _round(r.get("rss_mb")),
                    "render_mb": _round(r.get("build_rss_mb")), **{k: r[k] for k in ("skipped", "all_s") if k in r}}
                   for r in results]
    return out


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def print_table(results: list[dict[str, Any]], out: dict[str, Any]) -> None:
    print(f"\n{'N':>7} {'renderer':<10} {'pages':>6} {'seconds':>8} {'render MB':>9} {'peak MB':>8}")
    for r in results:
        if "seconds" in r:
            print(f"{r['comments']:>7} {r['renderer']:<10} {r['pages']:>6} {r['seconds']:>8.2f} "
                  f"{r['build_rss_mb']:>9.0f} {r['rss_mb']:>8.0f}")
        else:
            print(f"{r['comments']:>7} {r['renderer']:<10} {r['skipped']}")
    print(f"vs_weasyprint (WeasyPrint s / juece s) = {out['vs_weasyprint']} at N={out['ratios_at']} "
          f"(goal >= {GOAL_VS_WEASYPRINT}); vs_canvas (canvas s / juece s) = {out['vs_canvas']} at "
          f"N={out['vs_canvas_at']} (goal >= {GOAL_VS_CANVAS:.2f}, within 3x); juece archive {out['signing']}")
