"""Build every open decision's DAG; one bad spec never hides the others.

A decision whose run ended (its last step scheduled the evaluation) more than
``JUECE_CLOSED_AFTER_HOURS`` ago (a week) is left out of the DAG file: Airflow marks its DAG
stale and keeps its runs, task instances and DAG versions, so its history stays in Airflow's UI
(the DAG's page and grid), while the dag-processor's work grows with the open decisions, not with
every decision ever launched. Airflow's scheduler does not schedule the runs of a stale DAG: to
re-run a step of a decision closed longer ago, raise the setting until it is done (a worker
always builds the DAG its task belongs to, open or closed)."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

from airflow.sdk import DAG, get_parsing_context

from juece.adapters.store.ledger import Ledger
from juece.config import closed_after_hours
from juece.domain.record.clock import format_time
from juece.domain.record.entries import Entry
from juece.domain.record.kinds import Kind
from juece.orchestration import dag_cache
from juece.spec.dag_ids import DECISION_DAG_PREFIX

log = logging.getLogger(__name__)


def _invalid_specs_dag(errors: dict[str, str]) -> DAG:
    """A placeholder that fails DAG validation: the DAG processor reports the bad specs as
    this file's import error, while every valid decision's DAG is still bagged."""
    message = "\n\n".join(f"decision {name}:\n{text}" for name, text in sorted(errors.items()))

    class InvalidSpecs(DAG):
        def validate(self) -> None:
            raise ValueError(f"juece: {len(errors)} launched decision(s) cannot be built:\n{message}")

    return InvalidSpecs(dag_id="juece__invalid_specs", schedule=None, description="invalid juece specs")


def closed_before(now: datetime) -> tuple[str, str]:
    """The decisions to leave out at ``now``: those whose run scheduled the evaluation (its last
    step, R-G2) more than ``JUECE_CLOSED_AFTER_HOURS`` earlier (a week by default: time for an
    administrator to re-run a failed last step while the DAG is still built)."""
    return Kind.EVALUATION_SCHEDULED, format_time(now - timedelta(hours=closed_after_hours()))


def build_all() -> dict[str, DAG]:
    """DAGs of every open decision, from the spec its `launched` entry holds (each kept between
    parses, see dag_cache.py); on a worker, only the DAG the task belongs to."""
    wanted = get_parsing_context().dag_id
    if wanted and not wanted.startswith(DECISION_DAG_PREFIX):
        return {}  # a worker running another DAG (an evaluation) needs no decision DAG
    ledger = Ledger()
    if wanted:
        launched = ledger.of_kind(Kind.LAUNCHED, [wanted.removeprefix(DECISION_DAG_PREFIX)])
    else:
        launched = ledger.of_kind(Kind.LAUNCHED, unless=closed_before(datetime.now(UTC)))
    latest = {entry["decision_id"]: entry for entry in launched}  # a decision's last launch counts
    keys = {decision_id: dag_cache.key_for(entry) for decision_id, entry in latest.items()}
    with dag_cache.collector_paused():
        dags, errors = _kept_or_built(latest, keys)
    if not wanted:
        dag_cache.prune(keys.values())
    for decision_id, error in errors.items():
        log.error("juece: cannot build %s: %s", decision_id, error)
    if errors:
        dags["juece__invalid_specs"] = _invalid_specs_dag(errors)
    return dags


def _kept_or_built(latest: dict[str, Entry], keys: dict[str, str]) -> tuple[dict[str, Any], dict[str, str]]:
    """Each decision's DAG, kept or built, by DAG id; the decisions that cannot be built, with why."""
    dags: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for decision_id, entry in latest.items():
        try:
            dag = dag_cache.cached(keys[decision_id], partial(_build, entry))
            dags[dag.dag_id] = dag
        except Exception as exc:  # noqa: BLE001 - isolate each spec, report it below
            errors[decision_id] = str(exc)
    return dags, errors


def _build(entry: Entry) -> DAG:
    """The DAG of the spec a `launched` entry holds (verified against its recorded digest). The
    builders and the spec's models are imported only when a DAG is not in the cache."""
    from juece.domain.record.launch import launched_spec
    from juece.orchestration.factory import build_dag

    return build_dag(launched_spec(entry))
