"""The daily personal-data retention, DAG personal_data_retention (juece: airflow DAG glue)."""

from juece.orchestration.housekeeping.retention import build_retention

globals().update(build_retention())
