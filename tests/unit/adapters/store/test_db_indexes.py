"""A records DB made before an index was added gets it when juece opens it; the DAG file's reads
of launched and closed decisions use the (kind, decision) index instead of scanning the ledger."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import create_engine, inspect, text

from juece.adapters.store import db


def test_an_older_records_db_gets_the_kind_index(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'records.db'}"
    older = create_engine(url)
    db.metadata.create_all(older)
    with older.begin() as conn:
        conn.execute(text("DROP INDEX ix_juece_ledger_by_kind"))
    assert "ix_juece_ledger_by_kind" not in {i["name"] for i in inspect(older).get_indexes("juece_ledger")}
    older.dispose()
    engine = db.get_engine(url)
    assert "ix_juece_ledger_by_kind" in {i["name"] for i in inspect(engine).get_indexes("juece_ledger")}
    with engine.connect() as conn:
        plan = " ".join(str(row) for row in conn.execute(text(
            "EXPLAIN QUERY PLAN SELECT decision_id FROM juece_ledger WHERE kind = 'launched'")))
    assert "ix_juece_ledger_by_kind" in plan
