"""`juece search` and `juece archives get`: find archived decisions, retrieve an edition (R-H6)."""

from __future__ import annotations

import argparse
import html
import re
from pathlib import Path

from juece.adapters.store import catalogue
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.search import Results, search
from juece.cli import auth as cli_auth
from juece.cli.exits import Invalid
from juece.domain.archive.access import refusal_reason
from juece.domain.archive.number import parse_archive_number
from juece.domain.archive.search_query import Query
from juece.domain.record.clock import china_time
from juece.domain.record.errors import AccessError, RecordError
from juece.services import archives

MARK = re.compile(r"</?mark>")
EDITION_WORDS = {"full": "完整版 full edition", "public": "公开版 public edition"}
CHANNEL_WORDS = {"cli": "命令行 command line", "page": "网页 web page", "api": "接口 API"}


def cmd_search(args: argparse.Namespace) -> int:
    if args.reindex:
        print(f"已重建检索索引 reindexed: {archives.reindex(Ledger())} 项决策 decisions")
        if not args.words:
            return 0
    try:
        query = Query(" ".join(args.words), year=args.year, category=args.category, sponsor=args.sponsor,
                      outcome=args.outcome, stage=args.stage, date_from=args.date_from, date_to=args.date_to,
                      page=args.page, per_page=args.per_page)
    except RecordError as error:  # words or filters given wrong: nothing searched
        raise Invalid(str(error)) from None
    print_results(search(query))
    return 0


def print_results(results: Results) -> None:
    print(f"共 {results.total} 项 {results.total} found · 第 {results.page}/{results.pages} 页 page")
    for hit in results.hits:
        print(f"{hit.archive_no}  {hit.title}  [{hit.category} · {hit.sponsor} · {hit.outcome} · "
              f"{hit.decided_on or '未决 undecided'}]  {hit.decision_id} v{hit.version}")
        print(f"    {html.unescape(MARK.sub('**', hit.snippet))}")


def cmd_archives(args: argparse.Namespace) -> int:
    try:
        if args.archive_no:
            parse_archive_number(args.archive_no)
    except RecordError as error:  # not an archive number: nothing is looked up
        raise Invalid(str(error)) from None
    return {"get": _get, "list": _list, "refused": _refused}[args.action](args)


def _get(args: argparse.Namespace) -> int:
    user, role = cli_auth.acting_identity(args, "user")  # the full edition is for archivists only (R-H6)

    def deliver(issued: archives.Issued) -> None:  # before anything is recorded: only a file handed over is
        out = output_of(args, issued)
        if out.exists() and not args.force:
            raise archives.NotDelivered(f"{out} 已存在，如需覆盖请加 --force / {out} exists; add --force to "
                                        "replace it", "output_exists")
        out.write_bytes(issued.content)

    issued = archives.retrieve(args.archive_no, args.edition, user, "cli", Ledger(), version=args.version,
                               auth_role=role, deliver=deliver)
    print(f"{issued.issue.archive_no} 第{issued.issue.version}版 {args.edition} → {output_of(args, issued)} "
          f"({issued.issue.size} bytes, sha256 {issued.issue.sha256}); 调阅已记录 retrieval logged")
    return 0


def output_of(args: argparse.Namespace, issued: archives.Issued) -> Path:
    return Path(args.output or f"{args.archive_no}-v{issued.issue.version}-{args.edition}.pdf")


def _list(args: argparse.Namespace) -> int:
    rows = catalogue.versions(args.archive_no)
    if not rows:
        raise RecordError(f"没有档号为 {args.archive_no} 的档案 / no archive numbered {args.archive_no}")
    print(f"{args.archive_no} {rows[0].title}：共 {rows[-1].version} 版 {rows[-1].version} version(s)")
    for row in rows:
        print(f"  第{row.version}版 v{row.version}  {EDITION_WORDS[row.edition]}  签发 issued {china_time(row.issued_at)}"
              f"  {row.size} bytes  sha256 {row.sha256}")
    print(f"调阅某一版本 retrieve one: juece archives get {args.archive_no} --version N [--edition full]")
    return 0


def _refused(args: argparse.Namespace) -> int:
    user = cli_auth.acting_user(args, "user")
    if not archives.is_archivist(user):
        raise AccessError(f"被拒绝的调阅记录仅限档案管理员查看，{user} 不可以",
                          f"refused retrievals are listed to archivists only, not to {user}")
    rows = archives.refused(args.archive_no, ledger=Ledger())
    print(f"被拒绝的调阅 refused retrievals{' ' + args.archive_no if args.archive_no else ''}：{len(rows)}")
    for row in rows:
        zh, en = refusal_reason(row["reason"])
        version = f"第{row['version']}版 v{row['version']}" if row["version"] else "最新版 newest"
        print(f"  {china_time(row['at'])}  {row['who']}  {row['archive_no']} {version} "
              f"{EDITION_WORDS.get(row['edition'], row['edition'])}  经 via {CHANNEL_WORDS.get(row['channel'], row['channel'])}"
              f"：{zh} / {en}")
    return 0


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    found = sub.add_parser("search", help="检索决策档案 search archived decisions (full text in Chinese, filters)")
    found.add_argument("words", nargs="*", help="检索词，多个词须同时出现 words; every one must occur")
    found.add_argument("--year", type=int, help="档案年度 archive year")
    found.add_argument("--category", help="决策类别 Art. 3 category, e.g. public_policy")
    found.add_argument("--sponsor", help="承办单位 sponsor unit (exact)")
    found.add_argument("--outcome", help="决定结果 approve / reject / revise / postpone / undecided")
    found.add_argument("--stage", help="环节状态 e.g. expert_review=not_applicable")
    found.add_argument("--from", dest="date_from", help="决定日期起 decided on or after YYYY-MM-DD")
    found.add_argument("--to", dest="date_to", help="决定日期止 decided on or before YYYY-MM-DD")
    found.add_argument("--page", type=int, default=1)
    found.add_argument("--per-page", type=int, default=10)
    found.add_argument("--reindex", action="store_true", help="重建检索索引 rebuild the index from the catalogue")
    found.set_defaults(run=cmd_search)
    kept = sub.add_parser("archives", help="调阅决策档案 retrieve an archive file (logged)")
    action = kept.add_subparsers(dest="action", required=True)
    versions = action.add_parser("list", help="列出各版本 list every issued version of an archive")
    versions.add_argument("archive_no", help="档号 e.g. J001-2027-Y-0001")
    refused = action.add_parser("refused", help="被拒绝的调阅 refused retrievals (archivists only)")
    refused.add_argument("archive_no", nargs="?", help="only this archive number's")
    refused.add_argument("--user", help=argparse.SUPPRESS)
    get = action.add_parser("get", help="调阅一个版本 retrieve an edition (the newest version unless --version)")
    get.add_argument("archive_no", help="档号 e.g. J001-2027-Y-0001")
    get.add_argument("--version", type=int, help="第几版 which issued version (default: the newest)")
    get.add_argument("--edition", choices=["public", "full"], default="public",
                     help="full 完整版 archivists only (R-H6); public 公开版")
    get.add_argument("-o", "--output", help="where to write the PDF")
    get.add_argument("--force", action="store_true", help="replace an existing output file")
    get.add_argument("--user", help=argparse.SUPPRESS)  # refused: the authenticated user retrieves
    kept.set_defaults(run=cmd_archives)
