"""A province's DAG file builds the open decisions only: a decision whose run ended a week ago is
left out (Airflow keeps its history), a worker still gets the DAG of the task it runs, and each
built DAG is kept between parses under a key of its launched entry and the code."""

from __future__ import annotations

from pathlib import Path

import pytest

from juece.adapters.store.ledger import Ledger
from juece.domain.record.acts import Act
from tests.conftest import TEMPLATES
from tests.dags.test_integrity import dagbag, launch_specs, tamper_launched

URBAN = "yanshou-2027-urban-001"


def run_ended(decision_id: str) -> None:
    """The last step of the decision's run: the evaluation scheduled (R-G2)."""
    Ledger().append(decision_id, Act("post_evaluation", "evaluation_scheduled", "juece", {"applies": False}))


@pytest.fixture
def a_week_later(monkeypatch: pytest.MonkeyPatch) -> None:
    """Parse with a run counted closed as soon as it ended (JUECE_CLOSED_AFTER_HOURS=0)."""
    monkeypatch.setenv("JUECE_CLOSED_AFTER_HOURS", "0")


def test_a_decision_whose_run_ended_a_week_ago_is_left_out_and_the_open_ones_stay(
        juece_home: Path, a_week_later: None) -> None:
    launch_specs(juece_home, *sorted(TEMPLATES.glob("*.yaml")))
    before = set(dagbag().dags)
    run_ended(URBAN)
    after = set(dagbag().dags)
    assert before - after == {f"decision__{URBAN}"} and len(after) == len(before) - 1


def test_a_run_that_ended_today_keeps_its_dag(juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    run_ended(URBAN)
    assert list(dagbag().dags) == [f"decision__{URBAN}"]  # an administrator may still re-run its last step


def test_a_worker_gets_a_closed_decisions_dag(juece_home: Path, a_week_later: None,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    run_ended(URBAN)
    monkeypatch.setenv("_AIRFLOW_PARSING_CONTEXT_DAG_ID", f"decision__{URBAN}")
    assert list(dagbag().dags) == [f"decision__{URBAN}"]


def test_the_kept_dag_is_the_built_one_and_unused_copies_are_removed(juece_home: Path, a_week_later: None) -> None:
    from airflow.serialization.serialized_objects import DagSerialization

    from juece.orchestration.dag_cache import cache_dir

    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml", TEMPLATES / "price-hearing.yaml")
    built = {dag_id: DagSerialization.to_dict(dag)["dag"]["tasks"] for dag_id, dag in dagbag().dags.items()}
    assert len(list(cache_dir().glob("*.pickle"))) == 2
    kept = {dag_id: DagSerialization.to_dict(dag)["dag"]["tasks"] for dag_id, dag in dagbag().dags.items()}
    assert kept == built
    run_ended(URBAN)
    assert list(dagbag().dags) == ["decision__yanshou-2027-water-price"]
    assert len(list(cache_dir().glob("*.pickle"))) == 1


def test_a_launched_entry_changed_behind_the_ledgers_back_is_refused_even_when_its_dag_was_kept(
        juece_home: Path) -> None:
    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    assert dagbag().import_errors == {}
    tamper_launched(URBAN, lambda data: data["spec"].update(title="改过的标题"))
    bag = dagbag()
    assert f"decision__{URBAN}" not in bag.dags
    assert any("juece" in error for error in bag.import_errors.values())


def test_a_damaged_copy_is_built_again(juece_home: Path) -> None:
    from juece.orchestration.dag_cache import cache_dir

    launch_specs(juece_home, TEMPLATES / "urban-planning.yaml")
    dagbag()
    for path in cache_dir().glob("*.pickle"):
        path.write_bytes(path.read_bytes()[:100])
    bag = dagbag()
    assert list(bag.dags) == [f"decision__{URBAN}"] and len(bag.dags[f"decision__{URBAN}"].tasks) > 40
