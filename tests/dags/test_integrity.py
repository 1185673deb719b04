"""DAG integrity: every template becomes a DAG with the statutory shape (R-A2)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from tests.conftest import REPO, TEMPLATES

STAGE_GROUPS = ["public_participation", "expert_review", "risk_assessment", "legality_review",
                "collective_deliberation", "publication", "archive", "post_evaluation"]
TEMPLATE_FILES = sorted(TEMPLATES.glob("*.yaml"))


def launch_specs(home: Path, *specs: dict | Path) -> None:
    """Record each spec's `launched` entry, as `juece launch` does (the panel draw is left out: the
    DAG's shape does not depend on who sits in the seats)."""
    from juece.adapters.store.ledger import Ledger
    from juece.domain.record.acts import Act
    from juece.domain.record.ledger import sha256_text
    from juece.spec.loader import load_spec_text

    for spec in specs:
        text = spec.read_text(encoding="utf-8") if isinstance(spec, Path) else yaml.safe_dump(spec, allow_unicode=True)
        model = load_spec_text(text, str(spec) if isinstance(spec, Path) else "spec.yaml")
        data = {"spec": model.model_dump(mode="json"), "spec_sha256": sha256_text(text), "spec_text": text}
        Ledger().append(model.id, Act("launch", "launched", "sponsor_office", data))


def tamper_launched(decision_id: str, change) -> None:
    """Change a `launched` entry's data in the records DB behind the ledger's back."""
    import json

    from sqlalchemy import update

    from juece.adapters.store.db import get_engine, ledger_entries

    with get_engine().begin() as conn:
        row = conn.execute(ledger_entries.select().where(ledger_entries.c.decision_id == decision_id,
                                                         ledger_entries.c.kind == "launched")).one()
        data = json.loads(row.data)
        change(data)
        conn.execute(update(ledger_entries).where(ledger_entries.c.id == row.id).values(data=json.dumps(data)))


def dagbag():
    """The decisions' DAG file (archive_fixity, in its own file, has its own test)."""
    from airflow.dag_processing.dagbag import DagBag

    return DagBag(dag_folder=str(REPO / "dags" / "decisions.py"))


def template(name: str) -> dict:
    return yaml.safe_load((TEMPLATES / name).read_text(encoding="utf-8"))


def test_every_template_becomes_a_dag_without_import_errors(juece_home: Path) -> None:
    launch_specs(juece_home, *TEMPLATE_FILES)
    bag = dagbag()
    assert bag.import_errors == {}
    assert len(bag.dags) == len(TEMPLATE_FILES)
    assert all(dag_id.startswith("decision__") for dag_id in bag.dags)


@pytest.mark.parametrize("path", TEMPLATE_FILES, ids=[p.stem for p in TEMPLATE_FILES])
def test_each_dag_has_the_stage_groups_in_statutory_order(juece_home: Path, path: Path) -> None:
    launch_specs(juece_home, path)
    dag = next(iter(dagbag().dags.values()))
    groups = {task.task_id.split(".")[0] for task in dag.tasks if "." in task.task_id}
    assert set(STAGE_GROUPS) <= groups
    launch = dag.get_task("launch")
    assert {t.split(".")[0] for t in launch.downstream_task_ids} == set(STAGE_GROUPS[:3])
    gate = dag.get_task("legality_review.gate")
    assert gate.downstream_task_ids == {"collective_deliberation.materials", "legality_review.closed"}
    submission = dag.get_task("legality_review.submission")
    assert {t.split(".")[0] for t in submission.upstream_task_ids} == set(STAGE_GROUPS[:3])


