"""The `juece` command: one module per command group, each with `register(sub)`; `main` parses and maps errors to exit codes.

Beside them: `exits` (the exit codes, `Invalid`), `columns` (table columns aligned for CJK text)
and `auth` (who the command acts as: the Airflow user it authenticates as)."""
