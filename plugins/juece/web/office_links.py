"""Where the sponsor office's page leads: the Airflow task that takes the dispositions, the public
decision page and the adoption report; and whether the Airflow task still awaits submission."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from fastapi import Request

from juece.adapters.store.ledger import Ledger
from juece.domain.stages import Stage

DISPOSE_TASK = f"{Stage.PUBLIC_PARTICIPATION.value}.dispose_comments"


def airflow_root(request: Request) -> str:
    """Airflow's UI, at the root of the origin the juece plugin is mounted under (``/juece``)."""
    root = request.scope.get("root_path", "").rstrip("/")
    return root.rsplit("/", 1)[0] if root else ""


def run_url(request: Request, ledger: Ledger, decision_id: str) -> str | None:
    """The decision's workflow run in Airflow's UI; None before a run starts."""
    started = ledger.latest(decision_id, "workflow_started")
    if started is None:
        return None
    data = started["data"]
    dag_id, run_id = str(data.get("dag_id") or decision_id), str(data.get("run_id") or "")
    if not run_id:
        return None
    return f"{airflow_root(request)}/dags/{quote(dag_id, safe='')}/runs/{quote(run_id, safe='')}"


def dispose_task_url(request: Request, ledger: Ledger, decision_id: str) -> str | None:
    """The Required-actions page of the decision run's disposition task; None before a run starts."""
    run = run_url(request, ledger, decision_id)
    return f"{run}/tasks/{DISPOSE_TASK}/required_actions?map_index=-1" if run else None


def office_links(request: Request, ledger: Ledger, decision_id: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's links, and ``awaiting``: every comment disposed of but no adoption report
    recorded yet, so the task in Airflow still has to be submitted (R-B4, R-B5)."""
    reported = ledger.latest(decision_id, "adoption_report", Stage.PUBLIC_PARTICIPATION) is not None
    closed = ledger.latest(decision_id, "comments_closed") is not None  # with no comment, the task runs all the same
    disposed = (bool(rows) or closed) and all(row.get("disposition") for row in rows)
    return {"task_url": dispose_task_url(request, ledger, decision_id), "reported": reported,
            "awaiting": disposed and not reported, "noticed": ledger.latest(decision_id, "notice_published") is not None}
