"""DAG tests parse the real dags/ folder with a throwaway Airflow home; the operators run against
a real records DB with a launched decision (`launched`) and a task context of their own."""

from __future__ import annotations

import os
import tempfile
from types import SimpleNamespace
from typing import Any

import pytest

os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="juece-airflow-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")


def context(task_id: str) -> dict[str, Any]:
    return {"ti": SimpleNamespace(run_id="manual__test", task_id=task_id, map_index=-1, try_number=1)}


@pytest.fixture
def launched(juece_home):
    from juece.adapters.store.ledger import Ledger
    from juece.domain.record.acts import Act
    from juece.domain.stages import Stage
    from juece.spec import load_spec
    from tests.conftest import TEMPLATES

    spec = load_spec(TEMPLATES / "urban-planning.yaml")
    ledger = Ledger()
    ledger.append_many(spec.id, [Act(Stage.LAUNCH, "launched", "sponsor_office",
                                     {"spec": spec.model_dump(mode="json"), "clock_scale": 1})])
    return spec, ledger
