"""The `juece` command: one module per command group, each with `register(sub)`; `main` parses and maps errors to exit codes."""
