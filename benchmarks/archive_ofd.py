"""The OFD edition beside the PDF in benchmarks/archive.py (`--format ofd`): the renderer, the
decision body's SM2 key it needs, the check of what an independent reader (ofdkit) extracts, and
the last line's figures: ofd_seconds, ofd_rss_mb, pdf_seconds and their ratio."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

NAME = "juece-ofd"


def renderer() -> Any:
    from juece.adapters.ofd.build import build_ofd_archive

    return build_ofd_archive


def make_sm2_key(env: dict[str, str]) -> str:
    """A throwaway SM2 key for the synthetic record's decision body, made by the juece CLI."""
    from archive_records import SPEC

    cmd = [str(Path(sys.executable).with_name("juece")), "body-key", "init", SPEC["decision_body"],
           "--algorithm", "sm2"]
    proc = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    return "sm2 key made" if proc.returncode == 0 else f"sm2 body-key init failed: {proc.stderr[-300:]}"


def check_ofd(path: Path, facts: dict[str, Any]) -> dict[str, Any]:
    """Pages, and whether ofdkit extracts the first comment (receipt and text) and the chain head."""
    import ofdkit

    receipt, text = facts["first"]
    found = {"receipt": False, "text": False, "chain_head": False}
    with ofdkit.open(path) as document:
        pages = len(document.pages)
        for page in document.pages[:12]:
            extracted = "".join(page.text().split())
            found["receipt"] |= receipt in extracted
            found["text"] |= "".join(text.split())[:24] in extracted
            found["chain_head"] |= facts["chain_head"] in extracted
    return {"pages": pages, "mb": path.stat().st_size / 2**20, "text_ok": all(found.values()), "found": found}


def summary(results: list[dict[str, Any]]) -> dict[str, Any]:
    """At the largest size both built: the OFD's seconds and peak RSS beside the PDF's."""
    sizes = sorted({r["comments"] for r in results})
    for n in reversed(sizes):
        by = {r["renderer"]: r for r in results if r["comments"] == n and "seconds" in r}
        if NAME in by and "juece" in by:
            ofd, pdf = by[NAME], by["juece"]
            return {"comments": n, "ofd_seconds": round(ofd["seconds"], 1), "ofd_rss_mb": round(ofd["rss_mb"]),
                    "pdf_seconds": round(pdf["seconds"], 1), "pdf_rss_mb": round(pdf["rss_mb"]),
                    "ofd_over_pdf": round(ofd["seconds"] / pdf["seconds"], 2), "ofd_pages": ofd["pages"],
                    "pdf_pages": pdf["pages"], "ofd_mb": round(ofd["mb"], 1), "pdf_mb": round(pdf["mb"], 1),
                    "text_ok": ofd["text_ok"] and pdf["text_ok"]}
    return {"comments": sizes[-1] if sizes else 0, "ofd_seconds": None, "ofd_rss_mb": None, "pdf_seconds": None}
