"""`juece implementation-report`, `juece complaint`, `juece evaluate`: after the decision (R-G2..R-G4).

Refusals come from the domain as RuleViolation (one line, exit 2, by `juece.cli.main.main`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from juece.adapters.store.ledger import Ledger
from juece.cli import auth as cli_auth
from juece.domain.record.errors import RecordError
from juece.services import evaluation as services


def cmd_implementation_report(args: argparse.Namespace) -> int:
    file = Path(args.file)
    if not file.is_file():
        raise RecordError(f"no such file: {file}")
    ledger = Ledger()
    user = sponsor_acting(args, "报送实施情况", "records implementation reports", ledger)
    entry = services.report_implementation(args.decision_id, file, args.unit, args.summary, user, ledger)
    attachment = entry["data"]["attachment"]
    print(f"实施情况报告 implementation report {entry['data']['number']} recorded (R-G2): "
          f"{attachment['name']} sha256 {attachment['sha256']}\nledger entry {entry['seq']} {entry['hash']}")
    return 0


def cmd_complaint(args: argparse.Namespace) -> int:
    ledger = Ledger()
    user = sponsor_acting(args, "记录投诉", "records complaints", ledger)
    written = services.record_complaint(args.decision_id, args.summary, args.channel, user, ledger)
    data = written[0]["data"]
    print(f"投诉已记录 complaint recorded: {data['count_since_evaluation']}/{data['threshold']} since the last "
          f"evaluation (R-G3); ledger entry {written[0]['seq']} {written[0]['hash']}")
    if len(written) > 1:
        print(f"达到阈值，已申请评估 threshold reached: evaluation {written[1]['data']['number']} requested")
        _start(args, ledger)
    return 0


def cmd_evaluate(args: argparse.Namespace) -> int:
    ledger = Ledger()
    user = sponsor_acting(args, "申请决策后评估", "requests evaluations", ledger)
    entry = services.request_evaluation(args.decision_id, args.reason, user, args.evaluator_unit, args.evaluator,
                                        ledger=ledger)
    data = entry["data"]
    print(f"评估申请已记录 evaluation {data['number']} requested on demand (R-G3), evaluator "
          f"{data['evaluator_unit']} ({data['evaluator']}, R-G4); ledger entry {entry['seq']} {entry['hash']}")
    _start(args, ledger)
    return 0


def sponsor_acting(args: argparse.Namespace, zh: str, en: str, ledger: Ledger) -> str:
    """The authenticated user, when it is the decision's sponsor office (who records after the decision)."""
    user = cli_auth.acting_user(args)
    cli_auth.require_decision_sponsor(user, args.decision_id, zh, en, ledger)
    return user


def _start(args: argparse.Namespace, ledger: Ledger) -> None:
    if args.no_trigger:
        return
    try:
        run_id = services.trigger_evaluation(args.decision_id, ledger, timeout=args.timeout)
    except Exception as error:  # noqa: BLE001 - the request stays recorded; say how to start it
        raise RecordError(f"the request is recorded but its run could not be started ({error}); "
                          f"trigger DAG {services.evaluation_dag_id(args.decision_id)} in Airflow") from None
    print(f"DAG {services.evaluation_dag_id(args.decision_id)} triggered: run {run_id}")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands after the decision to the `juece` command's subparsers."""
    report = sub.add_parser("implementation-report", help="执行单位报送实施情况 (R-G2), file kept by its hash")
    report.add_argument("decision_id")
    report.add_argument("--file", required=True, help="the report (any format)")
    report.add_argument("--unit", required=True, help="the implementing unit named in the spec")
    report.add_argument("--summary", required=True)
    complaint = sub.add_parser("complaint", help="记录投诉 a complaint about the decision's effect (R-G3)")
    complaint.add_argument("decision_id")
    complaint.add_argument("--summary", required=True, help="what it is about; no personal data (R-H6)")
    complaint.add_argument("--channel", default="hotline", help="e.g. hotline, letter, portal")
    evaluate = sub.add_parser("evaluate", help="决策机关要求评估 start an evaluation on demand (R-G3, R-G4)")
    evaluate.add_argument("decision_id")
    evaluate.add_argument("--reason", required=True)
    evaluate.add_argument("--evaluator-unit", help="another evaluator unit than the spec's (R-G4 checked)")
    evaluate.add_argument("--evaluator", help="the Airflow user answering for that unit")
    for parser, command in ((report, cmd_implementation_report), (complaint, cmd_complaint), (evaluate, cmd_evaluate)):
        parser.add_argument("--actor", help=argparse.SUPPRESS)  # refused: the authenticated user acts
        parser.set_defaults(run=command)
    for parser in (complaint, evaluate):
        parser.add_argument("--no-trigger", action="store_true", help="record only; do not start the run")
        parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for the DAG")
