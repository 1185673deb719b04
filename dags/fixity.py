"""The daily archive fixity check, DAG archive_fixity (juece: airflow DAG glue)."""

from juece.orchestration.housekeeping.fixity import build_fixity

globals().update(build_fixity())
