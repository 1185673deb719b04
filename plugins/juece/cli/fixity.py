"""`juece fixity`: check every stored archive file and every ledger chain now (R-H2, R-H3);
exit 1 naming each mismatch, which is recorded and reported but never repaired."""

from __future__ import annotations

import argparse
import json

from juece.adapters.store.ledger import Ledger
from juece.cli.exits import EXIT_FAILED
from juece.services import fixity


def cmd_fixity(args: argparse.Namespace) -> int:
    ledger = Ledger()
    result = fixity.check(ledger) if args.dry_run else fixity.run("cli", ledger)
    if args.json:
        print(json.dumps({"ok": result.ok, "files": result.files, "decisions": result.decisions,
                          "findings": [f.as_dict() for f in result.findings]}, ensure_ascii=False, indent=2))
    else:
        for finding in result.findings:
            print(f"FAIL: {finding.line()}")
        state = "全部完好 all intact" if result.ok else f"发现{len(result.findings)}处问题 {len(result.findings)} finding(s)"
        print(f"档案完整性校验 fixity: {result.files} 个文件 file(s)，{result.decisions} 项决策 decision(s)：{state}")
    return 0 if result.ok else EXIT_FAILED


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("fixity", help="档案完整性校验: recompute every archive file's hash, verify every chain")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--dry-run", action="store_true", help="check and print only; record and notify nothing")
    parser.set_defaults(run=cmd_fixity)
