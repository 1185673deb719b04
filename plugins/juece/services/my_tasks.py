"""A person's own waiting tasks, from Airflow's list of HITL tasks no one has answered: only those
assigned to the person (Airflow lists every task a user may read, an expert's list included the
risk assessor's), each with its decision's title, what it asks, since when and where to answer
it: juece's own page for the task where it has one (domain/notices/links.py), else Airflow's."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from juece.domain.notices.links import task_link
from juece.spec.dag_ids import DECISION_DAG_PREFIX, EVALUATION_DAG_PREFIX

WAITING_STATES = ("awaiting_input", "deferred")


@dataclass(frozen=True)
class MyTask:
    dag_id: str
    decision_id: str
    title: str
    subject: str
    since: str  # when the task began to wait (UTC, ISO 8601)
    link: str


def decision_of(dag_id: str) -> str:
    for prefix in (DECISION_DAG_PREFIX, EVALUATION_DAG_PREFIX):
        if dag_id.startswith(prefix):
            return dag_id.removeprefix(prefix)
    return dag_id


def mine(details: list[dict[str, Any]], user: str, titles: dict[str, str], airflow_url: str) -> list[MyTask]:
    """The details assigned to ``user`` and still waiting, oldest first."""
    found = []
    for detail in details:
        task = detail.get("task_instance") or {}
        assigned = {str(one.get("id")) for one in detail.get("assigned_users") or [] if isinstance(one, dict)}
        if user not in assigned or task.get("state") not in WAITING_STATES:
            continue
        dag_id, decision_id = str(task.get("dag_id", "")), decision_of(str(task.get("dag_id", "")))
        link = task_link(airflow_url, dag_id, str(task.get("dag_run_id", "")), str(task.get("task_id", "")),
                         int(task.get("map_index", -1)))
        found.append(MyTask(dag_id, decision_id, titles.get(decision_id, decision_id), str(detail.get("subject", "")),
                            str(detail.get("created_at", "")), link))
    return sorted(found, key=lambda one: one.since)
