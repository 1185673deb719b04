"""Links into Airflow's UI: a human task's Required-actions page, a decision's run."""

from __future__ import annotations

from urllib.parse import quote

from juece.domain.record.entries import Entries, latest
from juece.domain.record.kinds import Kind


def task_link(base_url: str, dag_id: str, run_id: str, task_id: str, map_index: int = -1) -> str:
    """The task's Required-actions page, where its assignee answers."""
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
