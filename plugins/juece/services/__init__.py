"""The application layer: one module per group of use cases, shared by the DAG tasks, the web pages, the CLI and the demo. A use case is given the ledger (or the record) it works on by its caller."""
