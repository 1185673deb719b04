"""The risk assessor's tasks of the stage, by id: one for each round (R-D4: at most ``max_rounds``,
never more than MAX_ROUNDS), named once here for the DAG (orchestration/stages/risk.py), the
register's page (services/risk_register.py) and the notices' links (domain/notices/links.py)."""

from __future__ import annotations

MAX_ROUNDS = 5  # spec/reviews.py RiskAssessment.max_rounds: le=5


def assessor_task_ids(max_rounds: int, group: str = "") -> list[str]:
    """assess, reassess_1, ... reassess_<max_rounds - 1>, each under ``group`` when given."""
    ids = ["assess", *(f"reassess_{n}" for n in range(1, max_rounds))]
    return [f"{group}.{one}" for one in ids] if group else ids
