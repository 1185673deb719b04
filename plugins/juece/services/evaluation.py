"""Use cases after the decision, shared by the CLI and the evaluation DAG: implementation reports,
complaints, evaluation requests, evaluation plans, the amendment decision, the re-issued archive."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml

from juece.adapters.store import catalogue
from juece.adapters.store.ledger import Ledger
from juece.config import archive_dir
from juece.domain.evaluation import answers as evaluation_answers
from juece.domain.evaluation import reports as evaluation
from juece.domain.record.clock import format_time
from juece.domain.record.entries import Entries, Entry, all_of
from juece.domain.record.errors import RecordError
from juece.domain.record.kinds import Kind
from juece.services import archives, attachments
from juece.services import decisions as services
from juece.spec.loader import load_spec_text
from juece.spec.models import DecisionSpec, evaluation_dag_id

SCHEDULED = "scheduled__"  # the run id Airflow gives the planned (@once) run of an evaluation DAG


def _record(decision_id: str, ledger: Ledger) -> tuple[DecisionSpec, Entries]:
    entries = ledger.entries(decision_id)
    launched = next((e for e in entries if e["kind"] == Kind.LAUNCHED), None)
    if launched is None:
        raise RecordError(f"no decision {decision_id!r} in the record")
    return DecisionSpec.model_validate(launched["data"]["spec"]), entries


def keep_attachment(file: Path, ledger: Ledger) -> dict[str, Any]:
    """The file read (refused when unreadable or too large) and kept in the records DB by its hash."""
    return attachments.keep(file.name, attachments.read_upload(file), ledger.engine)


def report_implementation(decision_id: str, file: Path, unit: str, summary: str, actor: str,
                          ledger: Ledger) -> Entry:
    """R-G2: checked first, then the file kept by its hash, then recorded."""
    spec, entries = _record(decision_id, ledger)
    evaluation.implementation_report(spec, entries, unit, summary, {}, actor)  # refuse before keeping
    act = evaluation.implementation_report(spec, entries, unit, summary, keep_attachment(file, ledger), actor)
    return ledger.append(decision_id, act)


def record_complaint(decision_id: str, summary: str, channel: str, actor: str,
                     ledger: Ledger) -> Entries:
    spec, entries = _record(decision_id, ledger)
    return ledger.append_many(decision_id, evaluation.complaint(spec, entries, summary, channel, actor))


def request_evaluation(decision_id: str, reason: str, actor: str, evaluator_unit: str | None = None,
                       evaluator: str | None = None, *, ledger: Ledger) -> Entry:
    spec, entries = _record(decision_id, ledger)
    act = evaluation.request(spec, entries, "on_demand", reason, actor, evaluator_unit, evaluator)
    return ledger.append(decision_id, act)


def trigger_evaluation(decision_id: str, ledger: Ledger, timeout: float = 180.0) -> str:
    """Start the run that takes up the recorded request (its DAG exists once the plan is written)."""
    if not plans(ledger, decision_id):
        raise RecordError(f"decision {decision_id} has no evaluation plan: it was not approved and published")
    client, user = services.system_client()
    client.wait_for_dag(user, evaluation_dag_id(decision_id), timeout=timeout)
    return client.unpause_and_trigger(user, evaluation_dag_id(decision_id))


def plan_of(decision_id: str, scheduled: dict[str, Any]) -> dict[str, Any] | None:
    """The evaluation plan an `evaluation_scheduled` entry gives; None when it does not apply."""
    if not scheduled.get("applies") or "effective_due_at" not in scheduled:
        return None
    return {"decision_id": decision_id, "due_at": scheduled["due_at"],
            "effective_due_at": scheduled["effective_due_at"]}


def plans(ledger: Ledger, decision_id: str | None = None) -> dict[str, dict[str, Any]]:
    """Every decision's evaluation plan, from the record (the latest `evaluation_scheduled` of each)."""
    found: dict[str, dict[str, Any]] = {}
    for entry in ledger.of_kind(Kind.EVALUATION_SCHEDULED, [decision_id] if decision_id else None):
        plan = plan_of(entry["decision_id"], entry["data"])
        if plan:
            found[entry["decision_id"]] = plan
        else:
            found.pop(entry["decision_id"], None)
    return found


