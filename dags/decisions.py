"""Every launched decision becomes DAG decision__<id> (juece: airflow DAG glue)."""

from juece.orchestration.loader import build_all

globals().update(build_all())
