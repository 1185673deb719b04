"""`juece personal erase`: an administrator clears a decision's commenters' names and contacts,
sees what was cleared, and the chain still verifies; nobody else may (R-H6)."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from juece.adapters.store.db import comments
from juece.adapters.store.ledger import Ledger
from tests.unit.adapters.store.test_personal import commented, noticed


@pytest.fixture(autouse=True)
def administrators(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUECE_ADMIN_USERS", "administrator")


def test_an_administrator_erases_and_is_told_what_and_that_the_chain_is_intact(run, juece_home, signed_in) -> None:
    signed_in.sign_in("administrator")
    ledger = Ledger()
    decision = noticed(ledger)
    commented(ledger, decision, 1)
    commented(ledger, decision, 9)
    code, out, err = run("personal", "erase", decision, "--before", "2026-03-05")
    assert (code, err) == (0, "")
    assert "names 1" in out and "contacts 1" in out and "client hashes 1" in out and "chain 完整 intact" in out
    with ledger.engine.connect() as conn:
        assert [r.name for r in conn.execute(select(comments.c.name).order_by(comments.c.id))] == [None, "王小明"]
    code, out, _ = run("personal", "erase", decision, "--before", "2026-03-05")
    assert code == 0 and "nothing recorded" in out


def test_someone_not_an_administrator_is_refused_and_nothing_is_cleared(run, juece_home, signed_in) -> None:
    ledger = Ledger()
    decision = noticed(ledger)
    commented(ledger, decision, 1)
    code, _, err = run("personal", "erase", decision)
    assert code == 2 and "[R-" not in err and "only an administrator" in err  # not theirs to do
    assert ledger.latest(decision, "personal_data_erased") is None


def test_expire_clears_client_hashes_past_the_retention(run, juece_home, signed_in, monkeypatch) -> None:
    signed_in.sign_in("administrator")
    monkeypatch.setenv("JUECE_CLIENT_RETENTION_DAYS", "0")
    ledger = Ledger()
    commented(ledger, noticed(ledger), 1)
    code, out, _ = run("personal", "expire")
    assert code == 0 and "cleared 1 client hashes older than 0 days" in out
