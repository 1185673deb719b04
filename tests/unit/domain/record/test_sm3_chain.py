"""An SM3-chained record verifies like a SHA-256 one; a changed byte is refused; a chain that
mixes the two is refused naming the cause (R-H2); chains recorded before SM3 verify unchanged."""

from __future__ import annotations

import copy
import json

import pytest

from juece.domain.record.digests import sm3_hex
from juece.domain.record.errors import RecordError
from juece.domain.record.launch import launched_spec
from juece.domain.record.ledger import BODY_FIELDS, canonical_json, verify_chain
from tests.unit.domain.record.recorded_chains import CHAINS_DIR
from tests.unit.domain.record.sm3_chains import DECISION, chain, link


def test_an_sm3_chain_verifies_and_its_hashes_are_sm3_of_the_canonical_body() -> None:
    entries = chain("sm3")
    report = verify_chain(entries, DECISION)
    assert report.intact, report.problems
    assert report.algorithm == "sm3" and report.head == entries[-1]["hash"]
    payload = {name: entries[1][name] for name in BODY_FIELDS} | {"prev_hash": entries[0]["hash"]}
    assert entries[1]["hash"] == sm3_hex(canonical_json(payload))


@pytest.mark.parametrize("position", [0, 2])
def test_a_changed_byte_in_an_sm3_chain_is_refused(position: int) -> None:
    entries = chain("sm3")
    changed = copy.deepcopy(entries)
    if position == 0:
        changed[0]["data"]["spec"]["decision_body"] = "延寿县人民政府办公室"
    else:
        changed[position]["data"]["text"] = "意见X"
    report = verify_chain(changed, DECISION)
    assert not report.intact
    assert f"entry {position + 1}: hash does not match its content" in report.problems


def test_a_chain_mixing_sm3_and_sha256_is_refused_naming_the_cause() -> None:
    entries = chain("sm3")
    events = [(e["stage"], e["kind"], e["actor"], e["data"]) for e in entries]
    mixed = link(events, ["sm3", "sm3", "sha256", "sm3"])
    report = verify_chain(mixed, DECISION)
    assert len(report.problems) == 1
    assert report.problems[0].startswith("entry 3: [R-H2]")
    assert "hashed with sha256 while the chain declares sm3" in report.problems[0]


def test_a_sha256_chain_with_an_sm3_entry_is_refused_too() -> None:
    entries = chain("sha256", declare=False)
    events = [(e["stage"], e["kind"], e["actor"], e["data"]) for e in entries]
    report = verify_chain(link(events, ["sha256", "sm3", "sha256", "sha256"]), DECISION)
    assert report.algorithm == "sha256"
    assert any("entry 2: [R-H2]" in p and "hashed with sm3" in p for p in report.problems)


def test_a_chain_declaring_sm3_but_hashed_with_sha256_throughout_is_refused() -> None:
    entries = chain("sha256", declare=False)
    entries[0]["data"]["hash_algorithm"] = "sm3"  # declared afterwards: the launch's own hash no longer fits
    report = verify_chain(entries, DECISION)
    assert not report.intact and report.problems[0].startswith("entry 1:")


def test_an_unknown_declared_algorithm_is_refused() -> None:
    entries = chain("sm3")
    entries[0]["data"]["hash_algorithm"] = "md5"
    report = verify_chain(entries, DECISION)
    assert report.problems == [report.problems[0]] and "unknown hash algorithm 'md5'" in report.problems[0]


@pytest.mark.parametrize("path", sorted(CHAINS_DIR.glob("*.json")), ids=lambda p: p.stem)
def test_chains_recorded_before_sm3_are_sha256_and_verify_unchanged(path) -> None:
    entries = json.loads(path.read_bytes())
    assert all("hash_algorithm" not in (entry["data"] or {}) for entry in entries[:1])
    report = verify_chain(entries, entries[0]["decision_id"])
    assert report.intact and report.algorithm == "sha256"


def test_the_launched_entry_of_an_sm3_chain_is_checked_with_sm3() -> None:
    entries = chain("sm3")
    with pytest.raises(Exception) as intact:  # its hash holds: only the (partial) spec is refused
        launched_spec(entries[0])
    assert "does not match its hash" not in str(intact.value)
    entries[0]["data"]["spec"]["id"] = "other"
    with pytest.raises(RecordError, match="does not match its hash"):
        launched_spec(entries[0])