HORIZON = timedelta(days=7)  # a planned evaluation's DAG appears this long before it is due
FINISHING = timedelta(days=7)  # and stays this long after an evaluation concluded (amendment, archive)
EVALUATION_KINDS = (Kind.EVALUATION_REQUESTED, Kind.EVALUATION_OPENED, Kind.EVALUATION_CONCLUDED)


def active_plans(ledger: Ledger, now: datetime) -> dict[str, dict[str, Any]]:
    """The plans whose evaluation DAG is needed at ``now``: an evaluation asked for and not yet
    taken up, or open; one concluded within ``FINISHING`` (its run still amends and re-issues);
    or the planned evaluation not yet run and due within ``HORIZON``. The others' DAGs are left
    out of the DAG file (Airflow keeps their runs); a new request brings a DAG back."""
    found = plans(ledger)
    if not found:
        return found
    entries: dict[str, list[Entry]] = {}
    for kind in EVALUATION_KINDS:
        for entry in ledger.of_kind(kind):
            entries.setdefault(entry["decision_id"], []).append(entry)
    recent, horizon = format_time(now - FINISHING), format_time(now + HORIZON)
    return {decision_id: plan for decision_id, plan in found.items()
            if _active(plan, entries.get(decision_id, []), recent, horizon)}


def _active(plan: dict[str, Any], entries: list[Entry], recent: str, horizon: str) -> bool:
    def numbers(kind: Kind) -> set[Any]:
        return {entry["data"].get("number") for entry in entries if entry["kind"] == kind}

    requested, opened, concluded = (numbers(kind) for kind in EVALUATION_KINDS)
    if requested - opened or opened - concluded:
        return True
    if any(e["kind"] == Kind.EVALUATION_CONCLUDED and e["at"] >= recent for e in entries):
        return True
    planned_run = any(e["kind"] == Kind.EVALUATION_OPENED and str(e["data"].get("run_id", "")).startswith(SCHEDULED)
                      for e in entries)
    return not planned_run and plan["effective_due_at"] <= horizon


def launch_amendment(decision_id: str, key: str, trigger: bool = True, *, ledger: Ledger) -> str:
    """R-G5: the amendment spec made, launched and triggered through the normal launch path;
    `amendment_launched` on this decision, `amends` in the amendment's launched spec."""
    spec, entries = _record(decision_id, ledger)
    data = evaluation_answers.amendment_spec(spec, entries)
    text, source = yaml.safe_dump(data, allow_unicode=True, sort_keys=False), f"{data['id']}.yaml"
    # the amended spec is kept in the amendment's `launched` entry (spec_text), in the records DB only
    launched = services.launch_text(load_spec_text(text, source), text, source, spec.sponsor_office, ledger)
    run_id = services.trigger(launched.spec) if trigger else None
    act = evaluation_answers.amendment_launched(spec, entries, launched.entry, run_id)
    ledger.append(decision_id, type(act)(act.stage, act.kind, act.actor, act.data, f"{key}#amendment"))
    return launched.spec.id


def reissue_archive(decision_id: str, key: str, ledger: Ledger) -> str:
    """The archive re-issued with the evaluation: a new version file continuing the same chain;
    `archive_built` recorded again (earlier files stay valid: their chain is the ledger's beginning).
    Returns where the catalogued full edition is stored (the object store every worker reads),
    not this worker's local copy in JUECE_ARCHIVE_DIR."""
    if not ledger.has_key(decision_id, key):
        version = len(all_of(ledger.entries(decision_id), Kind.ARCHIVE_BUILT)) + 1
        services.archive_decision(decision_id, archive_dir() / f"{decision_id}-v{version}.pdf", key,
                                  ledger=ledger)
    built = all_of(ledger.entries(decision_id), Kind.ARCHIVE_BUILT)[-1]["data"]
    row = catalogue.by_number(str(built["archive_no"]), "full", ledger.engine, int(built["version"]))
    if row is None:
        raise RecordError(f"决策 {decision_id} 重新出具的档案未编目 / the re-issued archive of {decision_id} "
                          "is not catalogued")
    return archives.where(row)
