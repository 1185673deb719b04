"""juece (决策): major administrative decisions run on Apache Airflow."""

__version__ = "0.1.0"
