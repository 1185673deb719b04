"""A hearing with public sign-up (公开报名, R-B6): after the announcement the DAG waits for sign-up
to close, fills the public seats as a recorded step, and only then issues the materials; a hearing
without it keeps its shape."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TEMPLATES
from tests.dags.test_integrity import dagbag, launch_specs, template

PP = "public_participation."


def test_the_public_seats_are_filled_after_signup_closes_and_before_the_materials(juece_home: Path) -> None:
    spec = template("price-hearing.yaml")
    spec["stages"]["public_participation"]["hearing"]["public_signup"] = {
        "closes_at": "2027-02-28T18:00:00+08:00", "seats": 3, "method": "lottery"}
    launch_specs(juece_home, spec)
    dag = next(iter(dagbag().dags.values()))
    assert dag.get_task(PP + "announce_hearing").downstream_task_ids == {PP + "hearing_signup_closes"}
    closes = dag.get_task(PP + "hearing_signup_closes")
    assert (closes.kind, closes.field, closes.rule) == ("hearing_announced", "signup.effective_closes_at", "R-B6")
    assert closes.downstream_task_ids == {PP + "hearing_seats"}
    assert dag.get_task(PP + "hearing_seats").step == "hearing_seats"
    assert dag.get_task(PP + "hearing_seats").downstream_task_ids == {PP + "hearing_materials"}


def test_a_hearing_without_public_signup_keeps_its_shape(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "price-hearing.yaml")
    dag = next(iter(dagbag().dags.values()))
    assert dag.get_task(PP + "announce_hearing").downstream_task_ids == {PP + "hearing_materials"}
    assert not dag.has_task(PP + "hearing_seats")
