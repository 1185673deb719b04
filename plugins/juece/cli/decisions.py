"""A decision from its spec to its archive: `juece lint`, `schema`, `launch`, `comment`, `channel`,
`portal` (the public pages, where the comments come in), `record`, `archive` and `verify`."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, date, datetime, time
from pathlib import Path

from juece import config
from juece.adapters.reporting.labels import kind_chinese
from juece.adapters.store.ledger import Ledger
from juece.cli import auth as cli_auth
from juece.cli.columns import pad
from juece.cli.exits import EXIT_FAILED, EXIT_INVALID
from juece.domain.archive.access import check_retrieval
from juece.domain.record.clock import ZONE_NAME, china_time
from juece.domain.record.errors import RecordError
from juece.domain.record.ledger import verify_chain
from juece.services import archives
from juece.services import decisions as services
from juece.services.launchers import launch_refusal
from juece.spec.loader import SpecError, load_spec
from juece.spec.models import CHINA, DecisionSpec


def launch_moment(day: date | None) -> datetime:
    """When a launch is assumed for the rules that depend on its day (R-B6): now, or the last moment
    of the given day in Beijing (a launch that day, at any hour, passes what lint passed)."""
    if day is None:
        return datetime.now(UTC)
    return datetime.combine(day, time.max, CHINA)


def cmd_lint(args: argparse.Namespace) -> int:
    failed = 0
    at = launch_moment(args.launch_date)
    for name in args.files:
        try:
            spec = load_spec(name, launch_at=at)
        except SpecError as error:
            print(error, file=sys.stderr)
            failed += 1
            continue
        print(f"{name}: ok ({spec.dag_id})")
    return EXIT_INVALID if failed else 0


def cmd_schema(args: argparse.Namespace) -> int:
    print(json.dumps(DecisionSpec.model_json_schema(), ensure_ascii=False, indent=2))
    return 0


def cmd_launch(args: argparse.Namespace) -> int:
    cli_auth.acting_user_refuses(args, "actor")
    user, role = cli_auth.authenticated()
    if (refusal := launch_refusal(user, role)) is not None:  # R-A1: only who may be a sponsor office
        raise refusal
    spec = load_spec(args.file, launch_at=datetime.now(UTC))  # what `juece lint` checks for today
    cli_auth.require_sponsor(user, spec.sponsor_office, "启动本决策", "launches this decision")
    launched = services.launch(args.file, actor=user, ledger=Ledger())
    if launched.earlier:
        print(f"{launched.spec.id} 已于 {china_time(launched.entry['at'])} 启动，未重复启动 / already launched at "
              f"{china_time(launched.entry['at'])} with this same spec: nothing recorded, no run triggered")
        return 0
    print(f"launched {launched.spec.id}: ledger entry {launched.entry['seq']} {launched.entry['hash']}")
    if args.no_trigger:
        return 0
    run_id = services.trigger(launched.spec, timeout=args.timeout)
    print(f"DAG {launched.spec.dag_id} unpaused and triggered: run {run_id}")
    return 0


def cmd_comment(args: argparse.Namespace) -> int:
    receipt = services.comment(args.decision_id, args.text, args.paragraph, ledger=Ledger(), name=args.name,
                               contact=args.contact)
    late = "（逾期，已保存并标注 late: kept and marked late, R-B3）" if receipt["late"] else ""
    again = "（重复提交，返回首次回执 / identical resubmission: first receipt）" if receipt["duplicate"] else ""
    print(f"回执 receipt {receipt['receipt']}{late}{again}\nledger hash {receipt['ledger_hash']}")
    return 0


def cmd_channel(args: argparse.Namespace) -> int:
    user = cli_auth.acting_user(args)
    ledger = Ledger()
    cli_auth.require_decision_sponsor(user, args.decision_id, "记录其他参与渠道", "records other channels", ledger)
    entry = services.record_channel(args.decision_id, args.kind, args.title, args.date, args.summary,
                                    [Path(f) for f in args.attach], user, args.participants, ledger=ledger)
    print(f"recorded {entry['data']['label']}: ledger entry {entry['seq']} {entry['hash']}")
    return 0


def cmd_portal(args: argparse.Namespace) -> int:
    import uvicorn

    from juece.web.server import uvicorn_options

    print(f"juece public portal on http://{args.host}:{args.port}/juece/public/ ({args.workers} worker(s))")
    uvicorn.run("juece.web.app:public_server", factory=True, host=args.host, port=args.port,
                workers=args.workers, log_level="warning", access_log=False, **uvicorn_options())
    return 0


def cmd_record(args: argparse.Namespace) -> int:
    entries = Ledger().entries(args.decision_id)
    if not entries:
        raise RecordError(f"no decision {args.decision_id!r} in the record")
    if args.json:
        print(json.dumps(entries, ensure_ascii=False, indent=2))
    else:
        print(f"序号 时间（{ZONE_NAME}） 环节 stage / 事项 act / 操作人 who / 哈希 hash")
        for e in entries:
            kind = pad(kind_chinese(e["kind"]), 20)
            print(f"{e['seq']:>4} {china_time(e['at'], zone=False)} {e['stage']:<24} {kind} {e['actor']:<18} "
                  f"{e['hash'][:16]}")
    report = verify_chain(entries, args.decision_id)
    state = "intact" if report.intact else "BROKEN: " + "; ".join(report.problems)
    # with --json, stdout carries the JSON alone: the chain's state goes to stderr (and the exit code)
    algorithm = "" if report.algorithm == "sha256" else f"{report.algorithm}, "  # SM3: said; SHA-256 as before
    print(f"chain head {report.head} ({algorithm}{report.length} entries, {state})", file=sys.stderr if args.json else sys.stdout)
    return 0 if report.intact else EXIT_FAILED


def cmd_archive(args: argparse.Namespace) -> int:
    from rich.progress import Progress as Bar

    if args.edition == "full":  # personal data: only an archivist, authenticated, takes it out (R-H6)
        check_retrieval("full", archives.is_archivist(cli_auth.acting_user(args)))
    ledger = Ledger()
    if args.format == "ofd":  # GB/T 33190, signed with the body's SM2 key (refused without one)
        from juece.services.ofd_archive import archive_ofd

        path, head = archive_ofd(args.decision_id, Path(args.output) if args.output else None,
                                 ledger=ledger, edition=args.edition)
        print(f"OFD archive written ({args.edition} edition): {path}\nchain head {head}")
        return 0
    entries = ledger.entries(args.decision_id)
    comments = sum(entry["kind"] == "comment_received" for entry in entries)
    bulk = sum(entry["kind"] in ("comment_received", "comment_disposed") for entry in entries)
    rows = comments + len(entries) - bulk  # the event log shows runs of comment entries as one line
    with Bar(transient=True, disable=not sys.stderr.isatty()) as bar:
        task = bar.add_task("排版 Laying out both editions", total=2 * rows)
        path, head = services.archive_decision(
            args.decision_id, Path(args.output) if args.output else None, ledger=ledger, edition=args.edition,
            progress=lambda done: bar.advance(task, done))
    print(f"archive written ({args.edition} edition): {path}\nchain head {head}")
    return 0


def records_if_reachable() -> Ledger | None:
    """The records DB, or None when it cannot be opened (an archive file verifies on its own)."""
    try:
        return Ledger()
    except Exception:  # noqa: BLE001 - the DB is optional for verification
        return None


def cmd_verify(args: argparse.Namespace) -> int:
    report = services.verify(Path(args.file), None if args.offline else records_if_reachable())
    for problem in report.problems:
        print(f"FAIL: {problem}", file=sys.stderr)
    for warning in report.warnings:
        print(f"WARN: {warning}", file=sys.stderr)
    if report.ok:
        print(f"OK: {args.file} — {report.decision_id}, {report.entries} entries, chain head {report.chain_head}")
        print(f"    签名者 signed by {report.signer}")
        if report.sm2_key:
            print(f"    SM2 签名有效 SM2 signature verified, key SHA-256 {report.sm2_key}")
        if report.signatures or report.draws:
            print(f"    {report.signatures} expert signatures verified, {report.draws} panel draw(s) re-run")
        for note in report.notes:
            print(f"    NOTE: {note}")
    return 0 if report.ok else EXIT_FAILED


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    add = sub.add_parser
    lint = add("lint", help="check decision specs (exit 2 on errors)")
    lint.add_argument("files", nargs="+")
    lint.add_argument("--launch-date", type=date.fromisoformat, metavar="YYYY-MM-DD",
                      help="check what depends on the day of launch (the hearing's notice, R-B6) for this "
                           "day; default: now")
    lint.set_defaults(run=cmd_lint)
    add("schema", help="print the JSON Schema of a decision spec").set_defaults(run=cmd_schema)
    launch = add("launch", help="validate, record and start a decision, as its sponsor office (authenticated)")
    launch.add_argument("file")
    launch.add_argument("--actor", help=argparse.SUPPRESS)  # refused: the authenticated user acts
    launch.add_argument("--no-trigger", action="store_true", help="record and store only")
    launch.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for the DAG")
    launch.set_defaults(run=cmd_launch)
    comment = add("comment", help="submit a public comment (no account needed)")
    comment.add_argument("decision_id")
    comment.add_argument("--text", required=True)
    comment.add_argument("--paragraph", type=int, default=None)
    comment.add_argument("--name", help="optional; kept apart from the text, never public (R-H6)")
    comment.add_argument("--contact", help="optional; kept apart from the text, never public (R-H6)")
    comment.set_defaults(run=cmd_comment)
    channel = add("channel", help="record another participation channel (R-B7) with attachments")
    channel.add_argument("decision_id")
    channel.add_argument("--kind", required=True, choices=["symposium", "visit", "questionnaire", "poll"])
    channel.add_argument("--title", required=True)
    channel.add_argument("--date", required=True, help="YYYY-MM-DD")
    channel.add_argument("--summary", required=True)
    channel.add_argument("--participants", type=int)
    channel.add_argument("--attach", action="append", default=[], help="a file of evidence (repeatable)")
    channel.add_argument("--actor", help=argparse.SUPPRESS)
    channel.set_defaults(run=cmd_channel)
    portal = add("portal", help="serve the public portal in a process of its own (no office pages)")
    portal.add_argument("--host", default="127.0.0.1")
    portal.add_argument("--port", type=int, default=8090)
    portal.add_argument("--workers", type=int, default=config.portal_workers(),
                        help="processes; each batches its own commits (default JUECE_PORTAL_WORKERS or 1)")
    portal.set_defaults(run=cmd_portal)
    record = add("record", help="print a decision's ledger and check its chain")
    record.add_argument("decision_id")
    record.add_argument("--json", action="store_true", help="the entries as JSON, alone on stdout (the chain on stderr)")
    record.set_defaults(run=cmd_record)
    archive = add("archive", help="write the archive PDF of a decision")
    archive.add_argument("decision_id")
    archive.add_argument("-o", "--output")
    archive.add_argument("--edition", choices=("full", "public"), default="public",
                         help="which edition to write to -o: public 公开版 (default), or full 完整版 for "
                              "archivists only, authenticated (R-H6); both are stored and catalogued")
    archive.add_argument("--format", choices=("pdf", "ofd"), default="pdf",
                         help="pdf: PDF/A-3 (default); ofd: OFD 版式文档 (GB/T 33190) of the record as it "
                              "stands, signed with the decision body's SM2 key")
    archive.set_defaults(run=cmd_archive)
    verify = add("verify", help="verify an archive PDF or OFD (exit 1 naming what is wrong)")
    verify.add_argument("file")
    verify.add_argument("--offline", action="store_true", help="do not compare with the records DB")
    verify.set_defaults(run=cmd_verify)
