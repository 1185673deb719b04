"""Engine and tables of the records database."""

from __future__ import annotations

import threading
from functools import lru_cache

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Engine,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    inspect,
)
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from juece import config
from juece.config import juece_home

metadata = MetaData()

ledger_entries = Table(
    "juece_ledger",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("decision_id", String(64), nullable=False, index=True),
    Column("seq", Integer, nullable=False),
    Column("stage", String(40), nullable=False),
    Column("kind", String(60), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("at", String(40), nullable=False),
    Column("data", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("hash", String(64), nullable=False),
    Column("act_key", String(250), nullable=True),
    UniqueConstraint("decision_id", "seq", name="uq_juece_ledger_seq"),
    UniqueConstraint("decision_id", "act_key", name="uq_juece_ledger_act"),
    Index("ix_juece_ledger_kind", "decision_id", "kind", "seq"),
    # every decision with an entry of a kind (the DAG file's launched and closed decisions),
    # read without scanning the whole ledger
    Index("ix_juece_ledger_by_kind", "kind", "decision_id"),
)

# Public comments with the personal data kept apart from the ledger (R-H6): the ledger holds
# the text and its receipt; name and contact stay here, for the restricted full edition only.
comments = Table(
    "juece_comments",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("decision_id", String(64), nullable=False),
    Column("receipt", String(20), nullable=False),
    Column("ledger_seq", Integer, nullable=False),
    Column("ledger_hash", String(64), nullable=False),
    Column("text_sha256", String(64), nullable=False),
    Column("cluster", String(16), nullable=False),
    Column("paragraph", Integer, nullable=True),
    Column("channel", String(20), nullable=False),
    Column("client", String(64), nullable=False),
    Column("name", Text, nullable=True),
    Column("contact", Text, nullable=True),
    Column("received_at", String(40), nullable=False),
    Column("late", Boolean, nullable=False),
    UniqueConstraint("decision_id", "receipt", name="uq_juece_comment_receipt"),
    Index("ix_juece_comment_resubmit", "decision_id", "client", "text_sha256"),
)

counters = Table(
    "juece_counters",
    metadata,
    Column("decision_id", String(64), primary_key=True),
    Column("name", String(30), primary_key=True),
    Column("value", Integer, nullable=False),
)


READ_ONLY = "juece_read_only"  # execution option of `reading` connections


def records_url() -> str:
    if url := config.records_url():
        return url
    home = juece_home()
    home.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{home / 'records.db'}"


@lru_cache(maxsize=8)
def _engine_for(url: str) -> Engine:
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"timeout": 60})
        _serialize_sqlite_writers(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
    metadata.create_all(engine)
    _ensure_indexes(engine)
    return engine


def _ensure_indexes(engine: Engine) -> None:
    """A records DB made before an index was added gets it; another process creating the same
    index at the same moment is not an error."""
    for index in ledger_entries.indexes:
        try:
            index.create(engine, checkfirst=True)
        except (OperationalError, ProgrammingError):
            if index.name not in {found["name"] for found in inspect(engine).get_indexes(ledger_entries.name)}:
                raise


def get_engine(url: str | None = None) -> Engine:
    return _engine_for(url or records_url())


_ensured: set[tuple[str, str]] = set()
_ensuring = threading.Lock()
CREATE_ATTEMPTS = 3  # another process may create some of the tables between our checks


def ensure_tables(engine: Engine | None, *tables: Table) -> Engine:
    """The engine (the records DB by default) with these tables created, once per process; a
    process that loses the race to create them finds them made by the other."""
    engine = engine or get_engine()
    key = (str(engine.url), ",".join(table.name for table in tables))
    if key in _ensured:
        return engine
    with _ensuring:  # threads of this process create them one at a time
        if key not in _ensured:
            for attempt in range(CREATE_ATTEMPTS):
                try:
                    metadata.create_all(engine, tables=list(tables))
                    break
                except (IntegrityError, OperationalError, ProgrammingError):
                    if attempt == CREATE_ATTEMPTS - 1:
                        raise  # not a race with another process: a real error
            _ensured.add(key)
    return engine


def reading(engine: Engine) -> Connection:
    """A connection for reads only: on SQLite its transactions do not take the write lock, so
    a search neither waits for a writer nor holds other readers back (WAL gives it a snapshot)."""
    return engine.connect().execution_options(**{READ_ONLY: True})


def _serialize_sqlite_writers(engine: Engine) -> None:
    """Each transaction takes SQLite's write lock at BEGIN, so chain appends never interleave
    (except on connections opened by `reading`)."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        reading = connection.get_execution_options().get(READ_ONLY)
        connection.exec_driver_sql("BEGIN" if reading else "BEGIN IMMEDIATE")
