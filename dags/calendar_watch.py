"""The daily holiday-schedule watch, DAG calendar_watch (juece: airflow DAG glue)."""

from juece.orchestration.housekeeping.calendar_watch import build_calendar_watch

globals().update(build_calendar_watch())
