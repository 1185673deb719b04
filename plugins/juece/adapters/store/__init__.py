"""The records database (SQLAlchemy): SQLite by default, PostgreSQL by JUECE_RECORDS_URL."""
