"""Post-decision evaluation (R-G3..R-G5) as DAG ``evaluation__<id>``, one per approved decision.

Its plan (written when the decision's run schedules the evaluation) gives the due date: the DAG
runs once then, and is triggered whenever complaints or the decision body ask (`juece complaint`,
`juece evaluate`). A run opens the evaluation, the evaluator answers (continue / adjust / stop),
an adjustment launches the linked amendment decision, and the archive is re-issued.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

from airflow.sdk import DAG, BaseOperator, TaskGroup, get_parsing_context
from airflow.sdk.exceptions import AirflowSkipException

from juece.adapters.store.ledger import Ledger
from juece.domain.stages import Stage, stage_label
from juece.orchestration.defaults import DEFAULT_ARGS
from juece.orchestration.hitl import DecisionTaskOperator
from juece.services.record import act_key, now, open_record
from juece.spec.dag_ids import EVALUATION_DAG_PREFIX, evaluation_dag_id

if TYPE_CHECKING:  # the evaluation's domain and services are imported when its tasks run
    from juece.spec.models import DecisionSpec

log = logging.getLogger(__name__)


class PlanEvaluationOperator(BaseOperator):
    """The decision's run records the evaluation plan (R-G2..R-G4) and writes it for the DAG file."""

    ui_color = "#e8f0fe"

    def __init__(self, *, decision_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id = decision_id

    def execute(self, context: Any) -> str | None:
        from juece.domain.evaluation import reports as evaluation
        from juece.services.evaluation import plan_of

        record = open_record(self.decision_id, Ledger())
        written = record.append(evaluation.schedule(record.spec, record.entries, now()), act_key(context))
        plan = plan_of(self.decision_id, written[-1]["data"])
        self.log.info("Evaluation plan: %s", plan or "none (the decision was not approved and published)")
        return plan["due_at"] if plan else None


class OpenEvaluationOperator(BaseOperator):
    """Take up the pending request (complaints, on demand) or, on the scheduled run, record one."""

    ui_color = "#e8f0fe"

    def __init__(self, *, decision_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id = decision_id

    def execute(self, context: Any) -> list[str]:
        from juece.domain.evaluation import reports as evaluation

        record = open_record(self.decision_id, Ledger())
        run = context["dag_run"]
        run_type = getattr(run, "run_type", "")
        scheduled = str(getattr(run_type, "value", run_type)).lower() == "scheduled"
        reason = (getattr(run, "conf", None) or {}).get("reason")
        acts = evaluation.open_evaluation(record.spec, record.entries, run.run_id, scheduled, reason)
        return [entry["hash"] for entry in record.append(acts, act_key(context))]


class EvaluatorTaskOperator(DecisionTaskOperator):
    """The evaluator's task: asked of the evaluator the opened evaluation names (R-G4)."""

    def execute(self, context: Any) -> Any:
        from juece.domain.evaluation.answers import opened

        record = open_record(self.decision_id, Ledger())
        if evaluation_ := opened(record.entries):
            self.assignee = evaluation_["data"]["evaluator"]
            self.assigned_users = [{"id": self.assignee, "name": self.assignee}]
        return super().execute(context)


class AmendOperator(BaseOperator):
    """R-G5: an `adjust` outcome launches the linked amendment decision; otherwise skipped."""

    ui_color = "#fce8e6"

    def __init__(self, *, decision_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id = decision_id

    def execute(self, context: Any) -> str:
        ledger = Ledger()
        from juece.domain.record.entries import latest
        from juece.services.evaluation import launch_amendment

        concluded = latest(open_record(self.decision_id, ledger).entries, "evaluation_concluded")
        if concluded is None or concluded["data"]["outcome"] != "adjust":
            raise AirflowSkipException("the evaluation did not conclude `adjust`: no amendment")
        amendment = launch_amendment(self.decision_id, act_key(context), ledger=ledger)
        self.log.info("Amendment decision %s launched and triggered", amendment)
        return amendment


class ReissueArchiveOperator(BaseOperator):
    ui_color = "#e6f4ea"

    def __init__(self, *, decision_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.decision_id = decision_id

    def execute(self, context: Any) -> str:
        from juece.services.evaluation import reissue_archive

        path = reissue_archive(self.decision_id, act_key(context), Ledger())
        self.log.info("Archive re-issued: %s", path)
        return str(path)


def build_evaluation_dag(spec: DecisionSpec, plan: dict[str, Any]) -> DAG:
    from juece.domain.record.clock import parse_time

    with DAG(
        dag_id=evaluation_dag_id(spec.id),
        description=f"决策后评估 Post-decision evaluation: {spec.title}",
        schedule="@once",  # the planned evaluation; complaints and on-demand runs are triggered
        start_date=parse_time(plan["effective_due_at"]),
        catchup=False,
        max_active_runs=1,
        is_paused_upon_creation=False,
        default_args=DEFAULT_ARGS,
        tags=["juece", "evaluation"],
        doc_md=f"### 决策后评估 {spec.title}\n计划 due {plan['due_at']} (R-G3)",
    ) as dag:
        with TaskGroup(Stage.POST_EVALUATION.value, tooltip=stage_label(Stage.POST_EVALUATION)):
            start = OpenEvaluationOperator(task_id="open", decision_id=spec.id)
            answer = EvaluatorTaskOperator(task_id="evaluate", decision_id=spec.id, form="evaluation",
                                           assignee=spec.stages.post_evaluation.evaluator)
            amend = AmendOperator(task_id="amend", decision_id=spec.id)
        with TaskGroup(Stage.ARCHIVE.value, tooltip=stage_label(Stage.ARCHIVE)):
            reissue = ReissueArchiveOperator(task_id="reissue", decision_id=spec.id, trigger_rule="none_failed")
        start >> answer >> amend >> reissue
    return dag


def build_evaluations() -> dict[str, DAG]:
    """DAG evaluation__<id> for every decision whose evaluation is asked for, open, finishing or
    due soon (``active_plans``), built from the launched spec in the record; on a worker, only
    its own."""
    wanted = get_parsing_context().dag_id
    if wanted and not wanted.startswith(EVALUATION_DAG_PREFIX):
        return {}
    only = wanted.removeprefix(EVALUATION_DAG_PREFIX) if wanted else None
    from juece.adapters.store.launched import launched_specs
    from juece.services.evaluation import active_plans, plans

    ledger = Ledger()
    scheduled = plans(ledger, only) if only else active_plans(ledger, now())
    specs, _ = launched_specs(ledger, list(scheduled)) if scheduled else ({}, {})
    dags: dict[str, DAG] = {}
    for decision_id, plan in scheduled.items():
        try:
            dags[evaluation_dag_id(decision_id)] = build_evaluation_dag(specs[decision_id], plan)
        except Exception as exc:  # noqa: BLE001 - one bad plan never hides the other DAGs
            log.error("juece: cannot build the evaluation of %s: %s", decision_id, exc)
    return dags