def test_people_act_through_their_own_hitl_tasks(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    dag = next(iter(dagbag().dags.values()))
    seats = [t for t in dag.tasks if re.match(r"expert_review\.(seat|reserve)_\d+$", t.task_id)]
    assert len(seats) == 7 + 2  # an important plan's panel of 7 (R-C5), two reserve seats
    for seat in seats:  # who sits there is read from the recorded draw when the task runs
        assert f"expert_review.sign_{seat.task_id.split('.')[1]}" in seat.downstream_task_ids
    close = dag.get_task("expert_review.close_panel")
    assert {t for t in close.upstream_task_ids} == {f"expert_review.sign_{s.task_id.split('.')[1]}" for s in seats}
    assert dag.get_task("expert_review.dispose_opinions").upstream_task_ids == {"expert_review.close_panel"}
    assert dag.get_task("expert_review.await_reserve_1").downstream_task_ids == {"expert_review.reserve_1"}
    head = dag.get_task("collective_deliberation.head_decision")
    views = [t for t in dag.tasks if t.task_id.startswith("collective_deliberation.view__")]
    assert {v.task_id for v in views} <= head.upstream_task_ids  # the head speaks last (R-F2)


def test_a_stage_marked_not_applicable_still_runs_as_a_recorded_step(juece_home: Path) -> None:
    spec = template("urban-planning.yaml")
    spec["stages"]["expert_review"] = {"applicable": False, "not_applicable_reason": "不涉及专业技术问题"}
    launch_specs(juece_home, spec)
    dag = next(iter(dagbag().dags.values()))
    stage_tasks = [t.task_id for t in dag.tasks if t.task_id.startswith("expert_review.")]
    assert stage_tasks == ["expert_review.not_applicable"]


def test_a_spec_changed_in_the_records_db_after_launch_is_a_named_import_error_and_the_others_load(
        juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml", TEMPLATES / "price-hearing.yaml")

    def change_the_head(data: dict) -> None:
        data["spec"]["stages"]["collective_deliberation"]["head"] = "member_1"

    tamper_launched("yanshou-2027-water-price", change_the_head)
    bag = dagbag()
    assert list(bag.dags) == ["decision__yanshou-2027-urban-001"]
    (message,) = bag.import_errors.values()
    assert "yanshou-2027-water-price" in message and "does not match its hash" in message
    assert "yanshou-2027-urban-001" not in message


def test_a_spec_text_that_does_not_match_the_launched_hash_is_refused(juece_home: Path) -> None:
    from juece.adapters.store.ledger import Ledger
    from juece.domain.record.errors import RecordError
    from juece.domain.record.launch import launched_spec
    from juece.domain.record.ledger import entry_hash

    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    entry = Ledger().latest("yanshou-2027-urban-001", "launched")
    entry["data"]["spec_text"] += "\n# edited after launch\n"
    entry["hash"] = entry_hash(entry["prev_hash"], entry)  # even with the entry's hash made to match
    with pytest.raises(RecordError, match="spec text"):
        launched_spec(entry)


def test_no_file_beside_the_record_is_read_to_build_a_dag(juece_home: Path) -> None:
    folder = juece_home / "specs"
    folder.mkdir(parents=True)
    shutil.copy(TEMPLATES / "urban-planning.yaml", folder / "yanshou-2027-urban-001.yaml")
    bag = dagbag()
    assert (list(bag.dags), bag.import_errors) == ([], {})


def test_a_worker_parses_only_the_dag_it_runs(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    launch_specs(juece_home, *TEMPLATE_FILES)
    monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", "decision__yanshou-2027-hospital")
    assert list(dagbag().dags) == ["decision__yanshou-2027-hospital"]


def test_a_hearing_is_announced_held_and_signed_by_every_participant_before_dispositions(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "price-hearing.yaml")
    dag = next(iter(dagbag().dags.values()))
    spec = template("price-hearing.yaml")
    users = [p["user"] for p in spec["stages"]["public_participation"]["hearing"]["participants"]]
    signatures = {f"public_participation.sign__{user}" for user in users}
    assert dag.get_task("public_participation.publish_notice").downstream_task_ids >= {
        "public_participation.announce_hearing"}
    assert dag.get_task("public_participation.hearing_record").downstream_task_ids == signatures
    assert signatures <= dag.get_task("public_participation.dispose_comments").upstream_task_ids
    signer = dag.get_task(f"public_participation.sign__{users[0]}")
    assert signer.assigned_users == [{"id": users[0], "name": users[0]}]
