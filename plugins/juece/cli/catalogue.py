"""`juece catalogue --year Y`: the year's decisions (决策事项目录, R-A3) and the annual rule-of-law
report (依法决策年度报告) as XLSX and CSV.

The year rule: a decision is listed in the year its spec's ``catalogue.year`` gives, else in the
year of its launch in China time; without --year, this year (China time). Files already there
are never overwritten unless --force is given."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from juece.adapters.store.ledger import Ledger
from juece.cli.exits import Invalid
from juece.domain.record.workdays import china_date
from juece.services import annual


def cmd_catalogue(args: argparse.Namespace) -> int:
    if not 2000 <= args.year <= 2100:
        raise Invalid(f"年度须在2000至2100之间 / the year must be between 2000 and 2100, not {args.year}")
    out = Path(args.output)
    if out.exists() and not out.is_dir():
        raise Invalid(f"{out} 不是目录 / is not a folder")
    there = [path for path in annual.outputs(args.year, out) if path.exists()]
    if there and not args.force:
        raise Invalid(f"文件已存在，未覆盖（覆盖请加 --force） / already there, not overwritten (--force to "
                      f"replace): {', '.join(str(p) for p in there)}")
    done = annual.export(args.year, out, datetime.now(UTC), Ledger())
    print(f"{args.year}年决策事项目录 catalogue of {args.year}: {done.decisions} 项 decision(s)")
    for path in done.files:
        print(f"  {path}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("catalogue", help="导出年度决策事项目录和依法决策年度报告 (XLSX, CSV)")
    parser.add_argument("--year", type=int, default=china_date(datetime.now(UTC)).year,
                        help="目录年度 the catalogue year: the decisions whose spec gives this catalogue.year, or "
                             "gives none and were launched this year (China time); default: this year")
    parser.add_argument("-o", "--output", default=".", help="folder for the files (default: here)")
    parser.add_argument("--force", action="store_true", help="replace this year's files if they are there")
    parser.set_defaults(run=cmd_catalogue)
