-- The juece records database, apart from Airflow's metadata (which is routinely purged).
CREATE USER juece WITH PASSWORD 'juece';
CREATE DATABASE juece OWNER juece;
