"""The daily reminders, escalations and digests of human tasks, DAG notices_daily (juece: airflow DAG glue)."""

from juece.orchestration.housekeeping.notices import build_notices

globals().update(build_notices())
