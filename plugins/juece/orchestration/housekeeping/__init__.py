"""The daily housekeeping DAGs: archive fixity, the calendar watch, personal-data retention, notices."""
