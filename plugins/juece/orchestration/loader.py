"""Build every launched decision's DAG; one bad spec never hides the others."""

from __future__ import annotations

import logging
from typing import Any

from airflow.sdk import DAG, get_parsing_context

from juece.adapters.store.launched import launched_specs
from juece.adapters.store.ledger import Ledger
from juece.orchestration.factory import build_dag
from juece.spec.models import DECISION_DAG_PREFIX

log = logging.getLogger(__name__)


def _invalid_specs_dag(errors: dict[str, str]) -> DAG:
    """A placeholder that fails DAG validation: the DAG processor reports the bad specs as
    this file's import error, while every valid decision's DAG is still bagged."""
    message = "\n\n".join(f"decision {name}:\n{text}" for name, text in sorted(errors.items()))

    class InvalidSpecs(DAG):
        def validate(self) -> None:
            raise ValueError(f"juece: {len(errors)} launched decision(s) cannot be built:\n{message}")

    return InvalidSpecs(dag_id="juece__invalid_specs", schedule=None, description="invalid juece specs")


def build_all() -> dict[str, DAG]:
    """DAGs of every launched decision, from the spec its `launched` entry holds; on a worker,
    only the DAG the task belongs to."""
    wanted = get_parsing_context().dag_id
    if wanted and not wanted.startswith(DECISION_DAG_PREFIX):
        return {}  # a worker running another DAG (an evaluation) needs no decision DAG
    specs, errors = launched_specs(Ledger(), wanted.removeprefix(DECISION_DAG_PREFIX) if wanted else None)
    dags: dict[str, Any] = {}
    for decision_id, spec in specs.items():
        try:
            dags[spec.dag_id] = build_dag(spec)
        except Exception as exc:  # noqa: BLE001 - isolate each spec, report it below
            errors[decision_id] = str(exc)
    for decision_id, error in errors.items():
        log.error("juece: cannot build %s: %s", decision_id, error)
    if errors:
        dags["juece__invalid_specs"] = _invalid_specs_dag(errors)
    return dags
