"""Every chain stored in the test data verifies, re-serialises to the same bytes and the same
hashes, and is what the code records today, byte for byte (R-H1, R-H2)."""

from __future__ import annotations

import hashlib
import json

import pytest

from juece.domain.record.kinds import Kind
from juece.domain.record.ledger import BODY_FIELDS, GENESIS, canonical_json, verify_chain
from tests.unit.domain.record.recorded_chains import BUILDERS, CHAINS_DIR, stored

FILES = sorted(CHAINS_DIR.glob("*.json"))


def test_the_stored_chains_are_the_recorded_ones() -> None:
    assert [f.stem for f in FILES] == sorted(BUILDERS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_a_stored_chain_verifies(path) -> None:
    entries = json.loads(path.read_bytes())
    report = verify_chain(entries, entries[0]["decision_id"])
    assert report.intact, report.problems
    assert report.length == len(entries) > 1 and report.head == entries[-1]["hash"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_a_stored_chain_reserialises_to_the_same_bytes_and_hashes(path) -> None:
    raw = path.read_bytes()
    entries = json.loads(raw)
    assert canonical_json(entries) == raw
    prev = GENESIS
    for entry in entries:
        payload = {name: entry[name] for name in BODY_FIELDS} | {"prev_hash": prev}
        assert hashlib.sha256(canonical_json(payload)).hexdigest() == entry["hash"]
        prev = entry["hash"]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_every_kind_in_a_stored_chain_is_a_kind_member(path) -> None:
    assert {entry["kind"] for entry in json.loads(path.read_bytes())} <= set(Kind)


@pytest.mark.parametrize("name", sorted(BUILDERS))
def test_the_code_records_today_what_was_stored_byte_for_byte(name: str) -> None:
    assert canonical_json(BUILDERS[name]()) == stored(name)
