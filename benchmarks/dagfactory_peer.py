"""The peer of the parse benchmark: dag-factory 1.1.0 YAML with the shape and arguments of a juece
DAG (task ids, groups, upstream lists, trigger rules, retries, texts), one file per decision."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "templates" / "urban-planning.yaml"
MARK = "BENCHIDMARK"  # stands for the decision id in the dag-factory YAML template
STD = "airflow.providers.standard.operators"
DAGFACTORY_FILE = '''"""dag-factory generator (airflow DAG file) for the juece parse benchmark."""
from dagfactory import load_yaml_dags

load_yaml_dags(globals_dict=globals(), dags_folder={folder!r}, defaults_config_path={folder!r})
'''



def decision_id(i: int) -> str:
    return f"bench-{i:05d}"


def rule(task: Any) -> str:
    return str(getattr(task.trigger_rule, "value", task.trigger_rule))


def hitl_task(op: Any, with_params: bool) -> dict[str, Any]:
    """A person's task; its form fields (JSON-schema Params) only with --df-params."""
    conf = {"operator": f"{STD}.hitl.HITLOperator", "subject": op.subject,
            "options": list(op.options), "assigned_users": op.assigned_users}
    if with_params:
        op.attach_fields()  # juece gives a task its form fields when it asks (orchestration/forms.py)
        conf["params"] = {name: {"__type__": "airflow.sdk.Param", "default": param.value,
                                 "description": param.description, **param.schema}
                          for name, param in op.params.items()}
    return conf


def step_task(op: Any) -> dict[str, Any]:
    """An automated juece step as a PythonOperator carrying the same arguments."""
    name = type(op).__name__
    if name == "EmptyOperator":
        return {"operator": f"{STD}.empty.EmptyOperator"}
    if name == "LegalityGateOperator":  # a branch: builtins.str returns the branch it is given
        return {"operator": f"{STD}.python.BranchPythonOperator", "python_callable": "builtins.str",
                "op_args": [op.pass_to]}
    kwargs = {"decision_id": MARK, **({"step": op.step} if hasattr(op, "step") else {})}
    return {"operator": f"{STD}.python.PythonOperator", "python_callable": "builtins.dict",
            "op_kwargs": kwargs}


def dagfactory_template(dag: Any, with_params: bool) -> dict[str, Any]:
    """A dag-factory config with the shape and arguments of one juece DAG (id -> MARK)."""
    from airflow.providers.standard.operators.hitl import HITLOperator

    short = {t.task_id: t.task_id.rsplit(".", 1)[-1] for t in dag.tasks}
    assert len(set(short.values())) == len(short), "dag-factory needs task names unique per DAG"
    groups = {gid: {"tooltip": g.tooltip} for gid, g in dag.task_group.children.items()
              if hasattr(g, "children")}
    tasks: dict[str, Any] = {}
    for t in dag.tasks:
        person = isinstance(t, HITLOperator) and not hasattr(t, "step")  # a step waits only for a calendar
        conf = hitl_task(t, with_params) if person else step_task(t)
        if t.task_group is not None and t.task_group.group_id:
            conf["task_group_name"] = t.task_group.group_id
        if t.retries != dag.default_args["retries"]:
            conf["retries"] = t.retries
        if rule(t) != "all_success":
            conf["trigger_rule"] = rule(t)
        if t.upstream_task_ids:
            conf["dependencies"] = sorted(short[u] for u in t.upstream_task_ids)
        tasks[short[t.task_id]] = conf
    delay = dag.default_args["retry_delay"].total_seconds()
    config = {
        "description": dag.description, "schedule": None, "start_date": "2026-01-01",
        "catchup": dag.catchup, "max_active_runs": dag.max_active_runs,
        "default_args": {"retries": dag.default_args["retries"],
                         "retry_delay": {"__type__": "datetime.timedelta", "seconds": delay}},
        "tags": sorted(dag.tags), "doc_md": dag.doc_md, "task_groups": groups, "tasks": tasks,
    }
    return {dag.dag_id.replace(decision_id(1), MARK): config}


def write_dagfactory(base: Path, n: int, with_params: bool) -> Path:
    """N dag-factory YAML files, one per decision, and the DAG file that loads them."""
    import yaml

    from juece.orchestration.factory import build_dag
    from juece.spec.loader import load_spec_text

    sample = build_dag(load_spec_text(re.sub(r"^id: .*$", f"id: {decision_id(1)}", TEMPLATE.read_text(
        encoding="utf-8"), count=1, flags=re.MULTILINE), decision_id(1)))
    text = yaml.safe_dump(dagfactory_template(sample, with_params), allow_unicode=True, sort_keys=False)
    yaml_dir, dags_dir = base / "dagfactory_yaml", base / "dagfactory_dags"
    yaml_dir.mkdir()
    dags_dir.mkdir()
    for i in range(1, n + 1):
        did = decision_id(i)
        (yaml_dir / f"decision__{did}.yaml").write_text(text.replace(MARK, did), encoding="utf-8")
    dag_file = dags_dir / "dagfactory_decisions.py"
    dag_file.write_text(DAGFACTORY_FILE.format(folder=str(yaml_dir)), encoding="utf-8")
    return dag_file
