"""Links into Airflow's UI: a human task's Required-actions page, a decision's run; and the juece
page where a task has one of its own (the announcement's review, R-G1; the risk register, R-D2)."""

from __future__ import annotations

from urllib.parse import quote

from juece.domain.record.entries import Entries, latest
from juece.domain.record.kinds import Kind
from juece.domain.risk.rounds import MAX_ROUNDS, assessor_task_ids
from juece.domain.stages import Stage
from juece.spec.dag_ids import DECISION_DAG_PREFIX

# tasks answered on a page of juece's own (which links on to Airflow's): task id -> the page's path
RISK_PAGE = "/juece/tasks/decisions/{decision_id}/risk"
OWN_PAGES = {"publication.review_announcement": "/juece/office/decisions/{decision_id}/announcement",
             # each round of the risk register (R-D2..R-D4)
             **dict.fromkeys(assessor_task_ids(MAX_ROUNDS, Stage.RISK_ASSESSMENT.value), RISK_PAGE)}


def task_link(base_url: str, dag_id: str, run_id: str, task_id: str, map_index: int = -1) -> str:
    """Where the task's assignee answers: juece's own page for the task where it has one, else the
    task's Required-actions page in Airflow."""
    if task_id in OWN_PAGES and dag_id.startswith(DECISION_DAG_PREFIX):
        decision_id = quote(dag_id.removeprefix(DECISION_DAG_PREFIX), safe="")
        return base_url.rstrip("/") + OWN_PAGES[task_id].format(decision_id=decision_id)
    run = f"{base_url.rstrip('/')}/dags/{quote(dag_id, safe='')}/runs/{quote(run_id, safe='')}"
    return f"{run}/tasks/{quote(task_id, safe='')}/required_actions?map_index={map_index}"


def run_link(base_url: str, entries: Entries) -> str:
    """The decision's workflow run; before a run starts, Airflow's list of required actions."""
    started = latest(entries, Kind.WORKFLOW_STARTED)
    data = started["data"] if started else {}
    dag_id, run_id = str(data.get("dag_id") or ""), str(data.get("run_id") or "")
    if not (dag_id and run_id):
        return f"{base_url.rstrip('/')}/required_actions"
    return f"{base_url.rstrip('/')}/dags/{quote(dag_id, safe='')}/runs/{quote(run_id, safe='')}"
