"""The shape every housekeeping DAG of juece shares: one task, once a day, no catching up, never
paused, built only when the file is parsed for it (a worker running another DAG skips it). Their
default task arguments are DAILY_ARGS unless a DAG passes its own."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from airflow.sdk import DAG, BaseOperator, get_parsing_context

from juece.domain.record.workdays import CHINA
from juece.orchestration.defaults import DAILY_ARGS


def daily_dag(dag_id: str, operator: type[BaseOperator], task_id: str, *, description: str, tags: list[str],
              default_args: dict[str, Any] = DAILY_ARGS, doc_md: str | None = None) -> dict[str, DAG]:
    """``{dag_id: DAG}`` with ``operator`` as its one task; ``{}`` on a worker parsing for another DAG."""
    wanted = get_parsing_context().dag_id
    if wanted and wanted != dag_id:
        return {}
    with DAG(dag_id=dag_id, description=description, schedule="@daily",
             start_date=datetime(2025, 1, 1, tzinfo=CHINA), catchup=False, max_active_runs=1,
             is_paused_upon_creation=False, default_args=default_args, tags=["juece", *tags],
             doc_md=doc_md) as dag:
        operator(task_id=task_id)
    return {dag_id: dag}
