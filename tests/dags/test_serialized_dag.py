"""What the dag-processor stores of a decision's DAG: the tasks' shape, not the texts and form
fields a person's task gives Airflow when it asks (orchestration/forms.py)."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TEMPLATES
from tests.dags.test_integrity import dagbag, launch_specs

URBAN = "decision__yanshou-2027-urban-001"


def test_a_serialized_task_carries_no_subject_body_or_form_fields(juece_home: Path) -> None:
    from airflow.providers.standard.operators.hitl import HITLOperator
    from airflow.serialization.serialized_objects import DagSerialization

    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    dag = dagbag().dags[URBAN]
    serialized = {task["__var"]["task_id"]: task["__var"] for task in DagSerialization.to_dict(dag)["dag"]["tasks"]}
    people = [task for task in dag.tasks if isinstance(task, HITLOperator)]
    assert len(people) > 40
    for task in people:
        stored = serialized[task.task_id]
        assert stored["template_fields"] == []
        assert not {"subject", "body", "params", "options", "assigned_users"} & set(stored)
        assert task.subject and task.options  # what the HITL request is given when the task asks


def test_a_persons_task_still_asks_with_its_subject_and_options(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    review = dagbag().dags[URBAN].get_task("legality_review.review")
    assert review.subject == "合法性审查 Legality review"
    assert list(review.options) == ["合法 Lawful", "需修改 Needs revision", "不合法 Unlawful"]
    assert review.assigned_users == [{"id": "legality_reviewer", "name": "legality_reviewer"}]
