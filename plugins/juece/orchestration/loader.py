"""Build every launched decision's DAG; one bad spec never hides the others."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from airflow.sdk import DAG, get_parsing_context

from juece.orchestration.factory import build_dag
from juece.paths import specs_dir
from juece.spec.loader import load_spec_text

log = logging.getLogger(__name__)
DAG_PREFIX = "decision__"


def _invalid_specs_dag(errors: dict[str, str]) -> DAG:
    """A placeholder that fails DAG validation: the DAG processor reports the bad specs as
    this file's import error, while every valid decision's DAG is still bagged."""
    message = "\n\n".join(f"{path}:\n{text}" for path, text in sorted(errors.items()))

    class InvalidSpecs(DAG):
        def validate(self) -> None:
            raise ValueError(f"juece: {len(errors)} launched spec(s) cannot be built:\n{message}")

    return InvalidSpecs(dag_id="juece__invalid_specs", schedule=None, description="invalid juece specs")


def build_all(directory: Path | None = None) -> dict[str, DAG]:
    """DAGs of every spec in ``directory``; on a worker, only the DAG the task belongs to."""
    directory = directory or specs_dir()
    wanted = get_parsing_context().dag_id
    paths = sorted(directory.glob("*.yaml")) if directory.is_dir() else []
    if wanted and wanted.startswith(DAG_PREFIX):
        paths = [p for p in paths if p.stem == wanted.removeprefix(DAG_PREFIX)]
    elif wanted:
        paths = []  # a worker running another DAG (an evaluation) needs no decision DAG
    dags: dict[str, Any] = {}
    errors: dict[str, str] = {}
    for path in paths:
        try:
            spec = load_spec_text(path.read_text(encoding="utf-8"), str(path))
            if spec.id != path.stem:
                raise ValueError(f"the spec's id {spec.id!r} does not match its file name {path.name}")
            dags[spec.dag_id] = build_dag(spec)
        except Exception as exc:  # noqa: BLE001 - isolate each spec, report it below
            log.error("juece: cannot build %s: %s", path, exc)
            errors[str(path)] = str(exc)
    if errors:
        dags["juece__invalid_specs"] = _invalid_specs_dag(errors)
    return dags


