"""The only layer that imports Airflow: spec -> DAG, stage operators."""
