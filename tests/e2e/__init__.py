"""Browser tests: the portal in real headless Chromium against a real `airflow standalone`."""
