"""Operators run here against a records DB of their own, with a throwaway Airflow home and no
Airflow scheduler or API: only the HITL request itself (HITLOperator.execute) is stood in for."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("AIRFLOW_HOME", tempfile.mkdtemp(prefix="juece-airflow-"))
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
