"""The decision bodies' settings kept in the records DB (决策机关设置): for now the hash algorithm
of the chains of the decisions a body makes (`sha256`, the default, or `sm3`).

The algorithm is the body's, not a decision's: a body whose rules require the national
algorithms (GB/T 39786) sets it once, with `juece body-key hash BODY --algorithm sm3`, and
every decision it launches afterwards is SM3-chained; its `launched` entry records the
choice, so a decision keeps its algorithm for good whatever the body sets later. Nothing
secret is kept here: the table needs no key encryption key and sits beside the ledger.
"""

from __future__ import annotations

from sqlalchemy import Column, Engine, String, Table, Text, select

from juece.adapters.store.body_keys import body_hash
from juece.adapters.store.db import ensure_tables, metadata, reading
from juece.adapters.store.ledger import utc_now
from juece.domain.record.digests import DEFAULT, checked

body_settings = Table(
    "juece_body_settings",
    metadata,
    Column("body_hash", String(64), primary_key=True),
    Column("body", Text, nullable=False),
    Column("hash_algorithm", String(16), nullable=False),
    Column("set_at", String(40), nullable=False),
    Column("set_by", String(200), nullable=False),
)


class BodySettings:
    def __init__(self, engine: Engine | None = None) -> None:
        self.engine = ensure_tables(engine, body_settings)

    def hash_algorithm(self, body: str) -> str:
        """The algorithm the body's new chains use: SHA-256 unless the body set another."""
        with reading(self.engine) as conn:
            row = conn.execute(select(body_settings.c.hash_algorithm)
                               .where(body_settings.c.body_hash == body_hash(body))).first()
        return checked(row.hash_algorithm) if row else DEFAULT

    def set_hash_algorithm(self, body: str, algorithm: str, set_by: str) -> None:
        row = {"body_hash": body_hash(body), "body": body.strip(), "hash_algorithm": checked(algorithm),
               "set_at": utc_now(), "set_by": set_by}
        with self.engine.begin() as conn:
            found = conn.execute(select(body_settings.c.body_hash)
                                 .where(body_settings.c.body_hash == row["body_hash"])).first()
            if found is None:
                conn.execute(body_settings.insert(), row)
            else:
                conn.execute(body_settings.update().where(body_settings.c.body_hash == row["body_hash"]), row)
