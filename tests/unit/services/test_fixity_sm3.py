"""The readers of the records DB with an SM3-chained decision beside a SHA-256 one: `juece fixity`
finds both intact, and a changed byte of the SM3 chain broken, recording `fixity_failed` on
that chain with SM3; `juece record` says the chain is SM3 and intact."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from juece.adapters.store.db import ledger_entries
from juece.adapters.store.ledger import Ledger
from juece.cli.main import main
from juece.domain.record.ledger import canonical_json, verify_chain
from tests.unit.domain.record.sm3_chains import DECISION, chain
from tests.unit.services.test_fixity import DECISION as SHA256_DECISION
from tests.unit.services.test_fixity import ENTRIES as SHA256_ENTRIES


@pytest.fixture
def ledger(juece_home: Path) -> Ledger:
    ledger = Ledger()
    with ledger.engine.begin() as conn:
        conn.execute(ledger_entries.insert(), [{**e, "data": canonical_json(e["data"]).decode(), "act_key": None}
                                               for e in [*chain("sm3"), *SHA256_ENTRIES]])
    return ledger


def test_fixity_finds_an_sm3_chain_and_a_sha256_chain_intact(ledger: Ledger, capsys) -> None:  # noqa: ANN001
    assert main(["fixity"]) == 0
    assert "all intact" in capsys.readouterr().out


def test_fixity_reports_a_changed_sm3_entry_and_records_it_with_sm3(ledger: Ledger, capsys) -> None:  # noqa: ANN001
    with ledger.engine.begin() as conn:
        conn.execute(ledger_entries.update().where(ledger_entries.c.decision_id == DECISION,
                                                   ledger_entries.c.seq == 3).values(actor="someone_else"))
    assert main(["fixity", "--json"]) == 1
    findings = json.loads(capsys.readouterr().out)["findings"]
    broken = [f for f in findings if f["check"] == "chain_broken"]
    assert [f["decision_id"] for f in broken] == [DECISION]
    assert any("entry 3: hash does not match its content" in p for p in broken[0]["problems"])
    entries = Ledger().entries(DECISION)
    assert entries[-1]["kind"] == "fixity_failed"
    report = verify_chain(entries, DECISION)  # the appended entry is SM3: only the changed one is wrong
    assert report.algorithm == "sm3" and report.problems == ["entry 3: hash does not match its content"]
    assert verify_chain(Ledger().entries(SHA256_DECISION)).intact


def test_record_says_the_chain_is_sm3_and_intact(ledger: Ledger, capsys, airflow_login) -> None:  # noqa: ANN001
    airflow_login.sign_in("archivist")
    assert main(["record", DECISION]) == 0
    out = capsys.readouterr().out
    assert f"chain head {chain('sm3')[-1]['hash']} (sm3, 4 entries, intact)" in out
    assert main(["record", SHA256_DECISION]) == 0
    assert "(3 entries, intact)" in capsys.readouterr().out
