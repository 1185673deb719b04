"""The juece portal and API, served by Airflow's API server as a plugin app under /juece."""
