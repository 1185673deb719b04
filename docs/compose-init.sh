#!/bin/sh
# The juece records database, apart from Airflow's metadata (which is routinely purged). Its
# password comes from the environment (JUECE_DB_PASSWORD), never from this file.
set -eu
psql -v ON_ERROR_STOP=1 -v password="$JUECE_DB_PASSWORD" --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" <<'SQL'
CREATE USER juece WITH PASSWORD :'password';
CREATE DATABASE juece OWNER juece;
SQL
