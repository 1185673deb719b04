"""Links into Airflow's UI: a human task's Required-actions page, a decision's run; and the juece
page where a task has one of its own (the announcement's review, R-G1; the risk register, R-D2; the
legality review, R-E4)."""

from __future__ import annotations

from urllib.parse import quote

from juece.domain.deliberation.tasks import CONVENE, HEAD_DECISION, VIEW_PREFIX, in_stage
from juece.domain.legality.findings import MAX_ROUNDS as LEGALITY_ROUNDS
from juece.domain.legality.findings import reviewer_task_ids
from juece.domain.record.entries import Entries, latest
from juece.domain.record.kinds import Kind
from juece.domain.risk.rounds import MAX_ROUNDS, assessor_task_ids
from juece.domain.stages import Stage
from juece.spec.dag_ids import DECISION_DAG_PREFIX

# tasks answered on a page of juece's own (which links on to Airflow's): task id -> the page's path
RISK_PAGE = "/juece/tasks/decisions/{decision_id}/risk"
LEGALITY_PAGE = "/juece/tasks/decisions/{decision_id}/legality"
MEETING_PAGE = "/juece/tasks/decisions/{decision_id}/meeting"
OWN_PAGES = {"publication.review_announcement": "/juece/office/decisions/{decision_id}/announcement",
             # each round of the risk register (R-D2..R-D4)
             **dict.fromkeys(assessor_task_ids(MAX_ROUNDS, Stage.RISK_ASSESSMENT.value), RISK_PAGE),
             # each review of the legality review (R-E4), the first and every review of a revised draft
             **dict.fromkeys(reviewer_task_ids(LEGALITY_ROUNDS, Stage.LEGALITY_REVIEW.value), LEGALITY_PAGE),
             # the experts' opinions, disposed of with reasons (R-C6)
             f"{Stage.EXPERT_REVIEW.value}.dispose_opinions": "/juece/office/decisions/{decision_id}/opinions",
             # the meeting (R-F2, R-F4): the secretary's convening and the head's decision
             in_stage(CONVENE): MEETING_PAGE, in_stage(HEAD_DECISION): MEETING_PAGE + "/decision"}
# tasks one per person, their ids made of a prefix and the person's: each member's own view (R-F3)
OWN_PAGE_PREFIXES = {in_stage(VIEW_PREFIX): MEETING_PAGE + "/views/{person}"}


def task_link(base_url: str, dag_id: str, run_id: str, task_id: str, map_index: int = -1) -> str:
    """Where the task's assignee answers: juece's own page for the task where it has one, else the
    task's Required-actions page in Airflow."""
    page = own_page(task_id)
    if page is not None and dag_id.startswith(DECISION_DAG_PREFIX):
        decision_id = quote(dag_id.removeprefix(DECISION_DAG_PREFIX), safe="")
        return base_url.rstrip("/") + page.replace("{decision_id}", decision_id)
    run = f"{base_url.rstrip('/')}/dags/{quote(dag_id, safe='')}/runs/{quote(run_id, safe='')}"
    return f"{run}/tasks/{quote(task_id, safe='')}/required_actions?map_index={map_index}"


def own_page(task_id: str) -> str | None:
    """The path of juece's own page for the task (``{decision_id}`` still to fill), or None."""
    if task_id in OWN_PAGES:
        return OWN_PAGES[task_id]
    for prefix, page in OWN_PAGE_PREFIXES.items():
        if task_id.startswith(prefix) and len(task_id) > len(prefix):
            return page.replace("{person}", quote(task_id.removeprefix(prefix), safe=""))
    return None


def run_link(base_url: str, entries: Entries) -> str:
    """The decision's workflow run; before a run starts, Airflow's list of required actions."""
    started = latest(entries, Kind.WORKFLOW_STARTED)
    data = started["data"] if started else {}
    dag_id, run_id = str(data.get("dag_id") or ""), str(data.get("run_id") or "")
    if not (dag_id and run_id):
        return f"{base_url.rstrip('/')}/required_actions"
    return f"{base_url.rstrip('/')}/dags/{quote(dag_id, safe='')}/runs/{quote(run_id, safe='')}"
