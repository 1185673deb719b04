"""The Airflow DAG ids of a decision, without the spec's models (the DAG file reads them on
every parse, a worker before it has built anything)."""

from __future__ import annotations

DECISION_DAG_PREFIX = "decision__"  # DAG decision__<id> runs the decision (DecisionSpec.dag_id)
EVALUATION_DAG_PREFIX = "evaluation__"  # DAG evaluation__<id> evaluates it once approved (R-G3)


def evaluation_dag_id(decision_id: str) -> str:
    return f"{EVALUATION_DAG_PREFIX}{decision_id}"
