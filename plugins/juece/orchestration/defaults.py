"""The default task arguments of juece's DAGs, defined once: a decision's DAG and its evaluation's
share DEFAULT_ARGS, the daily housekeeping DAGs DAILY_ARGS; a DAG that needs otherwise overrides
them where it is built."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

DEFAULT_ARGS: dict[str, Any] = {"retries": 2, "retry_delay": timedelta(seconds=10)}
DAILY_ARGS: dict[str, Any] = {"retries": 1, "retry_delay": timedelta(minutes=5)}
