"""The meeting's tasks by id, named once here for the DAG (orchestration/stages/deliberation.py),
the meeting's pages (services/meeting_pages.py) and the notices' links (domain/notices/links.py):
the secretary convenes, each member other than the head states a view in a task of their own, the
head speaks last and decides (R-F2, R-F3)."""

from __future__ import annotations

from juece.domain.stages import Stage

CONVENE, HEAD_DECISION, VIEW_PREFIX = "convene", "head_decision", "view__"
STAGE = Stage.COLLECTIVE_DELIBERATION.value


def view_task(member: str) -> str:
    """The task in which ``member`` states a view, within the stage."""
    return f"{VIEW_PREFIX}{member}"


def in_stage(task: str) -> str:
    """The task's id in the DAG: under the stage's task group."""
    return f"{STAGE}.{task}"
