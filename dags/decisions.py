"""Every open decision becomes DAG decision__<id>, and every evaluation asked for, open or due soon
DAG evaluation__<id> (juece: airflow DAG glue)."""

from juece.orchestration.loader import build_all
from juece.orchestration.stages.evaluation import build_evaluations

globals().update(build_all())
globals().update(build_evaluations())
