"""The stages of a decision as Airflow tasks, one module per chapter of the statute (R-B .. R-G)."""
