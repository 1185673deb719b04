"""A hearing sign-up's personal data is kept as a commenter's is (R-H6): the public-text redactor
knows the names and contacts, erasure clears them with the comments' (counts recorded, chain whole),
and the client hash goes after its retention period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import select

from juece.adapters.store.ledger import Ledger
from juece.adapters.store.personal import erase, expire_clients, public_text
from juece.adapters.store.signup_table import signups
from juece.adapters.store.signups import SignupStore
from juece.domain.record.ledger import verify_chain
from tests.unit.web.test_hearing_signup import announced

FORM = {"name": "吴桂兰", "contact": "wuguilan@example.cn", "side": "居民"}


def signed_up(ledger: Ledger) -> str:
    decision = announced(ledger)
    SignupStore(ledger, limit=None).submit(decision, FORM, datetime.now(UTC), "10.0.0.7")
    return decision


def test_the_redactor_knows_a_signups_name_and_contact(juece_home: Path) -> None:
    ledger = Ledger()
    decision = signed_up(ledger)
    cleaned, removed = public_text(ledger, decision).clean("吴桂兰报名，联系 wuguilan@example.cn。")
    assert "吴桂兰" not in cleaned and "wuguilan" not in cleaned and removed


def test_erasure_clears_a_signups_name_contact_and_client_and_records_the_counts(juece_home: Path) -> None:
    ledger = Ledger()
    decision = signed_up(ledger)
    done = erase(ledger, decision, "administrator")
    assert done.as_dict() == {"names": 1, "contacts": 1, "clients": 1} and done.entry_hash
    with ledger.engine.connect() as conn:
        row = conn.execute(select(signups)).one()
    assert (row.name, row.contact, row.client) == (None, None, "")
    assert verify_chain(ledger.entries(decision), decision).intact


def test_the_client_hash_of_a_signup_goes_after_its_retention(juece_home: Path) -> None:
    ledger = Ledger()
    signed_up(ledger)
    expire_clients(ledger.engine, datetime.now(UTC) + timedelta(days=31))
    with ledger.engine.connect() as conn:
        assert conn.execute(select(signups.c.client)).scalar_one() == ""
