"""The statute and the record, with no framework inside (no Airflow, no SQLAlchemy)."""
