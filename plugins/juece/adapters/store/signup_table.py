"""The table of public sign-ups for hearings (R-B6): personal data beside the ledger (R-H6), read by
the sign-up store (signups.py) and by the public-text redactor (personal.py)."""

from __future__ import annotations

from sqlalchemy import Column, Index, Integer, String, Table, Text, UniqueConstraint

from juece.adapters.store.db import metadata

signups = Table(
    "juece_hearing_signups",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("decision_id", String(64), nullable=False),
    Column("receipt", String(20), nullable=False),
    Column("ledger_seq", Integer, nullable=False),
    Column("ledger_hash", String(64), nullable=False),
    Column("side", Text, nullable=False),
    Column("client", String(64), nullable=False),
    Column("name", Text, nullable=True),
    Column("contact", Text, nullable=True),
    Column("received_at", String(40), nullable=False),
    UniqueConstraint("decision_id", "receipt", name="uq_juece_signup_receipt"),
    Index("ix_juece_signup_decision", "decision_id"),
)
