"""Personal data beside the ledger (R-H6): the client address kept only as a keyed hash and only
for its retention period; names, contacts and client hashes erased with the chain intact."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from juece.adapters.store.comments import CommentStore
from juece.adapters.store.db import comments
from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import client_secret, erase, expire_clients, keyed_client
from juece.domain import steps
from juece.domain.record.acts import Act
from juece.domain.record.ledger import verify_chain
from juece.domain.stages import Stage
from juece.spec import load_spec

URBAN = Path(__file__).resolve().parents[4] / "templates" / "urban-planning.yaml"
START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
ADDRESS = "203.0.113.7"


def noticed(ledger: Ledger) -> str:
    spec = load_spec(URBAN)
    ledger.append(spec.id, Act(Stage.LAUNCH, "launched", "sponsor_office", {"spec": spec.model_dump(mode="json")}))
    ledger.append_many(spec.id, steps.publish_notice(spec, ledger.entries(spec.id), START))
    return spec.id


def commented(ledger: Ledger, decision: str, days: int, name: str | None = "王小明") -> None:
    CommentStore(ledger).submit(decision, f"第{days}天的意见。", START + timedelta(days=days),
                                            name=name, contact="13912345678", client=ADDRESS)


def rows(ledger: Ledger) -> list[dict[str, object]]:
    with ledger.engine.connect() as conn:
        return [dict(r._mapping) for r in conn.execute(select(comments).order_by(comments.c.id))]


def test_the_client_address_is_kept_as_an_hmac_under_the_records_db_secret(juece_home: Path) -> None:
    ledger = Ledger()
    commented(ledger, noticed(ledger), 1)
    stored = rows(ledger)[0]["client"]
    unkeyed = hashlib.sha256(f"juece-client:{ADDRESS}".encode()).hexdigest()[:32]
    assert stored != unkeyed and ADDRESS not in str(stored)
    secret = client_secret(ledger.engine)
    assert len(secret) == 64 and stored == keyed_client(secret, ADDRESS)
    assert client_secret(ledger.engine) == secret  # made once, kept in the records DB


def test_the_client_secret_can_be_given_in_the_environment(juece_home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_CLIENT_KEY", "a-secret-of-the-operator")
    ledger = Ledger()
    commented(ledger, noticed(ledger), 1)
    assert rows(ledger)[0]["client"] == keyed_client(b"a-secret-of-the-operator", ADDRESS)


def test_client_hashes_past_their_retention_are_cleared_and_newer_ones_kept(juece_home: Path) -> None:
    ledger = Ledger()
    decision = noticed(ledger)
    commented(ledger, decision, 1)
    commented(ledger, decision, 20)
    assert expire_clients(ledger.engine, START + timedelta(days=40), timedelta(days=30)) == 1
    assert [bool(row["client"]) for row in rows(ledger)] == [False, True]
    assert expire_clients(ledger.engine, START + timedelta(days=40), timedelta(days=30)) == 0


def test_erasure_clears_names_contacts_and_clients_records_counts_only_and_the_chain_verifies(
        juece_home: Path) -> None:
    ledger = Ledger()
    decision = noticed(ledger)
    commented(ledger, decision, 1)
    commented(ledger, decision, 2, name=None)
    commented(ledger, decision, 9)
    erased = erase(ledger, decision, "administrator", before=START + timedelta(days=5))
    assert erased.as_dict() == {"names": 1, "contacts": 2, "clients": 2}
    assert [(r["name"], r["contact"], bool(r["client"])) for r in rows(ledger)] == [
        (None, None, False), (None, None, False), ("王小明", "13912345678", True)]
    entries = ledger.entries(decision)
    last = entries[-1]
    assert (last["kind"], last["actor"], last["hash"]) == ("personal_data_erased", "administrator", erased.entry_hash)
    assert "王小明" not in json.dumps(last, ensure_ascii=False) and "13912345678" not in json.dumps(last)
    assert verify_chain(entries, decision).intact


def test_an_erasure_with_nothing_to_clear_records_nothing(juece_home: Path) -> None:
    ledger = Ledger()
    decision = noticed(ledger)
    before = len(ledger.entries(decision))
    assert erase(ledger, decision, "administrator").entry_hash is None
    assert len(ledger.entries(decision)) == before
