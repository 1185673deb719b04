"""The demo and the integration tests: a real `airflow standalone`, people answering through its API."""
