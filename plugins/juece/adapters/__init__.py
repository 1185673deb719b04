"""What juece talks to outside itself: the records database (`store`), the archive renderer (`reporting`), the object store of archive files, Airflow's REST API."""
